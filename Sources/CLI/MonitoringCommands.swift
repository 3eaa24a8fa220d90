import ArgumentParser
import Foundation
import Model
import XlsxExport

/// `profrost monitoring list|show|set|import|export`: programme runs (percent ratings, collections of counts).
struct MonitoringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitoring", abstract: "Мониторинги по программам за период: рейтинги со шкалированием и муниципальные показатели.",
        discussion: "Мониторинг открывается командой `campaign new PERIOD --template ID`. Значения: процент (42.5) или «сколько/из скольких» (12/40) — для процентного показателя, «сколько/из скольких» — для доли, yes/no (да/нет) — для наличия, число — для количества; организация `municipality` — для значений, которые вносит сам отдел образования.",
        subcommands: [List.self, Show.self, Set.self, Request.self, Import.self, Export.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Все мониторинги по программам: сроки и сколько организаций ответили.")
        @OptionGroup var global: GlobalOptions
        @Option(help: HelpText.format) var format: OutputFormat = .table
        func run() throws {
            let s = try global.session()
            try s.require(.viewAnalytics, campaign: nil)
            let runs = try s.workspace.allMonitorings()
            if format == .json { return try Output.json(runs.map { RunLine(period: $0.period, template: $0.template.id, version: $0.template.version ?? 1, opens: $0.opens.description, closes: $0.closes.description, reported: $0.values.count) }) }
            Output.emit(format, header: ["period", "template", "version", "opens", "closes", "reported"],
                        russianHeader: ["период", "шаблон", "версия", "начало", "окончание", "ответили"], right: [2, 5]) { ru in
                runs.map { [ru ? $0.russianPeriod : $0.period, $0.template.id, "\($0.template.version ?? 1)",
                            ru ? $0.opens.russian : $0.opens.description, ru ? $0.closes.russian : $0.closes.description, "\($0.values.count)"] }
            }
        }
        struct RunLine: Encodable { var period, template: String; var version: Int; var opens, closes: String; var reported: Int }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Рейтинг по кластерам со шкалированием (программы с процентами) или муниципальное значение каждого показателя.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.period) var period: String
        @Argument(help: HelpText.programme) var template: String
        @Option(help: HelpText.format) var format: OutputFormat = .table
        func run() throws {
            let s = try global.session()
            try s.require(.viewAnalytics, campaign: nil)
            if try s.workspace.programme(try s.workspace.monitoring(period: period, template: template).template).ranking == .scaled {
                let r = try s.scaledReport(period: period, template: template)
                let clusters = r.clusters
                if format == .json { return try Output.json(clusters) }
                let ids = r.indicators.map(\.id)
                if format == .table {
                    Output.print("\(Sanitize.line(r.title, limit: 200)), \(r.russianPeriod) (\(r.opens.russian) – \(r.closes.russian))")
                    Output.print("Шкалирование в кластере: (x − мин) / (макс − мин) по каждому показателю; рейтинг — сумма, место — по рейтингу.")
                    for (i, ind) in r.indicators.enumerated() {
                        Output.print("  \(ind.id) = \(i + 1). \(Sanitize.line(ind.text, limit: 110))")
                    }
                }
                for c in clusters {
                    if format == .table {
                        Output.print("")
                        Output.print("\(c.name): " + ids.map { i in c.ranges[i].map { "\(i) \(Output.number($0[0]))–\(Output.number($0[1]))%" } ?? "" }.joined(separator: ", "))
                    }
                    let header = ["rank", "org"] + ids.flatMap { ["\($0)_percent", "\($0)_scaled"] } + ["rating", "name"]
                    let russianHeader = ["место", "код"] + ids.flatMap { ["\($0) %", "\($0) шк."] } + ["рейтинг", "организация"]
                    let rows = c.rows.map { r in
                        ["\(r.rank)", r.org] + ids.flatMap { [Output.number(r.values[$0] ?? 0), String(format: "%.3f", r.scaled[$0] ?? 0)] }
                            + [String(format: "%.3f", r.rating), format == .csv ? r.name : Sanitize.line(r.name, limit: 40)]
                    }
                    Output.emit(format, header: ["cluster"] + header, russianHeader: russianHeader,
                                right: Swift.Set(0..<(header.count - 1)).subtracting([1])) { ru in ru ? rows : rows.map { [c.id] + $0 } }
                    if format == .table, !c.missing.isEmpty { Output.print("Нет данных: \(c.missing.joined(separator: ", "))") }
                }
            } else {
                let r = try s.municipalReport(period: period, template: template)
                let vals = r.values
                if format == .json { return try Output.json(vals) }
                if format == .table { Output.print("\(Sanitize.line(r.title, limit: 200)), \(r.russianPeriod): значения по муниципалитету") }
                Output.emit(format, header: ["id", "kind", "value", "reported", "text"],
                            russianHeader: ["показатель", "вид", "значение", "ответили", "содержание"], right: [3]) { ru in
                    vals.map { [$0.id, ru ? $0.kind.russian : $0.kind.rawValue, $0.display, "\($0.reported)/\($0.asked)",
                                ru ? Sanitize.line($0.text, limit: 90) : $0.text] }
                }
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Записать одно значение (пустой текст удаляет его).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.period) var period: String
        @Argument(help: HelpText.programme) var template: String
        @Argument(help: "Код организации или municipality — значение муниципалитета.") var org: String
        @Argument(help: "Код показателя, например d1.3.") var indicator: String
        @Argument(help: "Значение: 42.5, 12/40, yes/no (да/нет) или число.") var value: String
        func run() throws {
            let m = try global.session().setMonitoringValue(period: period, template: template, org: org, indicator: indicator, text: value)
            Output.print("\(org) \(indicator) = \(m.values[org]?[indicator]?.display ?? "(значение удалено)") (\(m.russianPeriod), \(m.template.id)).")
        }
    }

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Подготовить запрос организациям: CSV или .xlsx со строкой на каждую организацию и показатель, значение вписывается в столбец value.",
            discussion: "Столбцы org;indicator;value;name;kind;text. Организации заполняют `value` в Excel (.xlsx как есть или CSV в UTF-8 либо Windows-1251); `monitoring import` читает обратно первые три столбца. Уже записанные значения подставлены. С --out FILE.xlsx записывается книга Excel.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.period) var period: String
        @Argument(help: HelpText.programme) var template: String
        @Option(help: "FILE.csv или FILE.xlsx (по умолчанию — CSV на экран).") var out: String?
        func run() throws {
            let s = try global.session()
            try s.require(.manageCampaign, campaign: nil)
            let m = try s.workspace.monitoring(period: period, template: template)
            let p = try s.workspace.programme(m.template)
            let asked = try s.workspace.organisations().filter { p.respondents.contains($0.type) }.map { ($0.id, $0.name) }
            var rows: [[String]] = []
            for (org, name) in asked + [(Monitoring.municipality, "Муниципалитет")] {
                for ind in p.indicators where ind.kind != .undefined && (ind.reporter == .municipality) == (org == Monitoring.municipality) {
                    rows.append([org, ind.id, m.values[org]?[ind.id]?.typed ?? "", name, ind.kind.russian, ind.text])
                }
            }
            let header = ["org", "indicator", "value", "name", "kind", "text"]
            let text = Output.csv(header, rows) + "\r\n"
            guard let out else { return FileHandle.standardOutput.write(Data(text.utf8)) }
            let path = global.absolute(out)
            if path.lowercased().hasSuffix(".xlsx") {
                var book = Workbook(path: path)
                book.addSheet(name: "Запрос", columns: header.map { Column(title: $0, width: ["name", "text"].contains($0) ? 44 : 12) },
                              rows: rows.map { $0.map { $0.isEmpty ? Cell.empty : .text($0) } })
                try ExportCommand.saveEditable(book)
            } else {
                try AtomicFile.write(Data(text.utf8), to: path)
            }
            Output.print("Записан \(path): строк \(rows.count) — для организаций (\(asked.count)) и муниципалитета.")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Загрузить строки org;indicator;value из CSV или .xlsx (ответы на запрос в Excel); если хоть одна строка неверна, ничего не сохраняется.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.period) var period: String
        @Argument(help: HelpText.programme) var template: String
        @Argument(help: "Файл с ответами: FILE.csv или FILE.xlsx.") var file: String
        func run() throws {
            let path = global.absolute(file)
            guard let data = try AtomicFile.read(path) else { throw StoreError.notFound(what: "file", id: path) }
            let (_, n) = try global.session().importMonitoringValues(period: period, template: template, data: data, name: path)
            Output.print("Импортировано значений: \(n) из \(path).")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Выгрузить мониторинг в защищённую книгу Excel (.xlsx): шкалированные таблицы по кластерам или муниципальные значения и ответы каждой организации.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.period) var period: String
        @Argument(help: HelpText.programme) var template: String
        @Option(help: "Книга для записи, FILE.xlsx.") var out: String
        @Option(help: "Пароль защиты листов.") var password: String?
        func run() throws {
            let path = global.absolute(out)
            guard path.lowercased().hasSuffix(".xlsx") else {
                throw StoreError.invalid(InputError("--out must name an .xlsx file", russian: "Файл должен иметь расширение .xlsx"))
            }
            let s = try global.session()
            try s.require(.viewAnalytics, campaign: nil)
            let m = try s.workspace.monitoring(period: period, template: template)
            let p = try s.workspace.programme(m.template)
            var book = MonitoringWorkbook.build(m, programme: p, organisations: try s.workspace.organisations(), path: path)
            if let e = ExportCommand.write(&book, password: password) { throw StoreError.io(path: path, reason: e.message) }
            Output.print("Записан \(path): листы \(book.sheets.map(\.name).joined(separator: ", ")).")
        }
    }
}

enum MonitoringWorkbook {
    static func build(_ m: Monitoring, programme p: Programme, organisations: [Organisation], path: String) -> Workbook {
        var book = Workbook(path: path)
        if p.ranking == .scaled {
            let ids = p.indicators.filter { $0.kind == .percent }.map(\.id)
            for c in MonitoringResults.scaled(m, programme: p, organisations: organisations) {
                let kindName = ClusterKind(rawValue: c.id)?.shortName ?? c.id
                book.addSheet(name: "Рейтинг \(kindName)", columns:
                    [Column(title: "Место", width: 8, kind: .integer), Column(title: "Код", width: 10), Column(title: "Организация", width: 44)]
                    + ids.flatMap { [Column(title: "\($0), %", width: 9, kind: .decimal(1)), Column(title: "\($0), шкала", width: 10, kind: .decimal(3))] }
                    + [Column(title: "Рейтинг", width: 10, kind: .decimal(3))],
                    rows: c.rows.map { x in
                        [.int(x.rank), .text(x.org), .text(x.name)] + ids.flatMap { [Cell.number(x.values[$0] ?? 0), .number(x.scaled[$0] ?? 0)] } + [.number(x.rating)]
                    } + [[.text(""), .text("мин–макс"), .text(c.name)] + ids.flatMap { i in [Cell.text(c.ranges[i].map { "\(Output.number($0[0]))–\(Output.number($0[1]))" } ?? ""), .empty] } + [.empty]])
            }
        } else {
            book.addSheet(name: "По муниципалитету", columns: [
                Column(title: "Показатель", width: 9), Column(title: "Содержание", width: 70), Column(title: "Вид", width: 12),
                Column(title: "Числитель", width: 11, kind: .integer), Column(title: "Знаменатель", width: 12, kind: .integer),
                Column(title: "Значение", width: 10, kind: .decimal(1)), Column(title: "Представили", width: 12, kind: .integer),
                Column(title: "Из", width: 6, kind: .integer),
            ], rows: MonitoringResults.municipal(m, programme: p, organisations: organisations).map { v in
                [.text(v.id), .text(v.text), .text(v.kind.russian), v.part.map(Cell.int) ?? .empty, v.whole.map(Cell.int) ?? .empty,
                 v.value.map(Cell.number) ?? .empty, .int(v.reported), .int(v.asked)]
            })
        }
        let ids = p.indicators.filter { $0.kind != .undefined }.map(\.id)
        let asked = organisations.filter { p.respondents.contains($0.type) }
        book.addSheet(name: "Ответы организаций", columns: [Column(title: "Код", width: 10), Column(title: "Организация", width: 44)]
                      + ids.map { Column(title: $0, width: 9) },
                      rows: (asked.map { ($0.id, $0.name) } + [(Monitoring.municipality, "Муниципалитет")]).map { o in
                          [.text(o.0), .text(o.1)] + ids.map { i in m.values[o.0]?[i].map { Cell.text($0.display) } ?? .empty }
                      })
        return book
    }
}
