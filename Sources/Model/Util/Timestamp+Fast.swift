import Foundation

/// The workspace's one timestamp shape, `2026-09-12T08:15:00Z`, parsed and printed without ICU.
///
/// Why: a card carries dozens of timestamps (history, reviews), and `ISO8601DateFormatter` costs tens of
/// microseconds to create and use; at 3,000 cards that was most of the time `profrost score` spent
/// (measured: 1.78 s → see README "Performance"). Anything that is not exactly this shape (fractional
/// seconds, an offset) returns nil here and goes to the formatter as before, so nothing is misread.
enum FastTimestamp {
    /// Seconds since 1970 of `YYYY-MM-DDTHH:MM:SSZ` in UTC; nil for any other text or an impossible date.
    static func parse(_ s: String) -> Date? {
        var s = s
        return s.withUTF8 { b -> Date? in
            guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A
            else { return nil }
            func num(_ from: Int, _ count: Int) -> Int? {
                var v = 0
                for i in from..<(from + count) {
                    let d = Int(b[i]) - 48
                    guard (0...9).contains(d) else { return nil }
                    v = v * 10 + d
                }
                return v
            }
            guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
                  let sec = num(17, 2), (1...12).contains(mo), (1...daysIn(month: mo, year: y)).contains(d),
                  h < 24, mi < 60, sec < 60 else { return nil }
            let days = daysFromCivil(y, mo, d)
            return Date(timeIntervalSince1970: Double(days * 86400 + h * 3600 + mi * 60 + sec))
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` of a moment in years 1…9999, fractions of a second dropped as the formatter drops
    /// them; nil otherwise (the formatter takes over).
    static func format(_ date: Date) -> String? {
        let t = date.timeIntervalSince1970.rounded(.down)
        guard t.isFinite, abs(t) < 3e11 else { return nil }
        let secs = Int(t)
        let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
        let rem = secs - days * 86400
        let (y, m, d) = civil(fromDays: days)
        guard (1...9999).contains(y) else { return nil }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let year = y < 10 ? "000\(y)" : y < 100 ? "00\(y)" : y < 1000 ? "0\(y)" : "\(y)"
        return "\(year)-\(two(m))-\(two(d))T\(two(rem / 3600)):\(two(rem % 3600 / 60)):\(two(rem % 60))Z"
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The inverse of `daysFromCivil`.
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
