import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds one entry of a stored list (`organisations.json`, `people.json`) without decoding the others.
///
/// Why: a principal's or reviewer's session needs its own person and organisation, not 3,000 of each. Decoding
/// the whole lists to find one entry cost every such session about 1.5 MB of heap that stayed (300 sessions on
/// the deadline day: some 450 MB), and the time of decoding 6,000 entries. Here the file's bytes are read into a
/// buffer mapped for the purpose and unmapped after (the file's pages stay in the page cache, shared by every
/// session; nothing stays on the heap), the whole file is checked for JSON syntax, and only the entry whose `id`
/// matches (or, for a session without `--as`, the methodists) is decoded.
///
/// What decoding the whole list would report is still reported, by that very decode: whatever the scan does not
/// recognise as plainly well formed — a syntax error anywhere (a torn or cut file), a `formatVersion` newer than
/// this build or a `revision` that is not an integer, an entry that is not an object or whose `id` is missing,
/// repeated or written with escapes, a repeated top-level key, bytes that are not UTF-8 — makes the lookup fall
/// back to decoding the whole list, whose error names the file and the line as before. Also when the entry itself
/// does not decode. What the scan does not check is the *content* of the other entries (a hand-edited
/// `"type": "bogus"` three thousand lines away): the lookup of a sound entry succeeds, as it should for the
/// principal of that entry, and every reader of the whole list (the methodist's screens, `org list`, `audit
/// verify`) names the damaged one.
enum ListEntryScan {
    enum Outcome: Equatable {
        /// The byte ranges of the entries whose field has that value, in the list's order (none: no entry has it).
        case found([Range<Int>])
        /// Not plainly well formed: decode the whole list (its error says what and where).
        case unsure
    }

    /// Scans `bytes`, a JSON object with integer `formatVersion` (at most `maxFormat`) and `revision` and the list
    /// under `listKey`, for the entries whose `field` (`"id"`, `"role"`) is the string `value`. Every entry must
    /// have that field as a string without escapes, or the outcome is `unsure`.
    static func find(_ field: String, is value: String, listKey: String, in bytes: UnsafeRawBufferPointer,
                     maxFormat: Int) -> Outcome {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .unsure }
        var s = Scanner(p: base, end: bytes.count, field: Array(field.utf8), value: Array(value.utf8))
        return s.document(listKey: Array(listKey.utf8), maxFormat: maxFormat).map(Outcome.found) ?? .unsure
    }

    /// Reads the file at `path` into an anonymous mapping (never the heap: glibc would keep a freed megabyte of
    /// it resident) and hands its bytes to `body`. Nil when the file cannot be read whole as it is now (missing,
    /// a folder, empty, growing while read): the caller then takes the ordinary way, which reports it.
    ///
    /// Not `mmap` of the file itself: a file truncated in place by a hand edit while mapped would kill the
    /// session with SIGBUS.
    static func withBytes<R>(of path: String, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0, st.st_size < Int64(Int32.max) else {
            return nil
        }
        let size = Int(st.st_size)
        let length = size + 1  // one byte more, to see that the file did not grow
        guard let map = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              map != MAP_FAILED else { return nil }
        defer { munmap(map, length) }
        var got = 0
        while got < length {
            let n = read(fd, map + got, length - got)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { break }
            got += n
        }
        guard got == size else { return nil }
        return try body(UnsafeRawBufferPointer(start: map, count: size))
    }

    /// A strict JSON scanner (RFC 8259) over bytes that allocates nothing but the two keys it compares with.
    struct Scanner {
        let p: UnsafePointer<UInt8>
        let end: Int
        /// The field of each entry to compare, and the value wanted.
        let field: [UInt8], value: [UInt8]
        var i = 0
        /// Deeper nesting than this is left to the full decoder (which has its own limit).
        static let maxDepth = 256

        init(p: UnsafePointer<UInt8>, end: Int, field: [UInt8], value: [UInt8]) {
            self.p = p; self.end = end; self.field = field; self.value = value
        }

        mutating func document(listKey: [UInt8], maxFormat: Int) -> [Range<Int>]? {
            ws()
            guard peek == UInt8(ascii: "{") else { return nil }
            i += 1
            var seenFormat = false, seenRevision = false, seenList = false
            var result: [Range<Int>] = []
            ws()
            if peek == UInt8(ascii: "}") { return nil }  // no list, no revision: the decoder says what is missing
            repeat {
                guard let key = key(), !key.escaped else { return nil }
                if equal(key.range, "formatVersion") {
                    guard !seenFormat, let v = integer(), v <= maxFormat else { return nil }
                    seenFormat = true
                } else if equal(key.range, "revision") {
                    guard !seenRevision, integer() != nil else { return nil }
                    seenRevision = true
                } else if equal(key.range, listKey) {
                    guard !seenList, let r = list() else { return nil }
                    seenList = true
                    result = r
                } else {
                    guard value(depth: 1) else { return nil }
                }
                guard let again = more(UInt8(ascii: "}")) else { return nil }
                if !again { break }
            } while true
            ws()
            guard i == end, seenFormat, seenRevision, seenList else { return nil }
            return result
        }

        /// The list: every element an object with `field` a plain string; those whose `field` is `value`.
        mutating func list() -> [Range<Int>]? {
            guard peek == UInt8(ascii: "[") else { return nil }
            i += 1
            ws()
            var found: [Range<Int>] = []
            if peek == UInt8(ascii: "]") { i += 1; return found }
            repeat {
                ws()
                let start = i
                guard let v = entry() else { return nil }
                if equal(v, value) { found.append(start..<i) }
                guard let again = more(UInt8(ascii: "]")) else { return nil }
                if !again { return found }
            } while true
        }

        /// One entry (an object); the byte range of its `field`'s value, which must be a string without escapes.
        mutating func entry() -> Range<Int>? {
            guard peek == UInt8(ascii: "{") else { return nil }
            i += 1
            ws()
            guard peek != UInt8(ascii: "}") else { return nil }
            var found: Range<Int>?
            repeat {
                guard let key = key() else { return nil }
                if key.escaped { return nil }  // `"\u0069d"` would be an id too: leave it to the decoder
                if equal(key.range, field) {
                    guard found == nil, let v = string(), !v.escaped else { return nil }
                    found = v.range
                } else {
                    guard value(depth: 3) else { return nil }
                }
                guard let again = more(UInt8(ascii: "}")) else { return nil }
                if !again { return found }
            } while true
        }

        var peek: UInt8 { i < end ? p[i] : 0 }

        /// A member's key and the colon after it, with the blanks around them: `"key" : `.
        mutating func key() -> (range: Range<Int>, escaped: Bool)? {
            ws()
            guard let key = string() else { return nil }
            ws()
            guard peek == UInt8(ascii: ":") else { return nil }
            i += 1
            ws()
            return key
        }

        /// What follows a member or an element: `,` (true: another one comes) or the container's `close` (false:
        /// it ended, and is consumed); nil for anything else.
        mutating func more(_ close: UInt8) -> Bool? {
            ws()
            if peek == UInt8(ascii: ",") { i += 1; return true }
            guard peek == close else { return nil }
            i += 1
            return false
        }

        mutating func ws() {
            while i < end {
                let c = p[i]
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
                i += 1
            }
        }

        func equal(_ r: Range<Int>, _ s: StaticString) -> Bool {
            r.count == s.utf8CodeUnitCount && memcmp(p + r.lowerBound, s.utf8Start, r.count) == 0
        }

        func equal(_ r: Range<Int>, _ s: [UInt8]) -> Bool {
            guard r.count == s.count else { return false }
            for k in 0..<s.count where p[r.lowerBound + k] != s[k] { return false }
            return true
        }

        mutating func value(depth: Int) -> Bool {
            guard depth < Self.maxDepth else { return false }
            switch peek {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "{"):
                i += 1
                ws()
                if peek == UInt8(ascii: "}") { i += 1; return true }
                repeat {
                    guard key() != nil, value(depth: depth + 1), let again = more(UInt8(ascii: "}")) else { return false }
                    if !again { return true }
                } while true
            case UInt8(ascii: "["):
                i += 1
                ws()
                if peek == UInt8(ascii: "]") { i += 1; return true }
                repeat {
                    ws()
                    guard value(depth: depth + 1), let again = more(UInt8(ascii: "]")) else { return false }
                    if !again { return true }
                } while true
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        mutating func literal(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard end - i >= n, memcmp(p + i, s.utf8Start, n) == 0 else { return false }
            i += n
            return true
        }

        /// A string; the range of its content between the quotes, and whether it holds escapes.
        mutating func string() -> (range: Range<Int>, escaped: Bool)? {
            guard peek == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            var escaped = false
            while i < end {
                let c = p[i]
                switch c {
                case UInt8(ascii: "\""):
                    i += 1
                    return (start..<(i - 1), escaped)
                case UInt8(ascii: "\\"):
                    escaped = true
                    guard i + 1 < end else { return nil }
                    switch p[i + 1] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 2
                    case UInt8(ascii: "u"):
                        // Surrogates are left to the decoder: an escaped string is never compared here, and the
                        // decoder checks the pairs of whatever it decodes.
                        guard i + 5 < end, (2...5).allSatisfy({ isHex(p[i + $0]) }) else { return nil }
                        i += 6
                    default:
                        return nil
                    }
                case 0..<0x20:
                    return nil
                case 0x20..<0x80:
                    i += 1
                default:
                    guard utf8Sequence() else { return nil }
                }
            }
            return nil
        }

        func isHex(_ c: UInt8) -> Bool {
            (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c)
        }

        /// One well-formed multi-byte UTF-8 sequence (no overlongs, no surrogates, at most U+10FFFF).
        mutating func utf8Sequence() -> Bool {
            let c = p[i]
            let n: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: n = 1
            case 0xE0: n = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: n = 2
            case 0xED: n = 2; hi = 0x9F
            case 0xF0: n = 3; lo = 0x90
            case 0xF1...0xF3: n = 3
            case 0xF4: n = 3; hi = 0x8F
            default: return false
            }
            guard end - i > n, (lo...hi).contains(p[i + 1]) else { return false }
            for k in stride(from: 2, through: n, by: 1) where !(0x80...0xBF).contains(p[i + k]) { return false }
            i += n + 1
            return true
        }

        /// A number by JSON's grammar.
        mutating func number() -> Bool {
            if peek == UInt8(ascii: "-") { i += 1 }
            let first = i
            guard digits(), !(p[first] == 0x30 && i - first > 1) else { return false }  // `01` is not JSON
            if peek == UInt8(ascii: ".") { i += 1; guard digits() else { return false } }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                i += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
                guard digits() else { return false }
            }
            return true
        }

        /// One or more digits.
        mutating func digits() -> Bool {
            let start = i
            while i < end, (0x30...0x39).contains(p[i]) { i += 1 }
            return i > start
        }

        /// An integer as `Int` decodes it: an optional minus and digits, no fraction or exponent, no overflow.
        mutating func integer() -> Int? {
            var negative = false
            if peek == UInt8(ascii: "-") { negative = true; i += 1 }
            let start = i
            var v = 0
            while i < end, (0x30...0x39).contains(p[i]) {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int(p[i] - 0x30))
                guard !o1, !o2 else { return nil }
                v = a; i += 1
            }
            guard i > start, !(p[start] == 0x30 && i - start > 1) else { return nil }
            // A fraction or exponent (`1.0`, `1e0`) may or may not decode as Int: the decoder decides.
            guard peek != UInt8(ascii: "."), peek != UInt8(ascii: "e"), peek != UInt8(ascii: "E") else { return nil }
            return negative ? -v : v
        }
    }
}
