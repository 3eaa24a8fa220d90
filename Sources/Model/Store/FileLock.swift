import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lock file `<file>.lock`, judged by flock(2) alone: its owner holds flock on it until it lets go or dies
/// (the kernel drops a dead process's flock at once, reboot or not). A lock file whose flock nobody holds is
/// free, whatever pid it names — pids are reused after a reboot, and a lock naming pid 1 (alive for ever) must
/// not block a card for ever. The pid inside is only a note for people ("locked by process N") and for the
/// journal's `lock.takeover`.
///
/// The file stays once made: the owner writes its pid into it after taking the flock and empties it when it lets
/// go, so a pid found there by the next owner was left by an owner that died holding the lock (journaled as
/// `lock.takeover`). Why not create it with O_EXCL and remove it on every save, as this did until 2026-11-30: each
/// save then changed the card's folder twice more (create, unlink) besides its rename, and on a server whose
/// filesystem has no journal, a change to a folder waits while that folder's blocks are being written by another
/// writer's fsync — 20 principals saving at once waited up to 5 ms for the create and 2.4 ms for the unlink
/// (p99, `profrost-bench` saves). Now a save changes its folder once: the rename.
///
/// After taking the flock the owner checks that the path still names the file it locked (someone may have removed
/// or replaced it meanwhile, by hand or by an older profrost that removed lock files); if not, it starts again, so
/// two writers never both hold the lock of one path. Waiting is done in flock(2), so a waiter wakes the moment
/// the owner lets go.
public struct FileLock {
    public let path: String
    /// The pid named by a lock file whose owner died holding it (journaled as `lock.takeover`).
    public private(set) var tookOverFrom: Int32?
    private let fd: Int32

    /// Takes the lock, waiting for up to `timeout` seconds while a live process holds it.
    public static func acquire(_ path: String, timeout: Double = 5) throws -> FileLock {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if fd < 0 && errno == ENOENT {   // its folder is made when first missing, not checked on every save
                try AtomicFile.ensureDirectory((path as NSString).deletingLastPathComponent)
                fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            }
            if fd < 0 && errno == EACCES { fd = open(path, O_RDONLY | O_CLOEXEC) }   // flock needs no write access
            guard fd >= 0 else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
            // Held by a live owner: wait in flock(2) until it lets go.
            switch FlockWait.lock(fd: fd, timeout: deadline.timeIntervalSinceNow) {
            case .acquired: break
            case .failed:
                let reason = String(cString: strerror(errno))
                close(fd)
                throw StoreError.io(path: path, reason: reason)
            case .timedOut:
                throw StoreError.locked(path: path, pid: ownerPid(path) ?? 0)
            }
            guard isSameFile(fd, path) else {   // removed or replaced while we waited: lock the file now there
                close(fd)
                if deadline.timeIntervalSinceNow <= 0 { throw StoreError.locked(path: path, pid: ownerPid(path) ?? 0) }
                continue
            }
            let left = pid(in: fd)   // an owner that let go emptied the file: a pid here died holding the lock
            let mine = Array("\(getpid())\n".utf8)
            if pwrite(fd, mine, mine.count, 0) == mine.count { _ = ftruncate(fd, off_t(mine.count)) }
            return FileLock(path: path, tookOverFrom: left, fd: fd)
        }
    }

    /// Empties the lock file (it names nobody now), then lets go of its flock.
    public func release() {
        _ = ftruncate(fd, 0)
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
        let lock = try acquire(file + ".lock")
        defer { lock.release() }
        return try body(lock)
    }
}
