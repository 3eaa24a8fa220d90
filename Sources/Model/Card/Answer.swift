import Foundation

/// What a principal states for one indicator: facts and counts, never points.
///
/// JSON: `{"present": true}`, `{"part": 8, "whole": 10}` (share, participation),
/// `{"retained": 3, "lastYear": 4, "current": 5}` (retention), `{"percent": 42.5}`.
public enum Answer: Equatable, Sendable {
    /// The fact is present (or not).
    case fact(Bool)
    /// `part` of `whole`: teachers who did X of all teachers (share), events attended of planned (participation).
    case ratio(part: Int, whole: Int)
    /// Young specialists of last year still working, last year's number, and this year's number
    /// (kept so that next year's card can take its `lastYear` from here).
    case retention(retained: Int, lastYear: Int, current: Int?)
    /// A percentage 0–100 (seed 003 indicators).
    case percent(Double)
}

extension Answer: Codable {
    private enum CodingKeys: String, CodingKey { case present, part, whole, retained, lastYear, current, percent }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let p = try c.decodeIfPresent(Bool.self, forKey: .present) {
            self = .fact(p)
        } else if let part = try c.decodeIfPresent(Int.self, forKey: .part) {
            self = .ratio(part: part, whole: try c.decode(Int.self, forKey: .whole))
        } else if let r = try c.decodeIfPresent(Int.self, forKey: .retained) {
            self = .retention(retained: r, lastYear: try c.decode(Int.self, forKey: .lastYear),
                              current: try c.decodeIfPresent(Int.self, forKey: .current))
        } else if let v = try c.decodeIfPresent(Double.self, forKey: .percent) {
            self = .percent(v)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "an answer needs one of present, part/whole, retained/lastYear, percent"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .fact(let p): try c.encode(p, forKey: .present)
        case .ratio(let part, let whole): try c.encode(part, forKey: .part); try c.encode(whole, forKey: .whole)
        case .retention(let r, let l, let cur):
            try c.encode(r, forKey: .retained); try c.encode(l, forKey: .lastYear)
            try c.encodeIfPresent(cur, forKey: .current)
        case .percent(let v): try c.encode(v, forKey: .percent)
        }
    }
}

/// A problem with a value a person typed, explained in both languages.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public let english: String
    public let russian: String
    public init(_ english: String, russian: String) { self.english = english; self.russian = russian }
    public var description: String { english }
}

extension Answer {
    /// Parses what a person types for an indicator with `rule`: `yes`/`no` (`да`/`нет`, `1`/`0`) for a fact,
    /// `8/10` for a share or participation, `3/4` or `3/4/5` (retained/last year/this year) for retention,
    /// `3` alone when `knownLastYear` comes from last year's card, a number 0–100 for percent.
    public static func parse(_ text: String, for rule: Rule, knownLastYear: Int? = nil) -> Result<Answer, InputError> {
        let t = Whitespace.trimmed(text).lowercased()
        switch rule {
        case .fact:
            switch t {
            case "yes", "y", "да", "д", "1", "true", "+": return .success(.fact(true))
            case "no", "n", "нет", "н", "0", "false", "-": return .success(.fact(false))
            default: return .failure(InputError("expected yes or no, got \"\(text)\"", russian: "Ожидается «да» или «нет»"))
            }
        case .share, .participation:
            let nums = counts(t)
            guard nums.count == 2, let a = nums[0], let b = nums[1] else {
                return .failure(InputError("expected two counts like 8/10, got \"\(text)\"",
                                           russian: "Ожидаются два числа, например 8/10"))
            }
            return validateRatio(part: a, whole: b).map { Answer.ratio(part: a, whole: b) }
        case .retention:
            let nums = counts(t)
            if nums.contains(where: { $0 == nil }) || nums.isEmpty || nums.count > 3 {
                return .failure(InputError("expected retained/last year[/this year], e.g. 3/4/5, got \"\(text)\"",
                                           russian: "Ожидается: продолжили/в прошлом году[/в этом году], например 3/4/5"))
            }
            let v = nums.compactMap { $0 }
            let retained = v[0]
            let lastYear: Int
            if v.count >= 2 { lastYear = v[1] } else if let k = knownLastYear { lastYear = k } else {
                return .failure(InputError("last year's number of young specialists is unknown: give it as retained/last year",
                                           russian: "Число молодых специалистов прошлого года неизвестно: введите продолжили/в прошлом году"))
            }
            let current = v.count == 3 ? v[2] : nil
            if let c = current, c < 0 { return .failure(negative) }
            return validateRatio(part: retained, whole: lastYear)
                .map { Answer.retention(retained: retained, lastYear: lastYear, current: current) }
        case .percent:
            var number = t.replacingOccurrences(of: ",", with: ".")
            if number.hasSuffix("%") { number.removeLast(); number = Whitespace.trimmed(number) }
            let plain = !number.isEmpty && number.utf8.filter { $0 == UInt8(ascii: ".") }.count <= 1
                && number.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") } && number != "."
            guard plain, let v = Double(number),
                  v.isFinite, (0...100).contains(v) else {
                return .failure(InputError("expected a percentage 0-100, got \"\(text)\"",
                                           russian: "Ожидается процент от 0 до 100"))
            }
            return .success(.percent(v))
        }
    }

    /// The `/`-separated counts of `text`, each strictly digits (spaces around allowed); an empty part
    /// (`8//10`, `8/10/`, `/10`) or anything else (`+8`, `8a`) is nil, so that the caller refuses it.
    static func counts(_ text: String) -> [Int?] {
        text.split(separator: "/", omittingEmptySubsequences: false)
            .map { Digits.int(Whitespace.trimmed($0)) }
    }

    private static let negative = InputError("counts cannot be negative", russian: "Число не может быть отрицательным")

    private static func validateRatio(part: Int, whole: Int) -> Result<Void, InputError> {
        if part < 0 || whole < 0 { return .failure(negative) }
        if part > whole {
            return .failure(InputError("\(part) is more than \(whole)", russian: "\(part) больше, чем \(whole)"))
        }
        if whole > 100_000 { return .failure(InputError("\(whole) is implausibly large", russian: "Слишком большое число: \(whole)")) }
        return .success(())
    }

    /// Whether this answer has the shape `rule` needs.
    public func fits(_ rule: Rule) -> Bool {
        switch (self, rule) {
        case (.fact, .fact), (.ratio, .share), (.ratio, .participation), (.retention, .retention), (.percent, .percent):
            return true
        default:
            return false
        }
    }

    /// Short text for tables: `да`, `8/10`, `3/4`, `42.5%`.
    public var display: String {
        switch self {
        case .fact(let p): return p ? "да" : "нет"
        case .ratio(let a, let b): return "\(a)/\(b)"
        case .retention(let r, let l, let c): return c.map { "\(r)/\(l)/\($0)" } ?? "\(r)/\(l)"
        case .percent(let v): return v.rounded() == v ? "\(Int(v))%" : String(format: "%.1f%%", v)
        }
    }
}
