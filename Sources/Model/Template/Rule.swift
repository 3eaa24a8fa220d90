import Foundation

/// How an indicator turns what a principal knows into points. Inputs are facts and counts, never points.
///
/// JSON: `{"kind": "fact", "points": 3}`, `{"kind": "share", "thresholdPercent": 80, "points": 1}`,
/// `{"kind": "retention", "thresholdPercent": 50, "points": 1}`,
/// `{"kind": "participation", "thresholdPercent": 50, "points": 1}`, `{"kind": "percent"}`.
public enum Rule: Equatable, Sendable {
    /// Fact present → `points` (1, 2 or 3).
    case fact(points: Int)
    /// Share of teachers ≥ threshold % → points.
    case share(thresholdPercent: Int, points: Int)
    /// Young specialists still working ≥ threshold % of last year's number → points.
    case retention(thresholdPercent: Int, points: Int)
    /// Took part in ≥ threshold % of planned events → points.
    case participation(thresholdPercent: Int, points: Int)
    /// A percentage 0–100 (seed 003); earns no card points, it is scaled and ranked within a cluster.
    case percent

    /// The most this indicator can add to a card.
    public var maxPoints: Int {
        switch self {
        case .fact(let p), .share(_, let p), .retention(_, let p), .participation(_, let p): return p
        case .percent: return 0
        }
    }

    public var kind: Kind {
        switch self {
        case .fact: return .fact
        case .share: return .share
        case .retention: return .retention
        case .participation: return .participation
        case .percent: return .percent
        }
    }

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case fact, share, retention, participation, percent

        /// The rule's name as the methodist reads it (the code, what a template's CSV holds, stays English).
        public var russian: String {
            switch self {
            case .fact: return "факт"
            case .share: return "доля"
            case .retention: return "закрепление"
            case .participation: return "участие"
            case .percent: return "процент"
            }
        }
    }
}

extension Rule: Codable {
    private enum CodingKeys: String, CodingKey { case kind, points, thresholdPercent }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(Kind.self, forKey: .kind)
        switch kind {
        case .fact: self = .fact(points: try c.decode(Int.self, forKey: .points))
        case .share: self = .share(thresholdPercent: try c.decode(Int.self, forKey: .thresholdPercent),
                                   points: try c.decode(Int.self, forKey: .points))
        case .retention: self = .retention(thresholdPercent: try c.decode(Int.self, forKey: .thresholdPercent),
                                           points: try c.decode(Int.self, forKey: .points))
        case .participation: self = .participation(thresholdPercent: try c.decode(Int.self, forKey: .thresholdPercent),
                                                   points: try c.decode(Int.self, forKey: .points))
        case .percent: self = .percent
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .fact(let p): try c.encode(p, forKey: .points)
        case .share(let t, let p), .retention(let t, let p), .participation(let t, let p):
            try c.encode(t, forKey: .thresholdPercent); try c.encode(p, forKey: .points)
        case .percent: break
        }
    }
}
