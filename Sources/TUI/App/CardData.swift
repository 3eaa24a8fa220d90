import Model

/// One card with what is needed to show, score and edit it (a copy of `Session.CardContext` that tests can build).
public struct CardData: Equatable, Sendable {
    public var campaign: Campaign
    public var organisation: Organisation { didSet { shortName = organisation.displayShortName } }
    /// The organisation's short name, derived once per load rather than on every frame the card's title is drawn.
    public private(set) var shortName: String
    public var template: Template
    public var card: ExpertCard
    /// Last year's number of young specialists, from last year's card.
    public var lastYearYoung: Int?

    public init(campaign: Campaign, organisation: Organisation, template: Template, card: ExpertCard, lastYearYoung: Int?) {
        self.campaign = campaign; self.organisation = organisation; self.template = template
        shortName = organisation.displayShortName
        self.card = card; self.lastYearYoung = lastYearYoung
    }

    public init(_ ctx: Session.CardContext) {
        self.init(campaign: ctx.campaign, organisation: ctx.organisation, template: ctx.template, card: ctx.card,
                  lastYearYoung: ctx.lastYearYoung)
    }

    public var org: String { organisation.id }
    public var period: String { campaign.period }
    public var score: CardScore { Scoring.score(card, template: template) }
}
