import Foundation

/// One line of a ranked cluster table.
public struct RankedRow: Codable, Equatable, Sendable {
    /// Competition rank ("1224"): equal percents share a rank, the next rank skips.
    public var rank: Int
    public var org: String
    public var name: String
    public var points: Int
    public var max: Int
    public var percent: Double
    public var level: Level
    /// The card's status: how final this row is.
    public var status: CardStatus
    /// Change of percent against the previous campaign; nil when there is none to compare with.
    public var trend: Trend?

    public init(rank: Int, row: ScoreRow, trend: Trend? = nil) {
        self.rank = rank; org = row.org; name = row.name; points = row.points; max = row.max
        percent = row.percent; level = row.level; status = row.status; self.trend = trend
    }
}

/// The ranked table of one cluster. JSON: `{"id": …, "cluster": <Russian name>, "rows": […]}`
/// (plus `"scaled"` when the cluster's template has seed 003 percent indicators).
public struct ClusterRanking: Codable, Equatable, Sendable {
    public var kind: ClusterKind
    public var rows: [RankedRow]
    /// The scaled rating of seed 003 (3.3), when the template has percent indicators; nil otherwise.
    public var scaled: [ScaledRow]?

    public init(kind: ClusterKind, rows: [RankedRow], scaled: [ScaledRow]? = nil) {
        self.kind = kind; self.rows = rows; self.scaled = scaled
    }

    public var id: String { kind.id }
    public var name: String { kind.russianName }

    enum CodingKeys: String, CodingKey { case id, cluster, rows, scaled }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id)
        guard let k = ClusterKind(rawValue: id) else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: c, debugDescription: "unknown cluster \(id)")
        }
        kind = k
        rows = try c.decode([RankedRow].self, forKey: .rows)
        scaled = try c.decodeIfPresent([ScaledRow].self, forKey: .scaled)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(name, forKey: .cluster); try c.encode(rows, forKey: .rows)
        try c.encodeIfPresent(scaled, forKey: .scaled)
    }
}

/// Competition ranking within clusters (seed 003, 3.3 "ранжирование"; seed 002, 2.2 like with like).
public enum Ranking {
    /// Competition ranking ("1224"): higher `score` first; equal scores share the rank of the first of them and
    /// the next score's rank counts everyone above it. Rows come out sorted by rank, then by name (numbers in names compare as numbers), then by id.
    /// `score` is compared exactly: pass values already rounded to what is shown (percent to 0.1).
    public static func competition<T>(_ items: [T], score: (T) -> Double, name: (T) -> String,
                                      id: (T) -> String) -> [(rank: Int, item: T)] {
        let sorted = items.sorted { a, b in
            let sa = finite(score(a)), sb = finite(score(b))
            if sa != sb { return sa > sb }
            switch collationKey(name(a)).compare(collationKey(name(b)), options: [.numeric]) {
            case .orderedAscending: return true
            case .orderedDescending: return false
            case .orderedSame: return id(a) < id(b)
            }
        }
        var out: [(rank: Int, item: T)] = []
        var rank = 0
        var previous: Double?
        for (i, item) in sorted.enumerated() {
            let s = finite(score(item))
            if s != previous { rank = i + 1; previous = s }
            out.append((rank, item))
        }
        return out
    }

    /// Ranks every cluster of `scheme` on percent. `trends` (by organisation) adds the arrow against last year.
    /// `templates`, when given, adds the scaled rating for clusters whose template has percent indicators.
    public static func rank(_ rows: [ScoreRow], scheme: ClusterScheme, trends: [String: Trend] = [:],
                            templates: [OrgType: Template] = [:]) -> [ClusterRanking] {
        let byOrg = Dictionary(rows.map { ($0.org, $0) }, uniquingKeysWith: { a, _ in a })
        return scheme.clusters(rows).map { cluster in
            let members = cluster.members.compactMap { byOrg[$0] }
            let ranked = competition(members, score: { $0.percent }, name: { $0.name }, id: { $0.org })
                .map { RankedRow(rank: $0.rank, row: $0.item, trend: trends[$0.item.org]) }
            var scaled: [ScaledRow]?
            if let type = members.first?.type, let t = templates[type] {
                let ids = t.indicators.filter { $0.rule.kind == .percent }.map(\.id)
                if !ids.isEmpty {
                    scaled = Scaling.rank(members.map { ScalingInput(org: $0.org, name: $0.name, values: $0.percentAnswers) },
                                          indicators: ids)
                }
            }
            return ClusterRanking(kind: cluster.kind, rows: ranked, scaled: scaled)
        }
    }

    /// NaN would break the ordering: it ranks as 0.
    static func finite(_ x: Double) -> Double { x.isFinite ? x : 0 }

    /// Lower-cased, ё as е, compared with numbers as numbers («№ 7» before «№ 21»): the order a Russian reader
    /// expects, independent of the system locale.
    static func collationKey(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "ё", with: "е")
    }
}
