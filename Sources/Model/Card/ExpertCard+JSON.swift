import Foundation

/// A card's stored JSON written field by field: byte for byte what `JSONFiles.encoder()` (Foundation's
/// `JSONEncoder`: pretty, sorted keys, slashes unescaped, dates as `Timestamp.format`) gives for it, plus the
/// final newline of `JSONFiles.encode`.
///
/// Why: every save encodes its card for the journal's digest, and `JSONEncoder` — a tree of boxed values, a
/// dictionary per object — was a fifth of a save's CPU (perf, 1,000 saves of one card: 17.5 % of samples in
/// `Workspace.hashedBytes`, 5.2 % with this writer); twenty principals saving at
/// once on two cores wait for it. These bytes are not a second format: `JSONFiles.encode` hands every card here,
/// so the stored file, `Workspace.contentHash` and `audit verify` all see one encoding. They must stay the very
/// bytes `JSONEncoder` wrote, because the journal of an existing workspace holds SHA-256 of them: any difference
/// reads as tampering. `CardEncodingTests` compares the two over generated cards, every escape and number shape.
///
/// The rules, read in swift-foundation's `JSONWriter` and checked against this toolchain's `JSONEncoder` by the tests:
/// - an object is `{`, then per key a newline, the indent (two spaces a level), `"key" : value`, `,` between
///   keys, and a newline and the parent's indent before `}`; an empty one is `{`, two newlines, the indent, `}`
///   (arrays alike with `[` `]`);
/// - keys sort by their UTF-8 bytes (not by `String`'s `<`, which compares Unicode canonically);
/// - strings escape `"` and `\`, write `\b \t \n \f \r` short and other bytes below 0x20 as `\u00xx` with
///   lowercase hex; everything else, `/`, DEL, U+2028, bidi marks included, is copied as is;
/// - a Double is its `description` without a trailing `.0` (`100`, `12.5`, `1e-07`, `1e+21`, `-0`);
/// - a nil optional is left out.
enum CardJSON {
    /// The card as `JSONFiles.encode` stores it; nil when a value has no JSON form (a NaN or infinite percent):
    /// the caller then gives the card to `JSONEncoder`, which refuses it with its own error, so that such a card
    /// fails the same way whichever path it took.
    static func encode(_ card: ExpertCard) -> Data? {
        var w = SortedJSONWriter()
        w.out.reserveCapacity(1024 + 160 * (card.answers.count + card.evidence.count + card.reviews.count))
        guard w.card(card) else { return nil }
        w.out.append(0x0A)
        return Data(w.out)
    }

    /// `link` as the value of a card's top-level `journal` key, its lines indented for that place (one level):
    /// `JSONFiles.inserting` splices it into a card encoded without it.
    static func linkValue(_ link: JournalLink) -> [UInt8] {
        var w = SortedJSONWriter()
        w.depth = 1
        w.link(link)
        return w.out
    }
}

/// The writer behind `CardJSON` and `EntryJSON`: appends to `out` what `JSONEncoder` with sorted keys and
/// unescaped slashes writes, pretty (the stored documents) or, with `compact`, on one line without spaces (the
/// journal's entries); `depth` is the nesting of the container being written.
struct SortedJSONWriter {
    var out: [UInt8] = []
    var depth = 0
    /// One line, no spaces: `{"a":1,"b":[]}`.
    var compact = false
    /// Whether the current container has an element already (the next one is preceded by a comma).
    private var hasElement = false

    // MARK: containers

    mutating func open(_ bracket: UInt8) {
        out.append(bracket)
        depth += 1
        hasElement = false
    }

    mutating func close(_ bracket: UInt8) {
        depth -= 1
        if compact {
            out.append(bracket)
            hasElement = true
            return
        }
        // Empty: `{` `\n` `\n` indent `}` — JSONEncoder's newline after the opening one has no element after it.
        if !hasElement { out.append(0x0A) }
        out.append(0x0A)
        indent()
        out.append(bracket)
        hasElement = true   // the container just closed is the parent's element
    }

    /// Starts an element of the current container: a comma after the one before, a new line, the indent.
    mutating func element() {
        if hasElement { out.append(0x2C) }
        if compact {
            hasElement = true
            return
        }
        out.append(0x0A)
        indent()
        hasElement = true
    }

    /// `"key" : ` as a new element; `key` is one of our ASCII field names (nothing to escape).
    mutating func key(_ key: StaticString) {
        element()
        out.append(0x22)
        raw(key)
        if compact { raw("\":") } else { raw("\" : ") }
    }

    /// `"key" : ` for a dictionary's key, which a template author chose: escaped like any string.
    mutating func key(_ key: String) {
        element()
        string(key)
        if compact { out.append(0x3A) } else { raw(" : ") }
    }

    /// Text known to need no escaping, as is.
    private mutating func raw(_ text: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func indent() {
        for _ in 0..<depth { out.append(0x20); out.append(0x20) }
    }

    // MARK: scalars

    mutating func string(_ s: String) {
        out.append(0x22)
        var s = s
        s.withUTF8 { buf in
            var mark = 0
            for i in 0..<buf.count {
                let b = buf[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[mark..<i]))
                out.append(0x5C)
                switch b {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                default:
                    raw("u00")
                    out.append(Self.hex[Int(b >> 4)])
                    out.append(Self.hex[Int(b & 0x0F)])
                }
                mark = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[mark..<buf.count]))
        }
        out.append(0x22)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func int(_ v: Int) {
        out.append(contentsOf: v.description.utf8)
    }

    mutating func bool(_ v: Bool) {
        if v { raw("true") } else { raw("false") }
    }

    /// false for NaN and infinities, which JSON has no number for (nothing is written then).
    mutating func double(_ v: Double) -> Bool {
        guard v.isFinite else { return false }
        var text = v.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
        return true
    }

    mutating func date(_ d: Date) {
        string(Timestamp.format(d))
    }

    // MARK: the card's types, keys in UTF-8 order

    /// false when an answer holds a non-finite percent.
    mutating func card(_ c: ExpertCard) -> Bool {
        open(0x7B)
        key("answers"); guard answers(c.answers) else { return false }
        if let a = c.answersAtReturn { key("answersAtReturn"); guard answers(a) else { return false } }
        key("evidence"); evidence(c.evidence)
        if let e = c.evidenceAtReturn { key("evidenceAtReturn"); evidence(e) }
        key("formatVersion"); int(c.formatVersion)
        key("history")
        open(0x5B)
        for change in c.history { element(); statusChange(change) }
        close(0x5D)
        if let link = c.journal { key("journal"); self.link(link) }
        key("org"); string(c.org)
        key("period"); string(c.period)
        key("reviews")
        open(0x7B)
        for id in Self.sortedKeys(c.reviews) {
            guard let r = c.reviews[id] else { continue }
            key(id)
            guard review(r) else { return false }
        }
        close(0x7D)
        key("revision"); int(c.revision)
        key("status"); string(c.status.rawValue)
        key("template"); string(c.template)
        if let at = c.updatedAt { key("updatedAt"); date(at) }
        if let by = c.updatedBy { key("updatedBy"); string(by) }
        close(0x7D)
        return true
    }

    /// A dictionary's keys as JSONEncoder's `.sortedKeys` orders them: by their UTF-8 bytes. Keys alone are
    /// sorted (moving a review around costs more than looking it up again), compared with `memcmp`: the
    /// generic `utf8.lexicographicallyPrecedes` was most of this encoder's time.
    static func sortedKeys<V>(_ d: [String: V]) -> [String] {
        d.keys.sorted(by: utf8Precedes)
    }

    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb -> Bool in
                guard let x = pa.baseAddress, let y = pb.baseAddress else { return pa.count < pb.count }
                let c = memcmp(x, y, min(pa.count, pb.count))
                return c < 0 || (c == 0 && pa.count < pb.count)
            }
        }
        if let fast = fast ?? nil { return fast }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// A dictionary as an object, keys in UTF-8 order; false when `value` finds one with no JSON form.
    mutating func object<V>(_ d: [String: V], _ value: (inout SortedJSONWriter, V) -> Bool) -> Bool {
        open(0x7B)
        for k in Self.sortedKeys(d) {
            guard let v = d[k] else { continue }
            key(k)
            guard value(&self, v) else { return false }
        }
        close(0x7D)
        return true
    }

    mutating func answers(_ d: [String: Answer]) -> Bool {
        object(d) { $0.answer($1) }
    }

    mutating func answer(_ a: Answer) -> Bool {
        open(0x7B)
        switch a {
        case .fact(let p):
            key("present"); bool(p)
        case .ratio(let part, let whole):
            key("part"); int(part)
            key("whole"); int(whole)
        case .retention(let retained, let lastYear, let current):
            if let current { key("current"); int(current) }
            key("lastYear"); int(lastYear)
            key("retained"); int(retained)
        case .percent(let v):
            key("percent"); guard double(v) else { return false }
        }
        close(0x7D)
        return true
    }

    mutating func evidence(_ d: [String: Evidence]) {
        open(0x7B)
        for id in Self.sortedKeys(d) {
            guard let e = d[id] else { continue }
            key(id)
            open(0x7B)
            key("date"); string(e.date)
            key("document"); string(e.document)
            key("number"); string(e.number)
            close(0x7D)
        }
        close(0x7D)
    }

    mutating func review(_ r: IndicatorReview) -> Bool {
        open(0x7B)
        key("at"); date(r.at)
        key("comment"); string(r.comment)
        if let corrected = r.corrected { key("corrected"); guard answer(corrected) else { return false } }
        key("reviewer"); string(r.reviewer)
        key("verdict"); string(r.verdict.rawValue)
        close(0x7D)
        return true
    }

    mutating func statusChange(_ s: StatusChange) {
        open(0x7B)
        key("at"); date(s.at)
        key("by"); string(s.by)
        if let comment = s.comment { key("comment"); string(comment) }
        key("status"); string(s.status.rawValue)
        close(0x7D)
    }

    mutating func link(_ l: JournalLink) {
        open(0x7B)
        key("hash"); string(l.hash)
        key("seq"); int(l.seq)
        close(0x7D)
    }
}
