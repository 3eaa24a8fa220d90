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

    /// write(2) — or pwrite(2) from `offset` — until every byte is written (a write may take fewer), retrying on
    /// EINTR.
    static func writeAll(_ data: Data, to fd: Int32, path: String, at offset: off_t? = nil) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var done = 0
            while done < raw.count {
                let from = raw.baseAddress.map { $0 + done }
                let n = offset.map { pwrite(fd, from, raw.count - done, $0 + off_t(done)) } ?? write(fd, from, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
                done += n
            }
        }
    }

    /// flock(2) (LOCK_EX unless told), waiting as long as it takes, retried on EINTR; false when it fails.
    static func lockWaiting(_ fd: Int32, _ operation: Int32 = LOCK_EX) -> Bool {
        var rc: Int32
        repeat { rc = flock(fd, operation) } while rc != 0 && errno == EINTR
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
    final class Alongside: @unchecked Sendable {
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
    /// The record is the size of `<journal>.sync` (a sparse file: never written, only truncated, so it holds no
    /// data and a reader sees its size whole), and that file's flock turns the flushes (`SharedFlush`). A record
    /// larger than the journal (cut back by hand or by a restore) counts for nothing.
    private func syncShared(path: String, end: off_t) throws {
        let record = open(path + ".sync", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard record >= 0, end > 0 else {
            if record >= 0 { close(record) }
            return try sync(path: path)
        }
        defer { close(record) }
        try SharedFlush.run(turn: record, covered: {
            guard let synced = SizeMark.read(record), let size = SizeMark.read(fd) else { return false }
            return Self.covers(record: synced, journalSize: size, end: end)
        }, flush: {
            let size = max(SizeMark.read(fd) ?? end, end)
            try sync(path: path)
            // Record only whole lines: another writer may be in the middle of its append, and a crash would cut its
            // torn line off (`journal.repair`); what we record must stay at or below what is kept.
            SizeMark.raise(record, to: lineBoundary(atOrBefore: size, floor: end))
        })
    }

    /// Whether the record of what is on disk covers entries ending at `end`: it reaches them, and is no larger than
    /// the journal (a record beyond the end was left by a journal cut back or restored, and proves nothing).
    static func covers(record: off_t, journalSize: off_t, end: off_t) -> Bool {
        record >= end && record <= journalSize
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
}

/// A number kept as the size of a file: set with ftruncate(2), read with fstat(2). Why a size and not text: the
/// kernel reads and sets a size whole, so a process may read it without a lock while another sets it (text read
/// beside a pwrite(2) can come back half old, half new); and a size costs no data block to write or free.
enum SizeMark {
    static func read(_ fd: Int32) -> off_t? {
        var st = stat()
        return fstat(fd, &st) == 0 ? st.st_size : nil
    }

    /// Raises the number to `value` (never lowers it).
    static func raise(_ fd: Int32, to value: off_t) {
        if let now = read(fd), now >= value { return }
        _ = ftruncate(fd, value)
    }
}

/// A flush shared by the processes that need one at the same time (group commit), turned by flock(2) on `turn`.
///
/// `covered` says, without a lock, whether a flush that began after the caller's own change has finished (it
/// reads `SizeMark`s). The process flushing holds `turn` exclusively for the length of its flush. A caller not yet
/// covered who finds a flush under way waits for it with a *shared* flock, so that when it ends every waiter wakes
/// at once and checks for itself; a caller still not covered, or one who found no flush under way, queues for the
/// turn exclusively, checks again and flushes for everyone who arrived meanwhile. Why shared: with exclusive waits
/// the waiters were let through one at a time after each flush, only to find they were covered, and on a busy
/// two-core server every hand-over waited for a CPU. Why only while a flush is under way (the probe with
/// LOCK_SH|LOCK_NB): callers taking the shared lock whenever the turn was busy kept it shared without a break, and
/// those queued for the exclusive turn starved — a test of 12 threads on a loaded machine took 124 s instead of 4.
/// A failure to lock only costs a flush of one's own; the kernel drops a dead process's flock.
enum SharedFlush {
    static func run(turn: Int32, covered: () -> Bool, flush: () throws -> Void) throws {
        if covered() { return }
        while flock(turn, LOCK_EX | LOCK_NB) != 0 {
            if flock(turn, LOCK_SH | LOCK_NB) == 0 {
                // No flush under way, only callers checking after one: queue for the turn.
                flock(turn, LOCK_UN)
                guard FileQueue.lockWaiting(turn) else { return try flush() }
                break
            }
            // A flush under way: wait for it with the others, then see whether it covered us.
            guard FileQueue.lockWaiting(turn, LOCK_SH) else { return try flush() }
            flock(turn, LOCK_UN)
            if covered() { return }
        }
        defer { flock(turn, LOCK_UN) }
        if covered() { return }
        try flush()
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
/// same folder, one after the other. Now the flushes are numbered: `gate`'s size is the number of the last flush
/// begun, `<gate>.done`'s the number of the last flush finished (`SizeMark`s). A writer reads the number begun
/// after its rename returned; any flush numbered above it began after the rename, so the writer is done once the
/// number finished reaches it (`SharedFlush`, on `gate`'s flock, waits for that or makes the flush). Correctness
/// never rests on these files: a "finished" number above the "begun" one (a file removed or edited by hand) counts
/// for nothing, and the next flush numbers itself above both; a file that cannot be opened costs a flush of one's
/// own.
///
/// Until 2026-11-30 the gate was a text file of two counters changed under flock three times a save, and every
/// waiter took the turn exclusively after each flush: 60 lock hand-overs a burst of 20 saves.
struct FolderSync {
    /// Path of the "begun" number and of the turn's flock; the "finished" number is `gate + ".done"`.
    let gate: String

    /// Returns once `dir` has been flushed by a flush that began after this call did. `flush` is the fsync of the
    /// folder (replaced in tests, to see which calls a flush covered).
    func sync(_ dir: String, flush: (String) throws -> Void = AtomicFile.syncDirectory) throws {
        let begun = open(gate, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard begun >= 0 else { return try flush(dir) }
        defer { close(begun) }
        let finished = open(gate + ".done", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard finished >= 0 else { return try flush(dir) }
        defer { close(finished) }
        guard let mine = SizeMark.read(begun) else { return try flush(dir) }
        try SharedFlush.run(turn: begun, covered: {
            // Read "finished" first: both only grow, so a legitimate pair read in this order has done <= begun.
            guard let done = SizeMark.read(finished), let now = SizeMark.read(begun) else { return false }
            return done > mine && done <= now
        }, flush: {
            let number = max(SizeMark.read(begun) ?? 0, SizeMark.read(finished) ?? 0) + 1
            SizeMark.raise(begun, to: number)
            try flush(dir)
            SizeMark.raise(finished, to: number)
        })
    }
}
