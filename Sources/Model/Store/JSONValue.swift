import Foundation

/// Any JSON value: what a journal entry records as "before" and "after".
public indirect enum JSONValue: Codable, Equatable, Sendable {
    case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Any Encodable value as JSON (dates as the workspace writes them).
    ///
    /// An answer and a document — what every save of an indicator journals as before and after — are built
    /// directly (`Answer.json`, `Evidence.json`): the same values the encode-and-decode below gives, without a
    /// JSONEncoder and a JSONDecoder per save (3.7 % of a save's CPU in perf, 1,500 saves). `JSONValueTests`
    /// compares the two.
    public static func from<T: Encodable>(_ value: T?) -> JSONValue {
        guard let value else { return .null }
        if let answer = value as? Answer, let direct = answer.json { return direct }
        if let evidence = value as? Evidence { return evidence.json }
        return decoded(value)
    }

    /// `value` through JSONEncoder and back: the general way, and the reference for the direct ones.
    static func decoded<T: Encodable>(_ value: T) -> JSONValue {
        guard let data = try? JSONFiles.encoder(pretty: false).encode(value),
              let v = try? JSONFiles.decoder().decode(JSONValue.self, from: data) else { return .null }
        return v
    }

    /// Many Encodable values as JSON at once (one encoder and one decoder for all of them).
    public static func list<T: Encodable>(_ values: [T]) -> [JSONValue] {
        guard !values.isEmpty else { return [] }
        if case .array(let a) = from(values), a.count == values.count { return a }
        return values.map { from($0) }
    }

    /// Compact one-line text, for people reading the journal.
    public var compact: String {
        guard let d = try? JSONFiles.encoder(pretty: false).encode(self) else { return "?" }
        return String(decoding: d, as: UTF8.self)
    }
}

extension Answer {
    /// The answer as `JSONValue.from` gives it (its JSON, decoded); nil for a percent whose text is not plain
    /// (an exponent, `-0`, not finite): `from` then takes the general way, so that no value can differ.
    var json: JSONValue? {
        switch self {
        case .fact(let p): return .object(["present": .bool(p)])
        case .ratio(let part, let whole): return .object(["part": .int(part), "whole": .int(whole)])
        case .retention(let retained, let lastYear, let current):
            var o: [String: JSONValue] = ["retained": .int(retained), "lastYear": .int(lastYear)]
            if let current { o["current"] = .int(current) }
            return .object(o)
        case .percent(let v):
            // JSONEncoder writes a Double as its `description` without ".0"; the decoder then reads a number with
            // no fraction as an Int. Only plain texts are built here.
            guard v.isFinite else { return nil }
            var text = v.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            guard !text.contains("e"), text != "-0" else { return nil }
            if let i = Int(text) { return .object(["percent": .int(i)]) }
            return .object(["percent": .double(v)])
        }
    }
}

extension Evidence {
    /// The document as `JSONValue.from` gives it: its three fields, as strings.
    var json: JSONValue {
        .object(["date": .string(date), "document": .string(document), "number": .string(number)])
    }
}
