import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lock file `<file>.lock`, judged by flock(2) alone: its owner holds flock on it until it lets go or dies
/// (the kernel drops a dead process's flock at once, reboot or not). A lock file whose flock nobody holds is
/// stale, whatever pid it names — pids are reused after a reboot, and a lock naming pid 1 (alive for ever) must
/// not block a card for ever. The pid inside is only a note for people and for the journal's `lock.takeover`.
///
/// The owner creates the file with O_EXCL, takes its flock, and only then checks that the path still names the
/// file it created: in the instant before its flock a waiter may have judged the new file stale and removed it
/// (a waiter removes a file only while holding that file's flock), and then the creator starts again. Once the
/// creator holds the flock of the file at the path, nobody can remove it. So two writers never both hold the
/// lock, no temp file is ever left behind, and a waiter takes over only the very file it found abandoned.
/// Waiting is done in flock(2) too, so a waiter wakes the moment the owner lets go.
public struct FileLock {
    public let path: String
    /// The pid named by the stale lock this one replaced (journaled as `lock.takeover`).
    public private(set) var tookOverFrom: Int32?
    private let fd: Int32

    /// Takes the lock, waiting for up to `timeout` seconds while a live process holds it.
    public static func acquire(_ path: String, timeout: Double = 5) throws -> FileLock {
        let deadline = Date().addingTimeInterval(timeout)
        var tookOver: Int32?
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
                guard isSameFile(fd, path) else { close(fd); continue }   // judged stale before our flock: again
                let pid = Array("\(getpid())\n".utf8)
                _ = write(fd, pid, pid.count)
                return FileLock(path: path, tookOverFrom: tookOver, fd: fd)
            }
            guard errno == EEXIST else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
            let other = open(path, O_RDONLY | O_CLOEXEC)
            guard other >= 0 else { continue }   // let go meanwhile
            if flock(other, LOCK_EX | LOCK_NB) != 0 {
                // Held by a live owner: wait in flock(2) until it lets go, then try again.
                let left = deadline.timeIntervalSinceNow
                switch left > 0 ? FlockWait.wait(fd: other, timeout: left) : .timedOut {
                case .acquired: close(other); continue
                case .failed: close(other); usleep(1_000); continue
                case .timedOut:
                    if left <= 0 { close(other) }   // (after a real wait the waiting thread closes it)
                    throw StoreError.locked(path: path, pid: ownerPid(path) ?? 0)
                }
            }
            // Nobody holds this file's flock: stale, if it is still the file at `path`. (A file with no pid yet is
            // one being created this instant, or whose creator died before writing it: removed, not journaled.)
            defer { close(other) }
            guard isSameFile(other, path) else { continue }
            let owner = pid(in: other)
            if unlink(path) == 0, let owner { tookOver = owner }   // safe: we hold its flock, and it is still there
        }
    }

    /// Removes the lock file, then lets go of its flock (a waiter that wakes finds the file gone).
    public func release() {
        unlink(path)
        close(fd)
    }

    static func ownerPid(_ path: String) -> Int32? {
        guard let d = FileManager.default.contents(atPath: path),
              let s = String(data: d, encoding: .utf8) else { return nil }
        return Int32(s.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func pid(in fd: Int32) -> Int32? {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buf, buf.count, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether a process with this pid exists (for the sweep of temp files named by pid; never to judge a lock).
    static func isAlive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    private static func isSameFile(_ fd: Int32, _ path: String) -> Bool {
        var a = stat(), b = stat()
        return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev
    }

    /// Runs `body` holding the lock on `file`.
    public static func with<T>(_ file: String, _ body: (FileLock) throws -> T) throws -> T {
        try AtomicFile.ensureDirectory((file as NSString).deletingLastPathComponent)
        let lock = try acquire(file + ".lock")
        defer { lock.release() }
        return try body(lock)
    }
}
