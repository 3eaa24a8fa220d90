import Model

/// Methodist: every organisation with its card's status, points, percent and level; `/` filters.
public struct OrganisationsScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public init() {}

    var title: String { "Организации" }
    var asScreen: Screen { .organisations(self) }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Все организации: статус карты, баллы после проверки из заявленного максимума, процент и уровень "
         + "(высокая — от 80\u{A0}%, средняя — от 60\u{A0}%, низкая — ниже)."]
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        [profileBinding(),
         Binding(letters("iш"), "i", hint: "Импорт", help: "импорт организаций из .xlsx или CSV: сначала покажет, что изменится") { _, _ in
             [.push(.importFile(ImportFileScreen()))]
         }]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let o = ctx.overview else { return [] }
        return [("Кампания \(o.campaign.russianPeriod) · организаций: \(o.rows.count) · баллы после проверки", .normal),
                ("", .normal)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn.code, TableColumn("Организация", width: 20, flex: 1), TableColumn("Тип", width: 3),
         TableColumn("Статус", width: 11), TableColumn("Баллы", width: 5, alignRight: true),
         TableColumn("%", width: 7, alignRight: true), TableColumn("Уровень", width: 8)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let o = ctx.overview else { return [] }
        return o.rows.map { r in
            return TableRow(id: r.org, cells: [
                TableCell(r.org), TableCell(r.name, short: o.shortName(r.org)), TableCell(r.type.russianShort),
                o.statusCell(r.org),
                TableCell(Format.points(r.points, of: r.max)), TableCell(Format.percent(r.percent)),
                TableCell(r.level.russian, style: Format.style(of: r.level)),
            ])
        }
    }

}
