import Model

/// Methodist: every organisation with its card's status, points, percent and level; `/` filters.
public struct OrganisationsScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public init() {}

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
            let status = o.status(of: r.org)
            return TableRow(id: r.org, cells: [
                TableCell(r.org), TableCell(r.name), TableCell(r.type.russianShort),
                TableCell(Format.status(status), style: Format.style(of: status)),
                TableCell(Format.points(r.points, of: r.max)), TableCell(Format.percent(r.percent)),
                TableCell(r.level.russian, style: Format.style(of: r.level)),
            ])
        }
    }

    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        Keys.isProfile(key) ? selectedRow(ctx).map { openProfile($0.id) } ?? [] : nil
    }

    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] { openCard(row.id) }
}

/// Methodist: per organisation its status, when it submitted, its deadline and extension, how overdue.
public struct DeadlinesScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public init() {}

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let o = ctx.overview else { return [] }
        let c = o.campaign
        let late = o.deadlines.filter { $0.isOverdue && $0.status == .draft }.count
        return [("Заполнение до \(c.fillDeadline.russian) · проверка до \(c.checkDeadline.russian) · "
                 + "оценка до \(c.evaluateDeadline.russian)", .normal),
                ("Не подали в срок: \(late) · продлений: \(c.extensions.count) · сначала самые просроченные",
                 late > 0 ? .warn : .normal)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn.code, TableColumn("Организация", width: 12, flex: 1),
         TableColumn("Статус", width: 11), TableColumn("Подана", width: 10), TableColumn("Срок", width: 10),
         TableColumn("Продление", width: 10), TableColumn("Просрочка", width: 9, alignRight: true)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let o = ctx.overview else { return [] }
        return o.deadlines.map { d in
            let status = o.status(of: d.org)
            var late = TableCell("—", style: .muted)
            if d.isOverdue {
                let notIn = d.status == .draft
                late = TableCell(notIn ? "\(d.overdueDays) дн." : "+\(d.overdueDays) дн.", style: notIn ? .bad : .warn)
            }
            return TableRow(id: d.org, cells: [
                TableCell(d.org), TableCell(d.name),
                TableCell(Format.status(status), style: Format.style(of: status)),
                TableCell(d.submittedAt.map(Format.day) ?? "—"),
                TableCell(d.deadline.russian), TableCell(d.extensionUntil?.russian ?? "—"), late,
            ])
        }
    }

    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] { openCard(row.id) }
}

/// Methodist: where the templates of the campaign do not add up (the regulation contradicting itself).
public struct LintScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public init() {}

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

    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] { [] }
}
