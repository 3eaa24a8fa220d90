import Model

/// Methodist: where the templates of the campaign do not add up (the regulation contradicting itself).
public struct LintScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public init() {}

    var title: String { "Проверка шаблонов" }
    var asScreen: Screen { .lint(self) }
    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { nil }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Сверка карт с Приложением 1: где сумма баллов показателей не равна заявленному максимуму "
         + "направления или карты. Карты внесены как напечатаны; расхождения не исправляются, а показываются."]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let o = ctx.overview else { return [] }
        let n = o.lint.count
        return [(n == 0 ? "Шаблоны кампании \(o.campaign.russianPeriod) сходятся с заявленными максимумами"
                 : "Шаблоны кампании \(o.campaign.russianPeriod): расхождений — \(n)", n == 0 ? .good : .warn),
                ("Карты внесены как напечатаны; расхождения показываются, а не исправляются.", .muted),
                ("", .normal)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Карта", width: 15), TableColumn("Тип организаций", width: 10, flex: 1), TableColumn("Где", width: 14),
         TableColumn("Заявлено", width: 8, alignRight: true), TableColumn("По показателям", width: 14, alignRight: true),
         TableColumn("Итог", width: 10)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let o = ctx.overview else { return [] }
        var out: [TableRow] = []
        for type in OrgType.allCases {
            guard let t = o.templates[type] else { continue }
            let name = TableCell("\(t.id) (\(type.russianShort))")
            let kind = TableCell(type.russianName)
            let found = o.lint.filter { $0.template == t.id }
            if found.isEmpty {
                let sum = t.indicators.reduce(0) { $0 + $1.rule.maxPoints }
                out.append(TableRow(id: t.id, cells: [name, kind, TableCell("вся карта"), TableCell("\(t.declaredMax)"),
                                                       TableCell("\(sum)"), TableCell("сходится", style: .good)]))
            }
            for (i, f) in found.enumerated() {
                let place: String
                switch f.scope {
                case .card: place = "вся карта"
                case .direction: place = "направление \(f.direction ?? 0)"
                case .levels: place = "пороги уровней"
                }
                out.append(TableRow(id: "\(t.id)-\(i)", cells: [name, kind, TableCell(place), TableCell("\(f.declared)"),
                                                                TableCell("\(f.computed)", style: .warn),
                                                                TableCell("расходится", style: .warn)]))
            }
        }
        return out
    }
}
