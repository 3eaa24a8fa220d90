import Foundation
import Model

/// The campaign as the methodist's and reviewer's screens see it, loaded in one go and refreshed after changes.
public struct Overview: Equatable, Sendable {
    public var workspaceName: String
    public var campaign: Campaign
    public var organisations: [Organisation]
    public var templates: [OrgType: Template]
    /// Where each saved card stands, by organisation (an organisation without one has not started). Briefs, not
    /// whole cards: read through the score index without decoding 3,000 card files, scored into `rows` on the way,
    /// and holding no answers, evidence or comments, which no screen of the overview shows (the card screen
    /// reads its one card whole).
    public var cards: [String: CardBrief]
    /// Points, percent, level and status per organisation, in organisation order.
    public var rows: [ScoreRow]
    public var deadlines: [DeadlineRow]
    /// Ranked tables, one per cluster of the campaign's scheme.
    public var rankings: [ClusterRanking]
    /// Where the templates in use do not add up.
    public var lint: [LintFinding]
    /// Position of each organisation in `organisations`, by id.
    var index: [String: Int] = [:]
    /// How far the review of each submitted card has got, from the card summaries (the score index): decoding
    /// every submitted card for it was most of the first frame's time (in the demo region 43 % of 3,000 cards are
    /// submitted; on the deadline day most are).
    public var reviewProgress: [String: ReviewProgress] = [:]

    public init(workspaceName: String, campaign: Campaign, organisations: [Organisation], templates: [OrgType: Template],
                rows: [ScoreRow], cards: [String: CardBrief], today: Day) {
        self.workspaceName = workspaceName
        self.campaign = campaign
        self.organisations = organisations
        self.templates = templates
        self.cards = cards
        self.rows = rows
        deadlines = Deadlines.rows(campaign: campaign, organisations: organisations, cards: cards, today: today)
        rankings = Ranking.rank(rows, scheme: campaign.clusterScheme, templates: templates)
        lint = TemplateLint.check(OrgType.allCases.compactMap { templates[$0] })
        index = Dictionary(organisations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Reads the newest campaign and all its cards, as the session's person may (methodists and reviewers).
    public static func load(_ session: Session) throws -> Overview {
        let ws = session.workspace
        let campaign = try ws.campaign(orLatest: nil)
        try session.require(.viewAnalytics, campaign: campaign)
        let orgs = try ws.organisations()
        let templates = try ws.templates(of: campaign)
        // Each card is scored where it is read and only its row and brief are kept: the answers of 3,000 cards
        // held at once were most of a session's memory.
        let scored = try ws.scored(period: campaign.period, orgs: orgs, templates: templates) {
            (row: ScoreRow(org: $0, summary: $1, template: $2), brief: $1.map(CardBrief.init),
             progress: $1.flatMap { $0.status == .submitted ? ReviewProgress($0) : nil })
        }
        // A card that cannot be read is a marked row, not a screen stuck on «Загрузка…».
        let rows = ScoreRow.marking(scored.values.map(\.row), scored.unreadable, \.self)
        var cards: [String: CardBrief] = [:]
        var progress: [String: ReviewProgress] = [:]
        for s in scored.values {
            if let b = s.brief { cards[s.row.org] = b }
            if let p = s.progress { progress[s.row.org] = p }
        }
        var overview = Overview(workspaceName: try ws.info().name, campaign: campaign, organisations: orgs,
                                templates: templates, rows: rows, cards: cards, today: session.today)
        overview.reviewProgress = progress
        return overview
    }

    public func organisation(_ id: String) -> Organisation? { index[id].map { organisations[$0] } }

    /// An organisation's name for narrow columns (imported, else derived from the full name).
    public func shortName(_ id: String) -> String? { organisation(id)?.displayShortName }

    /// A card's status, or nil when the organisation has not started one.
    public func status(of org: String) -> CardStatus? { cards[org]?.status }

    /// The status cell of an organisation's row: its card's status, or «не читается» (with the file and line in
    /// the help of `audit verify` and the CLI) when the card file could not be read.
    public func statusCell(_ org: String) -> TableCell {
        if rows.contains(where: { $0.org == org && $0.unreadable != nil }) {
            return TableCell(Format.unreadable, style: .warn)
        }
        let s = status(of: org)
        return TableCell(Format.status(s), style: Format.style(of: s))
    }
}

/// `отмечено 12 из 34`: indicators with a reviewer's mark among those the principal answered.
public struct ReviewProgress: Equatable, Sendable {
    public var marked: Int
    public var of: Int

    public init(marked: Int, of: Int) { self.marked = marked; self.of = of }

    public init(_ card: ExpertCard) { self.init(CardSummary(card)) }

    public init(_ s: CardSummary) { self.init(marked: s.marked, of: s.answers.count) }

    public var russian: String { "отмечено \(marked) из \(of)" }
}
