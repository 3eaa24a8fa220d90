import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `stat(2)` says about a file's identity and last change: inode, size, modification and change times.
///
/// The score index trusts an entry only while the card file still has the stamp the entry recorded.
/// Every write through `Workspace.update` (and `AtomicFile.write`) renames a new file into place, so the
/// card gets a new inode and a new change time; a hand edit in place changes the change time (ctime, which
/// no tool can set back) and usually the size and modification time as well.
public struct FileStamp: Equatable, Sendable {
    public var inode: UInt64
    public var size: Int64
    /// Modification time, nanoseconds since 1970.
    public var mtime: Int64
    /// Status change time, nanoseconds since 1970 (changes on every write, rename in or chmod).
    public var ctime: Int64

    public init(inode: UInt64, size: Int64, mtime: Int64, ctime: Int64) {
        self.inode = inode; self.size = size; self.mtime = mtime; self.ctime = ctime
    }

    /// The stamp of the file at `path`; nil when it does not exist or cannot be examined.
    public static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileStamp(inode: UInt64(st.st_ino), size: Int64(st.st_size),
                         mtime: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                         ctime: Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec))
    }

    /// Whether the file was last changed at least `margin` nanoseconds before `now`.
    ///
    /// File times advance in clock ticks (a few milliseconds on Linux), so a file changed in place twice within
    /// one tick can keep its stamp. As git does with "racily clean" entries, a stamp this recent is not recorded:
    /// the card is decoded again on the next read, until its stamp is old enough to tell changes apart.
    public func isSettled(now: Int64, margin: Int64) -> Bool {
        ctime <= now - margin && mtime <= now - margin
    }

    /// Wall-clock time in nanoseconds since 1970, on the same clock as file times.
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
