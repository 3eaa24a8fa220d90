import Foundation

/// What `campaign new` opens: the period, the templates chosen (cards and programmes), dates and clusters.
public struct CampaignPlan: Equatable, Sendable {
    public var period: String
    /// Template keys or ids (an id means its newest version); empty: the newest version of every card.
    public var templates: [String]
    public var fill: Day?, check: Day?, evaluate: Day?
    public var clusterScheme: ClusterScheme?
    public init(period: String, templates: [String] = [], fill: Day? = nil, check: Day? = nil, evaluate: Day? = nil,
                clusterScheme: ClusterScheme? = nil) {
        self.period = period; self.templates = templates; self.fill = fill; self.check = check; self.evaluate = evaluate
        self.clusterScheme = clusterScheme
    }
}

/// What was opened: the cards' campaign (if any card was chosen) and one run per programme.
public struct OpenedCampaign: Sendable {
    public var campaign: Campaign?
    public var monitorings: [Monitoring]
}

extension Session {
    /// Methodist: opens a period. Cards chosen are pinned (key, version, sha256) in `campaign.json` with the
    /// deadlines (seed 002's defaults unless given); each programme chosen gets its own run with the programme's
    /// timetable (or the campaign's fill…evaluate dates when it has none). Nothing is opened twice.
    @discardableResult
    public func openCampaign(_ plan: CampaignPlan) throws -> OpenedCampaign {
        try require(.manageCampaign, campaign: nil)
        guard Campaign.fillYear(of: plan.period) != nil else {
            throw StoreError.invalid(InputError("period must look like 2025-26, got \"\(Sanitize.line(plan.period, limit: 20))\"",
                                                russian: "Период должен иметь вид 2025-26"))
        }
        let entries = try workspace.templateEntries()
        var chosen: [TemplateEntry] = []
        if plan.templates.isEmpty {
            for t in OrgType.allCases {
                if let e = entries.filter({ $0.template.orgTypes == [t] && $0.template.kind == .card })
                    .max(by: { $0.template.version < $1.template.version }) { chosen.append(e) }
            }
        } else {
            for k in plan.templates { chosen.append(try workspace.templateEntry(k)) }
        }
        var refs: [String: TemplateRef] = [:]
        for e in chosen where e.template.kind == .card {
            let type = e.template.orgTypes[0].rawValue
            if let other = refs[type] {
                throw StoreError.invalid(InputError("two cards for \(type): \(other.id) and \(e.template.key); choose one",
                                                    russian: "Для одного типа организаций выбрано две карты"))
            }
            refs[type] = TemplateRef(id: e.template.key, sha256: e.sha256, version: e.template.version)
        }
        var campaign: Campaign?
        if !refs.isEmpty {
            if (try? workspace.campaign(plan.period)) != nil {
                throw StoreError.invalid(InputError("campaign \(plan.period) already exists", russian: "Кампания \(plan.period) уже есть"))
            }
            var c = try Campaign(period: plan.period, templates: refs, clusterScheme: plan.clusterScheme ?? .type)
            if let d = plan.fill { c.fillDeadline = d }
            if let d = plan.check { c.checkDeadline = d }
            if let d = plan.evaluate { c.evaluateDeadline = d }
            if let e = c.validateDates() { throw StoreError.invalid(e) }
            let made = c
            campaign = try update(Campaign.self, at: workspace.campaignPath(plan.period), expectedRevision: 0, initial: { made }) { doc in
                [Change("campaign.create", target: "campaign:\(plan.period)", after: .from(doc))]
            }
        }
        var runs: [Monitoring] = []
        for e in chosen {
            guard case .programme(let p) = e.template else { continue }
            let path = workspace.monitoringPath(period: plan.period, key: e.template.key)
            if FileManager.default.fileExists(atPath: path) || ((try? workspace.monitorings(period: plan.period)) ?? []).contains(where: { TemplateKey.id(ofKey: $0.template.id) == p.id }) {
                throw StoreError.invalid(InputError("\(p.id) is already open for \(plan.period)", russian: "Мониторинг \(p.id) за \(plan.period) уже открыт"))
            }
            let m = try Monitoring.opening(period: plan.period, entry: e, programme: p, scheme: plan.clusterScheme, evaluate: plan.evaluate)
            runs.append(try update(Monitoring.self, at: path, expectedRevision: 0, initial: { m }) { doc in
                [Change("monitoring.create", target: "monitoring:\(plan.period)/\(e.template.key)", after: .from(doc))]
            })
        }
        return OpenedCampaign(campaign: campaign, monitorings: runs)
    }
}

extension Monitoring {
    /// A new run of programme `p` (stored as `entry`) in `period`: the programme's own timetable, else
    /// 1 September to the evaluation deadline of the period's autumn; its cluster scheme unless another is chosen.
    public static func opening(period: String, entry e: TemplateEntry, programme p: Programme, scheme: ClusterScheme?,
                               evaluate: Day? = nil) throws -> Monitoring {
        let dates = p.timetable?.days(period: period)
        let base = try Campaign(period: period, templates: [:])
        let opens = dates?.opens ?? Day(year: Campaign.fillYear(of: period) ?? 2000, month: 9, day: 1) ?? base.fillDeadline
        let closes = dates?.closes ?? evaluate ?? base.evaluateDeadline
        return Monitoring(period: period, template: TemplateRef(id: e.template.key, sha256: e.sha256, version: e.template.version),
                          opens: opens, closes: closes, clusterScheme: p.clusterScheme == nil ? nil : (scheme ?? p.clusterScheme))
    }
}
