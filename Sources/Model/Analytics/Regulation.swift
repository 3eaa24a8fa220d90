/// The regulations as users know them: by title and clause, never by our file names. A catalogue source
/// such as `002 3.6` (document, clause) is the stable code kept in JSON and CSV; people read `cite`.
public enum Regulation {
    /// Titles of the documents the catalogue and the rules cite, by their code.
    public static let titles: [String: (title: String, part: String)] = [
        "000": ("Положение о мониторинге качества системы повышения квалификации и профессионального роста руководящих и педагогических работников", "п."),
        "001": ("Программа мониторинга реализации муниципальных механизмов управления качеством образования", "раздел"),
        "002": ("Порядок проведения мониторинга системы обеспечения профессионального развития педагогических работников", "п."),
        "003": ("Приказ «О проведении мониторинга результативности работы по повышению профессионального мастерства и методической активности педагогических работников»", "п."),
        "004": ("Концепция муниципальной системы оценки качества образования", "п."),
    ]

    /// `002 3.6` → «Порядок проведения мониторинга …, п. 3.6»; anything else (e.g. «методист») as it is.
    public static func cite(_ source: String) -> String {
        let parts = source.split(separator: " ", maxSplits: 1).map(String.init)
        guard let code = parts.first, let doc = titles[code] else { return source }
        return parts.count > 1 ? "\(doc.title), \(doc.part) \(parts[1])" : doc.title
    }
}
