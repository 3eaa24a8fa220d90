import Foundation

/// A monitoring programme that is not a points card: indicators collected as percentages, counts or yes/no
/// from organisations (or entered once for the municipality), aggregated to the municipality and, for
/// percentages, scaled and ranked within clusters. Stored as `"kind": "programme"` JSON (docs/templates.md).
public struct Programme: Codable, Equatable, Sendable {
    public var formatVersion: Int
    /// Always `programme`: tells a programme file from a card file.
    public var kind: String
    /// Stable id, e.g. `method-activity`.
    public var id: String
    /// 1, 2, …: an edit is a new version; campaigns keep the version they pinned.
    public var version: Int?
    /// The regulation's title as printed.
    public var title: String
    /// The regulation and clause the indicators are printed in.
    public var source: String
    /// Types of organisation that report (empty: the municipality alone).
    public var respondents: [OrgType]
    /// How organisations are clustered for comparison; nil: no clusters.
    public var clusterScheme: ClusterScheme?
    /// `scaled`: percent indicators are scaled and ranked within clusters; `none`: aggregated only.
    public var ranking: ProgrammeRanking
    /// The programme's own timetable, when the regulation gives one.
    public var timetable: Timetable?
    /// What the regulation leaves undefined, said plainly (shown with the template).
    public var notes: [String]
    public var sections: [ProgrammeSection]

    public init(id: String, version: Int? = 1, title: String, source: String, respondents: [OrgType],
                clusterScheme: ClusterScheme?, ranking: ProgrammeRanking, timetable: Timetable?, notes: [String],
                sections: [ProgrammeSection]) {
        formatVersion = 1; kind = Self.kind; self.id = id; self.version = version; self.title = title
        self.source = source; self.respondents = respondents; self.clusterScheme = clusterScheme
        self.ranking = ranking; self.timetable = timetable; self.notes = notes; self.sections = sections
    }

    public static let kind = "programme"

    public var indicators: [Measure] { sections.flatMap(\.indicators) }
    public func indicator(_ id: String) -> Measure? { indicators.first { $0.id == id } }
    public func section(of id: String) -> ProgrammeSection? { sections.first { $0.indicators.contains { $0.id == id } } }
}

public enum ProgrammeRanking: String, Codable, Sendable { case scaled, none }

/// A programme's own dates within the calendar year its period ends in (seed 003: 1 September – 20 December).
public struct Timetable: Codable, Equatable, Sendable {
    /// `MM-DD` the collection opens.
    public var opens: String
    /// `MM-DD` results are due.
    public var closes: String
    /// The clause that sets these dates, as printed.
    public var text: String
    public init(opens: String, closes: String, text: String) { self.opens = opens; self.closes = closes; self.text = text }

    /// The days for a period: `2025-26` runs in the autumn of 2026 (like the cards of that period).
    public func days(period: String) -> (opens: Day, closes: Day)? {
        guard let y = Campaign.fillYear(of: period), let o = Self.day(opens, year: y), let c = Self.day(closes, year: y) else { return nil }
        return (o, c)
    }

    static func day(_ md: String, year: Int) -> Day? {
        let p = md.split(separator: "-").compactMap { Int($0) }
        guard p.count == 2 else { return nil }
        return Day(year: year, month: p[0], day: p[1])
    }
}

/// One monitoring system (seed 001), direction (seed 000) or table (seed 003) of a programme.
public struct ProgrammeSection: Codable, Equatable, Sendable {
    public var number: Int
    public var title: String
    /// Goals or subject of this part, as printed (may be empty).
    public var goal: String
    /// What is left undefined here, if anything.
    public var note: String?
    public var indicators: [Measure]
    /// The measures / management decisions the regulation lists for this part.
    public var measures: [String]
    public init(number: Int, title: String, goal: String = "", note: String? = nil, indicators: [Measure], measures: [String]) {
        self.number = number; self.title = title; self.goal = goal; self.note = note
        self.indicators = indicators; self.measures = measures
    }
}

/// How a programme indicator is collected and aggregated.
public enum MeasureKind: String, Codable, Sendable, CaseIterable {
    /// A percentage per organisation, entered as `42.5` or as `12/40` (of whom / all); scaled and ranked.
    case percent
    /// «доля…»: part and whole counts (`12/40`); the municipality's value is Σ part / Σ whole.
    case share
    /// «наличие…»: yes or no; the municipality's value is how many of those reporting say yes.
    case presence
    /// «количество…»: a number; the municipality's value is the sum.
    case count
    /// Named by the regulation without saying how it is measured: listed, not collected.
    case undefined

    public var russian: String {
        switch self {
        case .percent: return "процент"
        case .share: return "доля (числитель/знаменатель)"
        case .presence: return "наличие (да/нет)"
        case .count: return "количество"
        case .undefined: return "способ измерения не определён"
        }
    }
}

/// Who reports an indicator's value.
public enum Reporter: String, Codable, Sendable {
    /// Each organisation reports its own value; the municipality's is aggregated.
    case organisation
    /// The department (or its methodical centre) enters one municipal value.
    case municipality
}

/// One indicator of a programme.
public struct Measure: Codable, Equatable, Sendable {
    /// `d<section>.<n>`, stable across versions while the indicator stays the same.
    public var id: String
    /// As printed.
    public var text: String
    /// The sub-heading it is printed under, if any.
    public var group: String?
    public var kind: MeasureKind
    public var reporter: Reporter
    /// What is counted above and below the line of a share («педагоги, …» / «все педагоги»), if defined.
    public var numerator: String?
    public var denominator: String?
    /// Source of information, as printed.
    public var evidence: String
    /// Method of collection, as printed.
    public var method: String
    public init(id: String, text: String, group: String? = nil, kind: MeasureKind, reporter: Reporter,
                numerator: String? = nil, denominator: String? = nil, evidence: String, method: String) {
        self.id = id; self.text = text; self.group = group; self.kind = kind; self.reporter = reporter
        self.numerator = numerator; self.denominator = denominator; self.evidence = evidence; self.method = method
    }
}
