import Foundation
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Durable whole-file writes: write `<file>.tmp.<pid>`, fsync, rename over, fsync the directory.
/// A reader sees the old file or the new one, never half of one, even after a power cut.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try ensureDirectory(dir)
        let tmp = "\(path).tmp.\(getpid())"
        do {
            let fd = try FileDescriptor.open(FilePath(tmp), .writeOnly,
                                             options: [.create, .truncate], permissions: [.ownerReadWrite, .groupRead, .otherRead])
            try fd.closeAfter {
                _ = try fd.writeAll(data)
                guard fsync(fd.rawValue) == 0 else { throw Errno(rawValue: errno) }
            }
            guard rename(tmp, path) == 0 else { throw Errno(rawValue: errno) }
            try syncDirectory(dir)
        } catch let e as Errno {
            unlink(tmp)
            throw StoreError.io(path: path, reason: e.description)
        }
    }

    /// Writes a whole new file without fsync (a pending save: `commit` makes it durable before it counts).
    public static func writeUnsynced(_ data: Data, to path: String) throws {
        do {
            let fd = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .truncate],
                                             permissions: [.ownerReadWrite, .groupRead, .otherRead])
            try fd.closeAfter { _ = try fd.writeAll(data) }
        } catch let e as Errno {
            throw StoreError.io(path: path, reason: e.description)
        }
    }

    /// fsync(2) of a file written before (`writeUnsynced`).
    public static func sync(_ path: String) throws {
        do {
            let fd = try FileDescriptor.open(FilePath(path), .readOnly)
            try fd.closeAfter {
                guard fsync(fd.rawValue) == 0 else { throw Errno(rawValue: errno) }
            }
        } catch let e as Errno {
            throw StoreError.io(path: path, reason: e.description)
        }
    }

    /// Makes `pending` durable (unless it is already) and renames it over `path`, then fsyncs `path`'s directory
    /// (through `folder`, shared with other writers, when given).
    static func commit(_ pending: String, to path: String, synced: Bool = false, folder: FolderSync? = nil) throws {
        if !synced { try sync(pending) }
        do {
            let dir = (path as NSString).deletingLastPathComponent
            try ensureDirectory(dir)
            guard rename(pending, path) == 0 else { throw Errno(rawValue: errno) }
            if let folder { try folder.sync(dir) } else { try syncDirectory(dir) }
        } catch let e as Errno {
            throw StoreError.io(path: path, reason: e.description)
        }
    }

    /// fsync a directory so that a rename or a new file in it survives a crash.
    public static func syncDirectory(_ dir: String) throws {
        do {
            let fd = try FileDescriptor.open(FilePath(dir), .readOnly)
            try fd.closeAfter {
                guard fsync(fd.rawValue) == 0 else { throw Errno(rawValue: errno) }
            }
        } catch let e as Errno {
            throw StoreError.io(path: dir, reason: "cannot flush the folder: \(e.description)")
        }
    }

    public static func ensureDirectory(_ dir: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            if isDir.boolValue { return }
            throw StoreError.io(path: dir, reason: "exists and is not a directory")
        }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw StoreError.io(path: dir, reason: "cannot create directory: \(error.localizedDescription)")
        }
    }

    /// Appends a line to a file opened with O_APPEND, then fsyncs it.
    public static func append(_ data: Data, to path: String) throws {
        do {
            let fd = try FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .append],
                                             permissions: [.ownerReadWrite, .groupRead, .otherRead])
            try fd.closeAfter {
                _ = try fd.writeAll(data)
                guard fsync(fd.rawValue) == 0 else { throw Errno(rawValue: errno) }
            }
        } catch let e as Errno {
            throw StoreError.io(path: path, reason: e.description)
        }
    }

    /// Reads a whole file; nil when it does not exist.
    public static func read(_ path: String) throws -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw StoreError.io(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError.io(path: path, reason: "cannot read: \(String(cString: strerror(errno)))") }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw StoreError.io(path: path, reason: "cannot read: it is a folder, not a file") }
        var out = Data(capacity: Int(st.st_size))
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = Glibc.read(fd, &buf, buf.count)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw StoreError.io(path: path, reason: "cannot read: \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return out
    }
}
