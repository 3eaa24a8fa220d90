import Model

/// Methodist: a collection (the quality mechanisms' programme) for the whole municipality: each indicator's value —
/// a share as Σ numerators / Σ denominators, a presence as how many said yes, a count as the sum — and how many of the
/// organisations asked reported it; who has not reported anything yet is named above the table.
public struct MunicipalScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public var period: String
    public var template: String
    public var report: MunicipalReport?

    public init(period: String, template: String) { self.period = period; self.template = template }

    var load: Effect { .cycle(.loadMunicipal(period: period, template: template)) }
    var loadEffects: [Effect] { [load] }
    var usesOverview: Bool { false }
    var title: String { "Мониторинг \(Format.period(period)): по муниципалитету" }
    var asScreen: Screen { .municipal(self) }
    var emptyText: String { "Показателей для сбора нет" }
    func isLoaded(_ ctx: ScreenContext) -> Bool { report != nil }
    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { nil }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Значения по муниципалитету: доля — сумма числителей всех организаций к сумме знаменателей (1/4 и 3/6 дают 4/10 = "
         + "40\u{A0}%, а не среднее), наличие — сколько ответили «да» из ответивших, количество — сумма. «Ответили» — сколько "
         + "из опрошенных организаций прислали значение. Показатели, которые вносит управление, — одно значение на район."]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard case .cycleLoaded(.municipal(let r)) = msg, r.period == period, r.template == template else { return nil }
        report = r
        return []
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        [Binding([.function(5)], "F5", hint: "Обновить", help: "перечитать") { s, _ in [.effect(s.load), .message(StatusMessage("Обновлено"))] }]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let r = report else { return [] }
        let width = ctx.body.width - 2
        let silent = r.silent.isEmpty ? "Прислали все \(r.asked) организаций"
            : "Не прислали (\(r.silent.count) из \(r.asked)): " + r.silent.map(\.id).joined(separator: ", ")
        let selected = selectedRow(ctx).flatMap { row in r.values.first { $0.id == row.id } }
        let text = selected.map { "\($0.id). \(DisplayText.sanitize($0.text))" } ?? ""
        let lines = TextWrap.lines(text, width: width, maxLines: 2)
        return [(DisplayText.sanitize(r.title), CellStyle.title.emphasized),
                ("Сбор \(r.opens.russian)–\(r.closes.russian) · " + silent, r.silent.isEmpty ? .good : .warn)]
            + (0..<2).map { (lines.indices.contains($0) ? lines[$0] : "", CellStyle.muted) }
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Код", width: 6), TableColumn("Показатель", width: 20, flex: 1), TableColumn("Вид", width: 11),
         TableColumn("Значение", width: 18, alignRight: true), TableColumn("Ответили", width: 8, alignRight: true)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        (report?.values ?? []).map { v in
            let kind: String
            switch v.kind {
            case .share: kind = "доля"
            case .presence: kind = "наличие"
            case .count: kind = "количество"
            case .percent: kind = "процент"
            case .undefined: kind = "—"
            }
            return TableRow(id: v.id, cells: [
                TableCell(v.id), TableCell(DisplayText.sanitize(v.text)), TableCell(v.reporter == .municipality ? "\(kind), район" : kind),
                TableCell(v.display, style: v.value == nil ? .muted : nil),
                TableCell("\(v.reported)/\(v.asked)", style: v.reported < v.asked ? .warn : nil)])
        }
    }
}
