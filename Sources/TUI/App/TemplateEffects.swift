import Model

/// The methodist's template and campaign requests (`Effect.templates`), performed with the Session like every save.
public enum TemplateRequest: Equatable, Sendable {
    /// Every template version of the workspace, with the periods that pinned each.
    case load
    /// Stores the template as a new version, if `newest` is still the newest stored version of its id.
    case save(AnyTemplate, newest: Int)
    /// Opens a period (`campaign new`).
    case openCampaign(CampaignPlan)
}

/// What came of a `TemplateRequest` (`Msg.templates`).
public enum TemplateResult: Equatable, Sendable {
    case loaded(TemplateCatalogue)
    /// The version stored (or the identical one already there, `added` false), and the catalogue after it.
    case saved(TemplateEntry, added: Bool, TemplateCatalogue)
    /// What was opened, as the message says it.
    case campaignOpened(period: String, summary: String)
}

/// Every template version of the workspace and the periods that pinned each (key → periods).
public struct TemplateCatalogue: Equatable, Sendable {
    public var entries: [TemplateEntry]
    public var pins: [String: [String]]
    /// Every period with a campaign (cards), oldest first.
    public var periods: [String]

    static func load(_ ws: Workspace) throws -> TemplateCatalogue {
        TemplateCatalogue(entries: try ws.templateEntries(), pins: try ws.templatePins(), periods: try ws.campaigns().map(\.period))
    }
}

extension EffectRunner {
    func perform(_ request: TemplateRequest) throws -> [Msg] {
        switch request {
        case .load:
            return [.templates(.loaded(try TemplateCatalogue.load(session.workspace)))]
        case .save(let t, let newest):
            let (entry, added) = try session.addTemplate(t, newest: newest)
            return [.templates(.saved(entry, added: added, try TemplateCatalogue.load(session.workspace)))]
        case .openCampaign(let plan):
            let opened = try session.openCampaign(plan)
            var parts: [String] = []
            if let c = opened.campaign {
                parts.append("карты " + c.templates.values.map(\.id).sorted().joined(separator: ", "))
            }
            if !opened.monitorings.isEmpty {
                parts.append("мониторинги " + opened.monitorings.map(\.template.id).joined(separator: ", "))
            }
            return [.templates(.campaignOpened(period: plan.period, summary: parts.joined(separator: "; ")))]
        }
    }
}
