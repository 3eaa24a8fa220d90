import ArgumentParser
import Foundation
import Model

/// `profrost deadlines`: every organisation against the fill deadline.
struct DeadlinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deadlines", abstract: "По каждой организации: статус, когда подана карта, просрочка в днях и продление срока.")
    @OptionGroup var global: GlobalOptions
    @Option(help: HelpText.periodOrNewest) var period: String?
    @Option(help: HelpText.format) var format: OutputFormat = .table

    func run() throws {
        let s = try global.session()
        let (c, rows) = try s.deadlineRows(period: period)
        if format == .json { try Output.json(rows); return try finishReport(unreadable: rows.compactMap(\.unreadable)) }
        if format == .table {
            Output.print("Кампания \(c.russianPeriod): заполнить до \(c.fillDeadline.russian), проверить до \(c.checkDeadline.russian), оценить до \(c.evaluateDeadline.russian); сегодня \(s.today.russian), этап: \(c.stage(on: s.today).russian)")
        }
        Output.emit(format, header: ["org", "status", "submitted", "deadline", "extension", "overdue", "name", "reason"],
                    russianHeader: ["код", "статус", "подана", "срок", "продлено до", "дней просрочки", "организация", "причина продления"],
                    right: [5]) { ru in rows.map {
            [$0.org, $0.unreadable != nil ? (ru ? "не читается" : "unreadable") : ru ? $0.status.russian(started: $0.started) : $0.status.rawValue,
             $0.submittedAt.map { ru ? Timestamp.russian($0) : Timestamp.format($0) } ?? "", ru ? $0.deadline.russian : $0.deadline.description,
             (ru ? $0.extensionUntil?.russian : $0.extensionUntil?.description) ?? "", "\($0.overdueDays)", $0.name,
             $0.extensionReason ?? ""] } }
        try finishReport(unreadable: rows.compactMap(\.unreadable))
    }
}

/// `profrost campaign new|dates|extend`.
struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "campaign", abstract: "Кампании: периоды, сроки, продления.",
                                                    subcommands: [New.self, Dates.self, Extend.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Открыть период: выбрать шаблоны (карты и программы), сроки и схему кластеров.",
            discussion: "Без --template — последняя версия каждой карты и сроки 30 сентября, 15 октября, 1 ноября. Каждая выбранная программа мониторинга (например, --template method-activity) проводится по своему графику. Ключи шаблонов показывает `templates list`.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Период, например 2026-27.") var period: String
        @Option(name: .customLong("template"), help: "Ключ или версия шаблона (для нескольких — повторить).") var templates: [String] = []
        @Option(help: "Срок заполнения карт, ГГГГ-ММ-ДД.") var fill: String?
        @Option(help: "Срок проверки, ГГГГ-ММ-ДД.") var check: String?
        @Option(help: "Срок оценки, ГГГГ-ММ-ДД.") var evaluate: String?
        @Option(help: "Схема кластеров: type — по типу организаций, size — по численности и уровню школ.") var clusters: String?
        func run() throws {
            let opened = try global.session().openCampaign(CampaignPlan(
                period: period, templates: templates, fill: try parseDay(fill, "--fill"), check: try parseDay(check, "--check"),
                evaluate: try parseDay(evaluate, "--evaluate"), clusterScheme: try parseScheme(clusters)))
            if let c = opened.campaign {
                Output.print("Кампания \(c.russianPeriod) открыта: заполнить до \(c.fillDeadline.russian), проверить до \(c.checkDeadline.russian), оценить до \(c.evaluateDeadline.russian); карты \(c.templates.values.map(\.id).sorted().joined(separator: ", ")); кластеры: \(c.clusterScheme.russian).")
            }
            for m in opened.monitorings {
                Output.print("Мониторинг \(m.template.id) \(m.russianPeriod) открыт: \(m.opens.russian) – \(m.closes.russian)\(m.clusterScheme.map { "; кластеры: \($0.russian)" } ?? "").")
            }
        }
    }

    struct Dates: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Изменить сроки кампании.")
        @OptionGroup var global: GlobalOptions
        @Option(help: HelpText.periodOrNewest) var period: String?
        @Option(help: "Срок заполнения карт, ГГГГ-ММ-ДД.") var fill: String?
        @Option(help: "Срок проверки, ГГГГ-ММ-ДД.") var check: String?
        @Option(help: "Срок оценки, ГГГГ-ММ-ДД.") var evaluate: String?
        func run() throws {
            let c = try global.session().setDeadlines(period: period, fill: try parseDay(fill, "--fill"),
                                                      check: try parseDay(check, "--check"), evaluate: try parseDay(evaluate, "--evaluate"))
            Output.print("Кампания \(c.russianPeriod): заполнить до \(c.fillDeadline.russian), проверить до \(c.checkDeadline.russian), оценить до \(c.evaluateDeadline.russian).")
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Продлить одной организации срок заполнения карты.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.org) var org: String
        @Option(help: "Новый срок, ГГГГ-ММ-ДД; none — отменить продление.") var until: String
        @Option(help: "Причина продления (обязательна; не больше 500 знаков).") var reason: String?
        @Option(help: HelpText.periodOrNewest) var period: String?
        func run() throws {
            let day = until == "none" ? nil : try parseDay(until, "--until")
            try global.session().extend(org: org, until: day, reason: reason, period: period)
            Output.print(day.map { "\(org) может заполнять карту до \($0.russian)." } ?? "Продление для \(org) снято.")
        }
    }
}

func parseDay(_ text: String?, _ flag: String) throws -> Day? {
    guard let t = text else { return nil }
    guard let d = Day(t) else {
        throw StoreError.invalid(InputError("\(flag) must be a date YYYY-MM-DD, got \"\(t)\"", russian: "\(flag): неверная дата «\(t)», нужна ГГГГ-ММ-ДД"))
    }
    return d
}
