import Model

/// Performs effects with the Session (atomic, revision-checked saves) and turns the outcome into messages.
public struct EffectRunner: Sendable {
    public let session: Session
    /// What writes .xlsx workbooks, when the program has one (see `WorkbookExporter`).
    public let exporter: (any WorkbookExporter)?
    /// The export, running off the terminal's thread.
    let work = BackgroundWork()

    public init(session: Session, exporter: (any WorkbookExporter)? = nil) {
        self.session = session
        self.exporter = exporter
    }

    public func perform(_ effect: Effect) -> [Msg] {
        do {
            switch effect {
            case .quit:
                return []
            case .pollChanges:
                return [.stamped(WorkspaceStamp.of(session.workspace))]
            case .loadOverview:
                return [.overviewLoaded(try Overview.load(session))]
            case .loadCard(let org, let period):
                return [.cardLoaded(CardData(try session.openCard(org: org, period: period)))]
            case .loadRanking(let scheme):
                return [.rankingLoaded(try session.ranking(period: nil, scheme: scheme))]
            case .loadZones(let scheme):
                return [.zonesLoaded(try session.zones(period: nil, scheme: scheme))]
            case .loadZoneOrganisations(let q):
                let found = try session.zoneOrganisations(scope: q.scope, direction: q.direction, indicator: q.indicator,
                                                          orgType: q.orgType, period: nil, scheme: q.scheme)
                return [.zoneOrganisationsLoaded(q, found.map(\.row))]
            case .loadProfile(let org):
                return [.profileLoaded(try ProfileData.load(session, org: org))]
            case .templates(let request):
                return try perform(request)
            case .loadDecisions:
                return try loadDecisions()
            case .cycle(let e):
                return try perform(e)
            case .saveIndicator(let org, let period, let ind, let answer, let evidence, let rev):
                try session.setIndicator(org: org, period: period, indicator: ind, answer: answer, evidence: evidence,
                                         expectedRevision: rev)
                return [.saved(try card(org, period), .indicator(ind))]
            case .submit(let org, let period, let confirm, let rev):
                try session.submit(org: org, period: period, confirmMissingEvidence: confirm, expectedRevision: rev)
                return [.saved(try card(org, period), .submitted)]
            case .review(let org, let period, let ind, let verdict, let corrected, let comment, let rev):
                try session.review(org: org, period: period, indicator: ind, verdict: verdict, corrected: corrected,
                                   comment: comment, expectedRevision: rev)
                return [.saved(try card(org, period), .reviewed(ind))]
            case .accept(let org, let period, let rev):
                try session.accept(org: org, period: period, expectedRevision: rev)
                return [.saved(try card(org, period), .accepted)]
            case .reopen(let org, let period, let comment):
                try session.reopen(org: org, period: period, comment: comment)
                return [.saved(try card(org, period), .returned)]
            case .extend, .setDeadlines, .loadPeople, .addPerson, .revokePerson, .previewImport, .importOrganisations,
                 .checkExportPath, .export, .pollWork:
                return try performSetting(effect)
            case .returnCard(let org, let period, let comment, let rev):
                try session.returnCard(org: org, period: period, comment: comment, expectedRevision: rev)
                return [.saved(try card(org, period), .returned)]
            }
        } catch {
            return [.failed(failure(error, effect))]
        }
    }

    private func card(_ org: String, _ period: String?) throws -> CardData {
        CardData(try session.cardContext(org: org, period: period))
    }

    /// The Russian message; after a conflict or a refusal, the card as it is on disk now.
    func failure(_ error: Error, _ effect: Effect) -> EffectFailure {
        var conflict = false
        var reload = false
        let message: String
        switch error {
        case let e as StoreError:
            message = e.russian
            if case .conflict = e { conflict = true; reload = true }
            if case .denied = e { reload = true }
        case let e as InputError:
            message = e.russian
        case let e as ExportError:
            message = e.russian
        default:
            message = "Ошибка: \(error)"
        }
        var reloaded: CardData?
        if reload, let org = effect.cardOrg {
            var period: String?
            switch effect {
            case .saveIndicator(_, let p, _, _, _, _), .submit(_, let p, _, _), .review(_, let p, _, _, _, _, _),
                 .accept(_, let p, _), .returnCard(_, let p, _, _), .reopen(_, let p, _):
                period = p
            default:
                break
            }
            reloaded = try? card(org, period)
        }
        return EffectFailure(message: message, effect: effect, isConflict: conflict, reloaded: reloaded)
    }
}
