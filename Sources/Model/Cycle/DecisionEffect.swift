import Foundation

/// One targeted indicator before and after a decision: the value in the period it was recorded in and in the
/// next period with data («анализ эффективности», seed 004; seed 002, 3.6).
public struct EffectLine: Codable, Equatable, Sendable {
    public var indicator: String
    public var text: String
    /// What the value means: for a card indicator the percentage of the target's organisations earning it; for a
    /// programme the municipal-style aggregate over the target's organisations.
    public var measure: String
    public var before: Double?
    public var after: Double?
    public var afterPeriod: String?
    /// `improved`, `worse`, `same`, `pending` (no next period yet), `no-data`.
    public var verdict: String

    public var russianVerdict: String {
        switch verdict {
        case "improved": return "улучшение"
        case "worse": return "ухудшение"
        case "same": return "без изменений"
        case "pending": return "ждёт следующего периода"
        default: return "нет данных"
        }
    }
}

public struct DecisionOutcome: Codable, Equatable, Sendable {
    public var decision: ManagementDecision
    /// The organisations the decision addresses (for a zone: those that earned nothing on a targeted indicator).
    public var members: [String]
    public var lines: [EffectLine]
}

public enum DecisionEffect {
    /// The organisations a decision addresses, as of the period it was recorded in.
    public static func members(of d: ManagementDecision, organisations: [Organisation], workspace: Workspace) throws -> [String] {
        switch d.target.kind {
        case .organisation:
            return [d.target.id]
        case .cluster:
            return scope(d.target.id, organisations)
        case .zone:
            let inScope = Set(scope(d.target.id, organisations))
            var zero = Set<String>()
            for t in d.indicators {
                let byOrg = try values(t, period: d.period, organisations: organisations.filter { inScope.contains($0.id) }, workspace: workspace)
                for (org, v) in byOrg where v == 0 { zero.insert(org) }
            }
            return organisations.map(\.id).filter { zero.contains($0) }
        }
    }

    static func scope(_ id: String, _ orgs: [Organisation]) -> [String] {
        if id == ProblemZones.municipalityID { return orgs.map(\.id) }
        guard let kind = ClusterKind(rawValue: id) else { return [] }
        let scheme: ClusterScheme = [.secondaryLarge, .secondarySmall, .basic, .generalUnknown].contains(kind) ? .size : .type
        return orgs.filter { ClusterKind.of($0, scheme: scheme) == kind }.map(\.id)
    }

    /// Each member's value of an indicator in a period: card points (0 when not earned) or a programme value
    /// as a number (percent, share in percent, 100/0 for yes/no, a count). Organisations without data are absent.
    static func values(_ t: IndicatorTarget, period: String, organisations: [Organisation], workspace: Workspace) throws -> [String: Double] {
        if let type = OrgType(rawValue: t.template) {
            guard let c = try workspace.campaigns().first(where: { $0.period == period }), c.templates[type.rawValue] != nil else { return [:] }
            let results = try workspace.periodResults(c)
            let wanted = Set(organisations.filter { $0.type == type }.map(\.id))
            var out: [String: Double] = [:]
            for r in results.results where wanted.contains(r.org) { out[r.org] = Double(r.indicatorPoints[t.indicator] ?? 0) }
            return out
        }
        guard let m = try? workspace.monitoring(period: period, template: t.template) else { return [:] }
        var out: [String: Double] = [:]
        for o in organisations {
            switch m.values[o.id]?[t.indicator] {
            case .percent(let v)?: out[o.id] = v
            case .counts(let a, let b)?: out[o.id] = b > 0 ? Double(a) * 100 / Double(b) : 0
            case .presence(let y)?: out[o.id] = y ? 100 : 0
            case .count(let n)?: out[o.id] = Double(n)
            case nil: break
            }
        }
        return out
    }

    /// The group's value: the percentage earning a card indicator, or the mean of a programme indicator.
    static func aggregate(_ t: IndicatorTarget, _ vals: [String: Double]) -> Double? {
        guard !vals.isEmpty else { return nil }
        if OrgType(rawValue: t.template) != nil {
            return (Double(vals.values.filter { $0 > 0 }.count) * 1000 / Double(vals.count)).rounded() / 10
        }
        return (vals.values.reduce(0, +) * 10 / Double(vals.count)).rounded() / 10
    }

    /// Periods with data for an indicator, oldest first.
    static func periods(_ t: IndicatorTarget, workspace: Workspace) throws -> [String] {
        if let type = OrgType(rawValue: t.template) {
            return try workspace.campaigns().filter { $0.templates[type.rawValue] != nil }.map(\.period)
        }
        return try workspace.allMonitorings().filter { TemplateKey.id(ofKey: $0.template.id) == t.template }.map(\.period)
    }

    /// Before (the decision's period) and after (the next period with data) for each targeted indicator.
    public static func evaluate(_ d: ManagementDecision, workspace: Workspace) throws -> DecisionOutcome {
        let orgs = try workspace.organisations()
        let members = try self.members(of: d, organisations: orgs, workspace: workspace)
        let memberOrgs = orgs.filter { members.contains($0.id) }
        let entries = try workspace.templateEntries()
        var lines: [EffectLine] = []
        for t in d.indicators {
            let text = entries.lazy.compactMap { e -> String? in
                switch e.template {
                case .card(let c) where c.orgType.rawValue == t.template: return c.indicator(t.indicator)?.text
                case .programme(let p) where p.id == t.template: return p.indicator(t.indicator)?.text
                default: return nil
                }
            }.first ?? ""
            let measure = OrgType(rawValue: t.template) != nil ? "% организаций, получивших баллы" : "среднее по организациям"
            let before = aggregate(t, try values(t, period: d.period, organisations: memberOrgs, workspace: workspace))
            let next = try periods(t, workspace: workspace).first { $0 > d.period }
            let after = try next.map { aggregate(t, try values(t, period: $0, organisations: memberOrgs, workspace: workspace)) } ?? nil
            let verdict: String
            switch (before, after, next) {
            case (_, _, nil): verdict = "pending"
            case (let b?, let a?, _): verdict = abs(a - b) < 0.05 ? "same" : (a > b ? "improved" : "worse")
            default: verdict = "no-data"
            }
            lines.append(EffectLine(indicator: t.description, text: text, measure: measure, before: before, after: after,
                                    afterPeriod: next, verdict: verdict))
        }
        return DecisionOutcome(decision: d, members: members, lines: lines)
    }
}
