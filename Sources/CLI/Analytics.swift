import ArgumentParser
import Foundation
import Model
import TUI
import XlsxExport

// MARK: - rank

/// `profrost rank`: ranked tables per cluster.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank", abstract: "Рейтинг по кластерам: места по проценту (при равенстве — одно место, следующее пропускается: 1, 2, 2, 4).",
        discussion: "Кластеры: type — по типу организаций (ДОО, ОО, ДО; Порядок проведения мониторинга, п.\u{00A0}2.2) или size — по численности и уровню школ (Приказ «О\u{00A0}проведении мониторинга результативности работы по повышению профессионального мастерства и методической активности педагогических работников», п.\u{00A0}3.3): средние школы с числом учащихся более 500, 500 и менее, основные школы. Школа ровно с 500 учащимися — в кластере «500 и менее». Столбец «дин.» (динамика) сравнивает процент с прошлой кампанией.")
    @OptionGroup var global: GlobalOptions
    @Option(help: HelpText.periodOrNewest) var period: String?
    @Option(help: HelpText.clusters) var clusters: String?
    @Option(help: HelpText.format) var format: OutputFormat = .table

    func run() throws {
        let report = try global.session().ranking(period: period, scheme: try parseScheme(clusters))
        switch format {
        case .json: try Output.json(report.clusters)
        case .csv:
            Output.emit(.csv, header: ["cluster_id", "cluster", "rank", "org", "name", "points", "max", "percent", "level", "trend", "status"],
                        rows: report.clusters.flatMap { c in c.rows.map { r in
                            [c.id, c.name, "\(r.rank)", r.org, r.name, "\(r.points)", "\(r.max)", Output.number(r.percent),
                             r.level.rawValue, r.trend?.arrow ?? "", r.status.rawValue] } })
        case .table:
            Output.print("Период \(report.period.replacingOccurrences(of: "-", with: "/")), кластеры: \(report.scheme.russian)"
                         + (report.previousPeriod.map { "; динамика к \($0.replacingOccurrences(of: "-", with: "/"))" } ?? ""))
            for c in report.clusters {
                Output.print("\n\(c.name) [\(c.id)]: \(c.rows.count)")
                Output.print(Output.table(["место", "код", "баллы", "из", "%", "уровень", "дин.", "статус", "организация"],
                                          c.rows.map { r in ["\(r.rank)", r.org, "\(r.points)", "\(r.max)", Output.number(r.percent),
                                                             r.level.russian, r.trend?.arrow ?? "", r.status.russian(started: r.started), r.name] },
                                          right: [0, 2, 3, 4]))
                if let scaled = c.scaled, let ids = scaled.first.map({ indicatorOrder($0.values.keys) }) {
                    Output.print("Шкалированный рейтинг (\(Regulation.cite("003 3.3"))): сумма (x − мин) / (макс − мин) по показателям")
                    Output.print(Output.table(["место", "код", "рейтинг"] + ids + ["организация"],
                                              scaled.map { r in ["\(r.rank)", r.org, String(format: "%.3f", r.rating)]
                                                  + ids.map { Output.number(r.values[$0] ?? 0) } + [r.name] },
                                              right: Set(0..<(3 + ids.count)).subtracting([1])))
                }
            }
            for u in report.unreadable { Output.print("\n\(u.org): \(u.russian) — не ранжируется") }
        }
        try finishReport(unreadable: report.unreadable)
    }
}

/// Indicator ids in printed order: d2.1 before d10.1.
func indicatorOrder<S: Sequence>(_ ids: S) -> [String] where S.Element == String {
    ids.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
}

/// `type` / `size`, or nil for the campaign's own scheme.
func parseScheme(_ text: String?) throws -> ClusterScheme? {
    guard let t = text else { return nil }
    guard let s = ClusterScheme(rawValue: t.lowercased()) else {
        throw StoreError.invalid(InputError("--clusters must be type or size, got \"\(t)\"", russian: "--clusters: type (по типам организаций) или size (по численности), а указано «\(t)»"))
    }
    return s
}

// MARK: - zones

/// `profrost zones`: directions and indicators where a large share of organisations earns nothing.
struct ZonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zones", abstract: "Проблемные зоны: где половина кластера (или муниципалитета) и больше получает 0 баллов.",
        discussion: "В таблице — все направления и показатели, ставшие проблемными зонами (с --all — все показатели). В CSV и JSON всегда все строки.")
    @OptionGroup var global: GlobalOptions
    @Option(help: HelpText.periodOrNewest) var period: String?
    @Option(help: HelpText.clusters) var clusters: String?
    @Option(help: "Доля организаций с 0 баллов, начиная с которой показатель — проблемная зона, от 0 до 1.") var threshold: Double = ProblemZones.defaultThreshold
    @Flag(help: "Показать в таблице все показатели, а не только проблемные зоны.") var all = false
    @Option(help: HelpText.format) var format: OutputFormat = .table

    func run() throws {
        guard threshold.isFinite, threshold > 0, threshold <= 1 else {
            throw StoreError.invalid(InputError("--threshold must be greater than 0 and at most 1", russian: "Порог: от 0 до 1"))
        }
        let report = try global.session().zones(period: period, scheme: try parseScheme(clusters), threshold: threshold)
        func pct(_ l: ZoneLine) -> String { Output.number((l.share * 1000).rounded() / 10) }
        switch format {
        case .json: try Output.json(report)
        case .csv:
            Output.emit(.csv, header: ["scope_id", "scope", "direction", "indicator", "type", "zero", "total", "share_percent", "zone", "title"],
                        rows: report.scopes.flatMap { s in (s.directions + s.indicators).map { l in
                            [s.id, s.name, "\(l.direction)", l.indicator ?? "", l.orgType?.rawValue ?? "", "\(l.zero)", "\(l.total)",
                             pct(l), l.isZone ? "yes" : "no", l.title] } })
        case .table:
            Output.print("Период \(report.period.replacingOccurrences(of: "-", with: "/")): проблемная зона — где не меньше \(Output.number(report.threshold * 100))% организаций получают 0 баллов")
            for s in report.scopes {
                Output.print("\n\(s.name) [\(s.id)]: организаций \(s.organisations), зон \(s.zones.count)")
                let lines = s.directions + s.indicators.filter { all || $0.isZone }
                Output.print(Output.table(["зона", "где", "без баллов", "из", "%", "содержание"],
                                          lines.map { l in [l.isZone ? "ЗОНА" : "",
                                                            l.indicator.map { "\(l.orgType?.russianShort ?? "") \($0)" } ?? "направление \(l.direction)",
                                                            "\(l.zero)", "\(l.total)", pct(l), Sanitize.line(l.title, limit: 70)] },
                                          right: [2, 3, 4]))
            }
        }
        try finishReport(unreadable: report.unreadable)
    }
}

// MARK: - dynamics

/// `profrost dynamics ORG`: year over year.
struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dynamics", abstract: "Баллы, процент и уровень организации в каждой кампании и изменение к прошлому году.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: HelpText.org) var org: String
    @Option(help: HelpText.format) var format: OutputFormat = .table

    func run() throws {
        let d = try global.session().dynamics(org: org)
        func signed(_ n: Int?) -> String { n.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? "" }
        let dirs = Array(Set(d.entries.flatMap { $0.directions.map(\.direction) })).sorted()
        func dirCell(_ e: DynamicsEntry, _ n: Int) -> String {
            guard let x = e.directions.first(where: { $0.direction == n }) else { return "" }
            return "\(x.points)/\(x.max)" + (x.delta.map { " (\(signed($0)))" } ?? "")
        }
        let header = ["period", "status", "points", "max", "percent", "level", "change", "trend", "level_move"] + dirs.map { "d\($0)" }
        let russianHeader = ["период", "статус", "баллы", "из", "%", "уровень", "изм.", "дин.", "уровень ±"] + dirs.map { "напр. \($0)" }
        func rows(_ ru: Bool) -> [[String]] {
            d.entries.map { e in
                [ru ? e.period.replacingOccurrences(of: "-", with: "/") : e.period, ru ? e.status.russian(started: e.started) : e.status.rawValue,
                 "\(e.points)", "\(e.max)", Output.number(e.percent), ru ? e.level.russian : e.level.rawValue,
                 signed(e.pointsDelta), e.trend?.arrow ?? "", e.levelMove?.arrow ?? ""] + dirs.map { dirCell(e, $0) }
            }
        }
        switch format {
        case .json: try Output.json(d)
        case .csv: Output.emit(.csv, header: header, rows: rows(false))
        case .table:
            Output.print("\(d.name) [\(d.org)]: кампаний \(d.entries.count)")
            Output.print(Output.table(russianHeader, rows(true), right: [2, 3, 4, 6]))
        }
    }
}

// MARK: - recommend

/// `profrost recommend ORG`: the organisation's targeted recommendations; the methodist edits the list.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend", abstract: "Адресные рекомендации организации (Порядок проведения мониторинга, п.\u{00A0}3.6; Программа мониторинга, разделы 7 и 8).",
        discussion: "Список следует из карты: направления, набравшие меньше 60 % своего максимума, показатели с 0 баллов, уровень. Методист может добавить рекомендацию (--add), удалить (--remove) или исправить (--edit) её по коду и вернуть удалённую (--restore); каждое изменение записывается в журнал.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: HelpText.org) var org: String
    @Option(help: HelpText.periodOrNewest) var period: String?
    @Option(help: "Добавить рекомендацию с этим текстом.") var add: String?
    @Option(help: "Удалить рекомендацию с этим кодом.") var remove: String?
    @Option(help: "Исправить рекомендацию с этим кодом (новый текст — в --text).") var edit: String?
    @Option(help: "Новый текст для --edit.") var text: String?
    @Option(help: "Вернуть удалённую рекомендацию из перечня (по коду).") var restore: String?
    @Option(help: HelpText.format) var format: OutputFormat = .table

    func run() throws {
        let s = try global.session()
        let actions = [add, remove, edit, restore].compactMap { $0 }
        guard actions.count <= 1 else {
            throw StoreError.invalid(InputError("give one of --add, --remove, --edit, --restore at a time", russian: "Укажите одно действие"))
        }
        if text != nil && edit == nil {
            throw StoreError.invalid(InputError("--text goes with --edit ID", russian: "--text указывается вместе с --edit"))
        }
        let list: OrgRecommendations
        if let t = add { list = try s.addRecommendation(org: org, period: period, text: t) }
        else if let id = remove { list = try s.removeRecommendation(org: org, period: period, id: id) }
        else if let id = edit {
            guard let t = text else { throw StoreError.invalid(InputError("--edit needs --text", russian: "Укажите --text")) }
            list = try s.editRecommendation(org: org, period: period, id: id, text: t)
        } else if let id = restore { list = try s.restoreRecommendation(org: org, period: period, id: id) }
        else { list = try s.recommendations(org: org, period: period) }
        switch format {
        case .json: try Output.json(list)
        case .csv:
            Output.emit(.csv, header: ["n", "id", "source", "origin", "text", "reasons"],
                        rows: list.items.enumerated().map { i, r in ["\(i + 1)", r.id, r.source, r.origin.rawValue, r.text, r.reasons.joined(separator: "; ")] })
        case .table:
            Output.print("\(list.name) [\(list.org)], \(list.period.replacingOccurrences(of: "-", with: "/")): \(list.points) из \(list.max) (\(Output.number(list.percent))%), уровень: \(list.level.russian)")
            if list.items.isEmpty { Output.print("Рекомендаций нет: пробелов не найдено.") }
            for (i, r) in list.items.enumerated() {
                Output.print("\(i + 1). [\(r.id)] \(r.text) (\(Regulation.cite(r.source))\(r.edited ? ", изменена методистом" : ""))")
                for why in r.reasons { Output.print("     – \(why)") }
            }
            if !list.removed.isEmpty { Output.print("Удалены методистом: " + list.removed.map(\.id).joined(separator: ", ")) }
        }
    }
}

// MARK: - export

/// `profrost export --out FILE.xlsx`: the period's analytics as an Excel workbook.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Выгрузить рейтинги, уровни, проблемные зоны и рекомендации в книгу Excel (.xlsx).",
        discussion: "По листу на кластер, затем «Уровни», «Проблемные зоны», «Рекомендации». Все листы защищены от изменений (фильтр и сортировка доступны); --password задаёт пароль, снимающий защиту.")
    @OptionGroup var global: GlobalOptions
    @Option(help: HelpText.periodOrNewest) var period: String?
    @Option(help: HelpText.clusters) var clusters: String?
    @Option(help: "Книга для записи, FILE.xlsx (если есть, будет заменена).") var out: String
    @Option(help: "Пароль защиты листов (латинские буквы, цифры, знаки препинания).") var password: String?

    func run() throws {
        let path = global.absolute(out)
        guard path.lowercased().hasSuffix(".xlsx") else {
            throw StoreError.invalid(InputError("--out must name an .xlsx file, got \"\(out)\"", russian: "Файл должен иметь расширение .xlsx"))
        }
        let report = try global.session().analyticsReport(period: period, scheme: try parseScheme(clusters))
        let sheets: [String]
        do {
            sheets = try AnalyticsExporter().write(report, to: path, password: password) { _ in }
        } catch let e as ExportError {
            if e.isBadInput { throw StoreError.invalid(InputError(e.english, russian: e.russian)) }
            Output.warn("profrost: ошибка: \(e.russian)\nprofrost: error: \(e.english)")
            throw ExitCode(1)
        }
        Output.print("Записан \(path): листы \(sheets.joined(separator: ", ")).")
        try finishReport(unreadable: report.ranking.unreadable)
    }
}

extension ExportCommand {
    /// Protects and saves; the error, if any, in the wrapper's own words.
    static func write(_ book: inout Workbook, password: String?,
                      progress: ((_ rows: Int, _ of: Int) -> Void)? = nil) -> XlsxError? {
        let r = Result { () throws(XlsxError) -> Void in
            try book.protect(password: password)
            try book.save(progress: progress)
        }
        if case .failure(let e) = r { return e }
        return nil
    }

    /// Saves a workbook meant to be edited (a template, a request to organisations): not protected.
    static func saveEditable(_ book: Workbook) throws {
        let r = Result { () throws(XlsxError) -> Void in try book.save() }
        if case .failure(let e) = r { throw StoreError.io(path: book.path, reason: e.message) }
    }
}

/// The sheets of the export, from an `AnalyticsReport`.
enum AnalyticsWorkbook {
    static func levelCell(_ l: Level) -> Cell {
        .styled(.text(l.russian), fill: l == .high ? .green : l == .medium ? .yellow : .red)
    }

    static func build(_ r: AnalyticsReport, path: String) -> Workbook {
        var book = Workbook(path: path)
        for c in r.ranking.clusters {
            book.addSheet(name: c.kind.shortName, columns: [
                Column(title: "Место", width: 8, kind: .integer), Column(title: "Код", width: 10),
                Column(title: "Организация", width: 48), Column(title: "Баллы", width: 8, kind: .integer),
                Column(title: "Максимум", width: 10, kind: .integer), Column(title: "Процент", width: 9, kind: .decimal(1)),
                Column(title: "Уровень", width: 11), Column(title: "Динамика", width: 10), Column(title: "Статус карты", width: 14),
                Column(title: "Кластер", width: 40),
            ], rows: c.rows.map { x in
                [.int(x.rank), .text(x.org), .text(x.name), .int(x.points), .int(x.max), .number(x.percent), levelCell(x.level),
                 .text(x.trend.map { "\($0.arrow) \($0.russian)" } ?? ""), .text(x.status.russian(started: x.started)), .text(c.name)]
            })
            if let scaled = c.scaled, let ids = scaled.first.map({ indicatorOrder($0.values.keys) }) {
                book.addSheet(name: "Шкалирование \(c.kind.shortName)", columns:
                    [Column(title: "Место", width: 8, kind: .integer), Column(title: "Код", width: 10), Column(title: "Организация", width: 48)]
                    + ids.flatMap { [Column(title: "\($0), %", width: 9, kind: .decimal(1)), Column(title: "\($0), шкала", width: 10, kind: .decimal(3))] }
                    + [Column(title: "Рейтинг", width: 10, kind: .decimal(3))],
                    rows: scaled.map { x in
                        [.int(x.rank), .text(x.org), .text(x.name)]
                        + ids.flatMap { [Cell.number(x.values[$0] ?? 0), .number(x.scaled[$0] ?? 0)] } + [.number(x.rating)]
                    })
            }
        }
        var levelRows: [[Cell]] = r.levels.map { l in
            [.text(l.type.russianName), .int(l.high), .int(l.medium), .int(l.low), .int(l.total)]
        }
        levelRows.append([.text("Всего"), .int(r.levels.reduce(0) { $0 + $1.high }), .int(r.levels.reduce(0) { $0 + $1.medium }),
                          .int(r.levels.reduce(0) { $0 + $1.low }), .int(r.levels.reduce(0) { $0 + $1.total })])
        book.addSheet(name: "Уровни", columns: [
            Column(title: "Тип организаций", width: 44), Column(title: "Высокая", width: 10, kind: .integer),
            Column(title: "Средняя", width: 10, kind: .integer), Column(title: "Низкая", width: 10, kind: .integer),
            Column(title: "Всего", width: 8, kind: .integer),
        ], rows: levelRows)

        book.addSheet(name: "Проблемные зоны", columns: [
            Column(title: "Где", width: 40), Column(title: "Направление", width: 12, kind: .integer), Column(title: "Показатель", width: 11),
            Column(title: "Тип", width: 8), Column(title: "Содержание", width: 70), Column(title: "Без баллов", width: 11, kind: .integer),
            Column(title: "Всего", width: 8, kind: .integer), Column(title: "Доля, %", width: 9, kind: .decimal(1)), Column(title: "Зона", width: 7),
        ], rows: r.zones.scopes.flatMap { s in (s.directions + s.indicators).map { l in
            [.text(s.name), .int(l.direction), .text(l.indicator ?? ""), .text(l.orgType?.russianShort ?? ""), .text(l.title),
             .int(l.zero), .int(l.total), .number((l.share * 1000).rounded() / 10),
             l.isZone ? .styled(.text("да"), fill: .red) : .text("нет")]
        } })

        book.addSheet(name: "Рекомендации", columns: [
            Column(title: "Код", width: 10), Column(title: "Организация", width: 40), Column(title: "Уровень", width: 11),
            Column(title: "№", width: 5, kind: .integer), Column(title: "Рекомендация", width: 80), Column(title: "Основание", width: 60),
            Column(title: "Источник", width: 10),
        ], rows: r.recommendations.flatMap { o in o.items.enumerated().map { i, x in
            [.text(o.org), .text(o.name), levelCell(o.level), .int(i + 1), .text(x.text), .text(x.reasons.joined(separator: "; ")), .text(Regulation.cite(x.source))]
        } })
        if !r.ranking.unreadable.isEmpty {
            book.addSheet(name: "Не читаются", columns: [
                Column(title: "Код", width: 10), Column(title: "Файл карты", width: 50), Column(title: "Строка", width: 8, kind: .integer),
                Column(title: "Причина", width: 60),
            ], rows: r.ranking.unreadable.map { u in [.text(u.org), .text(u.path), u.line.map(Cell.int) ?? .text(""), .text(u.reason)] })
        }
        return book
    }
}
