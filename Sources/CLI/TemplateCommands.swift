import ArgumentParser
import Foundation
import Model
import XlsxExport

/// `profrost templates list|show|export|import|check`: the programmes as data the methodist owns.
struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Шаблоны — экспертные карты и программы мониторинга — с их версиями.",
        discussion: "Формат описан в docs/templates.md. Шаблон не меняется на месте: загрузка (import) создаёт новую версию, а каждая кампания считает по той версии, которую закрепила.",
        subcommands: [List.self, Show.self, Export.self, Import.self, Check.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Все шаблоны рабочей папки, все их версии.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Вид вывода: table или json (ключи JSON: id, version, title, scope, source, kind, key, orgTypes, indicators, sha256).") var format: OutputFormat = .table
        func run() throws {
            let all = try global.workspace().templateEntries().map(\.summary)
            if format == .json { return try Output.json(all) }
            Output.emit(format, header: ["key", "version", "kind", "scope", "indicators", "title"],
                        russianHeader: ["шаблон", "версия", "вид", "отвечают", "показателей", "название"], right: [1, 4]) { ru in
                all.map { [$0.key, "\($0.version)", ru ? ($0.kind == .card ? "карта" : "программа") : $0.kind.rawValue,
                           ru ? TemplateText.scopeRussian($0.scope) : $0.scope, "\($0.indicators)", ru ? Sanitize.line($0.title, limit: 90) : $0.title] }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Один шаблон: источник, примечания, направления или системы, показатели с правилами оценки.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Шаблон: general — последняя версия, general.v1, general.v2 — определённая версия.") var id: String
        @Option(help: "Вид вывода: table — описание или json — сам файл шаблона.") var format: OutputFormat = .table
        func run() throws {
            let e = try global.workspace().templateEntry(id)
            if format == .json { return FileHandle.standardOutput.write(try e.template.encoded()) }
            Output.print(TemplateText.describe(e))
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Выгрузить шаблон в JSON (сам файл шаблона), CSV или книгу Excel .xlsx (по показателю в строке).",
            discussion: "Без --format формат определяется по расширению файла --out (.csv, .xlsx), иначе JSON. Для .xlsx нужен --out.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Шаблон: ключ (general) или версия (general.v1).") var id: String
        @Option(help: "Формат файла (без него — по расширению --out, иначе json).") var format: TemplateFileFormat?
        @Option(help: "Куда записать (по умолчанию — вывести на экран).") var out: String?
        func run() throws {
            let e = try global.workspace().templateEntry(id)
            let path = out.map(global.absolute)
            let chosen = format ?? path.flatMap { TemplateFileFormat(rawValue: ($0 as NSString).pathExtension.lowercased()) } ?? .json
            let data: Data
            switch chosen {
            case .json: data = try e.template.encoded()
            case .csv:
                let (h, r) = TemplateTransfer.rows(e.template)
                data = Data((Output.csv(h, r) + "\r\n").utf8)
            case .xlsx:
                guard let path, path.lowercased().hasSuffix(".xlsx") else {
                    throw StoreError.invalid(InputError("an .xlsx export needs --out FILE.xlsx", russian: "Для выгрузки в .xlsx укажите файл: --out ФАЙЛ.xlsx"))
                }
                try TemplateWorkbook.write(e.template, to: path)
                return Output.print("Записан \(path): шаблон \(e.template.key), версия \(e.template.version).")
            }
            guard let path else { return FileHandle.standardOutput.write(data) }
            try AtomicFile.write(data, to: path)
            Output.print("Записан \(path): шаблон \(e.template.key), версия \(e.template.version).")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Загрузить шаблон или его новую версию из JSON, CSV или .xlsx.",
            discussion: "JSON — файл шаблона целиком (docs/templates.md). CSV или .xlsx (первый лист) — строки показателей из `templates export --format csv|xlsx`, исправленные в Excel; --base указывает шаблон, чьи название, уровни и меры сохранит новая версия. В сообщении об ошибке указывается строка (строка листа), и тогда ничего не сохраняется. Шаблон, совпадающий с уже сохранённой версией, второй раз не сохраняется.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Файл шаблона: FILE.json, FILE.csv или FILE.xlsx.") var file: String
        @Option(help: "Для CSV или .xlsx: шаблон (ключ или версия), новой версией которого станет файл.") var base: String?
        func run() throws {
            let s = try global.session()
            let path = global.absolute(file)
            guard let data = try AtomicFile.read(path) else { throw StoreError.notFound(what: "file", id: path) }
            guard data.count <= 10_000_000 else {
                throw StoreError.invalid(InputError("\(path) is larger than 10 MB", russian: "Файл больше 10 МБ"))
            }
            let t: AnyTemplate
            if ImportTable.isWorkbook(data) || path.lowercased().hasSuffix(".csv") || path.lowercased().hasSuffix(".xlsx") {
                guard let base else {
                    throw StoreError.invalid(InputError("a CSV or .xlsx holds indicators only: name the template it edits with --base",
                                                        russian: "В CSV и .xlsx только показатели: укажите шаблон, новой версией которого они станут (--base)"))
                }
                t = try TemplateTransfer.fromTable(data, name: path, base: try s.workspace.templateEntry(base).template)
            } else {
                t = try TemplateTransfer.fromJSON(data, name: path)
            }
            let (e, added) = try s.addTemplate(t)
            Output.print(added ? "Сохранён шаблон \(e.template.key): \(e.template.id), версия \(e.template.version), показателей: \(e.template.indicatorIDs.count)."
                               : "Совпадает с сохранённым шаблоном \(e.template.key) (версия \(e.template.version)); ничего не сохранено.")
            if case .card(let c) = e.template {
                for f in TemplateLint.check(c) { Output.warn("Замечание: \(f.russian)") }
            }
        }
    }

    struct Check: ParsableCommand {
        static func scopeRussian(_ s: LintFinding.Scope) -> String {
            switch s {
            case .card: return "карта"
            case .direction: return "направление"
            case .levels: return "уровни"
            }
        }

        static let configuration = CommandConfiguration(abstract: "Найти расхождения: где заявленный максимум не равен сумме баллов показателей (последняя версия каждой карты).")
        @OptionGroup var global: GlobalOptions
        @Option(help: HelpText.format) var format: OutputFormat = .table

        func run() throws {
            let ws = try global.workspace()
            let newest = Dictionary(try ws.templateEntries().compactMap { e -> Template? in
                if case .card(let t) = e.template { return t }; return nil
            }.map { ($0.id, $0) }, uniquingKeysWith: { a, b in (a.version ?? 1) >= (b.version ?? 1) ? a : b })
            let findings = TemplateLint.check(newest.values.sorted { $0.orgType < $1.orgType })
            if format == .json { return try Output.json(findings) }
            if findings.isEmpty, format == .table { return Output.print("Все шаблоны сходятся: заявленные максимумы равны суммам баллов.") }
            Output.emit(format, header: ["template", "scope", "direction", "declared", "computed"],
                        russianHeader: ["шаблон", "где", "направление", "заявлено", "сумма показателей"], right: [3, 4]) { ru in
                findings.map { f in
                    [f.template, ru ? Self.scopeRussian(f.scope) : f.scope.rawValue, f.direction.map(String.init) ?? (ru ? "—" : "-"),
                     "\(f.declared)", "\(f.computed)"]
                }
            }
        }
    }
}

/// The files a template is exported to and imported from.
enum TemplateFileFormat: String, ExpressibleByArgument, CaseIterable {
    case json, csv, xlsx

    /// Each value explained in Russian under `--format` in `--help` (as `OutputFormat`'s).
    static var allValueDescriptions: [String: String] {
        ["json": "файл шаблона целиком", "csv": "строки показателей, CSV для Excel", "xlsx": "строки показателей, книга Excel"]
    }
}

/// A template as an .xlsx workbook: one sheet named by the template's key, the CSV's header and rows, whole
/// numbers as numbers (so a spreadsheet sorts and sums them), not protected (it is meant to be edited).
enum TemplateWorkbook {
    static func write(_ t: AnyTemplate, to path: String) throws {
        let (header, rows) = TemplateTransfer.rows(t)
        let wide: Set<String> = ["text", "direction_title", "section_title", "rule_text", "evidence", "method", "numerator", "denominator", "group"]
        var book = Workbook(path: path)
        book.addSheet(name: t.key, columns: header.map { Column(title: $0, width: wide.contains($0) ? 40 : 12) },
                      rows: rows.map { $0.map(cell) })
        try ExportCommand.saveEditable(book)
    }

    /// A whole number written as digits (no sign, no leading zero, short enough to be exact) is a number cell.
    static func cell(_ s: String) -> Cell {
        guard !s.isEmpty, s.count <= 15, s.allSatisfy(\.isASCII), let n = Int(s), String(n) == s, n >= 0 else { return s.isEmpty ? .empty : .text(s) }
        return .int(n)
    }
}

/// A template as text for the terminal (Russian, as printed in the regulation).
enum TemplateText {
    static func describe(_ e: TemplateEntry) -> String {
        var out: [String] = []
        let t = e.template
        out.append("\(Sanitize.line(t.title, limit: 400))")
        out.append("Источник: \(Sanitize.line(t.source, limit: 400))")
        out.append("Шаблон \(t.key) · версия \(t.version) · sha256 \(e.sha256.prefix(12))… · отвечают: \(scopeRussian(t.scope))")
        switch t {
        case .card(let c):
            out.append("Тип организаций: \(c.orgType.russianName); заявленный максимум \(c.declaredMax); высокий уровень от \(c.levels.high), средний от \(c.levels.medium)")
            for d in c.directions {
                out.append("")
                out.append("\(d.number). \(Sanitize.line(d.title, limit: 300)) (макс. \(d.declaredMax))")
                for i in d.indicators {
                    out.append("  \(i.id)  [\(i.rule.kind.russian) (\(i.rule.kind.rawValue)), \(i.rule.maxPoints) б.] \(Sanitize.line(i.text, limit: 300))")
                    out.append("        оценка: \(Sanitize.line(i.ruleText, limit: 200))")
                    out.append("        источник: \(Sanitize.line(i.evidenceSource, limit: 200))")
                }
            }
            for f in TemplateLint.check(c) { out.append("! \(f.russian)") }
        case .programme(let p):
            if let tt = p.timetable { out.append("Сроки: \(tt.text)") }
            if let s = p.clusterScheme { out.append("Кластеры: \(s.russian); обработка: \(p.ranking == .scaled ? "шкалирование и ранжирование" : "без ранжирования")") }
            out.append("Организации: \(p.respondents.isEmpty ? "только муниципалитет" : p.respondents.map(\.russianName).joined(separator: ", "))")
            if !p.notes.isEmpty {
                out.append("")
                out.append("Что Положение оставляет неопределённым и как это решено:")
                for n in p.notes { out.append("  • \(Sanitize.line(n, limit: 600))") }
            }
            for s in p.sections {
                out.append("")
                out.append("\(s.number). \(Sanitize.line(s.title, limit: 300))")
                if let n = s.note { out.append("   (\(Sanitize.line(n, limit: 300)))") }
                for m in s.indicators {
                    let who = m.reporter == .municipality ? ", вносит муниципалитет" : ""
                    out.append("  \(m.id)  [\(m.kind.russian)\(who)] \(Sanitize.line(m.text, limit: 300))")
                }
                if !s.measures.isEmpty {
                    out.append("   Мероприятия / управленческие решения:")
                    for x in s.measures { out.append("   – \(Sanitize.line(x, limit: 300))") }
                }
            }
        }
        return out.joined(separator: "\n")
    }

    static func scopeRussian(_ s: String) -> String {
        switch s {
        case "municipality": return "муниципалитет"
        case "organisation+municipality": return "организации и муниципалитет"
        default: return "каждая организация"
        }
    }
}
