import ArgumentParser
import Foundation
import Model

/// `profrost decisions add|list|report`: the management cycle — decisions and plans of measures, and their effect.
struct DecisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions", abstract: "Управленческие решения и планы мероприятий: изменились ли показатели, на которые они направлены.",
        subcommands: [List.self, Add.self, Report.self, Status.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Все решения (руководителю — по его организации) с показателями до и после.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Только решения, записанные в этом периоде.") var period: String?
        @Option(help: HelpText.format) var format: OutputFormat = .table
        func run() throws {
            let s = try global.session()
            let outcomes = try s.visibleDecisions().filter { period == nil || $0.period == period }
                .map { try DecisionEffect.evaluate($0, workspace: s.workspace) }
            if format == .json { return try Output.json(outcomes) }
            if format == .csv {
                return Output.emit(.csv, header: ["id", "period", "kind", "target", "what", "responsible", "due", "indicator", "before", "after", "after_period", "verdict", "status"],
                                   rows: outcomes.flatMap { o in o.lines.map { l in
                                       [o.decision.id, o.decision.period, o.decision.kind.rawValue, "\(o.decision.target.kind.rawValue):\(o.decision.target.id)",
                                        o.decision.what, o.decision.responsible, o.decision.due.description, l.indicator,
                                        l.before.map(Output.number) ?? "", l.after.map(Output.number) ?? "", l.afterPeriod ?? "", l.verdict,
                                        o.decision.currentStatus.rawValue]
                                   } })
            }
            if outcomes.isEmpty { return Output.print("Решений пока нет.") }
            for o in outcomes {
                let d = o.decision
                Output.print("\(d.id) · \(d.period.replacingOccurrences(of: "-", with: "/")) · \(d.kind.russian) · \(d.target.kind.russian) \(d.target.id) (\(o.members.count) орг.)")
                Output.print("  Что: \(Sanitize.line(d.what, limit: 300))")
                Output.print("  Ответственный: \(Sanitize.line(d.responsible, limit: 100)) · срок \(d.due.russian) · \(d.currentStatus.russian)")
                Output.print(Output.table(["показатель", "было", "стало", "период", "итог", "мера"], o.lines.map { l in
                    [l.indicator, l.before.map { Output.number($0) + "%" } ?? "—", l.after.map { Output.number($0) + "%" } ?? "—",
                     l.afterPeriod ?? "—", l.russianVerdict, l.measure]
                }).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
                for r in d.reports {
                    Output.print("  Отчёт \(r.by)\(r.org.map { " (\($0))" } ?? "")\(r.done.map { ", выполнено \($0.russian)" } ?? ""): \(Sanitize.line(r.text, limit: 300))")
                }
                Output.print("")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Записать решение или план мероприятий для организации, кластера или проблемной зоны.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Период, по итогам которого принято решение, например 2025-26.") var period: String
        @Option(help: "Адресат: org:КОД (организация), cluster:КОД (кластер, например cluster:general-over-500) или zone:КОД (проблемная зона кластера или муниципалитета).") var target: String
        @Option(help: "Что сделать.") var what: String
        @Option(help: "Ответственный.") var responsible: String
        @Option(help: "Срок, ГГГГ-ММ-ДД.") var due: String
        @Option(name: .customLong("indicator"), help: "Показатель, на который направлено решение: шаблон:показатель (general:d2.8, method-activity:d1.3); для нескольких — повторить.") var indicators: [String]
        @Option(help: "Вид: decision — решение, plan — план мероприятий.") var kind: String = "decision"
        func run() throws {
            let parts = target.split(separator: ":", maxSplits: 1).map(String.init)
            let kinds: [String: DecisionTargetKind] = ["org": .organisation, "organisation": .organisation, "cluster": .cluster, "zone": .zone]
            guard parts.count == 2, let k = kinds[parts[0]] else {
                throw StoreError.invalid(InputError("--target must be org:ID, cluster:ID or zone:ID", russian: "Адресат: org:КОД, cluster:КОД или zone:КОД"))
            }
            guard let kd = ManagementDecision.Kind(rawValue: kind) else {
                throw StoreError.invalid(InputError("--kind must be decision or plan", russian: "Вид: decision или plan"))
            }
            let inds = try indicators.map { t -> IndicatorTarget in
                guard let i = IndicatorTarget(t) else {
                    throw StoreError.invalid(InputError("--indicator must look like general:d2.8, got \"\(Sanitize.line(t, limit: 40))\"", russian: "Показатель: шаблон:код, например general:d2.8"))
                }
                return i
            }
            guard let dueDay = try parseDay(due, "--due") else { throw StoreError.invalid(InputError("--due is required", russian: "Укажите срок")) }
            let d = try global.session().recordDecision(DecisionDraft(period: period, kind: kd, target: DecisionTarget(kind: k, id: parts[1]),
                                                                      what: what, responsible: responsible, due: dueDay, indicators: inds))
            Output.print("Записано \(d.id): \(d.kind.russian) · \(d.target.kind.russian) \(d.target.id) · срок \(d.due.russian).")
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Отчитаться о выполнении плана (руководитель — по своей организации).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Код решения, например r1.") var id: String
        @Option(help: "Что сделано.") var text: String
        @Option(help: "Когда сделано, ГГГГ-ММ-ДД (не позже сегодняшнего дня).") var date: String?
        func run() throws {
            let d = try global.session().reportOnDecision(id: id, text: text, done: try parseDay(date, "--date"))
            Output.print("Отчёт добавлен к \(d.id) (всего отчётов: \(d.reports.count)).")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Указать, где решение сейчас: запланировано, выполняется, выполнено или отменено.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Код решения, например r1.") var id: String
        @Argument(help: "Статус: planned — запланировано, in-progress — выполняется, done — выполнено, cancelled — отменено.") var status: String
        func run() throws {
            guard let st = DecisionStatus(rawValue: status) else {
                throw StoreError.invalid(InputError("status must be one of \(DecisionStatus.allCases.map(\.rawValue).joined(separator: ", "))",
                                                    russian: "Статус: planned, in-progress, done или cancelled"))
            }
            let d = try global.session().setDecisionStatus(id: id, status: st)
            Output.print("\(d.id): статус «\(d.currentStatus.russian)».")
        }
    }
}
