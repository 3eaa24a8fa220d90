import Foundation

/// One organisation's result in a period, down to the indicator: what rankings, zones and recommendations read.
public struct OrgResult: Equatable, Sendable {
    public var row: ScoreRow
    /// Points each indicator earns after review, by indicator id (every indicator of the template, 0 when unanswered).
    public var indicatorPoints: [String: Int]

    /// Scores `card` (nil: no card yet, everything earns 0) of `org` against `template`.
    public init(org: Organisation, card: ExpertCard?, template: Template) {
        row = ScoreRow(org: org, card: card, template: template)
        let answers = card?.reviewedAnswers ?? [:]
        var pts: [String: Int] = [:]
        for ind in template.indicators {
            pts[ind.id] = answers[ind.id].map { Scoring.points(for: $0, rule: ind.rule) } ?? 0
        }
        indicatorPoints = pts
    }

    public var org: String { row.org }
}

/// Everything the analytics of one campaign need: the campaign, its templates and every organisation's result.
///
/// Every organisation with a template for its type is included, whatever its card's status; an organisation
/// with no card earns 0 (as `profrost score` shows it). By the ranking stage (seed 002, 3.3) all cards are
/// accepted; earlier, the status column says how final a row is.
public struct PeriodResults: Sendable {
    public var campaign: Campaign
    public var templates: [OrgType: Template]
    public var results: [OrgResult]
    /// The organisations as read for these results (so that last year's rows need not read them again).
    public var organisations: [Organisation]

    public init(campaign: Campaign, templates: [OrgType: Template], results: [OrgResult], organisations: [Organisation]) {
        self.campaign = campaign; self.templates = templates; self.results = results; self.organisations = organisations
    }

    public var rows: [ScoreRow] { results.map(\.row) }
    /// Cards that could not be read (their rows are marked and left out of rankings and zones).
    public var unreadable: [UnreadableCard] { results.compactMap(\.row.unreadable) }
    /// The results that analytics count: every organisation whose card could be read.
    public var readable: [OrgResult] { results.filter { $0.row.unreadable == nil } }
    public var period: String { campaign.period }

    public func result(_ org: String) -> OrgResult? { results.first { $0.org == org } }
}

extension Workspace {
    /// Scores every organisation of a campaign down to the indicator. `source`: the score index (checked against
    /// each card file's stamp) for screens, the cards themselves for exports and final tables.
    /// `progress` hears of every card as it is read («Чтение карт 2025/26», n of the organisations).
    public func periodResults(_ campaign: Campaign, source: SummarySource = .cache,
                              progress: ProgressReport? = nil) throws -> PeriodResults {
        let templates = try templates(of: campaign)
        let orgs = try organisations()
        let counter = progress.map { ProgressCounter("Чтение карт \(campaign.russianPeriod)", total: orgs.count, report: $0) }
        let s = try scored(period: campaign.period, orgs: orgs, templates: templates, source: source) {
            counter?.tick()
            return OrgResult(org: $0, summary: $1, template: $2)
        }
        return PeriodResults(campaign: campaign, templates: templates, results: ScoreRow.marking(s.values, s.unreadable, \.row),
                             organisations: orgs)
    }

    /// The campaign just before `period`, if there is one.
    public func previousCampaign(before period: String) throws -> Campaign? {
        try campaigns().last { $0.period < period }
    }

    /// One organisation's score row in every campaign that has a template for its type, oldest first.
    public func scoreHistory(org: String) throws -> [(period: String, row: ScoreRow)] {
        let o = try organisation(org)
        var out: [(period: String, row: ScoreRow)] = []
        for c in try campaigns() {
            guard c.templates[o.type.rawValue] != nil else { continue }
            let t = try template(for: o.type, in: c)
            out.append((c.period, ScoreRow(org: o, card: try savedCard(org: org, period: c.period), template: t)))
        }
        return out
    }
}
