import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A calendar day (`YYYY-MM-DD`), the unit every deadline and rule works in. No time zone can shift it.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid day, or nil (e.g. 2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD` (also `DD.MM.YYYY`, as Russians write it).
    public init?(_ text: String) {
        let t = Whitespace.trimmed(text)
        let iso = t.split(separator: "-", omittingEmptySubsequences: false)
        let ru = t.split(separator: ".", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) {
            self.init(year: y, month: m, day: d)
        } else if ru.count == 3, ru[2].count == 4, let d = Int(ru[0]), let m = Int(ru[1]), let y = Int(ru[2]) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    /// Today in the server's local time zone (`TZ`, else /etc/localtime).
    ///
    /// Through libc's `localtime_r`, not `Calendar`/`TimeZone.current`: those load ICU's time-zone data, which
    /// nothing else on a screen needs, and that cost every TUI session about 4 MB of resident memory.
    public static func today(now: Date = Date()) -> Day {
        var t = time_t(now.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return Day.epoch }
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)) ?? Day.epoch
    }

    static let epoch = Day(uncheckedYear: 2000, month: 1, day: 1)

    private init(uncheckedYear: Int, month: Int, day: Int) { year = uncheckedYear; self.month = month; self.day = day }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
    /// `DD.MM.YYYY`, for the Russian interface.
    /// (Digits by hand rather than `String(format:)`, which goes through Foundation's formatter: the title bar and
    /// the open form show a date on every frame.)
    public var russian: String { Self.digits(day, 2) + "." + Self.digits(month, 2) + "." + Self.digits(year, 4) }

    /// `n` in decimal, zero-padded to `count` digits (as `%0Nd`).
    private static func digits(_ n: Int, _ count: Int) -> String {
        let s = String(n.magnitude)
        let padded = s.count < count ? String(repeating: "0", count: count - s.count) + s : s
        return n < 0 ? "-" + padded : padded
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences (the civil-date arithmetic lives in
    /// `FastTimestamp`, shared with timestamp parsing).
    public var ordinal: Int { FastTimestamp.daysFromCivil(year, month, day) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { other.ordinal - ordinal }

    public func adding(days n: Int) -> Day {
        let (y, m, d) = FastTimestamp.civil(fromDays: ordinal + n)
        return Day(uncheckedYear: y, month: m, day: d)
    }
}

extension Day: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = Day(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a date YYYY-MM-DD: \(s)")
        }
        self = d
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Timestamp {
    /// A moment as people in the department read it, in the server's local time: `06.09.2026 12:42` (with
    /// `seconds`, `06.09.2026 12:42:05`). For tables, messages and documents; files, JSON and CSV keep ISO 8601 UTC
    /// (`format`), which programs read.
    public static func russian(_ date: Date, seconds: Bool = false) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var p = tm()
        guard localtime_r(&t, &p) != nil,
              let day = Day(year: Int(p.tm_year) + 1900, month: Int(p.tm_mon) + 1, day: Int(p.tm_mday)) else { return format(date) }
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let minute = "\(day.russian) \(two(p.tm_hour)):\(two(p.tm_min))"
        return seconds ? minute + ":\(two(p.tm_sec))" : minute
    }
}
