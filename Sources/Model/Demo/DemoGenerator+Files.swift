import Foundation
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

extension DemoGenerator {
    /// Writes a new file of the workspace being built aside, without fsync.
    ///
    /// Why this is safe: the generator builds in `<out>.partial-<pid>`, a folder nobody reads, and makes it
    /// durable as a whole (`syncFileSystem`) before renaming it into place; a crash before the rename leaves
    /// only the partial folder, never a workspace with a torn card. An fsync per card would make each card
    /// durable while still invisible, and cost one journal commit of the file system per card (15,000 for
    /// 3,000 organisations × 5 years). Saves into a live workspace always go through `Workspace.update`.
    static func writeFresh(_ data: Data, to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: dir) { try AtomicFile.ensureDirectory(dir) }
        try AtomicFile.writeUnsynced(data, to: path)
    }

    /// Flushes the file system holding `path` (syncfs(2)): every file and folder written under it becomes durable.
    static func syncFileSystem(of path: String) throws {
        do {
            let fd = try FileDescriptor.open(FilePath(path), .readOnly)
            try fd.closeAfter {
                #if os(Linux)
                guard linuxSyncfs(fd.rawValue) == 0 else { throw Errno(rawValue: errno) }
                #else
                sync()
                #endif
            }
        } catch let e as Errno {
            throw StoreError.io(path: path, reason: "cannot flush the new workspace to disk: \(e.description)")
        }
    }
}

#if os(Linux)
/// glibc's syncfs(2), which the Glibc module does not export (it is declared under _GNU_SOURCE only).
@_silgen_name("syncfs")
private func linuxSyncfs(_ fd: Int32) -> Int32
#endif
