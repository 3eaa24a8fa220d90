import Model

/// A request `update` makes and the run loop performs with the Session (the only place that touches the store).
public enum Effect: Equatable, Sendable {
    /// Campaign, every card, scores, deadlines, rankings and lint: for the methodist's and reviewer's screens.
    case loadOverview
    case loadCard(org: String, period: String?)
    /// Saves one indicator's answer and/or evidence (`nil`: leave as it is; `.some(nil)` answer: clear it).
    case saveIndicator(org: String, period: String, indicator: String, answer: Answer??, evidence: Evidence?,
                       expectedRevision: Int)
    case submit(org: String, period: String, confirmMissingEvidence: Bool, expectedRevision: Int)
    case review(org: String, period: String, indicator: String, verdict: Verdict, corrected: Answer?, comment: String,
                expectedRevision: Int)
    case accept(org: String, period: String, expectedRevision: Int)
    case returnCard(org: String, period: String, comment: String, expectedRevision: Int)
    /// Methodist: sends a submitted or accepted card back to the principal.
    case reopen(org: String, period: String, comment: String)
    /// Methodist: gives the organisation until `until` to fill its card, for `reason` (nil removes the extension).
    /// `expectedRevision`: the campaign's revision the form started from.
    case extend(org: String, until: Day?, reason: String, expectedRevision: Int?)
    /// Methodist: the campaign's stage dates.
    case setDeadlines(fill: Day, check: Day, evaluate: Day, expectedRevision: Int?)
    /// Methodist: the people who sign in, with their list's revision.
    case loadPeople
    case addPerson(Person, expectedRevision: Int?)
    case revokePerson(id: String, expectedRevision: Int?)
    /// Methodist: reads a CSV file of organisations and compares it with the list (nothing is saved).
    case previewImport(path: String)
    /// Methodist: saves the organisations previewed, against the list's revision the preview was made from.
    case importOrganisations([Organisation], force: Bool, expectedRevision: Int)
    /// Methodist: where the workbook would go — a folder that exists and may be written, and whether the file is there.
    case checkExportPath(path: String)
    /// Methodist: writes the results to an .xlsx workbook, in the background, with progress (`pollWork`).
    case export(path: String, password: String?)
    /// How far the work in the background has got (or its result, once it is done).
    case pollWork
    /// The ranked cluster tables with the arrows against the previous campaign (`scheme` nil: the campaign's own).
    case loadRanking(scheme: ClusterScheme?)
    /// The problem zones of the newest campaign, for the municipality and per cluster of `scheme`.
    case loadZones(scheme: ClusterScheme?)
    /// The organisations behind one line of the problem zones.
    case loadZoneOrganisations(ZoneQuery)
    /// An organisation's profile: its results over the years and its recommendations (the policy decides who may).
    case loadProfile(org: String)
    /// The decisions this person may see, each with its targeted indicators before and after.
    case loadDecisions
    /// Methodist: templates and their versions, campaigns opened with them.
    case templates(TemplateRequest)
    /// Programme runs, effective practices, decisions recorded and reported on (see `CycleEffect`).
    case cycle(CycleEffect)
    /// Looks whether anything in the workspace changed since (a stat of a few files, no reading).
    case pollChanges
    case quit

    /// The organisation whose card the effect changes, if any.
    var cardOrg: String? {
        switch self {
        case .loadCard(let org, _), .saveIndicator(let org, _, _, _, _, _), .submit(let org, _, _, _),
             .review(let org, _, _, _, _, _, _), .accept(let org, _, _), .returnCard(let org, _, _, _), .reopen(let org, _, _):
            return org
        case .loadOverview, .loadRanking, .loadZones, .loadZoneOrganisations, .loadProfile, .loadDecisions, .templates, .cycle, .pollChanges, .extend,
             .setDeadlines, .loadPeople, .addPerson, .revokePerson, .previewImport, .importOrganisations, .checkExportPath,
             .export, .pollWork, .quit:
            return nil
        }
    }
}

/// What a save did, so that the screen can move on.
public enum SaveKind: Equatable, Sendable {
    case indicator(String)
    case submitted
    case reviewed(String)
    case accepted
    case returned
}

/// A failed effect: the Russian message, and the card as it is on disk now when it was a conflict.
public struct EffectFailure: Equatable, Sendable {
    public var message: String
    public var effect: Effect
    public var isConflict: Bool
    /// The card reloaded after a conflict (the edit buffer stays as it was).
    public var reloaded: CardData?

    public init(message: String, effect: Effect, isConflict: Bool = false, reloaded: CardData? = nil) {
        self.message = message; self.effect = effect; self.isConflict = isConflict; self.reloaded = reloaded
    }
}

/// Everything `update` reacts to: keys, the terminal's size, time passing, and finished effects.
public enum Msg: Equatable, Sendable {
    case key(Key)
    case resize(TerminalSize)
    /// About once a second while no key is pressed.
    case tick
    case overviewLoaded(Overview)
    case cardLoaded(CardData)
    case rankingLoaded(RankingReport)
    case zonesLoaded(ZoneReport)
    case zoneOrganisationsLoaded(ZoneQuery, [ScoreRow])
    case profileLoaded(ProfileData)
    case decisionsLoaded([DecisionOutcome])
    case templates(TemplateResult)
    case cycleLoaded(CycleData)
    case cycleSaved(CycleSave)
    case saved(CardData, SaveKind)
    /// Something the methodist set was saved (stage dates, an extension, a person, organisations): the message to
    /// show. The form that asked closes; what is shown reloads.
    case changed(String)
    case peopleLoaded([Person], revision: Int)
    case importPreviewed(ImportPreview)
    /// The workbook's path made absolute and checked (`checkExportPath`): whether a file is there already.
    case exportPathChecked(path: String, exists: Bool)
    /// Work in the background got this far.
    case progress(WorkProgress)
    case exported(ExportResult)
    /// The workspace's files as they are now (`Effect.pollChanges`).
    case stamped(WorkspaceStamp)
    case failed(EffectFailure)
}

/// What the workspace's shared files look like on disk: the journal every change is appended to, and the files
/// people hand-edit. Another session's save (an extension, a return, a revocation) changes it within the second.
public struct WorkspaceStamp: Equatable, Sendable {
    public var files: [FileStamp?]

    public init(files: [FileStamp?]) { self.files = files }

    /// The stamp of `ws` now.
    public static func of(_ ws: Workspace) -> WorkspaceStamp {
        WorkspaceStamp(files: [ws.journal.path, ws.path("people.json"), ws.path("organisations.json")].map(FileStamp.of))
    }
}

/// A CSV file of organisations read and compared with the list, for the methodist to confirm.
public struct ImportPreview: Equatable, Sendable {
    /// The file, as given and as found.
    public var path: String
    public var organisations: [Organisation]
    public var plan: OrganisationImportPlan
    /// The revision of the list the plan was made against (the import is refused if it changed since).
    public var revision: Int

    public init(path: String, organisations: [Organisation], plan: OrganisationImportPlan, revision: Int) {
        self.path = path; self.organisations = organisations; self.plan = plan; self.revision = revision
    }
}

/// A workbook written.
public struct ExportResult: Equatable, Sendable {
    public var path: String
    public var sheets: [String]
    /// Cards that could not be read (their rows are marked in the workbook).
    public var unreadable: Int

    public init(path: String, sheets: [String], unreadable: Int) { self.path = path; self.sheets = sheets; self.unreadable = unreadable }
}
