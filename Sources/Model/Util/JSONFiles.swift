import Foundation

/// The one JSON dialect of the workspace: pretty, sorted keys, UTF-8 unescaped, ISO-8601 dates.
public enum JSONFiles {
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                                    : [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, enc in
            var c = enc.singleValueContainer()
            try c.encode(Timestamp.format(date))
        }
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { dec in
            let c = try dec.singleValueContainer()
            let s = try c.decode(String.self)
            guard let date = Timestamp.parse(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a timestamp: \(s)")
            }
            return date
        }
        return d
    }

    /// Encodes as the workspace stores it, with a final newline. A card is written by `CardJSON` (the same bytes,
    /// without `JSONEncoder`'s cost: a save encodes its card); here, so that no caller can encode a card otherwise.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        if let card = value as? ExpertCard, let direct = CardJSON.encode(card) { return direct }
        var data = try encoder().encode(value)
        data.append(0x0A)
        return data
    }

    /// Decodes `data` read from `path`; a failure names the file and the line.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
        do {
            return try decoder().decode(type, from: data)
        } catch let error as DecodingError {
            var reason = describe(error)
            if case .dataCorrupted = error, (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil,
               data.isEmpty || String(decoding: data.suffix(64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).last != "}" {
                reason = data.isEmpty ? "the file is empty" : "the file ends in the middle (cut short)"
            }
            throw StoreError.corrupt(path: path, line: line(of: error, in: data), reason: reason)
        } catch {
            throw StoreError.corrupt(path: path, line: 1, reason: "\(error)")
        }
    }

    /// Line (1-based) that a decoding error points at: the parser's offset, or the key path's last key.
    static func line(of error: DecodingError, in data: Data) -> Int {
        let nsError: NSError?
        let path: [CodingKey]
        switch error {
        case .dataCorrupted(let ctx):
            nsError = ctx.underlyingError as NSError?; path = ctx.codingPath
        case .keyNotFound(_, let ctx), .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            nsError = ctx.underlyingError as NSError?; path = ctx.codingPath
        @unknown default:
            return 1
        }
        if let idx = nsError?.userInfo["NSJSONSerializationErrorIndex"] as? Int {
            return lineNumber(atOffset: idx, in: data)
        }
        // Foundation on Linux does not say where the syntax breaks; JSONSerialization does ("around character N").
        if case .dataCorrupted = error, nsError?.userInfo.isEmpty ?? true {
            do { _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
                let desc = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
                // A file cut short (a torn write, a truncated copy) breaks where it ends: its last line.
                if desc.contains("Unexpected end of file") { return lineNumber(atOffset: data.count, in: data) }
                if let r = desc.range(of: "character "), let n = Int(desc[r.upperBound...].prefix { $0.isNumber }) {
                    return lineNumber(atOffset: n, in: data)
                }
            }
        }
        if let desc = nsError?.userInfo[NSDebugDescriptionErrorKey] as? String,
           let r = desc.range(of: "line "), let n = Int(desc[r.upperBound...].prefix { $0.isNumber }) {
            return n
        }
        // Locate the deepest key of the coding path in the text.
        for key in path.reversed() where key.intValue == nil {
            if let r = data.firstRange(of: Data("\"\(key.stringValue)\"".utf8)) {
                return lineNumber(atOffset: r.lowerBound - data.startIndex, in: data)
            }
        }
        return 1
    }

    static func lineNumber(atOffset offset: Int, in data: Data) -> Int {
        var line = 1
        for (i, b) in data.enumerated() {
            if i >= offset { break }
            if b == 0x0A { line += 1 }
        }
        return line
    }

    static func describe(_ error: DecodingError) -> String {
        func pathText(_ p: [CodingKey]) -> String {
            p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .dataCorrupted(let ctx):
            let under = (ctx.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "invalid JSON" + (under.map { ": \($0)" } ?? (ctx.debugDescription.isEmpty ? "" : ": \(ctx.debugDescription)"))
                + (ctx.codingPath.isEmpty ? "" : " at \(pathText(ctx.codingPath))")
        case .keyNotFound(let key, let ctx):
            return "missing field \"\(key.stringValue)\"" + (ctx.codingPath.isEmpty ? "" : " in \(pathText(ctx.codingPath))")
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            return "wrong value at \(pathText(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// ISO-8601 timestamps with seconds, in UTC, e.g. `2026-09-12T08:15:00Z`.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        if let fast = FastTimestamp.format(date) { return fast }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
    public static func parse(_ s: String) -> Date? {
        if let fast = FastTimestamp.parse(s) { return fast }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: s) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: s)
    }
}

extension JSONFiles {
    /// `body` — an object as `encode` writes it (pretty, sorted keys, final newline) — with `key: value` added at
    /// the top level in its sorted place: the very bytes `encode` gives for the object with that key set.
    /// nil when `body` does not have that shape (the caller then encodes the whole object).
    ///
    /// Why: a save hashes its document without the link to the journal and then stores it with the link (the
    /// entry's number and hash, known only under the journal's lock). Encoding a card twice was a tenth of a
    /// save's CPU, and the second encoding ran under the journal's lock, which every writer queues for; adding
    /// one key to text already encoded is a copy. The link's text is `CardJSON`'s, the one a full encode writes.
    static func inserting(key: String, value: JournalLink, into body: Data) -> Data? {
        let bytes = [UInt8](body)
        guard bytes.starts(with: Array("{\n".utf8)), bytes.last == 0x0A, bytes.count >= 4 else { return nil }
        // The entry, the value's own lines indented one level deeper (its place: a top-level key).
        let entry: [UInt8] = Array("\n  \"\(key)\" : ".utf8) + CardJSON.linkValue(value)
        // Top-level keys start lines with exactly two spaces and a quote (strings never hold a raw newline).
        let keyBytes = Array(key.utf8)
        var i = 1
        while i + 3 < bytes.count {
            if bytes[i] == 0x0A, bytes[i + 1] == 0x20, bytes[i + 2] == 0x20, bytes[i + 3] == 0x22 {
                var end = i + 4
                while end < bytes.count, bytes[end] != 0x22 { end += 1 }
                let existing = Array(bytes[(i + 4)..<end])
                if existing == keyBytes { return nil }   // already there: not the body of an object without it
                if existing.lexicographicallyPrecedes(keyBytes) == false {
                    return Data(bytes[..<i] + entry + [0x2C] + bytes[i...])
                }
            }
            i += 1
        }
        // The key sorts last: after the last value, before the closing "\n}\n".
        guard bytes.count >= 3, bytes[bytes.count - 3] == 0x0A, bytes[bytes.count - 2] == 0x7D else { return nil }
        let close = bytes.count - 3
        return Data(bytes[..<close] + [0x2C] + entry + bytes[close...])
    }
}
