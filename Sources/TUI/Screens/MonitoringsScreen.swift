import Model

/// Methodist: every programme run (the percent rating of methodical activity, the collection of the quality
/// mechanisms, …), newest period first, with its dates and how many organisations reported. Enter opens the
/// scaled rating per cluster, or the municipal values of a collection.
public struct MonitoringsScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public var runs: [MonitoringRunSummary]?
    public init() {}

    var loadEffects: [Effect] { [.cycle(.loadRuns)] }
    var usesOverview: Bool { false }
    var title: String { "Мониторинги" }
    var asScreen: Screen { .monitorings(self) }
    var emptyText: String { "Мониторингов нет: их открывают вместе с кампанией года" }
    func isLoaded(_ ctx: ScreenContext) -> Bool { runs != nil }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Мониторинги по программам, кроме экспертных карт: по каждому году — сроки сбора и сколько организаций "
         + "прислали данные. Enter открывает рейтинг (шкалирование и ранжирование внутри кластеров) или значения "
         + "по муниципалитету (доля — сумма числителей к сумме знаменателей)."]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard case .cycleLoaded(.runs(let r)) = msg else { return nil }
        runs = r
        return []
    }

    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { ("Открыть", "рейтинг по кластерам или значения по муниципалитету") }

    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] {
        guard let r = runs?.first(where: { "\($0.period)/\($0.template)" == row.id }) else { return [] }
        return r.ranking == .scaled ? open(.scaled(ScaledScreen(period: r.period, template: r.template)))
            : open(.municipal(MunicipalScreen(period: r.period, template: r.template)))
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        [Binding([.function(5)], "F5", help: "перечитать") { _, _ in [.effect(.cycle(.loadRuns)), .message(StatusMessage("Обновлено"))] }]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        [("Программы мониторинга по годам · Enter — результаты", .muted), ("", .normal)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Год", width: 7), TableColumn("Программа", width: 20, flex: 1), TableColumn("Обработка", width: 10),
         TableColumn("Сбор", width: 13), TableColumn("Прислали", width: 8, alignRight: true)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        (runs ?? []).map { r in
            let open = ctx.today >= r.opens && ctx.today <= r.closes
            return TableRow(id: "\(r.period)/\(r.template)", cells: [
                TableCell(r.russianPeriod), TableCell(DisplayText.sanitize(r.title)),
                TableCell(r.ranking == .scaled ? "рейтинг" : "свод"),
                TableCell("\(r.opens.russian.prefix(5))–\(r.closes.russian.prefix(5))", style: open ? .accent : .muted),
                TableCell("\(r.reported)/\(r.asked)", style: r.reported < r.asked ? .warn : .good)])
        }
    }
}
