import Foundation

/// One person working on a workspace on a given day: every action asks the `Policy`, then saves
/// through `Workspace.update`. The CLI and the TUI both act through a Session.
public struct Session: Sendable {
    public let workspace: Workspace
    public let person: Person
    /// The date the rules see (`--today`, `PROFROST_TODAY`, else the calendar).
    public let today: Day
    public let now: @Sendable () -> Date

    public init(workspace: Workspace, person: Person, today: Day, now: @escaping @Sendable () -> Date = { Date() }) {
        self.workspace = workspace; self.person = person; self.today = today; self.now = now
    }

    /// Opens a session for `personID`, refusing unknown and revoked people.
    public static func open(_ ws: Workspace, as personID: String?, today: Day) throws -> Session {
        let person: Person
        if let id = personID {
            person = try ws.person(id)  // one entry, not the whole list: most sessions are principals'
        } else {
            guard let m = try ws.activeMethodist() else {
                throw StoreError.invalid(InputError("the workspace has no methodist; name a person with --as",
                                                    russian: "В рабочей папке нет методиста"))
            }
            person = m
        }
        guard person.isActive else {
            throw StoreError.denied(InputError("access of \(person.id) was revoked", russian: "Доступ пользователя \(person.id) отозван"))
        }
        return Session(workspace: ws, person: person, today: today, now: clock(showing: today))
    }

    /// A clock whose day is `today` (the day the rules see, `--today`): the real time of day, moved by whole days.
    /// Saves are stamped with it, so that a card submitted "on" 10.09.2026 says so in its history and the journal.
    public static func clock(showing today: Day) -> @Sendable () -> Date {
        { let real = Date()
          let shift = Day.today(now: real).days(to: today)
          return shift == 0 ? real : real.addingTimeInterval(Double(shift) * 86_400) }
    }

    /// Saves a document as this person, journaled with this session's clock (the day `--today` names, so that a
    /// rehearsal's journal and cards tell the same date): the one way a person's change reaches the workspace.
    @discardableResult
    public func update<T: Revisioned>(_ type: T.Type, at path: String, expectedRevision: Int? = nil,
                                      initial: () -> T?, _ mutate: (inout T) throws -> [Change]) throws -> T {
        try workspace.update(type, at: path, actor: person.id, expectedRevision: expectedRevision, at: now(),
                             initial: initial, mutate)
    }

    /// Asks the policy, with the person as `people.json` has them now: a revocation takes effect at once,
    /// even for a session that is already open.
    public func require(_ action: Action, campaign: Campaign?, status: CardStatus? = nil) throws {
        let current = (try? workspace.person(person.id)) ?? Person(id: person.id, name: person.name, role: person.role,
                                                                   org: person.org, revokedAt: Date(timeIntervalSince1970: 0))
        if case .denied(let why) = Policy.decide(action, by: current, campaign: campaign, status: status, today: today) {
            throw StoreError.denied(why)
        }
    }

    // MARK: - Reading cards

    /// A card with everything needed to show or score it.
    public struct CardContext: Sendable {
        public let campaign: Campaign
        public let organisation: Organisation
        public let template: Template
        public let card: ExpertCard
        /// Last year's number of young specialists, from last year's card, when there is one.
        public let lastYearYoung: Int?
        public var score: CardScore { Scoring.score(card, template: template) }
    }

    public func cardContext(org: String, period: String?) throws -> CardContext {
        try cardContext(org: org, period: period, forEditing: false)
    }

    private func cardContext(org: String, period: String?, forEditing: Bool) throws -> CardContext {
        let target = try cardTarget(org: org, period: period)
        let (campaign, t) = (target.campaign, target.template)
        let card = try workspace.card(org: org, period: campaign.period, template: t.id, forEditing: forEditing)
        return CardContext(campaign: campaign, organisation: target.organisation, template: t, card: card,
                           lastYearYoung: try lastYearYoung(org: org, before: campaign.period, template: t))
    }

    /// A card as the editor opens it: `cardContext` with the card read for editing (remembered with its bytes),
    /// then its saving warmed up in memory (`Workspace.warmUpSaving`: nothing is written), so that the first save
    /// of the session is as quick as the ones after it. The TUI opens every card this way; `profrost-bench` opens
    /// its writers' cards this way too.
    public func openCard(org: String, period: String?) throws -> CardContext {
        let context = try cardContext(org: org, period: period, forEditing: true)
        workspace.warmUpSaving(context.card)
        return context
    }

    /// What an action on a card needs before it locks the card: the campaign, the organisation, the template.
    /// (The card itself is read under the lock by `Workspace.update`; reading it here too, and last year's card,
    /// cost a save twice the decoding for nothing — see `profrost bench`.)
    struct CardTarget {
        let campaign: Campaign
        let organisation: Organisation
        let template: Template
    }

    func cardTarget(org: String, period: String?) throws -> CardTarget {
        let campaign = try workspace.campaign(orLatest: period)
        let o = try workspace.organisation(org)
        try require(.viewCard(org: org), campaign: campaign)
        return CardTarget(campaign: campaign, organisation: o, template: try workspace.template(for: o.type, in: campaign))
    }

    /// This year's number of young specialists from the previous campaign's card (the retention answer's `current`).
    func lastYearYoung(org: String, before period: String, template: Template) throws -> Int? {
        guard let prev = try workspace.campaigns().last(where: { $0.period < period }),
              let card = try workspace.savedCard(org: org, period: prev.period) else { return nil }
        for ind in template.indicators {
            if case .retention = ind.rule, case .retention(_, _, let current)? = card.answers[ind.id] { return current }
        }
        return nil
    }

    // MARK: - Principal's actions

    /// Sets one indicator's answer and/or evidence. `expectedRevision` is the revision the person started from
    /// (nil: whatever is on disk now — for the CLI, which reads and writes in one go).
    @discardableResult
    public func setIndicator(org: String, period: String?, indicator: String, answer: Answer??, evidence: Evidence?,
                             expectedRevision: Int? = nil) throws -> ExpertCard {
        let ctx = try cardTarget(org: org, period: period)
        guard let ind = ctx.template.indicator(indicator) else { throw StoreError.notFound(what: "indicator", id: indicator) }
        if let ev = evidence { try ev.checkLimits() }
        if case .some(.some(let a)) = answer, !a.fits(ind.rule) {
            throw StoreError.invalid(InputError("the value does not fit indicator \(indicator) (\(ind.rule.kind.rawValue))",
                                                russian: "Значение не подходит к показателю \(indicator)"))
        }
        return try updateCard(ctx, expectedRevision: expectedRevision) { card in
            try require(.editCard(org: org), campaign: ctx.campaign, status: card.status)
            var changes: [Change] = []
            let target = "card:\(ctx.campaign.period)/\(org)#\(indicator)"
            if let newAnswer = answer, card.answers[indicator] != newAnswer {
                changes.append(Change("card.answer", target: target, before: .from(card.answers[indicator]), after: .from(newAnswer)))
                card.answers[indicator] = newAnswer
            }
            if let ev = evidence {
                let clean = ev.isEmpty && ev.number.isEmpty && ev.date.isEmpty ? nil : ev
                if card.evidence[indicator] != clean {
                    changes.append(Change("card.evidence", target: target, before: .from(card.evidence[indicator]), after: .from(clean)))
                    card.evidence[indicator] = clean
                }
            }
            return changes
        }
    }

    /// Submits a card. Claimed indicators without evidence refuse the submit unless `confirmMissingEvidence`.
    @discardableResult
    public func submit(org: String, period: String?, confirmMissingEvidence: Bool = false,
                       expectedRevision: Int? = nil) throws -> ExpertCard {
        let ctx = try cardTarget(org: org, period: period)
        return try updateCard(ctx, expectedRevision: expectedRevision) { card in
            try require(.submitCard(org: org), campaign: ctx.campaign, status: card.status)
            let missing = card.claimedWithoutEvidence(ctx.template)
            if !missing.isEmpty && !confirmMissingEvidence {
                let ids = missing.map(\.id).joined(separator: ", ")
                throw StoreError.invalid(InputError("indicators claimed without evidence: \(ids) (add evidence, or confirm)",
                                                    russian: "Нет подтверждающих документов: \(ids)"))
            }
            return [transition(&card, to: .submitted, ctx: ctx, comment: missing.isEmpty ? nil : "без документов: \(missing.map(\.id).joined(separator: ", "))")]
        }
    }

    // MARK: - Reviewer's actions

    /// Marks one indicator confirmed / not confirmed / corrected, with a comment.
    @discardableResult
    public func review(org: String, period: String?, indicator: String, verdict: Verdict, corrected: Answer? = nil,
                       comment: String, expectedRevision: Int? = nil) throws -> ExpertCard {
        let ctx = try cardTarget(org: org, period: period)
        guard let ind = ctx.template.indicator(indicator) else { throw StoreError.notFound(what: "indicator", id: indicator) }
        try FieldLimit.comment.check(comment)
        if verdict == .corrected {
            guard let c = corrected, c.fits(ind.rule) else {
                throw StoreError.invalid(InputError("a correction needs the corrected value for \(indicator)",
                                                    russian: "Для исправления укажите верное значение"))
            }
        }
        return try updateCard(ctx, expectedRevision: expectedRevision) { card in
            try require(.reviewCard(org: org), campaign: ctx.campaign, status: card.status)
            let r = IndicatorReview(verdict: verdict, corrected: verdict == .corrected ? corrected : nil,
                                    comment: comment, reviewer: person.id, at: now())
            let before = card.reviews[indicator]
            card.reviews[indicator] = r
            return [Change("card.review", target: "card:\(ctx.campaign.period)/\(org)#\(indicator)",
                           before: .from(before), after: .from(r))]
        }
    }

    /// Accepts a submitted card (points then stand as reviewed).
    @discardableResult
    public func accept(org: String, period: String?, comment: String? = nil, expectedRevision: Int? = nil) throws -> ExpertCard {
        try FieldLimit.comment.check(comment ?? "")
        let ctx = try cardTarget(org: org, period: period)
        return try updateCard(ctx, expectedRevision: expectedRevision) { card in
            try require(.reviewCard(org: org), campaign: ctx.campaign, status: card.status)
            return [transition(&card, to: .accepted, ctx: ctx, comment: comment)]
        }
    }

    /// Returns a submitted card to the principal for correction; what changes afterwards is highlighted.
    @discardableResult
    public func returnCard(org: String, period: String?, comment: String, expectedRevision: Int? = nil) throws -> ExpertCard {
        try FieldLimit.comment.check(comment)
        let ctx = try cardTarget(org: org, period: period)
        return try updateCard(ctx, expectedRevision: expectedRevision) { card in
            try require(.reviewCard(org: org), campaign: ctx.campaign, status: card.status)
            card.answersAtReturn = card.answers
            card.evidenceAtReturn = card.evidence
            return [transition(&card, to: .returned, ctx: ctx, comment: comment)]
        }
    }

    /// Methodist: sends a submitted or accepted card back to the principal.
    @discardableResult
    public func reopen(org: String, period: String?, comment: String) throws -> ExpertCard {
        try FieldLimit.comment.check(comment)
        let ctx = try cardTarget(org: org, period: period)
        return try updateCard(ctx, expectedRevision: nil) { card in
            try require(.reopenCard(org: org), campaign: ctx.campaign, status: card.status)
            guard card.status != .draft && card.status != .returned else { return [] }
            card.answersAtReturn = card.answers
            card.evidenceAtReturn = card.evidence
            return [transition(&card, to: .returned, ctx: ctx, comment: comment)]
        }
    }

    private func transition(_ card: inout ExpertCard, to status: CardStatus, ctx: CardTarget, comment: String?) -> Change {
        let before = card.status
        card.status = status
        card.history.append(StatusChange(status: status, by: person.id, at: now(), comment: comment))
        let verb: String
        switch status {
        case .submitted: verb = "card.submit"
        case .accepted: verb = "card.accept"
        case .returned: verb = "card.return"
        case .draft: verb = "card.draft"
        }
        return Change(verb, target: "card:\(ctx.campaign.period)/\(card.org)", before: .string(before.rawValue),
                      after: .object(["status": .string(status.rawValue), "comment": comment.map(JSONValue.string) ?? .null]))
    }

    private func updateCard(_ ctx: CardTarget, expectedRevision: Int?, _ body: (inout ExpertCard) throws -> [Change]) throws -> ExpertCard {
        try update(ExpertCard.self, at: workspace.cardPath(org: ctx.organisation.id, period: ctx.campaign.period),
                   expectedRevision: expectedRevision,
                             initial: { ExpertCard(org: ctx.organisation.id, period: ctx.campaign.period, template: ctx.template.id) }) { card in
            let changes = try body(&card)
            if !changes.isEmpty { card.updatedAt = now(); card.updatedBy = person.id }
            return changes
        }
    }
}
