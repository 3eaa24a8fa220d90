import Foundation
import SystemPackage
import CSystemCalls
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
            let replaced = ReplacedFile(path)
            defer { replaced.release() }
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
    /// `replacing`: the file at `path`, held open by the caller (who lets it go after this returns); else it is
    /// opened and let go here (`ReplacedFile`).
    ///
    /// `keepingOld`: where to keep the version being replaced, for the next save to write over instead of
    /// creating a file (`Workspace.PendingDocument`). The two are then swapped in one step (renameat2(2),
    /// RENAME_EXCHANGE: the document's name gets the new file, the pending name the old one), and the old one is
    /// moved to `keepingOld` after the folder's flush. Where the file system cannot swap (or there is no document
    /// yet), a plain rename. A crash after the swap leaves the old version under the pending name: recovery finds
    /// that the journal's digest is not its own and removes it (`recoverPending`).
    /// Returns whether the old version was kept (swapped), not replaced.
    @discardableResult
    static func commit(_ pending: String, to path: String, synced: Bool = false, folder: FolderSync? = nil,
                       replacing held: ReplacedFile? = nil, keepingOld spare: String? = nil) throws -> Bool {
        if !synced { try sync(pending) }
        do {
            let dir = (path as NSString).deletingLastPathComponent
            let replaced = held == nil ? ReplacedFile(path) : nil
            defer { replaced?.release() }
            if let spare, profrost_exchange(pending, path) == 0 {
                if let folder { try folder.sync(dir) } else { try syncDirectory(dir) }
                if rename(pending, spare) != 0 { unlink(pending) }   // no spare then: the next save creates a file
                return true
            }
            var failure: Int32 = rename(pending, path) == 0 ? 0 : errno
            if failure == ENOENT && !FileManager.default.fileExists(atPath: dir) {   // the folder is made when first missing
                try ensureDirectory(dir)
                failure = rename(pending, path) == 0 ? 0 : errno
            }
            guard failure == 0 else { throw Errno(rawValue: failure) }
            if let folder { try folder.sync(dir) } else { try syncDirectory(dir) }
            return false
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
        guard let fd = try openForReading(path) else { return nil }
        defer { close(fd) }
        return try read(fd: fd, path: path)
    }

    /// The file opened for reading; nil when it does not exist.
    static func openForReading(_ path: String) throws -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw StoreError.io(path: path, reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// The whole content of an open file (`path` names it in errors).
    static func read(fd: Int32, path: String) throws -> Data {
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

/// The file a rename is about to replace, held open until the rename and the folder's flush are done, then let go
/// on a background thread.
///
/// Why: when rename(2) replaces a file that nobody has open, the kernel frees the old file's blocks inside the
/// rename, while it holds the folder's lock (and, between two folders, the filesystem's rename lock). On a
/// filesystem mounted with `discard` — this server's root is, as many virtual disks are set up — freeing a block
/// waits for the disk to discard it, so every save waited in rename(2) for the discards of the saves before it:
/// with 20 principals saving at once, a thousand waits in `blkdev_issue_discard` under `do_renameat2` in
/// 2.6 seconds, and as many waits for the rename lock behind them (`perf record -e sched:sched_switch`,
/// 2026-11-30). Held open, the old file is freed when it is closed: after the save is durable, outside every
/// folder lock, and not on the saving thread. A process that exits first closes it on exit, which is the same.
struct ReplacedFile {
    private let fd: Int32

    /// Opens the file at `path` if there is one (nothing to hold otherwise).
    init(_ path: String) { fd = open(path, O_RDONLY | O_CLOEXEC) }

    /// A file the caller opened (-1: none); it is closed by `release`.
    init(holding fd: Int32) { self.fd = fd }

    /// `stillLinked`: the file was not replaced but kept under another name (`AtomicFile.commit` with
    /// `keepingOld`), so closing it frees nothing and is done here, without a thread.
    func release(stillLinked: Bool = false) {
        guard fd >= 0 else { return }
        if stillLinked { close(fd); return }
        let fd = self.fd
        DispatchQueue.global(qos: .utility).async { close(fd) }
    }
}
