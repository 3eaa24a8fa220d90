import Model

/// Methodist (and a principal, for their organisation): the management decisions and plans of measures, one row
/// per targeted indicator — its value in the period the decision was recorded in and in the next period
/// («анализ эффективности»). The selected decision's text, who is responsible and by when are above the table.
public struct DecisionsScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public var outcomes: [DecisionOutcome]?
    public init() {}

    var loadEffects: [Effect] { [.loadDecisions] }
    var usesOverview: Bool { false }
    var title: String { "Решения и их эффективность" }
    var asScreen: Screen { .decisions(self) }
    var emptyText: String { "Решений пока нет" }
    func isLoaded(_ ctx: ScreenContext) -> Bool { outcomes != nil }
    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { ("Открыть", "решение целиком: адресат, срок, статус, отчёты") }

    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] {
        guard let o = selectedOutcome(ctx) else { return [] }
        return [.push(.decision(DecisionScreen(id: o.decision.id, outcome: o)))]
    }

    /// The decision of the selected row.
    func selectedOutcome(_ ctx: ScreenContext) -> DecisionOutcome? {
        let id = selectedRow(ctx)?.id.split(separator: "/").first.map(String.init)
        return outcomes?.first { $0.decision.id == id }
    }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Управленческие решения и планы мероприятий по организации, кластеру или проблемной зоне. По каждому "
         + "показателю, на который направлено решение: значение в году решения и в следующем периоде, итог — "
         + "улучшение, ухудшение, без изменений или ждёт следующего периода. Для показателя карты — доля организаций "
         + "адресата, получивших баллы; для показателя мониторинга — среднее по ним."]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard case .decisionsLoaded(let o) = msg else { return nil }
        outcomes = o
        return []
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        DecisionKeys.record(ctx) + DecisionKeys.act(on: selectedOutcome(ctx)?.decision, ctx)
            + [Binding([.function(5)], "F5", help: "перечитать решения") { _, _ in
                [.effect(.loadDecisions), .message(StatusMessage("Решения обновлены"))]
            }]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let rows = outcomes else { return [] }
        guard let o = selectedOutcome(ctx) ?? rows.first else {
            return [("Решений нет", .muted), ("", .normal), ("", .normal)]
        }
        let d = o.decision
        return [("\(d.id): \(DisplayText.sanitize(d.what))", .normal),
                ("\(d.currentStatus.russian) · срок \(d.due.russian) · \(d.target.kind.russian) \(DecisionKeys.targetName(d.target)) (\(o.members.count) орг.) · "
                 + "ответственный: \(DisplayText.sanitize(d.responsible))"
                 + (d.reports.isEmpty ? "" : " · отчётов: \(d.reports.count)"), .muted),
                ("", .normal)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("№", width: 4), TableColumn("Год", width: 7), TableColumn("Адресат", width: 12),
         TableColumn("Показатель", width: 14, flex: 1), TableColumn("Было", width: 6, alignRight: true),
         TableColumn("Стало", width: 6, alignRight: true), TableColumn("Итог", width: 14)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        (outcomes ?? []).flatMap { o in
            o.lines.map { l in
                let style: CellStyle? = l.verdict == "improved" ? .good : l.verdict == "worse" ? .bad : nil
                return TableRow(id: "\(o.decision.id)/\(l.indicator)", cells: [
                    TableCell(o.decision.id), TableCell(o.decision.period.replacingOccurrences(of: "-", with: "/")),
                    TableCell(DecisionKeys.shortTargetName(o.decision.target)), TableCell("\(l.indicator) \(DisplayText.sanitize(l.text))"),
                    TableCell(l.before.map { NumberText.short($0) + "%" } ?? "—"),
                    TableCell(l.after.map { NumberText.short($0) + "%" } ?? "—"),
                    TableCell(l.russianVerdict, style: style)])
            }
        }
    }
}
