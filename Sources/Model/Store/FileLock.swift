import Foundation
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// A lock file `<file>.lock` made with O_EXCL, holding the owner's pid (git's lockfile.c does the same).
/// A lock whose pid is dead is stale: it is taken over, and the caller journals that.
public struct FileLock {
    public let path: String
    /// The pid of a dead owner whose stale lock this one replaced.
    public private(set) var tookOverFrom: Int32?

    /// Takes the lock, retrying for up to `timeout` seconds while a live process holds it.
    public static func acquire(_ path: String, timeout: Double = 5) throws -> FileLock {
        let deadline = Date().addingTimeInterval(timeout)
        var delay: UInt32 = 200 // µs
        var tookOver: Int32?
        while true {
            do {
                let fd = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .exclusiveCreate],
                                                 permissions: [.ownerReadWrite, .groupRead, .otherRead])
                try fd.closeAfter { _ = try fd.writeAll(Array("\(getpid())\n".utf8)) }
                return FileLock(path: path, tookOverFrom: tookOver)
            } catch Errno.fileExists {
                let owner = ownerPid(path)
                if let pid = owner, pid != getpid(), !isAlive(pid) {
                    // Stale: remove it and retry; remember whose it was.
                    if unlink(path) == 0 { tookOver = pid }
                    continue
                }
                if owner == nil, let age = ageOf(path), age > 10 {
                    // A lock file with no readable pid after 10 s: its writer died mid-creation.
                    if unlink(path) == 0 { tookOver = 0 }
                    continue
                }
                if Date() > deadline { throw StoreError.locked(path: path, pid: owner ?? 0) }
                usleep(delay)
                // At most 2 ms between tries: with 20 writers queued on the journal, a longer nap after the
                // holder let go was most of a save's p99 (`profrost bench`).
                delay = min(delay * 2, 2_000)
            } catch let e as Errno {
                throw StoreError.io(path: path, reason: e.description)
            }
        }
    }

    public func release() { unlink(path) }

    static func ownerPid(_ path: String) -> Int32? {
        guard let d = FileManager.default.contents(atPath: path),
              let s = String(data: d, encoding: .utf8) else { return nil }
        return Int32(s.trimmingCharacters(in: .whitespacesAndNewlines))
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
