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
    /// False when the organisation has saved nothing yet (`ScoreRow.started`); not in JSON.
    public var started = true

    enum CodingKeys: String, CodingKey { case rank, org, name, points, max, percent, level, status, trend }

    public init(rank: Int, row: ScoreRow, trend: Trend? = nil) {
        self.rank = rank; org = row.org; name = row.name; points = row.points; max = row.max
        percent = row.percent; level = row.level; status = row.status; self.trend = trend; started = row.started
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
        // Keys are computed once per item, not once per comparison: at 30,000 rows the comparator runs about
        // 450,000 times, and lower-casing inside it was most of `rank`'s time. What is sorted is the items'
        // positions, not the items: moving a `ScoreRow` (a dozen strings and dictionaries) retains and releases
        // each of them at every move, which made the sort grow faster than its comparisons. The names are
        // compared once per comparison (not `!=` and then `<`).
        let scores = items.map { finite(score($0)) }
        let names = items.map { CollationKey(name($0)).scalars }
        let ids = items.map(id)
        var order = Array(items.indices)
        scores.withUnsafeBufferPointer { scores in
            names.withUnsafeBufferPointer { names in
                ids.withUnsafeBufferPointer { ids in
                    order.sort { a, b in
                        if scores[a] != scores[b] { return scores[a] > scores[b] }
                        let c = CollationKey.compare(names[a], names[b])
                        if c != 0 { return c < 0 }
                        return ids[a] < ids[b]
                    }
                }
            }
        }
        var out: [(rank: Int, item: T)] = []
        out.reserveCapacity(order.count)
        var rank = 0
        var previous: Double?
        for (i, k) in order.enumerated() {
            if scores[k] != previous { rank = i + 1; previous = scores[k] }
            out.append((rank, items[k]))
        }
        return out
    }

    /// Ranks every cluster of `scheme` on percent. `trends` (by organisation) adds the arrow against last year.
    /// `templates`, when given, adds the scaled rating for clusters whose template has percent indicators.
    public static func rank(_ rows: [ScoreRow], scheme: ClusterScheme, trends: [String: Trend] = [:],
                            templates: [OrgType: Template] = [:]) -> [ClusterRanking] {
        // A row whose card could not be read has no score to rank: reports list it apart (`RankingReport.unreadable`).
        let rows = rows.filter { $0.unreadable == nil }
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
}

/// A name as a Russian reader orders it, independent of the system locale: lower-cased, ё as е, and runs of
/// digits compared as numbers («№ 7» before «№ 21», «007» equal to «7»); everything else by Unicode scalar.
///
/// Written by hand because Foundation's `compare(_:options: .numeric)` goes through CFString on Linux, folding
/// character clusters on every call (most of `rank`'s time at 30,000 organisations), and no package in reach
/// offers a natural-order key. Built once per name, compared many times.
struct CollationKey: Comparable {
    /// Unicode scalar values of the folded name.
    let scalars: [UInt32]

    init(_ name: String) {
        var out: [UInt32] = []
        out.reserveCapacity(name.unicodeScalars.count)
        for u in name.lowercased().unicodeScalars {
            out.append(u == "ё" ? UInt32(("е" as Unicode.Scalar).value) : u.value)
        }
        scalars = out
    }

    static func == (a: CollationKey, b: CollationKey) -> Bool { compare(a.scalars, b.scalars) == 0 }
    static func < (a: CollationKey, b: CollationKey) -> Bool { compare(a.scalars, b.scalars) < 0 }

    private static func isDigit(_ u: UInt32) -> Bool { u >= 0x30 && u <= 0x39 }

    /// -1, 0 or 1: scalar by scalar, except that two runs of digits compare by value (length without leading
    /// zeros first, then digit by digit).
    static func compare(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if isDigit(a[i]), isDigit(b[j]) {
                var ie = i, je = j
                while ie < a.count, isDigit(a[ie]) { ie += 1 }
                while je < b.count, isDigit(b[je]) { je += 1 }
                var is0 = i, js0 = j
                while is0 < ie - 1, a[is0] == 0x30 { is0 += 1 }
                while js0 < je - 1, b[js0] == 0x30 { js0 += 1 }
                let la = ie - is0, lb = je - js0
                if la != lb { return la < lb ? -1 : 1 }
                for k in 0..<la where a[is0 + k] != b[js0 + k] { return a[is0 + k] < b[js0 + k] ? -1 : 1 }
                i = ie; j = je
                continue
            }
            if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
            i += 1; j += 1
        }
        let ra = a.count - i, rb = b.count - j
        return ra == rb ? 0 : (ra < rb ? -1 : 1)
    }
}
