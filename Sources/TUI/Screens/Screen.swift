import Model

/// What a screen needs to know besides its own state: who, when, the loaded data, and where it may draw.
public struct ScreenContext: Sendable {
    public var person: Person
    public var today: Day
    public var overview: Overview?
    /// The rows between the title bar and the message line.
    public var body: Rect
}

/// What a screen asks the app to do after a key.
public enum ScreenCommand: Equatable, Sendable {
    case effect(Effect)
    case push(Screen)
    case pop
    case dialog(Dialog)
    case message(StatusMessage)
}

/// Every screen of the app, as a value. Each case holds a `ScreenPart`, which answers for its title, keys, help,
/// drawing, loading and results; this enum only stores them (`part` and `ScreenPart.asScreen` are the way in and out).
public enum Screen: Equatable, Sendable {
    case dashboard(DashboardScreen)
    case organisations(OrganisationsScreen)
    case deadlines(DeadlinesScreen)
    case clusters(ClusterScreen)
    case zones(ZonesScreen)
    case zoneOrganisations(ZoneOrganisationsScreen)
    case profile(ProfileScreen)
    case lint(LintScreen)
    case decisions(DecisionsScreen)
    case templates(TemplatesScreen)
    case templateEditor(TemplateEditorScreen)
    case campaignForm(CampaignFormScreen)
    case decision(DecisionScreen)
    case cycleForm(CycleFormScreen)
    case monitorings(MonitoringsScreen)
    case scaled(ScaledScreen)
    case municipal(MunicipalScreen)
    case practices(PracticesScreen)
    case answers(AnswersScreen)
    case queue(ReviewQueueScreen)
    case card(CardScreen)
    case campaignDates(CampaignDatesScreen)
    case extensionForm(ExtensionScreen)
    case people(PeopleScreen)
    case personForm(PersonFormScreen)
    case importFile(ImportFileScreen)
    case importPreview(ImportPreviewScreen)
    case exportForm(ExportScreen)

    /// The screen held.
    var part: any ScreenPart {
        switch self {
        case .dashboard(let s): return s
        case .organisations(let s): return s
        case .deadlines(let s): return s
        case .clusters(let s): return s
        case .zones(let s): return s
        case .zoneOrganisations(let s): return s
        case .profile(let s): return s
        case .lint(let s): return s
        case .decisions(let s): return s
        case .templates(let s): return s
        case .templateEditor(let s): return s
        case .campaignForm(let s): return s
        case .decision(let s): return s
        case .cycleForm(let s): return s
        case .monitorings(let s): return s
        case .scaled(let s): return s
        case .municipal(let s): return s
        case .practices(let s): return s
        case .answers(let s): return s
        case .queue(let s): return s
        case .card(let s): return s
        case .campaignDates(let s): return s
        case .extensionForm(let s): return s
        case .people(let s): return s
        case .personForm(let s): return s
        case .importFile(let s): return s
        case .importPreview(let s): return s
        case .exportForm(let s): return s
        }
    }

    /// Changes the screen held through `body`.
    mutating func modify<R>(_ body: (inout any ScreenPart) -> R) -> R {
        var p = part
        let r = body(&p)
        self = p.asScreen
        return r
    }

    public var title: String { part.title }
    public var capturesText: Bool { part.capturesText }
    public var hasUnsavedInput: Bool { part.hasUnsavedInput }
    var loadEffects: [Effect] { part.loadEffects }
    var usesOverview: Bool { part.usesOverview }

    /// Handles a key; nil when the screen does not use it (then the app's own keys get it).
    public mutating func update(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        modify { $0.handle(key, ctx) }
    }

    public func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) { part.draw(on: &canvas, ctx) }
}

/// Pushes a screen with the effects that fill it.
func open(_ screen: Screen) -> [ScreenCommand] {
    [.push(screen)] + screen.loadEffects.map { .effect($0) }
}

/// Opens an organisation's card read-only (the methodist's "any card").
func openCard(_ org: String) -> [ScreenCommand] {
    [.push(.card(CardScreen(org: org, purpose: .view))), .effect(.loadCard(org: org, period: nil))]
}

/// Opens an organisation's profile (the Session decides whether the person may see it).
func openProfile(_ org: String) -> [ScreenCommand] { open(.profile(ProfileScreen(org: org))) }
