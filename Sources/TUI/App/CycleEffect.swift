import Model

/// The management cycle's requests to the Session: programme runs (scaled ratings, collections and an organisation's
/// own answers), effective practices, and decisions recorded, reported on and moved along. One case of `Effect`
/// holds them (`Effect.cycle`), so that the app's own switch stays short.
public enum CycleEffect: Equatable, Sendable {
    /// Every programme run, newest first.
    case loadRuns
    case loadScaled(period: String, template: String)
    case loadMunicipal(period: String, template: String)
    /// Effective practices of the newest campaign (`scheme` nil: its own).
    case loadPractices(scheme: ClusterScheme?)
    /// The programme runs that ask `org`, with its own values only.
    case loadAnswers(org: String)
    case recordDecision(DecisionDraft)
    case setStatus(id: String, status: DecisionStatus, expectedRevision: Int)
    case report(id: String, text: String, done: Day?, expectedRevision: Int)
    /// One value of an organisation (`text` as typed; empty removes it); `expected` is the value the person saw.
    case setValue(period: String, template: String, org: String, indicator: String, text: String, expected: MonitoringValue?)
}

/// What a `CycleEffect` loaded: goes to every screen that shows it.
public enum CycleData: Equatable, Sendable {
    case runs([MonitoringRunSummary])
    case scaled(ScaledReport)
    case municipal(MunicipalReport)
    case practices(PracticesReport)
    case answers(org: String, [OrganisationAnswers])
}

/// What a `CycleEffect` saved: goes to the screen that asked (a form, which then closes).
public enum CycleSave: Equatable, Sendable {
    case recorded(ManagementDecision)
    case status(ManagementDecision)
    case reported(ManagementDecision)
    case value(org: String, indicator: String, MonitoringValue?)

    /// What the message line says.
    var message: String {
        switch self {
        case .recorded(let d): return "Записано \(d.id): \(d.kind.russian), срок \(d.due.russian)"
        case .status(let d): return "\(d.id): статус «\(d.currentStatus.russian)»"
        case .reported(let d): return "Отчёт по \(d.id) записан (отчётов: \(d.reports.count))"
        case .value(_, let ind, let v): return "\(ind): " + (v.map { "сохранено \($0.display)" } ?? "значение удалено")
        }
    }
}

extension EffectRunner {
    /// Performs a cycle effect; a save is followed by the data reloaded, so every screen shows the change.
    func perform(_ effect: CycleEffect) throws -> [Msg] {
        switch effect {
        case .loadRuns:
            return [.cycleLoaded(.runs(try session.monitoringRuns()))]
        case .loadScaled(let period, let template):
            return [.cycleLoaded(.scaled(try session.scaledReport(period: period, template: template)))]
        case .loadMunicipal(let period, let template):
            return [.cycleLoaded(.municipal(try session.municipalReport(period: period, template: template)))]
        case .loadPractices(let scheme):
            return [.cycleLoaded(.practices(try session.effectivePractices(period: nil, scheme: scheme)))]
        case .loadAnswers(let org):
            return [.cycleLoaded(.answers(org: org, try session.organisationAnswers(org: org)))]
        case .recordDecision(let draft):
            return [.cycleSaved(.recorded(try session.recordDecision(draft)))] + decisions()
        case .setStatus(let id, let status, let rev):
            return [.cycleSaved(.status(try session.setDecisionStatus(id: id, status: status, expectedRevision: rev)))]
                + decisions()
        case .report(let id, let text, let done, let rev):
            return [.cycleSaved(.reported(try session.reportOnDecision(id: id, text: text, done: done, expectedRevision: rev)))]
                + decisions()
        case .setValue(let period, let template, let org, let ind, let text, let expected):
            let m = try session.setMonitoringValue(period: period, template: template, org: org, indicator: ind, text: text,
                                                   expected: .some(expected))
            return [.cycleSaved(.value(org: org, indicator: ind, m.values[org]?[ind]))]
                + ((try? session.organisationAnswers(org: org)).map { [.cycleLoaded(.answers(org: org, $0))] } ?? [])
        }
    }

    /// The decisions this person sees, each with its effect (what `Effect.loadDecisions` loads).
    func loadDecisions() throws -> [Msg] {
        [.decisionsLoaded(try session.visibleDecisions().map { try DecisionEffect.evaluate($0, workspace: session.workspace) })]
    }

    /// The same after a save: a failure to read them back does not make the save look failed (the next reload shows them).
    func decisions() -> [Msg] { (try? loadDecisions()) ?? [] }
}
