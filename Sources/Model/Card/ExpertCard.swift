import Foundation

/// Where a card is in its life: filled by the principal, checked by a reviewer, accepted.
public enum CardStatus: String, Codable, Sendable, CaseIterable {
    case draft, submitted, returned, accepted

    public var russian: String {
        switch self {
        case .draft: return "черновик"
        case .submitted: return "на проверке"
        case .returned: return "возвращена"
        case .accepted: return "принята"
        }
    }

    /// The one word for a card nobody has saved anything in (its status is still `draft`), everywhere: the
    /// screens, the CLI's tables, the workbook.
    public static let notStartedRussian = "не начата"

    /// The status as people read it: «не начата» for a card never saved, else `russian`.
    public func russian(started: Bool) -> String { started ? russian : Self.notStartedRussian }
}

/// The document that backs an indicator: name, number and date, as the regulation asks ("с указанием ссылок на документы").
public struct Evidence: Codable, Equatable, Sendable {
    public var document: String
    public var number: String
    public var date: String
    public init(document: String, number: String = "", date: String = "") {
        self.document = document; self.number = number; self.date = date
    }
    /// Whether the name is blank (spaces and tabs only).
    public var isEmpty: Bool { Whitespace.isBlank(document) }
    /// Refuses a name, number or date longer than its `FieldLimit`.
    public func checkLimits() throws {
        try FieldLimit.document.check(document)
        try FieldLimit.documentNumber.check(number)
        try FieldLimit.documentDate.check(date)
    }
    /// One line: `Приказ № 12 от 01.09.2025`.
    public var display: String {
        var s = document
        if !number.isEmpty { s += " № \(number)" }
        if !date.isEmpty { s += " от \(date)" }
        return s
    }
}

/// A reviewer's word on one indicator.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case confirmed, notConfirmed, corrected
    public var russian: String {
        switch self {
        case .confirmed: return "подтверждено"
        case .notConfirmed: return "не подтверждено"
        case .corrected: return "исправлено"
        }
    }
}

/// The review of one indicator: verdict, the corrected answer where corrected, a comment, who and when.
public struct IndicatorReview: Codable, Equatable, Sendable {
    public var verdict: Verdict
    public var corrected: Answer?
    public var comment: String
    public var reviewer: String
    public var at: Date
    public init(verdict: Verdict, corrected: Answer? = nil, comment: String = "", reviewer: String, at: Date) {
        self.verdict = verdict; self.corrected = corrected; self.comment = comment; self.reviewer = reviewer; self.at = at
    }
}

/// One step in a card's history: a status change, by whom, when, with an optional comment.
public struct StatusChange: Codable, Equatable, Sendable {
    public var status: CardStatus
    public var by: String
    public var at: Date
    public var comment: String?
    public init(status: CardStatus, by: String, at: Date, comment: String? = nil) {
        self.status = status; self.by = by; self.at = at; self.comment = comment
    }
}

/// One organisation's expert card for one period (`campaigns/<period>/cards/<org>.json`).
public struct ExpertCard: Codable, Equatable, Sendable {
    public var formatVersion: Int
    public var org: String
    public var period: String
    /// Template id this card is filled against.
    public var template: String
    /// Increases by one with every save; a save from an older revision is refused.
    public var revision: Int
    public var status: CardStatus
    public var answers: [String: Answer]
    public var evidence: [String: Evidence]
    /// Per-indicator verdicts of the current review round.
    public var reviews: [String: IndicatorReview]
    /// The answers as they were when the card was last returned: what changed since is highlighted.
    public var answersAtReturn: [String: Answer]?
    /// The evidence as it was when the card was last returned.
    public var evidenceAtReturn: [String: Evidence]?
    public var history: [StatusChange]
    public var updatedAt: Date?
    public var updatedBy: String?
    /// The journal entry whose save produced this card (its last change): `audit verify` checks the card
    /// against what that entry recorded.
    public var journal: JournalLink?

    public static let currentFormat = 1

    public init(org: String, period: String, template: String) {
        formatVersion = Self.currentFormat; self.org = org; self.period = period; self.template = template
        revision = 0; status = .draft; answers = [:]; evidence = [:]; reviews = [:]; answersAtReturn = nil; evidenceAtReturn = nil
        history = []; updatedAt = nil; updatedBy = nil; journal = nil
    }

    /// Answers the reviewer's verdicts leave standing: corrected values replace, not confirmed ones count nothing.
    public var reviewedAnswers: [String: Answer] {
        var out = answers
        for (id, r) in reviews {
            switch r.verdict {
            case .confirmed: break
            case .notConfirmed: out[id] = nil
            case .corrected: out[id] = r.corrected
            }
        }
        return out
    }

    /// Indicators whose answer earns points but have no evidence.
    public func claimedWithoutEvidence(_ template: Template) -> [Indicator] {
        template.indicators.filter { ind in
            guard let a = answers[ind.id] else { return false }
            return Scoring.points(for: a, rule: ind.rule) > 0 && (evidence[ind.id]?.isEmpty ?? true)
        }
    }

    /// Indicators whose answer or evidence differs from what it was when the card was returned.
    public var changedSinceReturn: Set<String> {
        guard let before = answersAtReturn else { return [] }
        let docs = evidenceAtReturn ?? [:]
        let ids = Set(before.keys).union(answers.keys).union(docs.keys).union(evidence.keys)
        return ids.filter { before[$0] != answers[$0] || docs[$0] != evidence[$0] }
    }
}
