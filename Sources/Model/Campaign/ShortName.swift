import Foundation

extension Organisation {
    /// The name to show where the width is short: the imported short name, else one derived from the full name
    /// (`МБОУ «Средняя общеобразовательная школа № 1»` → `СОШ № 1`, `МБДОУ «Детский сад № 4 „Родничок“»` →
    /// `Д/с № 4 „Родничок“`), which keeps what tells one school from another.
    public var displayShortName: String {
        if let s = shortName.map(Whitespace.trimmed), !s.isEmpty { return s }
        return Self.shortName(of: name)
    }

    /// Common kinds of institution and their usual abbreviations, longest first.
    static let abbreviations: [(String, String)] = [
        ("средняя общеобразовательная школа", "СОШ"), ("основная общеобразовательная школа", "ООШ"),
        ("начальная общеобразовательная школа", "НОШ"), ("детско-юношеская спортивная школа", "ДЮСШ"),
        ("центр дополнительного образования", "ЦДО"), ("центр детского творчества", "ЦДТ"),
        ("дом детского творчества", "ДДТ"), ("станция юных техников", "СЮТ"), ("детская школа искусств", "ДШИ"),
        ("центр развития ребёнка", "ЦРР"), ("детский сад", "Д/с"),
    ]

    /// A short name derived from a full one: the part in the outer quotes without the legal form (МБОУ, МБДОУ,
    /// МБУ ДО…), with the kind of institution abbreviated. A name it cannot shorten comes back as it is.
    public static func shortName(of full: String) -> String {
        var core = Whitespace.trimmed(full)
        if let open = core.firstIndex(of: "«"), let close = core.lastIndex(of: "»"), open < close {
            core = Whitespace.trimmed(String(core[core.index(after: open)..<close]))
        }
        let lower = core.lowercased()
        for (long, short) in abbreviations {
            if let r = lower.range(of: long) {
                let start = core.index(core.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: r.lowerBound))
                let end = core.index(start, offsetBy: long.count)
                core = core.replacingCharacters(in: start..<end, with: short)
                break
            }
        }
        return core.isEmpty ? full : core
    }
}
