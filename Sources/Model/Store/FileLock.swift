import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lock file `<file>.lock` made with O_EXCL, holding the owner's pid (git's lockfile.c does the same).
/// A lock whose owner is gone is stale: it is taken over, and the caller journals that.
///
/// The owner also holds flock(2) on its lock file for as long as it lives, and that is what "gone" means:
/// a process that dies loses its flock at once, whatever happens to its pid. A waiter takes over only the
/// very file it found abandoned, while holding that file's flock itself, so that two waiters can never
/// both remove a lock, nor remove a lock that a third process has just created. (Judging by the pid alone,
/// a waiter could read the pid of an owner that then finished and exited, and remove the *next* owner's
/// fresh lock: 20 concurrent writers lost a save about one run in five.) Waiting is done in flock(2) too,
/// so a waiter wakes the moment the owner lets go.
public struct FileLock {
    public let path: String
    /// The pid of a dead owner whose stale lock this one replaced.
    public private(set) var tookOverFrom: Int32?
    private let fd: Int32

    /// Takes the lock, waiting for up to `timeout` seconds while a live process holds it.
    public static func acquire(_ path: String, timeout: Double = 5) throws -> FileLock {
        let deadline = Date().addingTimeInterval(timeout)
        var tookOver: Int32?
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                // flock before the pid is written: a waiter that finds the flock free and no pid knows we are
                // still being born (it lets go at once), and one that finds a pid knows its owner had the flock.
                while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
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
            // Nobody holds this file's flock. Still the file at `path`? Then judge its owner.
            defer { close(other) }
            guard isSameFile(other, path) else { continue }
            let owner = pid(in: other)
            if let pid = owner, pid != getpid(), !isAlive(pid) {
                if unlink(path) == 0 { tookOver = pid }   // safe: we hold its flock, and it is still there
                continue
            }
            if owner == nil, let age = ageOf(path), age > 10 {
                // A lock file with no pid after 10 s: its writer died mid-creation.
                if unlink(path) == 0 { tookOver = 0 }
                continue
            }
            // A live pid without a flock: a profrost from before flock (or a lock being born). Poll.
            if Date() > deadline { throw StoreError.locked(path: path, pid: owner ?? 0) }
            usleep(1_000)
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

    private static func isSameFile(_ fd: Int32, _ path: String) -> Bool {
        var a = stat(), b = stat()
        return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev
    }

    static func isAlive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    static func ageOf(_ path: String) -> Double? {
        guard let m = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
        return Date().timeIntervalSince(m)
    }

    /// Runs `body` holding the lock on `file`.
    public static func with<T>(_ file: String, _ body: (FileLock) throws -> T) throws -> T {
        try AtomicFile.ensureDirectory((file as NSString).deletingLastPathComponent)
        let lock = try acquire(file + ".lock")
        defer { lock.release() }
        return try body(lock)
    }
}
