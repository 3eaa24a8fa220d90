/// A small pull reader of XML, enough for the parts of an .xlsx: elements with attributes (names without their
/// namespace prefix), text with the predefined and numeric entities decoded, CDATA. Declarations, comments,
/// processing instructions and a DOCTYPE are skipped; no entity is ever defined or expanded, so a hostile file
/// cannot make it grow. Malformed markup is an error with a reason.
///
/// Why this and not Foundation's `XMLParser` (module FoundationXML), measured with Swift 6.3.1 on Linux, each
/// program built `-O -static-stdlib` like the server binary: a program using Foundation's NSObject/NSString is
/// 70.41 MB with DT_NEEDED libm, libstdc++, libgcc_s, libc, ld-linux; the same with an `XMLParser` is 70.72 MB and
/// adds DT_NEEDED libxml2.so.2, which itself needs libicuuc.so.72 (with 30 MB of libicudata), liblzma and libz.
/// The size would not matter; the new run-time dependency would: the server binary is one file that needs only
/// ncurses besides libc (README, Performance), and the product avoids loading ICU in a session. What an .xlsx
/// needs of XML is this small subset (no DTD, no namespaces beyond dropping prefixes, no encodings but UTF-8), and
/// the damaged-workbook test feeds it 100 randomly damaged workbooks. Its speed against `XMLParser` was not
/// measured. Were the product to read XML beyond workbooks, `XMLParser` would be the one to use.
struct XMLPull {
    enum Event: Equatable {
        case start(name: String, attributes: [String: String], empty: Bool)
        case end(name: String)
        case text(String)
    }

    struct Failure: Error, Equatable { let reason: String }


    /// The markup this reader looks for, as bytes.
    private enum Mark {
        static let commentOpen = Array("<!--".utf8)
        static let commentClose = Array("-->".utf8)
        static let piOpen = Array("<?".utf8)
        static let piClose = Array("?>".utf8)
        static let cdataOpen = Array("<![CDATA[".utf8)
        static let cdataClose = Array("]]>".utf8)
        static let declOpen = Array("<!".utf8)
        static let tagClose = Array(">".utf8)
        static let endOpen = Array("</".utf8)
        static let emptyClose = Array("/>".utf8)
    }

    private let bytes: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next event, or nil at the end.
    mutating func next() throws -> Event? {
        while i < bytes.count {
            if bytes[i] != UInt8(ascii: "<") {
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "<") { i += 1 }
                return .text(Self.decode(bytes[start..<i]))
            }
            if has(Mark.commentOpen) { try skip(past: Mark.commentClose); continue }
            if has(Mark.piOpen) { try skip(past: Mark.piClose); continue }
            if has(Mark.cdataOpen) {
                i += 9
                let start = i
                try skip(past: Mark.cdataClose)
                return .text(String(decoding: bytes[start..<(i - 3)], as: UTF8.self))
            }
            if has(Mark.declOpen) { try skip(past: Mark.tagClose); continue }
            if has(Mark.endOpen) {
                i += 2
                let name = readName()
                while i < bytes.count, bytes[i] != UInt8(ascii: ">") { i += 1 }
                guard i < bytes.count else { throw Failure(reason: "an element is not closed") }
                i += 1
                return .end(name: Self.local(name))
            }
            i += 1
            let name = readName()
            guard !name.isEmpty else { throw Failure(reason: "a '<' that starts no element") }
            var attributes: [String: String] = [:]
            while true {
                skipSpace()
                guard i < bytes.count else { throw Failure(reason: "an element is not closed") }
                if bytes[i] == UInt8(ascii: ">") { i += 1; return .start(name: Self.local(name), attributes: attributes, empty: false) }
                if has(Mark.emptyClose) { i += 2; return .start(name: Self.local(name), attributes: attributes, empty: true) }
                let key = readName()
                guard !key.isEmpty else { throw Failure(reason: "a malformed attribute in <\(name)>") }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw Failure(reason: "an attribute without a value in <\(name)>") }
                i += 1
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                    throw Failure(reason: "an unquoted attribute in <\(name)>")
                }
                let quote = bytes[i]
                i += 1
                let start = i
                while i < bytes.count, bytes[i] != quote { i += 1 }
                guard i < bytes.count else { throw Failure(reason: "an attribute value is not closed") }
                attributes[Self.local(key)] = Self.decode(bytes[start..<i])
                i += 1
            }
        }
        return nil
    }

    private func has(_ s: [UInt8]) -> Bool {
        guard i + s.count <= bytes.count else { return false }
        for k in 0..<s.count where bytes[i + k] != s[k] { return false }
        return true
    }

    private mutating func skip(past s: [UInt8]) throws {
        while i < bytes.count {
            if has(s) { i += s.count; return }
            i += 1
        }
        throw Failure(reason: "the XML ends inside a comment or declaration")
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func readName() -> String {
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "=") { break }
            i += 1
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// `x:row` → `row`; `r:id` → `id`.
    static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Text with `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#N;` `&#xH;` decoded; an unknown entity is kept as written.
    /// Works on the bytes (a workbook may spell every Cyrillic letter as `&#1057;`: millions of them).
    static func decode(_ slice: ArraySlice<UInt8>) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = slice.startIndex
        while i < slice.endIndex {
            let b = slice[i]
            guard b == UInt8(ascii: "&"), let semi = slice[i..<min(i + 12, slice.endIndex)].firstIndex(of: UInt8(ascii: ";")),
                  let scalar = entity(slice[(i + 1)..<semi]) else {
                out.append(b)
                i += 1
                continue
            }
            UTF8.encode(scalar) { out.append($0) }
            i = semi + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character an entity's name (between `&` and `;`) stands for.
    static func entity(_ name: ArraySlice<UInt8>) -> Unicode.Scalar? {
        if name.first == UInt8(ascii: "#") { return number(name.dropFirst()) }
        switch Array(name) {
        case Array("lt".utf8): return "<"
        case Array("gt".utf8): return ">"
        case Array("amp".utf8): return "&"
        case Array("quot".utf8): return "\""
        case Array("apos".utf8): return "'"
        default: break
        }
        return nil
    }

    /// `1057` or `x421` (after `&#`) as the character it numbers.
    static func number(_ text: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var digits = text
        var radix: UInt32 = 10
        if digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X") { radix = 16; digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value: UInt32 = 0
        for d in digits {
            let v: UInt32
            switch d {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(d - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: v = UInt32(d - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: v = UInt32(d - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * radix + v
            if value > 0x10FFFF { return nil }
        }
        return Unicode.Scalar(value)
    }
}
