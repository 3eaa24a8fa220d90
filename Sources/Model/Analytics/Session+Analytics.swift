import Foundation

/// The analytics as a person may see them: every function asks the `Policy` first.
/// Rankings, zones and export need `.viewAnalytics` (methodists, reviewers); an organisation's dynamics
/// need `.viewCard(org:)` (a principal sees their own); recommendations need `.viewRecommendations(org:)`.
extension Session {
    /// The scored results of a period (newest campaign when `period` is nil).
    public func periodResults(period: String?, source: SummarySource? = nil, progress: ProgressReport? = nil) throws -> PeriodResults {
        let campaign = try workspace.campaign(orLatest: period)
        try require(.viewAnalytics, campaign: campaign)
        return try workspace.periodResults(campaign, source: source ?? resultSource(campaign), progress: progress)
    }

    /// Where period results (zones, profiles) come from: the score index while cards are still being filled and
    /// checked (a cache, checked against each card's stamp), the cards themselves once the campaign is evaluated, so
    /// that the final tables never rest on the cache (`audit verify` names a forged index line).
    public func resultSource(_ campaign: Campaign) -> SummarySource {
        switch campaign.stage(on: today) {
        case .filling, .checking: return .cache
        case .evaluating, .closed: return .cards
        }
    }

    /// Ranked cluster tables with the arrow against the previous campaign. `scheme` nil: the campaign's own.
    /// Reads score rows only (not `periodResults`): ranking needs no points per indicator.
    public func ranking(period: String?, scheme: ClusterScheme? = nil) throws -> RankingReport {
        let campaign = try workspace.campaign(orLatest: period)
        try require(.viewAnalytics, campaign: campaign)
        let orgs = try workspace.organisations()
        // The ranked tables on screen and from `rank` read the score index (a cache checked against each card's stamp);
        // the published ones (`export`, the analytic report) read the cards.
        return try ranking(campaign: campaign, rows: try workspace.scoreRows(campaign, organisations: orgs),
                           templates: try workspace.templates(of: campaign), organisations: orgs, scheme: scheme)
    }

    func ranking(campaign: Campaign, rows: [ScoreRow], templates: [OrgType: Template], organisations: [Organisation],
                 scheme: ClusterScheme?, source: SummarySource = .cache, progress: ProgressReport? = nil) throws -> RankingReport {
        let s = scheme ?? campaign.clusterScheme
        var trends: [String: Trend] = [:]
        let prev = try workspace.previousCampaign(before: campaign.period)
        if let p = prev {
            trends = Dynamics.trends(current: rows, previous: try workspace.scoreRows(p, organisations: organisations,
                                                                                       source: source, progress: progress))
        }
        return RankingReport(period: campaign.period, scheme: s, previousPeriod: prev?.period,
                             clusters: Ranking.rank(rows, scheme: s, trends: trends, templates: templates),
                             unreadable: rows.compactMap(\.unreadable))
    }

    /// Problem zones of a period, for the municipality and per cluster.
    public func zones(period: String?, scheme: ClusterScheme? = nil,
                      threshold: Double = ProblemZones.defaultThreshold) throws -> ZoneReport {
        let data = try periodResults(period: period)
        return ProblemZones.report(data, scheme: scheme ?? data.campaign.clusterScheme, threshold: threshold)
    }

    /// The organisations behind one line of the zones: in the scope (`municipality` or a cluster id of `scheme`),
    /// those that earn 0 in the direction or on the indicator.
    public func zoneOrganisations(scope: String, direction: Int, indicator: String?, orgType: OrgType?,
                                  period: String?, scheme: ClusterScheme? = nil) throws -> [OrgResult] {
        let data = try periodResults(period: period)
        var members = data.readable
        if scope != ProblemZones.municipalityID {
            let clusters = (scheme ?? data.campaign.clusterScheme).clusters(data.readable.map(\.row))
            let ids = Set(clusters.first { $0.id == scope }?.members ?? [])
            members = members.filter { ids.contains($0.org) }
        }
        return ProblemZones.behind(direction: direction, indicator: indicator, orgType: orgType, among: members)
    }

    /// An organisation's results over every campaign.
    public func dynamics(org: String) throws -> OrgDynamics {
        let o = try workspace.organisation(org)
        try require(.viewCard(org: org), campaign: try? workspace.campaign(orLatest: nil))
        return Dynamics.history(org: o.id, name: o.name, try workspace.scoreHistory(org: org))
    }

    // MARK: - Recommendations

    public func recommendationsPath(org: String, period: String) -> String {
        workspace.path("campaigns", period, "recommendations", "\(org).json")
    }

    /// An organisation's recommendations for a period: those its gaps call for, after the methodist's changes.
    public func recommendations(org: String, period: String?) throws -> OrgRecommendations {
        let campaign = try workspace.campaign(orLatest: period)
        let o = try workspace.organisation(org)
        try require(.viewRecommendations(org: org), campaign: campaign)
        let t = try workspace.template(for: o.type, in: campaign)
        let card = try workspace.savedCard(org: org, period: campaign.period)
        let catalogue = try workspace.recommendationCatalogue(actor: person.id, at: now())
        return try recommendations(OrgResult(org: o, card: card, template: t), template: t, catalogue: catalogue,
                                   period: campaign.period)
    }

    func recommendations(_ r: OrgResult, template: Template, catalogue: RecommendationCatalogue,
                         period: String) throws -> OrgRecommendations {
        let overrides = try workspace.read(RecommendationOverrides.self, at: recommendationsPath(org: r.org, period: period))
        let generated = Recommendations.generate(for: r, template: template, catalogue: catalogue)
        let removed = Set(overrides?.removed ?? [])
        return OrgRecommendations(org: r.org, name: r.row.name, period: period, points: r.row.points, max: r.row.max,
                                  percent: r.row.percent, level: r.row.level,
                                  items: Recommendations.apply(overrides, to: generated),
                                  removed: generated.filter { removed.contains($0.id) },
                                  revision: overrides?.revision ?? 0)
    }

    /// Adds the methodist's own recommendation; returns the list after the change.
    @discardableResult
    public func addRecommendation(org: String, period: String?, text: String,
                                  expectedRevision: Int? = nil) throws -> OrgRecommendations {
        let clean = try Self.checkedText(text)
        return try changeRecommendations(org: org, period: period, expectedRevision: expectedRevision) { o, _, target in
            o.lastAddedNumber = max(o.lastAddedNumber, o.added.count) + 1
            let item = AddedRecommendation(id: "own-\(o.lastAddedNumber)", text: clean, by: person.id, at: now())
            o.added.append(item)
            return [Change("recommendation.add", target: "\(target)#\(item.id)", after: .string(clean))]
        }
    }

    /// Takes a recommendation off the list (a catalogue one is remembered as removed and can be restored).
    @discardableResult
    public func removeRecommendation(org: String, period: String?, id: String,
                                     expectedRevision: Int? = nil) throws -> OrgRecommendations {
        try changeRecommendations(org: org, period: period, expectedRevision: expectedRevision) { o, current, target in
            if let i = o.added.firstIndex(where: { $0.id == id }) {
                let gone = o.added.remove(at: i)
                o.edited[id] = nil
                return [Change("recommendation.remove", target: "\(target)#\(id)", before: .string(gone.text))]
            }
            guard let item = current.first(where: { $0.id == id }) else {
                throw StoreError.notFound(what: "recommendation", id: id)
            }
            o.removed.append(id)
            return [Change("recommendation.remove", target: "\(target)#\(id)", before: .string(item.text))]
        }
    }

    /// Replaces a recommendation's text on this organisation's list.
    @discardableResult
    public func editRecommendation(org: String, period: String?, id: String, text: String,
                                   expectedRevision: Int? = nil) throws -> OrgRecommendations {
        let clean = try Self.checkedText(text)
        return try changeRecommendations(org: org, period: period, expectedRevision: expectedRevision) { o, current, target in
            if let i = o.added.firstIndex(where: { $0.id == id }) {
                let before = o.added[i].text
                guard before != clean else { return [] }
                o.added[i].text = clean
                return [Change("recommendation.edit", target: "\(target)#\(id)", before: .string(before), after: .string(clean))]
            }
            guard let item = current.first(where: { $0.id == id }) else {
                throw StoreError.notFound(what: "recommendation", id: id)
            }
            guard item.text != clean else { return [] }
            o.edited[id] = clean
            return [Change("recommendation.edit", target: "\(target)#\(id)", before: .string(item.text), after: .string(clean))]
        }
    }

    /// Puts a removed catalogue recommendation back, with the catalogue's text.
    @discardableResult
    public func restoreRecommendation(org: String, period: String?, id: String,
                                      expectedRevision: Int? = nil) throws -> OrgRecommendations {
        try changeRecommendations(org: org, period: period, expectedRevision: expectedRevision) { o, _, target in
            guard o.removed.contains(id) || o.edited[id] != nil else {
                throw StoreError.notFound(what: "recommendation", id: id)
            }
            o.removed.removeAll { $0 == id }
            o.edited[id] = nil
            return [Change("recommendation.restore", target: "\(target)#\(id)")]
        }
    }

    private func changeRecommendations(org: String, period: String?, expectedRevision: Int?,
                                       _ body: (inout RecommendationOverrides, [Recommendation], String) throws -> [Change]) throws -> OrgRecommendations {
        let campaign = try workspace.campaign(orLatest: period)
        let o = try workspace.organisation(org)
        try require(.editRecommendations, campaign: campaign)
        let t = try workspace.template(for: o.type, in: campaign)
        let result = OrgResult(org: o, card: try workspace.savedCard(org: org, period: campaign.period), template: t)
        let generated = Recommendations.generate(for: result, template: t,
                                                 catalogue: try workspace.recommendationCatalogue(actor: person.id, at: now()))
        let target = "recommendations:\(campaign.period)/\(org)"
        try update(RecommendationOverrides.self, at: recommendationsPath(org: org, period: campaign.period),
                   expectedRevision: expectedRevision,
                             initial: { RecommendationOverrides(org: org, period: campaign.period) }) { over in
            // The list in force, from the file as it is under the lock.
            try body(&over, Recommendations.apply(over, to: generated), target)
        }
        return try recommendations(org: org, period: campaign.period)
    }

    static func checkedText(_ text: String) throws -> String {
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !clean.isEmpty else {
            throw StoreError.invalid(InputError("the recommendation text is empty", russian: "Текст рекомендации пуст"))
        }
        guard clean.count <= 2000 else {
            throw StoreError.invalid(InputError("the recommendation text is longer than 2000 characters",
                                                russian: "Текст рекомендации длиннее 2000 символов"))
        }
        return clean
    }

    // MARK: - Everything at once

    /// Rankings, level counts, zones and every organisation's recommendations of a period (for `export`), computed
    /// from the cards themselves, never from the score index. `progress` hears of each step (the cards one by one).
    public func analyticsReport(period: String?, scheme: ClusterScheme? = nil,
                                threshold: Double = ProblemZones.defaultThreshold,
                                progress: ProgressReport? = nil) throws -> AnalyticsReport {
        let data = try periodResults(period: period, source: .cards, progress: progress)
        let s = scheme ?? data.campaign.clusterScheme
        let catalogue = try workspace.recommendationCatalogue(actor: person.id, at: now())
        var recs: [OrgRecommendations] = []
        let counter = progress.map { ProgressCounter("Рекомендации", total: data.readable.count, report: $0) }
        for r in data.readable {
            counter?.tick()
            guard let t = data.templates[r.row.type] else { continue }
            try require(.viewRecommendations(org: r.org), campaign: data.campaign)
            recs.append(try recommendations(r, template: t, catalogue: catalogue, period: data.period))
        }
        let ranking = try ranking(campaign: data.campaign, rows: data.rows, templates: data.templates,
                                  organisations: data.organisations, scheme: s, source: .cards, progress: progress)
        progress?(WorkProgress("Проблемные зоны"))
        return AnalyticsReport(municipality: try workspace.info().name, ranking: ranking,
                               levels: LevelCount.summary(data.readable.map(\.row)),
                               zones: ProblemZones.report(data, scheme: s, threshold: threshold), recommendations: recs)
    }
}
