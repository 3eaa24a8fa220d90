import Foundation

/// What lists, tables, scores and rankings need from a card, and nothing more: no evidence, reviews' comments
/// or answers as they were at return.
///
/// A `CardSummary` is what `Workspace.cardSummaries` returns, from the score index when the index's entry
/// still matches the card file, else by decoding the card (see `ScoreIndex`). Screens that show or edit one
/// card read the whole `ExpertCard`; screens that show every organisation need only this.
public struct CardSummary: Equatable, Sendable {
    public var revision: Int
    public var status: CardStatus
    /// Every status change, as in the card (the overview's "latest changes").
    public var history: [StatusChange]
    /// Whether the card was ever returned (it then keeps the answers as they were: `answersAtReturn != nil`).
    public var wasReturned: Bool
    public var updatedAt: Date?
    public var updatedBy: String?
    /// The principal's answers (what `claimedPoints` counts).
    public var answers: [String: Answer]
    /// The answers the reviewer's verdicts leave standing (what `points` counts): `ExpertCard.reviewedAnswers`.
    public var reviewedAnswers: [String: Answer]
    /// How many of the answered indicators the reviewer has marked (the review queue's «отмечено 12 из 34»).
    /// Kept here so that the queue does not decode every submitted card: on the deadline day that is most of them.
    public var marked: Int

    public init(revision: Int, status: CardStatus, history: [StatusChange], wasReturned: Bool, updatedAt: Date?,
                updatedBy: String?, answers: [String: Answer], reviewedAnswers: [String: Answer], marked: Int = 0) {
        self.revision = revision; self.status = status; self.history = history; self.wasReturned = wasReturned
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy; self.answers = answers; self.reviewedAnswers = reviewedAnswers; self.marked = marked
    }

    /// The summary of a whole card.
    public init(_ card: ExpertCard) {
        self.init(revision: card.revision, status: card.status, history: card.history, wasReturned: card.answersAtReturn != nil,
                  updatedAt: card.updatedAt, updatedBy: card.updatedBy, answers: card.answers, reviewedAnswers: card.reviewedAnswers,
                  marked: card.answers.keys.filter { card.reviews[$0] != nil }.count)
    }


    /// An organisation that has not started its card: a draft with no answers.
    public static let notStarted = CardSummary(revision: 0, status: .draft, history: [], wasReturned: false, updatedAt: nil,
                                               updatedBy: nil, answers: [:], reviewedAnswers: [:])
}

/// What a screen of every organisation keeps of a card once its row is scored: where the card stands and how it
/// got there. No answers (they are in the `ScoreRow`'s totals), so 3,000 of them cost little.
public struct CardBrief: Equatable, Sendable {
    public var status: CardStatus
    public var history: [StatusChange]
    public var wasReturned: Bool

    public init(_ s: CardSummary) { status = s.status; history = s.history; wasReturned = s.wasReturned }
}

/// Where a card stands and how it got there: a whole `ExpertCard`, its `CardSummary` or a `CardBrief`.
public protocol CardStanding {
    var status: CardStatus { get }
    var history: [StatusChange] { get }
}

extension CardStanding {
    /// When the card was last submitted, if it was.
    public var submittedAt: Date? { history.last { $0.status == .submitted }?.at }
}

extension ExpertCard: CardStanding {}
extension CardSummary: CardStanding {}
extension CardBrief: CardStanding {}

extension Scoring {
    /// Scores a summary exactly as `score(_ card:template:)` scores the card it summarises.
    public static func score(_ s: CardSummary, template: Template) -> CardScore {
        score(answers: s.answers, reviewed: s.reviewedAnswers, template: template)
    }
}

extension ScoreRow {
    /// The row of `org` from its card's summary (nil: no card yet, everything earns 0).
    public init(org: Organisation, summary: CardSummary?, template: Template) {
        let c = summary ?? .notStarted
        let s = Scoring.score(c, template: template)
        self.init(org: org.id, name: org.name, type: org.type, status: c.status, points: s.points, claimedPoints: s.claimedPoints,
                  max: s.max, percent: s.percent, level: s.level, directions: s.directions, pupils: org.pupils,
                  schoolLevel: org.schoolLevel,
                  percentAnswers: c.reviewedAnswers.compactMapValues { if case .percent(let v) = $0 { return v }; return nil })
        started = summary.map { $0.revision > 0 || !$0.answers.isEmpty } ?? false
    }
}

extension OrgResult {
    /// The result of `org` from its card's summary, as `init(org:card:template:)` gives it from the whole card.
    public init(org: Organisation, summary: CardSummary?, template: Template) {
        row = ScoreRow(org: org, summary: summary, template: template)
        let answers = summary?.reviewedAnswers ?? [:]
        var pts: [String: Int] = [:]
        for ind in template.indicators {
            pts[ind.id] = answers[ind.id].map { Scoring.points(for: $0, rule: ind.rule) } ?? 0
        }
        indicatorPoints = pts
    }
}
