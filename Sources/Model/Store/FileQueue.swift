import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive flock(2) on a file, waited for in the kernel's queue for at most `timeout` seconds.
///
/// Why: 20 processes appending to the journal at once used to poll its `.lock` file with growing naps; a
/// waiter asleep when the holder let go kept everyone behind it waiting, and pollers took CPU from the
/// holder (p99 of a save 80–170 ms in `profrost bench`, closed loop). Waiting in flock(2) wakes a waiter the
/// moment the lock is free (p99 ≈ 30 ms, same run). The kernel drops the lock of a process that dies, so
/// it can never go stale; the `.lock` file (`FileLock`) is still taken inside it, for its pid and for the
/// takeover rules every other writer follows.
final class FileQueue {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Waits for the lock on `path` (created if missing). nil when the file cannot be opened: the caller then
    /// relies on `FileLock` alone. Throws `StoreError.locked` when another process holds it past `timeout`.
    static func lock(_ path: String, timeout: Double) throws -> FileQueue? {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            // Nothing can be appended to a file that cannot be opened for writing: say why, before anything is written.
            if errno == EISDIR || errno == EACCES || errno == EROFS || errno == ENOTDIR || errno == EPERM {
                throw StoreError.io(path: path, reason: "cannot write the journal: \(String(cString: strerror(errno)))")
            }
            return nil
        }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return FileQueue(fd: fd) }
        switch FlockWait.wait(fd: fd, timeout: timeout) {
        case .acquired: return FileQueue(fd: fd)
        case .failed: close(fd); return nil
        case .timedOut: throw StoreError.locked(path: path, pid: FileLock.ownerPid(path + ".lock") ?? 0)
        }
    }

    func unlock() {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Appends `data` to the file (opened with O_APPEND) while the lock is held.
    func append(_ data: Data, path: String) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress.map { $0 + done }, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
                done += n
            }
        }
    }

    /// Lets the next writer in, then waits until the file is on disk. What this writer appended is durable
    /// when it returns: fsync(2) flushes the whole file, what came before included; a writer who appended
    /// meanwhile is flushed by the same call or by its own. Letting go first lets those fsyncs overlap.
    func unlockThenSync(path: String) throws {
        flock(fd, LOCK_UN)
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
    }
}

/// A blocking flock(2) that gives up after a timeout: the wait happens on a worker thread, so that the caller
/// can stop waiting; a lock the worker gets after that is let go at once.
enum FlockWait {
    enum Outcome {
        /// The lock is held on `fd`; the caller owns `fd`.
        case acquired
        /// flock(2) failed; the caller owns `fd`.
        case failed
        /// Still not free after `timeout`; `fd` now belongs to the worker, which closes it.
        case timedOut
    }

    static func wait(fd: Int32, timeout: Double) -> Outcome {
        let waiter = Waiter(fd: fd)
        DispatchQueue.global().async { waiter.block() }
        return waiter.wait(timeout: timeout)
    }

    private final class Waiter: @unchecked Sendable {
        let fd: Int32
        private let done = DispatchSemaphore(value: 0)
        private let state = NSLock()
        private var acquired = false
        private var abandoned = false

        init(fd: Int32) { self.fd = fd }

        func block() {
            var rc: Int32
            repeat { rc = flock(fd, LOCK_EX) } while rc != 0 && errno == EINTR
            state.lock()
            acquired = rc == 0
            let giveBack = abandoned
            state.unlock()
            if giveBack { close(fd) } else { done.signal() }
        }

        func wait(timeout: Double) -> Outcome {
            if done.wait(timeout: .now() + timeout) == .success {
                state.lock(); defer { state.unlock() }
                return acquired ? .acquired : .failed
            }
            state.lock(); defer { state.unlock() }
            if acquired { return .acquired }   // got it just now: `block` saw no abandonment and signalled
            abandoned = true
            return .timedOut
        }
    }
}
