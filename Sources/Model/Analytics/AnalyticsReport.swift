import Foundation

/// The ranked tables of a period under one cluster scheme.
public struct RankingReport: Equatable, Sendable {
    public var period: String
    public var scheme: ClusterScheme
    /// The campaign the arrows compare with; nil when this is the first.
    public var previousPeriod: String?
    public var clusters: [ClusterRanking]
    /// Organisations left out because their card could not be read.
    public var unreadable: [UnreadableCard] = []
}

/// How many organisations of a type are at each level.
public struct LevelCount: Codable, Equatable, Sendable {
    public var type: OrgType
    public var high: Int
    public var medium: Int
    public var low: Int
    public var total: Int { high + medium + low }

    public func count(_ level: Level) -> Int {
        switch level { case .high: return high; case .medium: return medium; case .low: return low }
    }

    /// Per type present in `rows`, in type order; plus nothing for absent types.
    public static func summary(_ rows: [ScoreRow]) -> [LevelCount] {
        OrgType.allCases.compactMap { t in
            let of = rows.filter { $0.type == t }
            guard !of.isEmpty else { return nil }
            return LevelCount(type: t, high: of.filter { $0.level == .high }.count,
                              medium: of.filter { $0.level == .medium }.count, low: of.filter { $0.level == .low }.count)
        }
    }
}

/// Everything a period's analytics publish at once: what `export` writes.
public struct AnalyticsReport: Sendable {
    public var municipality: String
    public var ranking: RankingReport
    public var levels: [LevelCount]
    public var zones: ZoneReport
    /// Every organisation's recommendations, in organisation order.
    public var recommendations: [OrgRecommendations]
}
