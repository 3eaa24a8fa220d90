import Foundation

/// The scaled ranking of one cluster in a programme run (seed 003, 3.3), with the min and max each indicator
/// was scaled between, so that a reader can check any row by hand.
public struct ScaledCluster: Codable, Equatable, Sendable {
    public var id: String
    public var name: String
    /// Indicator id → [min, max] within the cluster.
    public var ranges: [String: [Double]]
    public var rows: [ScaledRow]
    /// Members that reported nothing: not ranked, listed for the methodist.
    public var missing: [String]
}

/// One indicator for the whole municipality: Σ part / Σ whole for a share, yes of reported for a presence,
/// the sum of a count, the mean of a percent.
public struct MunicipalValue: Codable, Equatable, Sendable {
    public var section: Int
    public var id: String
    public var text: String
    public var kind: MeasureKind
    public var reporter: Reporter
    public var part: Int?
    public var whole: Int?
    /// Percent for shares, presences and percents; the total for counts; nil when nothing was reported.
    public var value: Double?
    /// Organisations that reported it, of those asked (1 of 1 for a municipal value).
    public var reported: Int
    public var asked: Int

    public var display: String {
        guard let v = value else { return "нет данных" }
        switch kind {
        case .count: return NumberText.short(v)
        case .presence: return "\(part ?? 0) из \(whole ?? 0) (\(NumberText.short(v))%)"
        case .share: return "\(part ?? 0)/\(whole ?? 0) = \(NumberText.short(v))%"
        default: return NumberText.short(v) + "%"
        }
    }
}


public enum MonitoringResults {
    /// Scaled ranking per cluster of the programme's scheme over the organisations it asks.
    public static func scaled(_ m: Monitoring, programme p: Programme, organisations: [Organisation]) -> [ScaledCluster] {
        let ids = p.indicators.filter { $0.kind == .percent }.map(\.id)
        guard !ids.isEmpty else { return [] }
        let asked = organisations.filter { p.respondents.contains($0.type) }
        let scheme = m.clusterScheme ?? p.clusterScheme ?? .type
        let byID = Dictionary(asked.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return scheme.clusters(asked).map { c in
            var inputs: [ScalingInput] = []
            var missing: [String] = []
            for id in c.members {
                let vals = (m.values[id] ?? [:]).compactMapValues(\.percent).filter { ids.contains($0.key) }
                if vals.isEmpty { missing.append(id); continue }
                inputs.append(ScalingInput(org: id, name: byID[id]?.name ?? id, values: vals))
            }
            var ranges: [String: [Double]] = [:]
            for i in ids {
                let xs = inputs.map { Scaling.value($0, i) }
                if let lo = xs.min(), let hi = xs.max() { ranges[i] = [lo, hi] }
            }
            return ScaledCluster(id: c.id, name: c.name, ranges: ranges, rows: Scaling.rank(inputs, indicators: ids), missing: missing)
        }
    }

    /// Every collected indicator aggregated to the municipality, in printed order.
    public static func municipal(_ m: Monitoring, programme p: Programme, organisations: [Organisation]) -> [MunicipalValue] {
        let asked = organisations.filter { p.respondents.contains($0.type) }.map(\.id)
        return p.sections.flatMap { s in
            s.indicators.filter { $0.kind != .undefined }.map { ind in
                let sources = ind.reporter == .municipality ? [Monitoring.municipality] : asked
                let vals = sources.compactMap { m.values[$0]?[ind.id] }
                var out = MunicipalValue(section: s.number, id: ind.id, text: ind.text, kind: ind.kind, reporter: ind.reporter,
                                         part: nil, whole: nil, value: nil, reported: vals.count, asked: sources.count)
                guard !vals.isEmpty else { return out }
                switch ind.kind {
                case .share:
                    var a = 0, b = 0
                    for case .counts(let x, let y) in vals { a += x; b += y }
                    out.part = a; out.whole = b
                    out.value = b > 0 ? (Double(a) * 1000 / Double(b)).rounded() / 10 : nil
                case .presence:
                    let yes = vals.filter { $0 == .presence(true) }.count
                    out.part = yes; out.whole = vals.count
                    out.value = (Double(yes) * 1000 / Double(vals.count)).rounded() / 10
                case .count:
                    out.value = Double(vals.reduce(0) { if case .count(let n) = $1 { return $0 + n }; return $0 })
                case .percent:
                    let ps = vals.compactMap(\.percent)
                    out.value = ps.isEmpty ? nil : (ps.reduce(0, +) * 10 / Double(ps.count)).rounded() / 10
                case .undefined: break
                }
                return out
            }
        }
    }
}
