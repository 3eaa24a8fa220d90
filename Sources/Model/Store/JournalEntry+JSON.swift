import Foundation

/// A journal entry's canonical form written directly: byte for byte what `JSONFiles.encoder(pretty: false)`
/// (sorted keys, no spaces, slashes unescaped, dates as `Timestamp.format`) gives for `JournalEntry.HashedBody`.
///
/// Why: every save encodes its entry to hash it (`EntryDraft`), and `JSONEncoder` was the largest piece of a
/// save's own CPU after the card (4.3 % of perf samples, 3,000 saves of one card, 2026-11-30); `audit verify`
/// encodes every entry of the journal again. The bytes are the same as before, not a second format — the hashes
/// already in every workspace's journal were computed over them — and `JournalEncodingTests` compares the two on
/// a real journal and on generated values (every escape and number shape). The writer is the card's
/// (`SortedJSONWriter`, `CardJSON` gives its rules), on one line.
enum EntryJSON {
    /// nil when a value has no JSON form (a NaN or an infinity): the caller then uses `JSONEncoder`, which refuses
    /// it with its own error.
    static func body(_ b: JournalEntry.HashedBody) -> Data? {
        var w = SortedJSONWriter()
        w.compact = true
        w.open(0x7B)
        w.key("action"); w.string(b.action)
        w.key("actor"); w.string(b.actor)
        w.key("after"); guard w.value(b.after) else { return nil }
        w.key("before"); guard w.value(b.before) else { return nil }
        if let d = b.document {
            w.key("document")
            w.open(0x7B)
            w.key("path"); w.string(d.path)
            if let r = d.revision { w.key("revision"); w.int(r) }
            w.key("sha256"); w.string(d.sha256)
            w.close(0x7D)
        }
        w.key("prev"); w.string(b.prev)
        w.key("seq"); w.int(b.seq)
        w.key("target"); w.string(b.target)
        w.key("time"); w.date(b.time)
        w.close(0x7D)
        return Data(w.out)
    }
}

extension SortedJSONWriter {
    /// Any JSON value; false when it holds a number JSON has none for.
    mutating func value(_ v: JSONValue) -> Bool {
        switch v {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])   // null
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .double(let d): return double(d)
        case .string(let s): string(s)
        case .array(let a):
            open(0x5B)
            for x in a {
                element()
                guard value(x) else { return false }
            }
            close(0x5D)
        case .object(let o): return object(o) { $0.value($1) }
        }
        return true
    }
}
