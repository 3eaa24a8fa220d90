import Foundation

extension Measure {
    /// Whether the regulation asks the organisations themselves for this value («сбор информации в форме запроса …
    /// в образовательные организации»): then the organisation's principal enters it. Values the department gets
    /// from its own documents, statistics or diagnostics (an audit of orders, «данные ведомственной статистики»)
    /// are entered by the methodist.
    public var isRequested: Bool {
        reporter == .organisation && kind != .undefined && method.lowercased().contains("запрос")
    }
}

/// One programme run as one organisation sees it: its own values only, and which of them it enters itself.
public struct OrganisationAnswers: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public var section: Int
        public var sectionTitle: String
        public var measure: Measure
        public var value: MonitoringValue?
        /// The organisation enters it (the regulation asks organisations for it).
        public var requested: Bool
    }

    public var org: String
    public var period: String
    /// The run's template key (`quality-mechanisms`, `method-activity.v2`).
    public var template: String
    public var title: String
    public var source: String
    public var opens: Day
    public var closes: Day
    /// The organisation's indicators (never the municipality's, never another organisation's values).
    public var items: [Item]

    public var russianPeriod: String { period.replacingOccurrences(of: "-", with: "/") }
    /// Requested values given so far, of all requested.
    public var progress: (given: Int, asked: Int) {
        let asked = items.filter(\.requested)
        return (asked.filter { $0.value != nil }.count, asked.count)
    }
}

/// A programme run in a list: what it is, its dates, how many organisations have reported.
public struct MonitoringRunSummary: Equatable, Sendable {
    public var period: String
    public var template: String
    public var title: String
    public var ranking: ProgrammeRanking
    public var opens: Day
    public var closes: Day
    /// Organisations that reported at least one value, of those asked.
    public var reported: Int
    public var asked: Int
    public var russianPeriod: String { period.replacingOccurrences(of: "-", with: "/") }
}

/// A scaled rating (seed 003) ready to show: the run, its percent indicators in printed order, each cluster.
public struct ScaledReport: Equatable, Sendable {
    public var period: String
    public var template: String
    public var title: String
    public var opens: Day
    public var closes: Day
    /// The percent indicators, in printed order.
    public var indicators: [Measure]
    public var clusters: [ScaledCluster]
    public var russianPeriod: String { period.replacingOccurrences(of: "-", with: "/") }
}

/// A collection (seed 001) for the municipality: each indicator's aggregate and who has not reported yet.
public struct MunicipalReport: Equatable, Sendable {
    public var period: String
    public var template: String
    public var title: String
    public var opens: Day
    public var closes: Day
    public var values: [MunicipalValue]
    /// Organisations asked that reported nothing yet: id and name.
    public var silent: [Organisation]
    public var asked: Int
    public var russianPeriod: String { period.replacingOccurrences(of: "-", with: "/") }
}

extension Session {
    /// Every programme run, newest period first (the methodist's and reviewers' view).
    public func monitoringRuns() throws -> [MonitoringRunSummary] {
        try require(.viewAnalytics, campaign: nil)
        let orgs = try workspace.organisations()
        return try workspace.allMonitorings().reversed().map { m in
            let p = try workspace.programme(m.template)
            let asked = Set(orgs.filter { p.respondents.contains($0.type) }.map(\.id))
            return MonitoringRunSummary(period: m.period, template: m.template.id, title: p.title, ranking: p.ranking,
                                        opens: m.opens, closes: m.closes,
                                        reported: m.values.keys.filter { asked.contains($0) }.count, asked: asked.count)
        }
    }

    /// The scaled ranking per cluster of a run whose programme ranks (`ranking: scaled`).
    public func scaledReport(period: String, template: String) throws -> ScaledReport {
        try require(.viewAnalytics, campaign: nil)
        let m = try workspace.monitoring(period: period, template: template)
        let p = try workspace.programme(m.template)
        return ScaledReport(period: m.period, template: m.template.id, title: p.title, opens: m.opens, closes: m.closes,
                            indicators: p.indicators.filter { $0.kind == .percent },
                            clusters: MonitoringResults.scaled(m, programme: p, organisations: try workspace.organisations()))
    }

    /// Every collected indicator of a run aggregated to the municipality, and who has not reported.
    public func municipalReport(period: String, template: String) throws -> MunicipalReport {
        try require(.viewAnalytics, campaign: nil)
        let m = try workspace.monitoring(period: period, template: template)
        let p = try workspace.programme(m.template)
        let orgs = try workspace.organisations()
        let asked = orgs.filter { p.respondents.contains($0.type) }
        return MunicipalReport(period: m.period, template: m.template.id, title: p.title, opens: m.opens, closes: m.closes,
                               values: MonitoringResults.municipal(m, programme: p, organisations: orgs),
                               silent: asked.filter { (m.values[$0.id] ?? [:]).isEmpty }, asked: asked.count)
    }

    /// The runs of the newest period with runs that ask `org`, with its own values only (a principal: only their own
    /// organisation; the Policy refuses any other); those in which the organisation enters values itself first.
    public func organisationAnswers(org: String) throws -> [OrganisationAnswers] {
        try require(.viewMonitoring(org: org), campaign: nil)
        let o = try workspace.organisation(org)
        let all = try workspace.allMonitorings()
        guard let newest = all.map(\.period).max() else { return [] }
        let runs: [OrganisationAnswers] = try all.filter { $0.period == newest }.compactMap { m in
            let p = try workspace.programme(m.template)
            guard p.respondents.contains(o.type) else { return nil }
            let mine = m.values[org] ?? [:]
            let items = p.sections.flatMap { s in
                s.indicators.filter { $0.reporter == .organisation }.map {
                    OrganisationAnswers.Item(section: s.number, sectionTitle: s.title, measure: $0, value: mine[$0.id], requested: $0.isRequested)
                }
            }
            return OrganisationAnswers(org: org, period: m.period, template: m.template.id, title: p.title, source: p.source,
                                       opens: m.opens, closes: m.closes, items: items)
        }
        return runs.filter { $0.progress.asked > 0 } + runs.filter { $0.progress.asked == 0 }
    }
}
