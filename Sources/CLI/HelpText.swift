import ArgumentParser

/// The help of the arguments and options many commands share, worded once so that `--help` says the same thing
/// wherever they appear (Russian, for the people who read it; see `ProfrostCommand`).
enum HelpText {
    static let periodOrNewest: ArgumentHelp = "Период, например 2025-26 (по умолчанию — последняя кампания)."
    static let period: ArgumentHelp = "Период, например 2025-26."
    static let org: ArgumentHelp = "Код организации, например sch-001."
    /// `--format` of the commands that print table, CSV or JSON; `OutputFormat` explains each value.
    static let format: ArgumentHelp = "Вид вывода."
    static let tableOrJSON: ArgumentHelp = "Вид вывода: table или json."
    static let clusters: ArgumentHelp = "Кластеры: type — по типу организаций, size — по численности и уровню школ (по умолчанию — схема кампании)."
    static let programme: ArgumentHelp = "Программа мониторинга: ключ шаблона, например method-activity."
}
