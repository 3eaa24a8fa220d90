import Foundation
import Model

extension CardStatus {
    /// Whether the card was handed in (a draft is not a result yet).
    var isSubmittedOrLater: Bool { self != .draft }
}

/// Russian formatting of numbers, dates and statuses for the screens, and the styles that go with them.
public enum Format {
    /// `59,0 %`: one decimal, decimal comma, a space before the sign.
    /// A value that is not a finite number (never expected) shows as `—`, not as "nan" or a crash.
    public static func percent(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10),\(abs(tenths % 10)) %"
    }

    /// `23/39`.
    public static func points(_ points: Int, of max: Int) -> String { "\(points)/\(max)" }

    /// A moment as the day it fell on (server time zone): `10.09.2026`.
    public static func day(_ date: Date) -> String { Day.today(now: date).russian }

    /// `dd.mm` of a moment, for narrow columns.
    public static func shortDay(_ date: Date) -> String { String(Day.today(now: date).russian.prefix(5)) }

    /// How far a deadline is: `ещё 20 дн.`, `сегодня`, `прошло 3 дн.`.
    public static func remaining(from today: Day, to deadline: Day) -> String {
        let n = today.days(to: deadline)
        if n > 0 { return "ещё \(n) дн." }
        if n == 0 { return "сегодня" }
        return "прошло \(-n) дн."
    }

    /// The status of an organisation's card; "не начата" when there is no card yet.
    public static func status(_ status: CardStatus?) -> String { status?.russian ?? notStarted }

    /// A card whose file cannot be read (the other rows are shown; `profrost audit verify` names the file and line).
    public static let unreadable = "не читается"

    /// The one word for a card nobody has saved anything in, on every screen.
    public static let notStarted = CardStatus.notStartedRussian

    /// The status of a card as loaded: "не начата" when it was never saved, as the lists say.
    public static func status(of card: ExpertCard) -> String {
        card.revision == 0 && card.answers.isEmpty ? notStarted : card.status.russian
    }

    public static func style(of status: CardStatus?) -> CellStyle {
        switch status {
        case nil: return .muted
        case .draft?: return .normal
        case .submitted?: return .accent
        case .returned?: return .warn
        case .accepted?: return .good
        }
    }

    public static func style(of level: Level) -> CellStyle {
        switch level {
        case .high: return .good
        case .medium: return .warn
        case .low: return .bad
        }
    }

    /// A period as printed: `2025/26`.
    public static func period(_ period: String) -> String { period.replacingOccurrences(of: "-", with: "/") }

    /// ↑ green (better than the period before), ↓ red, → muted.
    public static func style(of trend: Trend?) -> CellStyle {
        switch trend {
        case .up?: return CellStyle.good.emphasized
        case .down?: return CellStyle.bad.emphasized
        case .same?, nil: return .muted
        }
    }

    /// The arrow of a trend; `—` when there is nothing to compare with.
    public static func arrow(_ trend: Trend?) -> String { trend?.arrow ?? "—" }

    /// The answer as shown in a card's list: `да`, `нет`, `38/42`, `—` when not answered.
    public static func answer(_ answer: Answer?) -> String { answer?.display ?? "—" }

    /// A person's name shortened for the title bar: `Смирнова Е. В.`.
    public static func shortName(_ name: String) -> String {
        let parts = name.split(separator: " ")
        guard parts.count >= 2 else { return name }
        return ([String(parts[0])] + parts.dropFirst().prefix(2).compactMap { $0.first.map { "\($0)." } }).joined(separator: " ")
    }
}
