import Foundation

/// One organisation's standing against the fill deadline.
public struct DeadlineRow: Codable, Equatable, Sendable {
    public var org: String
    public var name: String
    public var status: CardStatus
    /// When the card was last submitted (nil if never).
    public var submittedAt: Date?
    /// The deadline that applies: the extension, or the campaign's fill deadline.
    public var deadline: Day
    public var extensionUntil: Day?
    /// Why the extension was granted.
    public var extensionReason: String?
    /// Days past the deadline without a submitted card (0 when on time or not yet due);
    /// for a card submitted late, the days it was late.
    public var overdueDays: Int
    /// Set when the card could not be read (its status is then unknown).
    public var unreadable: UnreadableCard?
    /// False when the organisation has no card yet (shown «не начата»); not in JSON.
    public var started = true

    enum CodingKeys: String, CodingKey { case org, name, status, submittedAt, deadline, extensionUntil, extensionReason, overdueDays, unreadable }

    public var isOverdue: Bool { overdueDays > 0 }
}

extension Deadlines {
    /// Rows for every organisation, most overdue first, then by id.
    public static func rows<Card: CardStanding>(campaign: Campaign, organisations: [Organisation], cards: [String: Card],
                                              today: Day) -> [DeadlineRow] {
        organisations.map { o in
            let card = cards[o.id]
            let status = card?.status ?? .draft
            let deadline = campaign.fillDeadline(for: o.id)
            let submitted = card?.submittedAt
            var overdue = 0
            if status == .draft || status == .returned && submitted == nil {
                overdue = max(0, deadline.days(to: today))
            } else if let s = submitted {
                overdue = max(0, deadline.days(to: Day.today(now: s)))
            }
            return DeadlineRow(org: o.id, name: o.name, status: status, submittedAt: submitted, deadline: deadline,
                               extensionUntil: campaign.extensions[o.id], extensionReason: campaign.extensionReason(for: o.id),
                               overdueDays: overdue, started: card != nil)
        }.sorted { ($0.overdueDays, $1.org) > ($1.overdueDays, $0.org) }
    }
}

/// Deadlines and extensions of a campaign (seed 002, 3.3).
public enum Deadlines {}

extension Session {
    /// Methodist: moves the campaign's three deadlines (nil keeps one as it is). `expectedRevision` is the campaign's
    /// revision the methodist saw (nil: whatever is on disk now, for the CLI).
    @discardableResult
    public func setDeadlines(period: String?, fill: Day?, check: Day?, evaluate: Day?,
                             expectedRevision: Int? = nil) throws -> Campaign {
        let c = try workspace.campaign(orLatest: period)
        try require(.manageCampaign, campaign: c)
        return try update(Campaign.self, at: workspace.campaignPath(c.period), expectedRevision: expectedRevision,
                          initial: { nil }) { camp in
            let before = camp
            if let f = fill { camp.fillDeadline = f }
            if let k = check { camp.checkDeadline = k }
            if let e = evaluate { camp.evaluateDeadline = e }
            if let bad = camp.validateDates() { throw StoreError.invalid(bad) }
            guard camp != before else { return [] }
            return [Change("campaign.deadlines", target: "campaign:\(c.period)",
                           before: .object(["fill": .from(before.fillDeadline), "check": .from(before.checkDeadline), "evaluate": .from(before.evaluateDeadline)]),
                           after: .object(["fill": .from(camp.fillDeadline), "check": .from(camp.checkDeadline), "evaluate": .from(camp.evaluateDeadline)]))]
        }
    }

    /// Methodist: gives one organisation until `until` to fill its card, for `reason` (required: the journal, the
    /// deadlines table and the card say why this one got more time); nil removes the extension (a reason is then
    /// journaled when given). `expectedRevision`: the campaign's revision the methodist saw (nil for the CLI).
    @discardableResult
    public func extend(org: String, until: Day?, reason: String?, period: String?,
                       expectedRevision: Int? = nil) throws -> Campaign {
        let c = try workspace.campaign(orLatest: period)
        try require(.manageCampaign, campaign: c)
        _ = try workspace.organisation(org)
        let why = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try FieldLimit.reason.check(why)
        if until != nil && why.isEmpty {
            throw StoreError.invalid(InputError("an extension needs a reason (--reason)", russian: "Укажите причину продления"))
        }
        return try update(Campaign.self, at: workspace.campaignPath(c.period), expectedRevision: expectedRevision,
                          initial: { nil }) { camp in
            if let u = until, u <= camp.fillDeadline {
                throw StoreError.invalid(InputError("an extension must end after the fill deadline \(camp.fillDeadline)",
                                                    russian: "Продление должно быть позже срока \(camp.fillDeadline.russian)"))
            }
            let before = (until: camp.extensions[org], reason: camp.extensionReason(for: org))
            let after = (until: until, reason: until == nil ? nil : why)
            guard before.until != after.until || before.reason != after.reason else { return [] }
            camp.extensions[org] = until
            var reasons = camp.extensionReasons ?? [:]
            reasons[org] = after.reason
            camp.extensionReasons = reasons.isEmpty ? nil : reasons
            return [Change("campaign.extend", target: "campaign:\(c.period)/\(org)",
                           before: .object(["until": .from(before.until), "reason": .from(before.reason)]),
                           after: .object(["until": .from(after.until), "reason": why.isEmpty ? .null : .string(why)]))]
        }
    }

    /// Methodist: opens the campaign of a new period with the newest version of every card pinned
    /// (`openCampaign` chooses templates, dates and clusters).
    @discardableResult
    public func createCampaign(period: String) throws -> Campaign {
        guard let c = try openCampaign(CampaignPlan(period: period)).campaign else {
            throw StoreError.notFound(what: "template", id: "(no card templates in the workspace)")
        }
        return c
    }

    /// Deadline rows of a campaign for the methodist's screens and `profrost deadlines`.
    public func deadlineRows(period: String?) throws -> (Campaign, [DeadlineRow]) {
        let c = try workspace.campaign(orLatest: period)
        try require(.viewAnalytics, campaign: c)
        let orgs = try workspace.organisations()
        let read = workspace.readSummaries(period: c.period, orgs: orgs.map(\.id)) { _, s in s }
        var cards: [String: CardSummary] = [:]
        for (i, s) in read.values.enumerated() { if let s { cards[orgs[i].id] = s } }
        let bad = Dictionary(read.unreadable.map { ($0.org, $0) }, uniquingKeysWith: { a, _ in a })
        return (c, Deadlines.rows(campaign: c, organisations: orgs, cards: cards, today: today).map { r in
            var r = r
            r.unreadable = bad[r.org]
            return r
        })
    }
}
