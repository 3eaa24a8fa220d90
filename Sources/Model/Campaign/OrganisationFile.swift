import Foundation

/// Reads organisations from a file as departments keep them: an .xlsx workbook (its first sheet), or a CSV with
/// `;` or `,` (whichever the first line has more of), fields quoted the way Excel quotes them
/// (`"МБОУ ""СОШ № 1"""`), UTF-8 with or without BOM or, when the bytes are not UTF-8, Windows-1251 (what Excel
/// in a Russian Windows saves as «CSV (разделители — запятые)»).
///
/// Columns: with a header line, by their names in Russian or English (`код`/`id`, `наименование`/`name`,
/// `тип`/`type`, `учащихся`/`pupils`, `уровень`/`level`, `краткое наименование`/`short_name`; other columns are
/// ignored); without one, in the order id, name, type, pupils, level, short name. Every error names the line
/// (the sheet's row), and nothing is imported then.
public enum OrganisationFile {
    public static func parse(_ data: Data, name: String) throws -> [Organisation] {
        let table = try ImportTable.read(data, name: name)
        return try organisations(table.rows, name: table.name)
    }

    /// The columns, by what they hold.
    enum Column: CaseIterable {
        case id, name, type, pupils, level, shortName

        /// Header names, compared lowercased with `ё` as `е` and without `*` or `:`.
        var names: Set<String> {
            switch self {
            case .id: return ["id", "код", "идентификатор"]
            case .name: return ["name", "наименование", "название", "полное наименование", "полное название", "организация"]
            case .type: return ["type", "тип", "тип организации"]
            case .pupils: return ["pupils", "учащихся", "обучающихся", "число учащихся", "количество учащихся", "численность обучающихся",
                                  "количество обучающихся"]
            case .level: return ["level", "уровень", "уровень школы"]
            case .shortName: return ["short_name", "short name", "shortname", "краткое наименование", "краткое название",
                                     "сокращенное наименование", "сокращенное название", "краткое"]
            }
        }

        static func named(_ header: String) -> Column? {
            let key = header.lowercased().replacingOccurrences(of: "ё", with: "е")
                .trimmingCharacters(in: CharacterSet(charactersIn: " *:"))
            return allCases.first { $0.names.contains(key) }
        }
    }

    static func organisations(_ records: [CSVTable.Record], name: String) throws -> [Organisation] {
        var columns: [Column: Int] = [.id: 0, .name: 1, .type: 2, .pupils: 3, .level: 4, .shortName: 5]
        var body = records[...]
        var hasHeader = false
        if let head = records.first {
            let known = head.fields.enumerated().compactMap { i, f in Column.named(f).map { ($0, i) } }
            if known.count >= 2 {
                columns = Dictionary(known, uniquingKeysWith: { first, _ in first })
                let missing = [Column.id, .name, .type].filter { columns[$0] == nil }
                if !missing.isEmpty {
                    throw StoreError.rejected(path: name, line: head.line, InputError(
                        "the header has no column \(missing.map { "\($0)" }.joined(separator: ", ")) (id, name and type are needed)",
                        russian: "в заголовке нет столбца «код», «наименование» или «тип» (они обязательны)"))
                }
                body = records.dropFirst()
                hasHeader = true
            }
        }
        var out: [Organisation] = []
        var seen: [String: Int] = [:]
        for r in body {
            func fail(_ english: String, _ russian: String) -> StoreError {
                .rejected(path: name, line: r.line, InputError(english, russian: russian))
            }
            func field(_ c: Column) -> String {
                guard let i = columns[c], i < r.fields.count else { return "" }
                return Whitespace.trimmed(r.fields[i])
            }
            let id = field(.id), full = field(.name), typeText = field(.type)
            if !hasHeader, r.fields.count < 3 {
                throw fail("expected id;name;type[;pupils[;level[;short name]]], got \(r.fields.count) fields",
                           "ожидается код;наименование;тип[;учащихся[;уровень[;краткое наименование]]], а полей \(r.fields.count)")
            }
            guard Identifier.isValid(id) else {
                throw fail("\"\(DisplayText.sanitize(id))\" is not a valid id (letters, digits, - _ .)",
                           "код «\(DisplayText.sanitize(id))» недопустим: латинские буквы, цифры, - _ .")
            }
            if let first = seen[id] { throw fail("id \(id) repeats line \(first)", "код \(id) уже был в строке \(first)") }
            seen[id] = r.line
            guard !full.isEmpty else { throw fail("the name is empty", "не указано наименование") }
            if let e = FieldLimit.organisationName.problem(full) { throw fail(e.english, e.russian) }
            guard let type = orgType(typeText) else {
                throw fail("type must be preschool, general or additional, got \"\(DisplayText.sanitize(typeText))\"",
                           "тип должен быть ДОО, ОО или ДО (preschool, general, additional), а указано «\(DisplayText.sanitize(typeText))»")
            }
            var pupils: Int?
            let pupilsText = field(.pupils)
            if !pupilsText.isEmpty {
                guard let p = Digits.int(pupilsText), p < 100_000 else {
                    throw fail("pupils must be a whole number, got \"\(DisplayText.sanitize(pupilsText))\"",
                               "число учащихся должно быть целым числом, а указано «\(DisplayText.sanitize(pupilsText))»")
                }
                pupils = p
            }
            var level: SchoolLevel?
            let levelText = field(.level)
            if !levelText.isEmpty {
                switch levelText.lowercased() {
                case "secondary", "средняя", "сош": level = .secondary
                case "basic", "основная", "оош": level = .basic
                default: throw fail("level must be secondary or basic, got \"\(DisplayText.sanitize(levelText))\"",
                                    "уровень должен быть «средняя» или «основная», а указано «\(DisplayText.sanitize(levelText))»")
                }
            }
            if type == .general && level == nil { level = .secondary }
            let short = field(.shortName)
            if let e = FieldLimit.shortName.problem(short) { throw fail(e.english, e.russian) }
            // A short name equal to the derived one is not stored: it follows the full name when that changes.
            let stored = short.isEmpty || short == Organisation.shortName(of: full) ? nil : short
            out.append(Organisation(id: id, name: full, type: type, pupils: pupils, schoolLevel: type == .general ? level : nil,
                                    shortName: stored))
        }
        if out.isEmpty {
            throw StoreError.rejected(path: name, line: nil, InputError("no organisations in the file", russian: "в файле нет организаций"))
        }
        return out
    }

    static func orgType(_ s: String) -> OrgType? {
        switch s.lowercased() {
        case "preschool", "доо", "дошкольная": return .preschool
        case "general", "оо", "общеобразовательная", "школа": return .general
        case "additional", "до", "удо", "дополнительная": return .additional
        default: return nil
        }
    }
}
