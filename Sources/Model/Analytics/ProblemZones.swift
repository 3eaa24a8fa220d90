import Foundation

/// One direction or indicator in one scope: how many organisations earn nothing there.
public struct ZoneLine: Codable, Equatable, Sendable {
    public var direction: Int
    /// Indicator id (`d2.8`), nil for a whole direction.
    public var indicator: String?
    /// Whose template the indicator belongs to (indicator ids repeat across templates); nil for a direction.
    public var orgType: OrgType?
    /// Direction title or indicator text, as printed.
    public var title: String
    /// Organisations that earn 0 here.
    public var zero: Int
    /// Organisations this line applies to.
    public var total: Int
    /// zero / total, 0…1 (0 when total is 0).
    public var share: Double
    /// share ≥ threshold.
    public var isZone: Bool
}

/// The problem zones of one cluster, or of the whole municipality.
public struct ZoneScope: Codable, Equatable, Sendable {
    /// `municipality` or a cluster id.
    public var id: String
    public var name: String
    public var organisations: Int
    public var directions: [ZoneLine]
    public var indicators: [ZoneLine]

    /// The lines that are zones, directions first.
    public var zones: [ZoneLine] { (directions + indicators).filter(\.isZone) }
}

/// Problem zones of a period (seed 002, 1.6 "выявление проблемных зон").
public struct ZoneReport: Codable, Equatable, Sendable {
    public var period: String
    public var threshold: Double
    /// The municipality first, then the clusters in display order.
    public var scopes: [ZoneScope]
    /// Organisations left out because their card could not be read.
    public var unreadable: [UnreadableCard] = []
}

/// Where a large share of organisations earns nothing: per cluster and for the municipality, per direction
/// (0 points in the whole direction) and per indicator (0 points on it). A line is a zone when that share is at
/// least `threshold` (default 0.5: half or more of the organisations). Indicators that earn no card points by
/// design (seed 003 percents), and directions made only of them, are left out.
public enum ProblemZones {
    public static let defaultThreshold = 0.5
    public static let municipalityID = "municipality"
    public static let municipalityName = "Муниципалитет (все организации)"

    public static func report(_ data: PeriodResults, scheme: ClusterScheme,
                              threshold: Double = defaultThreshold) -> ZoneReport {
        ZoneReport(period: data.period, threshold: threshold,
                   scopes: analyse(data.readable, templates: data.templates, clusters: scheme.clusters(data.readable.map(\.row)),
                                   threshold: threshold),
                   unreadable: data.unreadable)
    }

    /// The municipality's scope, then one per cluster.
    public static func analyse(_ results: [OrgResult], templates: [OrgType: Template], clusters: [Cluster],
                               threshold: Double = defaultThreshold) -> [ZoneScope] {
        let byOrg = Dictionary(results.map { ($0.org, $0) }, uniquingKeysWith: { a, _ in a })
        var out = [scope(id: municipalityID, name: municipalityName, results, templates: templates, threshold: threshold)]
        for c in clusters {
            out.append(scope(id: c.id, name: c.name, c.members.compactMap { byOrg[$0] }, templates: templates, threshold: threshold))
        }
        return out
    }

    /// The organisations behind a line: those among `results` that earn 0 in the direction, or on the indicator of
    /// `orgType`'s template. What the methodist opens from a zone, and what the line counts.
    public static func behind(direction: Int, indicator: String?, orgType: OrgType?, among results: [OrgResult]) -> [OrgResult] {
        if let id = indicator {
            return results.filter { $0.row.type == orgType && ($0.indicatorPoints[id] ?? 0) == 0 }
        }
        return results.filter { r in r.row.directions.first { $0.direction == direction }?.points == 0 }
    }

    /// The zones among `results`.
    public static func scope(id: String, name: String, _ results: [OrgResult], templates: [OrgType: Template],
                             threshold: Double = defaultThreshold) -> ZoneScope {
        func line(_ direction: Int, _ indicator: String?, _ type: OrgType?, _ title: String, zero: Int, total: Int) -> ZoneLine {
            let share = total > 0 ? Double(zero) / Double(total) : 0
            return ZoneLine(direction: direction, indicator: indicator, orgType: type, title: title, zero: zero, total: total,
                            share: share, isZone: total > 0 && share >= threshold)
        }
        let types = OrgType.allCases.filter { t in results.contains { $0.row.type == t } }

        // Directions: numbers and titles from the templates in use (the five directions are shared by all cards).
        var titles: [Int: String] = [:]
        // A direction with no scored indicator (only seed 003 percents) earns 0 by design and is left out.
        for t in types {
            for d in templates[t]?.directions ?? [] where titles[d.number] == nil && d.indicators.contains(where: { $0.rule.maxPoints > 0 }) {
                titles[d.number] = d.title
            }
        }
        let directions = titles.keys.sorted().map { n -> ZoneLine in
            let having = results.filter { r in r.row.directions.contains { $0.direction == n } }
            let zero = behind(direction: n, indicator: nil, orgType: nil, among: results).count
            return line(n, nil, nil, titles[n] ?? "", zero: zero, total: having.count)
        }

        var indicators: [ZoneLine] = []
        for t in types {
            guard let tmpl = templates[t] else { continue }
            let members = results.filter { $0.row.type == t }
            for d in tmpl.directions {
                for ind in d.indicators where ind.rule.maxPoints > 0 {
                    let zero = behind(direction: d.number, indicator: ind.id, orgType: t, among: results).count
                    indicators.append(line(d.number, ind.id, t, ind.text, zero: zero, total: members.count))
                }
            }
        }
        return ZoneScope(id: id, name: name, organisations: results.count, directions: directions, indicators: indicators)
    }
}
