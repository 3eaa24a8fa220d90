import ArgumentParser
import Foundation
import Model

/// `profrost decisions add|list|report`: the management cycle — decisions and plans of measures, and their effect.
struct DecisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions", abstract: "Management decisions and plans of measures, and whether the indicators they target moved.",
        subcommands: [List.self, Add.self, Report.self, Status.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every decision (a principal: those for their organisation) with the targeted indicators before and after.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only decisions recorded in this period.") var period: String?
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
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
        static let configuration = CommandConfiguration(abstract: "Record a decision or a plan of measures for an organisation, a cluster or a problem zone.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The period whose results led to it, e.g. 2025-26.") var period: String
        @Option(help: "org:ID, cluster:ID (e.g. cluster:general-over-500) or zone:ID (a cluster or municipality).") var target: String
        @Option(help: "What is to be done.") var what: String
        @Option(help: "Who is responsible.") var responsible: String
        @Option(help: "By when, YYYY-MM-DD.") var due: String
        @Option(name: .customLong("indicator"), help: "Targeted indicator, template:indicator (general:d2.8, method-activity:d1.3); repeat.") var indicators: [String]
        @Option(help: "decision or plan.") var kind: String = "decision"
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
        static let configuration = CommandConfiguration(abstract: "Report on how a plan is carried out (a principal for their organisation).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Decision id, e.g. r1.") var id: String
        @Option(help: "What was done.") var text: String
        @Option(help: "When it was done, YYYY-MM-DD (not after today).") var date: String?
        func run() throws {
            let d = try global.session().reportOnDecision(id: id, text: text, done: try parseDay(date, "--date"))
            Output.print("Отчёт добавлен к \(d.id) (всего отчётов: \(d.reports.count)).")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set where a decision stands: planned, in-progress, done or cancelled.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Decision id, e.g. r1.") var id: String
        @Argument(help: "planned, in-progress, done or cancelled.") var status: String
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
