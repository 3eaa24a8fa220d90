import Foundation

/// An organisation that earns an indicator where most of its cluster does not: positive experience to share
/// (seed 002, 1.6 «выявление эффективных практик»).
public struct EffectivePractice: Codable, Equatable, Sendable {
    public var cluster: String
    public var clusterName: String
    public var orgType: OrgType
    public var direction: Int
    /// The indicator, or nil for a whole direction (points anywhere in it where most of the cluster has none).
    public var indicator: String?
    /// Indicator text or direction title, as printed.
    public var text: String
    public var org: String
    public var name: String
    /// Members of the cluster that earn it (this one included), of all members.
    public var earning: Int
    public var members: Int
}

public enum EffectivePractices {
    /// Per cluster, per direction and per card indicator: when fewer than half of the members earn points there,
    /// the ones that do (a direction first, then its indicators).
    /// Clusters of fewer than 3 organisations are skipped (no "most" to stand out from); percent indicators
    /// earn no card points and are left out.
    public static func find(_ data: PeriodResults, scheme: ClusterScheme) -> [EffectivePractice] {
        let byOrg = Dictionary(data.results.map { ($0.org, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [EffectivePractice] = []
        for c in scheme.clusters(data.rows) {
            let members = c.members.compactMap { byOrg[$0] }
            guard members.count >= 3, let type = members.first?.row.type, let t = data.templates[type] else { continue }
            for d in t.directions {
                let ids = d.indicators.filter { $0.rule.maxPoints > 0 }.map(\.id)
                let inDirection = ids.isEmpty ? [] : members.filter { r in ids.contains { (r.indicatorPoints[$0] ?? 0) > 0 } }
                if !inDirection.isEmpty, inDirection.count * 2 < members.count {
                    for r in inDirection {
                        out.append(EffectivePractice(cluster: c.id, clusterName: c.name, orgType: type, direction: d.number, indicator: nil,
                                                     text: d.title, org: r.org, name: r.row.name, earning: inDirection.count, members: members.count))
                    }
                }
                for ind in d.indicators where ind.rule.maxPoints > 0 {
                    let earning = members.filter { ($0.indicatorPoints[ind.id] ?? 0) > 0 }
                    guard !earning.isEmpty, earning.count * 2 < members.count else { continue }
                    for r in earning {
                        out.append(EffectivePractice(cluster: c.id, clusterName: c.name, orgType: type, direction: d.number, indicator: ind.id,
                                                     text: ind.text, org: r.org, name: r.row.name, earning: earning.count, members: members.count))
                    }
                }
            }
        }
        return out
    }
}

/// The effective practices of a campaign under one cluster scheme.
public struct PracticesReport: Equatable, Sendable {
    public var period: String
    public var scheme: ClusterScheme
    public var practices: [EffectivePractice]
}

extension Session {
    /// Effective practices of a campaign (nil: the newest) under `scheme` (nil: the campaign's own).
    public func effectivePractices(period: String?, scheme: ClusterScheme?) throws -> PracticesReport {
        let data = try periodResults(period: period)
        let s = scheme ?? data.campaign.clusterScheme
        return PracticesReport(period: data.campaign.period, scheme: s, practices: EffectivePractices.find(data, scheme: s))
    }
}
