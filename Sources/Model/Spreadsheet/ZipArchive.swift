/// The entries of a zip archive (an .xlsx is one), read from its central directory. Stored and deflated entries
/// only (what spreadsheet programs write); no encryption, no ZIP64 (a workbook of a department is far below 4 GB).
/// Every offset is checked against the bytes, so a cut or damaged file is refused with a reason, never a crash.
struct ZipArchive {
    struct Failure: Error, Equatable { let reason: String }

    struct Entry {
        var name: String
        var method: Int
        var flags: Int
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeader: Int
    }

    let bytes: [UInt8]
    private(set) var entries: [String: Entry] = [:]

    /// The most an entry may expand to (a few kilobytes must not become gigabytes).
    static let entryLimit = 200_000_000

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count >= 22 else { throw Failure(reason: "too short for a zip archive") }
        // The end-of-central-directory record: the last 22 bytes, unless a comment (up to 65,535 bytes) follows it.
        var end: Int?
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while i >= lowest {
            if u32(i) == 0x0605_4B50 { end = i; break }
            i -= 1
        }
        guard let eocd = end else { throw Failure(reason: "no zip directory at the end of the file (cut short, or not a zip)") }
        let count = u16(eocd + 10)
        let offset = Int(u32(eocd + 16))
        guard count != 0xFFFF, offset != 0xFFFF_FFFF else { throw Failure(reason: "a ZIP64 archive, which is not supported") }
        var p = offset
        for _ in 0..<count {
            guard p + 46 <= bytes.count, u32(p) == 0x0201_4B50 else { throw Failure(reason: "the zip directory is damaged") }
            let nameLength = u16(p + 28), extraLength = u16(p + 30), commentLength = u16(p + 32)
            guard p + 46 + nameLength <= bytes.count else { throw Failure(reason: "the zip directory is damaged") }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(name: name, method: u16(p + 10), flags: u16(p + 8), crc: u32(p + 16),
                                  compressedSize: Int(u32(p + 20)), size: Int(u32(p + 24)), localHeader: Int(u32(p + 42)))
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The bytes of an entry, checked against its CRC.
    func read(_ name: String) throws -> [UInt8] {
        guard let e = entries[name] else { throw Failure(reason: "it has no \(name)") }
        guard e.flags & 1 == 0 else { throw Failure(reason: "\(name) is encrypted (the workbook has a password to open it)") }
        let h = e.localHeader
        guard h >= 0, h + 30 <= bytes.count, u32(h) == 0x0403_4B50 else { throw Failure(reason: "\(name) is damaged") }
        let start = h + 30 + u16(h + 26) + u16(h + 28)
        guard start + e.compressedSize <= bytes.count else { throw Failure(reason: "\(name) is cut short") }
        guard e.size <= Self.entryLimit else { throw Failure(reason: "\(name) is larger than \(Self.entryLimit) bytes") }
        let data = Array(bytes[start..<(start + e.compressedSize)])
        let out: [UInt8]
        switch e.method {
        case 0: out = data
        case 8:
            do { out = try Inflate.decompress(data, limit: max(e.size, 1)) } catch let f as Inflate.Failure {
                throw Failure(reason: "\(name) cannot be decompressed: \(f.reason)")
            }
        default: throw Failure(reason: "\(name) is compressed by a method other than deflate (\(e.method))")
        }
        guard out.count == e.size, CRC32.checksum(out) == e.crc else { throw Failure(reason: "\(name) is damaged (its checksum does not match)") }
        return out
    }

    private func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
    private func u32(_ i: Int) -> UInt32 {
        UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
    }
}
