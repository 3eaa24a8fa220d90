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
    /// What was done.
    public var text: String
    /// When it was done, as the reporter says (absent in reports recorded before it was asked).
    public var done: Day? = nil
}

/// Where a decision stands; the methodist sets it.
public enum DecisionStatus: String, Codable, Sendable, CaseIterable {
    case planned, inProgress = "in-progress", done, cancelled
    public var russian: String {
        switch self {
        case .planned: return "запланировано"
        case .inProgress: return "выполняется"
        case .done: return "выполнено"
        case .cancelled: return "отменено"
        }
    }
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
    /// Absent in files written before statuses: planned.
    public var status: DecisionStatus? = nil
    /// Counts the changes of this decision (a status, a report), so that a change made from a stale screen is
    /// refused instead of overwriting what someone else did meanwhile. Absent: 0.
    public var revision: Int? = nil
    /// Who changed it last (after it was recorded).
    public var updatedBy: String? = nil

    public var currentStatus: DecisionStatus { status ?? .planned }
    public var currentRevision: Int { revision ?? 0 }

    /// Marks one more change by `person`.
    mutating func touched(by person: String) {
        revision = currentRevision + 1
        updatedBy = person
    }
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
public struct DecisionDraft: Equatable, Sendable {
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

    /// A principal reports on their organisation's part of a plan (what was done, and when); the methodist on any.
    /// `expectedRevision`: the decision's revision the person saw (nil: whatever is on disk now, as the CLI does).
    @discardableResult
    public func reportOnDecision(id: String, text: String, done: Day? = nil, expectedRevision: Int? = nil) throws -> ManagementDecision {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, t.utf8.count <= 16_000, t.count <= 2000 else {
            throw StoreError.invalid(InputError("the report must be 1-2000 characters", russian: "Отчёт — от 1 до 2000 знаков"))
        }
        if let d = done, d > today {
            throw StoreError.invalid(InputError("the date it was done (\(d)) is after today", russian: "Дата выполнения \(d.russian) ещё не наступила"))
        }
        try require(.reportOnPlan(org: person.role == .principal ? person.org : nil), campaign: nil)
        guard let d = try visibleDecisions().first(where: { $0.id == id }) else { throw StoreError.notFound(what: "decision", id: id) }
        if person.role == .principal, d.currentStatus == .cancelled {
            throw StoreError.invalid(InputError("decision \(id) was cancelled", russian: "Решение \(id) отменено: отчёт по нему не нужен"))
        }
        return try changeDecision(id, expectedRevision: expectedRevision) { dec in
            let r = DecisionReport(by: person.id, at: now(), org: person.role == .principal ? person.org : nil, text: t, done: done)
            dec.reports.append(r)
            return [Change("decision.report", target: "decision:\(id)", after: .from(r))]
        }
    }

    /// Methodist: where a decision stands (planned, in progress, done, cancelled).
    @discardableResult
    public func setDecisionStatus(id: String, status: DecisionStatus, expectedRevision: Int? = nil) throws -> ManagementDecision {
        try require(.editRecommendations, campaign: nil)
        return try changeDecision(id, expectedRevision: expectedRevision) { dec in
            let before = dec.currentStatus
            guard before != status else { return [] }
            dec.status = status
            return [Change("decision.status", target: "decision:\(id)", before: .string(before.rawValue), after: .string(status.rawValue))]
        }
    }

    /// Changes one decision under the lock, refusing when it changed since the person saw revision `expectedRevision`.
    private func changeDecision(_ id: String, expectedRevision: Int?,
                                _ body: (inout ManagementDecision) throws -> [Change]) throws -> ManagementDecision {
        var out: ManagementDecision?
        try update(DecisionList.self, at: workspace.decisionsPath, initial: { nil }) { list in
            guard let i = list.decisions.firstIndex(where: { $0.id == id }) else { throw StoreError.notFound(what: "decision", id: id) }
            let current = list.decisions[i]
            if let e = expectedRevision, e != current.currentRevision {
                throw StoreError.conflict(path: workspace.decisionsPath, expected: e, found: current.currentRevision, by: current.updatedBy)
            }
            let changes = try body(&list.decisions[i])
            if !changes.isEmpty { list.decisions[i].touched(by: person.id) }
            out = list.decisions[i]
            return changes
        }
        guard let o = out else { throw StoreError.notFound(what: "decision", id: id) }
        return o
    }
}
