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
    public static func from<T: Encodable>(_ value: T?) -> JSONValue {
        guard let value else { return .null }
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
