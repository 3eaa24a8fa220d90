import Foundation

/// The type of an educational organisation; each type has its own expert card (seed 002, 2.2).
public enum OrgType: String, Codable, CaseIterable, Sendable, Comparable {
    case preschool, general, additional

    public static func < (a: OrgType, b: OrgType) -> Bool {
        a.order < b.order
    }

    private var order: Int {
        switch self { case .preschool: return 0; case .general: return 1; case .additional: return 2 }
    }

    /// Russian plural name as printed in Приложение 1.
    public var russianName: String {
        switch self {
        case .preschool: return "Дошкольные образовательные организации"
        case .general: return "Общеобразовательные организации"
        case .additional: return "Организации дополнительного образования"
        }
    }

    public var russianShort: String {
        switch self {
        case .preschool: return "ДОО"
        case .general: return "ОО"
        case .additional: return "ДО"
        }
    }
}

/// An expert card of the regulation (seed 002, Приложение 2), stored as data in `data/templates/<id>.json`.
public struct Template: Codable, Equatable, Sendable {
    public var formatVersion: Int
    /// Stable id: `preschool`, `general`, `additional`.
    public var id: String
    /// 1, 2, …; nil in the files of the first version. An edit is a new version in a new file
    /// (`templates/<id>.v<N>.json`); a campaign keeps the one it pinned.
    public var version: Int?
    /// The card's heading as printed.
    public var title: String
    public var orgType: OrgType
    /// Where the card is printed, e.g. "Порядок …, Приложение 2".
    public var source: String
    /// The maximum declared by Приложение 1 (31 / 39 / 18), kept even where the indicators sum differently.
    public var declaredMax: Int
    /// Level thresholds as printed in Приложение 1.
    public var levels: LevelTable
    public var directions: [Direction]

    public init(formatVersion: Int = 1, id: String, title: String, orgType: OrgType, source: String,
                declaredMax: Int, levels: LevelTable, directions: [Direction], version: Int? = nil) {
        self.formatVersion = formatVersion; self.id = id; self.version = version; self.title = title; self.orgType = orgType
        self.source = source; self.declaredMax = declaredMax; self.levels = levels; self.directions = directions
    }

    /// Every indicator in printed order.
    public var indicators: [Indicator] { directions.flatMap(\.indicators) }

    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }

    public func direction(of indicatorID: String) -> Direction? {
        directions.first { $0.indicators.contains { $0.id == indicatorID } }
    }
}

/// The level table of Приложение 1: minimum points for "высокая" and "средняя".
public struct LevelTable: Codable, Equatable, Sendable {
    /// Lowest points of the high level (e.g. 25 of 31).
    public var high: Int
    /// Lowest points of the medium level (e.g. 19 of 31).
    public var medium: Int
    public init(high: Int, medium: Int) { self.high = high; self.medium = medium }
}

/// One of the five directions of a card.
public struct Direction: Codable, Equatable, Sendable {
    /// 1…5 as printed.
    public var number: Int
    /// Title as printed, without the "(макс. - N баллов)" suffix.
    public var title: String
    /// "макс. - N баллов" as printed.
    public var declaredMax: Int
    public var indicators: [Indicator]
    public init(number: Int, title: String, declaredMax: Int, indicators: [Indicator]) {
        self.number = number; self.title = title; self.declaredMax = declaredMax; self.indicators = indicators
    }
}

/// One indicator ("показатель") of a card.
public struct Indicator: Codable, Equatable, Sendable {
    /// `d<direction>.<n>` in printed order, stable forever.
    public var id: String
    /// "Показатели, обеспечивающие оценку", exactly as printed.
    public var text: String
    /// How its points are computed from what the principal enters.
    public var rule: Rule
    /// "Методики оценки" exactly as printed, e.g. "факт участия - 1 балл".
    public var ruleText: String
    /// "Периодичность, сроки представления информации" as printed.
    public var periodicity: String
    /// "Источники получения информации" as printed: the evidence the regulation asks for.
    public var evidenceSource: String
    public init(id: String, text: String, rule: Rule, ruleText: String, periodicity: String, evidenceSource: String) {
        self.id = id; self.text = text; self.rule = rule; self.ruleText = ruleText
        self.periodicity = periodicity; self.evidenceSource = evidenceSource
    }
}
