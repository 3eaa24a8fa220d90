import Foundation

/// Whom a decision addresses (seed 004; seed 002, 3.6): one organisation, a cluster, or a problem zone — the
/// organisations of a cluster (or the municipality) that earned nothing on the targeted indicators that year.
public enum DecisionTargetKind: String, Codable, Sendable, CaseIterable {
    case organisation, cluster, zone
    public var russian: String {
        switch self { case .organisation: return "организация"; case .cluster: return "кластер"; case .zone: return "проблемная зона" }
    }
}

public struct DecisionTarget: Codable, Equatable, Sendable {
    public var kind: DecisionTargetKind
    /// Organisation id; cluster id (`general-over-500`, `preschool`, …); for a zone, a cluster id or `municipality`.
    public var id: String
    public init(kind: DecisionTargetKind, id: String) { self.kind = kind; self.id = id }
}

/// An indicator a decision aims to move: `general:d2.8` (a card of that type) or `method-activity:d1.3` (a programme).
public struct IndicatorTarget: Codable, Hashable, Sendable, CustomStringConvertible {
    /// Template id (for cards the organisation type: `preschool`, `general`, `additional`).
    public var template: String
    public var indicator: String
    public init(template: String, indicator: String) { self.template = template; self.indicator = indicator }
    public var description: String { "\(template):\(indicator)" }

    public init?(_ text: String) {
        let p = text.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2, TemplateKey.isValidID(String(p[0])), TemplateValidation.isValidIndicatorID(String(p[1])) else { return nil }
        template = String(p[0]); indicator = String(p[1])
    }
}

/// A principal's (or the methodist's) note on how a plan is carried out.
public struct DecisionReport: Codable, Equatable, Sendable {
    public var by: String
    public var at: Date
    public var org: String?
    public var text: String
}

/// A management decision or a plan of measures, recorded in a period and judged by the next one.
public struct ManagementDecision: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case decision, plan
        public var russian: String { self == .decision ? "управленческое решение" : "план мероприятий" }
    }
    /// `r1`, `r2`, … in the order recorded.
    public var id: String
    /// The period whose results led to it (its effect is read in the next period).
    public var period: String
    public var kind: Kind
    public var target: DecisionTarget
    /// What is to be done.
    public var what: String
    /// Who is responsible (a person's name or post, as the department writes it).
    public var responsible: String
    public var due: Day
    public var indicators: [IndicatorTarget]
    public var recordedBy: String
    public var recordedAt: Date
    public var reports: [DecisionReport]
}

/// `decisions.json`: every decision of the workspace, across years.
public struct DecisionList: Codable, Equatable, Sendable, Revisioned {
    public var formatVersion = 1
    public var revision = 0
    public var decisions: [ManagementDecision] = []
    public init() {}
}

extension Workspace {
    public var decisionsPath: String { path("decisions.json") }
    public func decisions() throws -> [ManagementDecision] { try read(DecisionList.self, at: decisionsPath)?.decisions ?? [] }
}

/// What a person types to record a decision.
public struct DecisionDraft: Sendable {
    public var period: String
    public var kind: ManagementDecision.Kind
    public var target: DecisionTarget
    public var what: String
    public var responsible: String
    public var due: Day
    public var indicators: [IndicatorTarget]
    public init(period: String, kind: ManagementDecision.Kind, target: DecisionTarget, what: String, responsible: String, due: Day,
                indicators: [IndicatorTarget]) {
        self.period = period; self.kind = kind; self.target = target; self.what = what; self.responsible = responsible
        self.due = due; self.indicators = indicators
    }
}

extension Session {
    /// Methodist: records a decision; every targeted indicator must exist in a template of the workspace.
    @discardableResult
    public func recordDecision(_ d: DecisionDraft) throws -> ManagementDecision {
        try require(.editRecommendations, campaign: nil)
        guard Campaign.fillYear(of: d.period) != nil else {
            throw StoreError.invalid(InputError("period must look like 2025-26", russian: "Период должен иметь вид 2025-26"))
        }
        let what = d.what.trimmingCharacters(in: .whitespacesAndNewlines)
        let responsible = d.responsible.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !what.isEmpty, what.count <= 2000 else {
            throw StoreError.invalid(InputError("what is to be done must be 1-2000 characters", russian: "Содержание решения — от 1 до 2000 знаков"))
        }
        guard !responsible.isEmpty, responsible.count <= 200 else {
            throw StoreError.invalid(InputError("the responsible person must be 1-200 characters", russian: "Ответственный — от 1 до 200 знаков"))
        }
        guard !d.indicators.isEmpty else {
            throw StoreError.invalid(InputError("name at least one indicator the decision targets (template:indicator)",
                                                russian: "Укажите хотя бы один показатель, на который направлено решение"))
        }
        let entries = try workspace.templateEntries()
        for t in d.indicators {
            let known = entries.contains { e in
                (e.template.id == t.template || e.template.orgTypes.map(\.rawValue) == [t.template] && e.template.kind == .card)
                    && e.template.indicatorIDs.contains(t.indicator)
            }
            if !known { throw StoreError.notFound(what: "indicator", id: t.description) }
        }
        switch d.target.kind {
        case .organisation: _ = try workspace.organisation(d.target.id)
        case .cluster, .zone:
            if !(d.target.kind == .zone && d.target.id == ProblemZones.municipalityID) && ClusterKind(rawValue: d.target.id) == nil {
                throw StoreError.invalid(InputError("unknown cluster \(Sanitize.line(d.target.id, limit: 40)); one of \(ClusterKind.allCases.map(\.id).joined(separator: ", "))",
                                                    russian: "Неизвестный кластер"))
            }
        }
        var made: ManagementDecision?
        try update(DecisionList.self, at: workspace.decisionsPath, initial: { DecisionList() }) { list in
            let n = (list.decisions.compactMap { Int($0.id.dropFirst()) }.max() ?? 0) + 1
            let dec = ManagementDecision(id: "r\(n)", period: d.period, kind: d.kind, target: d.target, what: what, responsible: responsible,
                               due: d.due, indicators: d.indicators, recordedBy: person.id, recordedAt: now(), reports: [])
            list.decisions.append(dec)
            made = dec
            return [Change("decision.add", target: "decision:\(dec.id)", after: .from(dec))]
        }
        guard let m = made else { throw StoreError.notFound(what: "decision", id: "(new)") }
        return m
    }

    /// Decisions this person may see: all for the methodist and reviewers, those addressing their organisation for a principal.
    public func visibleDecisions() throws -> [ManagementDecision] {
        let all = try workspace.decisions()
        guard person.role == .principal else { return all }
        guard let org = person.org else { return [] }
        let orgs = try workspace.organisations()
        return try all.filter { try DecisionEffect.members(of: $0, organisations: orgs, workspace: workspace).contains(org) }
    }

    /// A principal reports on their organisation's part of a plan; the methodist on any.
    @discardableResult
    public func reportOnDecision(id: String, text: String) throws -> ManagementDecision {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, t.count <= 2000 else {
            throw StoreError.invalid(InputError("the report must be 1-2000 characters", russian: "Отчёт — от 1 до 2000 знаков"))
        }
        guard let d = try visibleDecisions().first(where: { $0.id == id }) else { throw StoreError.notFound(what: "decision", id: id) }
        if person.role == .reviewer {
            throw StoreError.denied(InputError("reviewers do not report on plans", russian: "Эксперт не отчитывается по планам"))
        }
        var out = d
        try update(DecisionList.self, at: workspace.decisionsPath, initial: { nil }) { list in
            guard let i = list.decisions.firstIndex(where: { $0.id == d.id }) else { throw StoreError.notFound(what: "decision", id: id) }
            let r = DecisionReport(by: person.id, at: now(), org: person.role == .principal ? person.org : nil, text: t)
            list.decisions[i].reports.append(r)
            out = list.decisions[i]
            return [Change("decision.report", target: "decision:\(d.id)", after: .from(r))]
        }
        return out
    }
}
