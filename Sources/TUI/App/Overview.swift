import Foundation
import Model

/// The campaign as the methodist's and reviewer's screens see it, loaded in one go and refreshed after changes.
public struct Overview: Equatable, Sendable {
    public var workspaceName: String
    public var campaign: Campaign
    public var organisations: [Organisation]
    public var templates: [OrgType: Template]
    /// Saved cards by organisation (an organisation without one has not started).
    public var cards: [String: ExpertCard]
    /// Points, percent, level and status per organisation, in organisation order.
    public var rows: [ScoreRow]
    public var deadlines: [DeadlineRow]
    /// Ranked tables, one per cluster of the campaign's scheme.
    public var rankings: [ClusterRanking]
    /// Where the templates in use do not add up.
    public var lint: [LintFinding]

    public init(workspaceName: String, campaign: Campaign, organisations: [Organisation], templates: [OrgType: Template],
                cards: [String: ExpertCard], today: Day) {
        self.workspaceName = workspaceName
        self.campaign = campaign
        self.organisations = organisations
        self.templates = templates
        self.cards = cards
        rows = organisations.compactMap { o in
            templates[o.type].map { ScoreRow(org: o, card: cards[o.id], template: $0) }
        }
        deadlines = Deadlines.rows(campaign: campaign, organisations: organisations, cards: cards, today: today)
        rankings = Ranking.rank(rows, scheme: campaign.clusterScheme, templates: templates)
        lint = TemplateLint.check(OrgType.allCases.compactMap { templates[$0] })
    }

    /// Reads the newest campaign and all its cards, as the session's person may (methodists and reviewers).
    public static func load(_ session: Session) throws -> Overview {
        let ws = session.workspace
        let campaign = try ws.campaign(orLatest: nil)
        try session.require(.viewAnalytics, campaign: campaign)
        let orgs = try ws.organisations()
        let templates = try ws.templates(of: campaign)
        let cards = try ws.loadCards(period: campaign.period, orgs: orgs.map(\.id))
        return Overview(workspaceName: try ws.info().name, campaign: campaign, organisations: orgs,
                        templates: templates, cards: cards, today: session.today)
    }

    public func organisation(_ id: String) -> Organisation? { organisations.first { $0.id == id } }

    /// A card's status, or nil when the organisation has not started one.
    public func status(of org: String) -> CardStatus? { cards[org]?.status }
}
