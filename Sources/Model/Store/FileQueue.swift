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
/// it can never go stale, and no `.lock` file is needed beside it (one used to be made and removed inside it on
/// every append: two changes of the workspace folder while every other writer waited).
final class FileQueue {
    /// The file, open for reading and appending (O_APPEND): what the holder reads and writes under the lock.
    let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Waits for the lock on `path` (created if missing). Throws `StoreError.locked` when another process holds it
    /// past `timeout`, and `StoreError.io` when the file cannot be opened or locked: nothing is written then.
    static func lock(_ path: String, timeout: Double) throws -> FileQueue {
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            // Nothing can be appended to a file that cannot be opened for writing: say why, before anything is written.
            throw StoreError.io(path: path, reason: "cannot write the journal: \(String(cString: strerror(errno)))")
        }
        switch FlockWait.lock(fd: fd, timeout: timeout) {
        case .acquired: return FileQueue(fd: fd)
        case .failed:
            let reason = String(cString: strerror(errno))
            close(fd)
            throw StoreError.io(path: path, reason: "cannot lock the journal: \(reason)")
        case .timedOut: throw StoreError.locked(path: path, pid: 0)
        }
    }

    func unlock() {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Appends `data` to the file (opened with O_APPEND) while the lock is held.
    func append(_ data: Data, path: String) throws {
        try Self.writeAll(data, to: fd, path: path)
    }

    /// write(2) until every byte is written (a write may take fewer), retrying on EINTR.
    static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
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

    /// flock(2) LOCK_EX, waiting as long as it takes, retried on EINTR; false when it fails.
    static func lockWaiting(_ fd: Int32) -> Bool {
        var rc: Int32
        repeat { rc = flock(fd, LOCK_EX) } while rc != 0 && errno == EINTR
        return rc == 0
    }

    /// Lets the next writer in, then makes what this writer appended durable, sharing the fsync with writers who
    /// arrive together (group commit, as databases do with their logs).
    ///
    /// Why: every save used to fsync the journal itself; 20 writers at once queued 20 fsyncs of one file. Now the
    /// writer notes where its entries end, lets go of the journal, and takes `<journal>.sync` (another flock):
    /// that file holds how far the journal is known to be on disk. If another writer's fsync, begun after our
    /// append, already covered our end, we are done without one; else we fsync and record the size we flushed.
    /// Writers who queue behind an fsync find themselves covered by it. fsync(2) flushes the whole file, so an
    /// offset recorded after it returned is a promise for every byte before it. A crash loses only the record,
    /// never durability: a missing or short `.sync` file only means the next writer fsyncs. A journal cut back by
    /// hand below the record would let the next writers skip their fsync until it grows past it again: that is
    /// tampering, which `audit verify` reports; the torn-end repair removes the record.
    ///
    /// `alongside` runs on another thread while the journal is made durable, and this returns when both are done
    /// (its error first): a save writes and fsyncs its new document there. Why at the same time: each fsync is a
    /// device flush, and two flushes issued together cost about one; in a row, two (the save's latency was three
    /// flushes end to end: document, journal, folder). The price is a window in which a power cut can leave a
    /// durable entry whose document is not: recovery then journals `save.abort` (see `Workspace.update`); the
    /// save had not returned, so nobody was told it happened.
    func unlockThenSync(path: String, alongside: (@Sendable () throws -> Void)? = nil) throws {
        let end = lseek(fd, 0, SEEK_CUR)   // O_APPEND: where our entries end
        flock(fd, LOCK_UN)
        defer { close(fd) }
        let side = alongside.map { Alongside($0) }
        let synced = Result { try syncShared(path: path, end: end) }
        try side?.wait()
        try synced.get()
    }

    /// A piece of work started on another thread, waited for once.
    private final class Alongside: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: Result<Void, Error> = .success(())

        init(_ work: @escaping @Sendable () throws -> Void) {
            DispatchQueue.global().async {
                self.result = Result { try work() }
                self.done.signal()
            }
        }

        func wait() throws {
            done.wait()
            try result.get()
        }
    }

    /// The group commit proper: fsync unless a writer's fsync that began after our append already covered `end`.
    private func syncShared(path: String, end: off_t) throws {
        let gate = open(path + ".sync", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard gate >= 0, end > 0 else { return try sync(path: path) }
        defer { close(gate) }
        guard FileQueue.lockWaiting(gate) else { return try sync(path: path) }
        defer { flock(gate, LOCK_UN) }
        if let synced = Self.readOffset(gate), synced >= end { return }
        var st = stat()
        let size = fstat(fd, &st) == 0 ? max(st.st_size, end) : end
        try sync(path: path)
        // Record only whole lines: another writer may be in the middle of its append, and a crash would cut its
        // torn line off (`journal.repair`); what we record must stay at or below what is kept.
        Self.writeOffset(gate, lineBoundary(atOrBefore: size, floor: end))
    }

    /// The offset just after the last newline at or before `offset` (never below `floor`, our own end, which is
    /// one).
    private func lineBoundary(atOrBefore offset: off_t, floor: off_t) -> off_t {
        var at = offset
        var byte: UInt8 = 0
        while at > floor {
            guard pread(fd, &byte, 1, at - 1) == 1 else { return floor }
            if byte == 0x0A { return at }
            at -= 1
        }
        return floor
    }

    private func sync(path: String) throws {
        guard fsync(fd) == 0 else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
    }

    /// The journal offset recorded in the gate file ("<decimal>\n"); nil when absent or unreadable.
    static func readOffset(_ fd: Int32) -> off_t? {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buf, buf.count, 0)
        guard n > 1, let nl = buf[0..<n].firstIndex(of: 0x0A) else { return nil }
        return off_t(String(decoding: buf[0..<nl], as: UTF8.self))
    }

    static func writeOffset(_ fd: Int32, _ offset: off_t) {
        let text = Array("\(offset)\n".utf8)
        if pwrite(fd, text, text.count, 0) == text.count { _ = ftruncate(fd, off_t(text.count)) }
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

    /// The lock at once when it is free; else `wait`. (A failure other than "held" is `.failed`, errno kept.)
    static func lock(fd: Int32, timeout: Double) -> Outcome {
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return .acquired }
        guard errno == EWOULDBLOCK || errno == EINTR else { return .failed }
        guard timeout > 0 else {
            close(fd)   // as after a real wait: on `.timedOut` the caller no longer owns `fd`
            return .timedOut
        }
        return wait(fd: fd, timeout: timeout)
    }

    private static func wait(fd: Int32, timeout: Double) -> Outcome {
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
            let got = FileQueue.lockWaiting(fd)
            state.lock()
            acquired = got
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

/// Group commit of one folder's fsync among every process that renames files into it (a save's last step).
///
/// Why: a save renames its document into place and must then fsync the folder, so that the rename survives a
/// power cut. On this kind of server (ext4, a virtual disk) each fsync is a device flush costing about a
/// millisecond of the CPU's time and more of the disk's; 20 principals saving at once queued 20 flushes of the
/// same folder, one after the other. Now a writer takes a ticket after its rename, and the first writer to get
/// the folder's sync turn flushes it once for every ticket taken before its flush began; writers whose ticket
/// that flush covered return without one. The same idea as the journal's shared fsync (`unlockThenSync`), with
/// a counter instead of a file offset, because renames leave no offset behind.
///
/// Two small files in the workspace's `pending/` folder carry it: `<gate>` holds "<tickets taken> <tickets
/// flushed>\n" (both changed only under flock(2) on it, held for a read and a write), and `<gate>.turn` is
/// flock'ed for the length of one flush, so that writers who arrive during a flush wait for it and are then
/// covered by the next one together. Correctness never rests on these files: a ticket is taken only after its
/// rename returned, and a flush counts only tickets read before it began. A missing, unreadable or reset gate
/// only costs an fsync (a writer whose counters look wrong flushes itself); the kernel drops the flocks of a
/// process that dies.
struct FolderSync {
    /// Path of the counters file; the turn file is `gate + ".turn"`.
    let gate: String

    /// Returns once `dir` has been flushed by a flush that began after this call did. `flush` is the fsync of the
    /// folder (replaced in tests, to see which calls a flush covered).
    func sync(_ dir: String, flush: (String) throws -> Void = AtomicFile.syncDirectory) throws {
        let counters = open(gate, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard counters >= 0 else { return try flush(dir) }
        defer { close(counters) }
        // 1. A ticket, after our rename.
        guard let ticket = Self.locked(counters, { taken, synced in (taken + 1, synced) })?.0 else {
            return try flush(dir)
        }
        // 2. Our turn to flush, unless a flush that began after our ticket has already covered it.
        let turn = open(gate + ".turn", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard turn >= 0 else { return try flush(dir) }
        defer { close(turn) }
        guard FileQueue.lockWaiting(turn) else { return try flush(dir) }
        defer { flock(turn, LOCK_UN) }
        guard let (taken, synced) = Self.locked(counters, { ($0, $1) }) else { return try flush(dir) }
        if synced >= ticket { return }
        // Every ticket up to `taken` belongs to a rename that had returned before this flush begins.
        try flush(dir)
        _ = Self.locked(counters) { nowTaken, nowSynced in (max(nowTaken, taken), max(nowSynced, taken)) }
    }

    /// Reads the counters under flock, lets `change` compute new ones, writes them if they differ; returns the
    /// new counters. Unreadable counters read as (0, 0): a reset only costs fsyncs. nil when flock fails.
    private static func locked(_ fd: Int32, _ change: (Int, Int) -> (Int, Int)) -> (Int, Int)? {
        guard FileQueue.lockWaiting(fd) else { return nil }
        defer { flock(fd, LOCK_UN) }
        var buf = [UInt8](repeating: 0, count: 48)
        let n = pread(fd, &buf, buf.count, 0)
        var old = (0, 0)
        if n > 0, let nl = buf[0..<n].firstIndex(of: 0x0A) {
            let parts = String(decoding: buf[0..<nl], as: UTF8.self).split(separator: " ").compactMap { Int($0) }
            if parts.count == 2, parts[0] >= 0, parts[1] >= 0, parts[1] <= parts[0] { old = (parts[0], parts[1]) }
        }
        let new = change(old.0, old.1)
        if new != old {
            let text = Array("\(new.0) \(new.1)\n".utf8)
            if pwrite(fd, text, text.count, 0) == text.count { _ = ftruncate(fd, off_t(text.count)) }
        }
        return new
    }
}
