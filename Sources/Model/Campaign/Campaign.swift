import Foundation

/// How organisations are grouped for comparison.
public enum ClusterScheme: String, Codable, Sendable, CaseIterable {
    /// Seed 002, 2.2: by type of organisation.
    case type
    /// Seed 003, 3.3: general schools by size and level; other types by type.
    case size
}

/// A stage of the campaign (seed 002, 3.3), derived from the date and the deadlines.
public enum Stage: String, Codable, Sendable {
    case filling, checking, evaluating, closed
    public var russian: String {
        switch self {
        case .filling: return "заполнение карт"
        case .checking: return "проверка объективности"
        case .evaluating: return "оценка и ранжирование"
        case .closed: return "завершена"
        }
    }
}

/// A template a campaign uses, pinned by its sha256 so that a later edit of the file is noticed.
public struct TemplateRef: Codable, Equatable, Sendable {
    /// The template's key: its file name stem (`general`, `general.v2`).
    public var id: String
    public var sha256: String
    /// The template's version (nil in campaigns opened before versions were recorded: version 1).
    public var version: Int?
    public init(id: String, sha256: String, version: Int? = nil) { self.id = id; self.sha256 = sha256; self.version = version }
}

/// One yearly monitoring: a reporting period (academic year), its deadlines, templates and clusters.
public struct Campaign: Codable, Equatable, Sendable {
    public var formatVersion: Int
    /// Academic year evaluated, e.g. `2025-26`; also the folder name.
    public var period: String
    /// Stage 1: principals fill cards by this day (default 30 September).
    public var fillDeadline: Day
    /// Stage 2: the department checks objectivity by this day (default 15 October).
    public var checkDeadline: Day
    /// Stage 3: evaluation and ranking by this day (default 1 November).
    public var evaluateDeadline: Day
    /// Template per type of organisation.
    public var templates: [String: TemplateRef]
    public var clusterScheme: ClusterScheme
    /// Per-organisation extension of the fill deadline.
    public var extensions: [String: Day]
    /// Why each extension was granted, by organisation. Nil in campaigns saved before reasons were recorded: the key
    /// is then left out of the file, so that such a file reads, and hashes for the audit, exactly as it was written.
    public var extensionReasons: [String: String]?
    public var revision: Int

    public static let currentFormat = 1

    /// A campaign with the default dates of seed 002 (3.3) in the calendar year the period ends + 0:
    /// period `2025-26` is filled by 30.09.2026.
    public init(period: String, templates: [String: TemplateRef], clusterScheme: ClusterScheme = .type) throws {
        guard let y = Campaign.fillYear(of: period) else { throw InputError("period must look like 2025-26, got \"\(period)\"", russian: "Период должен иметь вид 2025-26") }
        formatVersion = Self.currentFormat
        self.period = period
        fillDeadline = Day(year: y, month: 9, day: 30) ?? Day.epoch
        checkDeadline = Day(year: y, month: 10, day: 15) ?? Day.epoch
        evaluateDeadline = Day(year: y, month: 11, day: 1) ?? Day.epoch
        self.templates = templates; self.clusterScheme = clusterScheme; extensions = [:]; extensionReasons = nil; revision = 0
    }

    /// Refuses anything but a period like `2025-26` (a period names a folder: `../../x` must never reach a path).
    public static func requireValid(period: String) throws {
        guard fillYear(of: period) != nil else {
            throw StoreError.invalid(InputError("period must look like 2025-26, got \"\(DisplayText.sanitize(period))\"",
                                                russian: "Период должен иметь вид 2025-26 (учебный год), а не «\(DisplayText.sanitize(period))»"))
        }
    }

    /// `2025-26` → 2026, the calendar year its cards are filled in.
    public static func fillYear(of period: String) -> Int? {
        let parts = period.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let a = Digits.int(parts[0]), let b = Digits.int(parts[1]), (a + 1) % 100 == b, (1900...2998).contains(a) else { return nil }
        return a + 1
    }

    /// The period whose cards are filled in the autumn of `day`'s year… or, before summer, the one before.
    /// On 25.11.2026 the current period is `2025-26` (filled by 30.09.2026, evaluation finished).
    public static func period(endingIn year: Int) -> String { String(format: "%04d-%02d", year - 1, year % 100) }

    /// `2025/26`, as Russians write an academic year.
    public var russianPeriod: String { period.replacingOccurrences(of: "-", with: "/") }

    public func stage(on day: Day) -> Stage {
        if day <= fillDeadline { return .filling }
        if day <= checkDeadline { return .checking }
        if day <= evaluateDeadline { return .evaluating }
        return .closed
    }

    /// The day an organisation's card must be submitted by: its extension, or the campaign's fill deadline.
    public func fillDeadline(for org: String) -> Day {
        if let e = extensions[org], e > fillDeadline { return e }
        return fillDeadline
    }

    /// Why `org` was given more time, when it was recorded.
    public func extensionReason(for org: String) -> String? { extensionReasons?[org] }

    /// The first thing wrong with the deadlines (see `DeadlineKind.problems`), nil when they are in order.
    public func validateDates() -> InputError? {
        let found = DeadlineKind.problems(fill: fillDeadline, check: checkDeadline, evaluate: evaluateDeadline, period: period)
        return DeadlineKind.allCases.lazy.compactMap { found[$0] }.first
    }

    public subscript(deadline kind: DeadlineKind) -> Day {
        get {
            switch kind {
            case .fill: return fillDeadline
            case .check: return checkDeadline
            case .evaluate: return evaluateDeadline
            }
        }
        set {
            switch kind {
            case .fill: fillDeadline = newValue
            case .check: checkDeadline = newValue
            case .evaluate: evaluateDeadline = newValue
            }
        }
    }
}

/// The three deadlines of a campaign, in the order its stages run (Порядок, п. 3.3).
public enum DeadlineKind: String, CaseIterable, Sendable {
    case fill, check, evaluate

    /// The stage the deadline ends, as the screens name it.
    public var russian: String {
        switch self {
        case .fill: return "Заполнение карт"
        case .check: return "Проверка объективности"
        case .evaluate: return "Оценка и ранжирование"
        }
    }

    /// What is wrong with each deadline: a stage that would end before the one it follows (the later stage is
    /// named), or a year outside the period's (a period `2025-26` is filled, checked and evaluated in 2026, at
    /// the latest in 2027 — `30.09.2062` is a typo, not a plan). Empty when the deadlines can be saved.
    public static func problems(fill: Day, check: Day, evaluate: Day, period: String) -> [DeadlineKind: InputError] {
        var out: [DeadlineKind: InputError] = [:]
        let days: [DeadlineKind: Day] = [.fill: fill, .check: check, .evaluate: evaluate]
        if let y = Campaign.fillYear(of: period) {
            for kind in allCases {
                guard let d = days[kind], !(y...(y + 1)).contains(d.year) else { continue }
                out[kind] = InputError("the \(kind.rawValue) deadline \(d) is outside the period \(period): expected \(y) or \(y + 1)",
                                       russian: "Дата вне периода: сроки кампании \(period.replacingOccurrences(of: "-", with: "/")) — в \(y) или \(y + 1) году")
            }
        }
        if out[.check] == nil, check < fill {
            out[.check] = InputError("the check deadline \(check) is before the fill deadline \(fill); deadlines must be in order: fill ≤ check ≤ evaluate",
                                     russian: "Проверка не может закончиться раньше заполнения (\(fill.russian))")
        }
        if out[.evaluate] == nil, evaluate < check {
            out[.evaluate] = InputError("the evaluation deadline \(evaluate) is before the check deadline \(check); deadlines must be in order: fill ≤ check ≤ evaluate",
                                        russian: "Оценка не может закончиться раньше проверки (\(check.russian))")
        }
        return out
    }
}
