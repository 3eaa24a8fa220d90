import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How the measured binary was linked, read from the binary itself (its ELF DT_NEEDED entries, what `ldd` starts
/// from) and from the libraries a running session really maps (/proc/<pid>/maps).
enum Linkage {
    /// The header line: the product's path, whether the Swift runtime is inside it, and the shared libraries it needs.
    static func describe(binary: String) -> String {
        guard let needed = neededLibraries(binary) else { return "\(binary): not an ELF file the bench can read" }
        let swift = needed.filter { $0.hasPrefix("libswift") || $0.hasPrefix("libFoundation") || $0.hasPrefix("lib_Foundation") }
        let runtime = swift.isEmpty ? "Swift runtime static (--static-swift-stdlib)"
            : "Swift runtime dynamic (\(swift.count) Swift libraries, e.g. \(swift.sorted().first ?? ""))"
        return "\(binary) · \(runtime) · DT_NEEDED: " + needed.joined(separator: " ")
    }

    /// The shared libraries a running process maps (file names, sorted), from /proc/<pid>/maps.
    static func mappedLibraries(pid: Int32) -> [String] {
        let maps = ProcFile.read("/proc/\(pid)/maps") ?? ""
        var names = Set<String>()
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let name = (String(line[slash...]) as NSString).lastPathComponent
            if name.contains(".so") { names.insert(name) }
        }
        return names.sorted()
    }

    /// The DT_NEEDED entries of a 64-bit little-endian ELF file, in order; nil when it is not one.
    static func neededLibraries(_ path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path), data.count > 64 else { return nil }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [String]? in
            func u16(_ o: Int) -> Int { o + 2 <= raw.count ? Int(raw.loadUnaligned(fromByteOffset: o, as: UInt16.self).littleEndian) : 0 }
            func u32(_ o: Int) -> Int { o + 4 <= raw.count ? Int(raw.loadUnaligned(fromByteOffset: o, as: UInt32.self).littleEndian) : 0 }
            func u64(_ o: Int) -> Int { o + 8 <= raw.count ? Int(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: o, as: UInt64.self).littleEndian) : 0 }
            // "\x7fELF", 64-bit, little-endian.
            guard raw[0] == 0x7f, raw[1] == 0x45, raw[2] == 0x4c, raw[3] == 0x46, raw[4] == 2, raw[5] == 1 else { return nil }
            let shoff = u64(0x28), shentsize = u16(0x3a), shnum = u16(0x3c)
            guard shoff > 0, shentsize >= 64, shoff + shnum * shentsize <= raw.count else { return nil }
            func section(_ i: Int) -> (type: Int, offset: Int, size: Int, link: Int) {
                let o = shoff + i * shentsize
                return (u32(o + 4), u64(o + 0x18), u64(o + 0x20), u32(o + 0x28))
            }
            // SHT_DYNAMIC (6): entries of (tag, value); DT_NEEDED (1) values index the string table in sh_link.
            guard let dyn = (0..<shnum).map(section).first(where: { $0.type == 6 }), dyn.link < shnum else { return [] }
            let strtab = section(dyn.link)
            var out: [String] = []
            var o = dyn.offset
            while o + 16 <= min(dyn.offset + dyn.size, raw.count) {
                let tag = u64(o), value = u64(o + 8)
                if tag == 0 { break }
                if tag == 1, value >= 0, value < strtab.size, strtab.offset + value < raw.count {
                    let start = strtab.offset + value
                    var end = start
                    while end < raw.count, raw[end] != 0 { end += 1 }
                    out.append(String(decoding: raw[start..<end], as: UTF8.self))
                }
                o += 16
            }
            return out
        }
    }
}

/// Files of /proc, read to their end with read(2): they report a size of 0, so a reader that trusts the size
/// (as Foundation's may) gets nothing back.
enum ProcFile {
    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &buf, buf.count)
            if n > 0 { out += buf[0..<n]; continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A field of /proc/<pid>/status or /proc/<pid>/smaps_rollup in kB (`VmHWM`, `RssAnon`, `Pss`, …).
    static func kilobytes(_ path: String, _ field: String) -> Int? {
        guard let s = read(path), let line = s.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
        return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
    }

    /// User + system CPU time a process has used so far, in milliseconds (/proc/<pid>/stat fields 14 and 15).
    static func cpuMilliseconds(pid: Int32) -> Double? {
        guard let s = read("/proc/\(pid)/stat"), let close = s.lastIndex(of: ")") else { return nil }
        let fields = s[s.index(after: close)...].split(separator: " ")
        // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
        guard fields.count > 12, let u = Double(fields[11]), let k = Double(fields[12]) else { return nil }
        return (u + k) * 1000 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
