import Foundation
import Model

/// Methodist's top screen: the campaign, its stage, days left to each deadline, cards by status, who is overdue,
/// and (on a wide terminal) the latest status changes. Digits open the other screens.
public struct DashboardScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    /// Below 100 columns the lower table shows either who is overdue or the latest changes (Tab switches).
    public var showsRecent = false
    public init() {}

    /// Rows of information above the overdue table: the campaign, the deadlines and counts, the sections' legend
    /// (as many rows as it takes at this width), the table's title.
    static func infoHeight(width: Int) -> Int { 10 + max(sectionRows(width: width).count, 2) + 1 }

    /// The sections' legend, laid out from column 11 in rows of `width`: each row's sections with their columns.
    static func sectionRows(width: Int) -> [[(key: Character, title: String, col: Int)]] {
        var rows: [[(key: Character, title: String, col: Int)]] = [[]]
        var x = 11
        for s in Sections.all {
            let w = TextWidth.width(of: s.title)
            if x + 2 + w >= width, !(rows[rows.count - 1].isEmpty) { rows.append([]); x = 11 }
            rows[rows.count - 1].append((s.key, s.title, x))
            x += w + 4
        }
        return rows
    }

    var title: String { "Обзор кампании" }
    var asScreen: Screen { .dashboard(self) }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Обзор кампании: этап, дни до каждого срока, карты по статусам и кто не подал карту в срок. "
         + "Цифры \(Sections.keysLabel(Sections.all)) открывают разделы с любого экрана; d — сроки этапов, x — выгрузка "
         + "результатов в Excel."]
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        // At 80 columns the bottom line has room for Tab and the export; F5 (the screen refreshes by itself anyway)
        // and the dates (on «Сроки» too) are then in the help only.
        var out: [Binding<Self>] = [wideOnly(refreshBinding(), ctx), wideOnly(datesBinding(), ctx), exportBinding()]
        if !Self.isWide(ctx) {
            out.append(Binding([.tab, .backTab], "Tab", hint: showsRecent ? "Просрочка" : "Изменения",
                               help: "внизу: кто не подал карту в срок / последние изменения статусов") { s, _ in
                s.showsRecent.toggle()
                s.table = TableState()
                return []
            })
        }
        return out
    }

    /// Whether the latest changes have a column of their own beside the overdue table.
    static func isWide(_ ctx: ScreenContext) -> Bool { ctx.body.width >= 100 }

    /// The lower table shows the latest changes.
    func listsRecent(_ ctx: ScreenContext) -> Bool { showsRecent && !Self.isWide(ctx) }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] { [] }

    func tableRect(_ ctx: ScreenContext) -> Rect {
        let b = ctx.body
        let wide = b.width >= 100
        let info = Self.infoHeight(width: b.width)
        return Rect(row: b.row + info, col: b.col, width: wide ? b.width * 11 / 20 : b.width,
                    height: max(b.height - info, 3))
    }

    /// Organisations whose card is not submitted although their deadline (with extension) has passed.
    static func overdue(_ o: Overview) -> [DeadlineRow] {
        o.deadlines.filter { $0.isOverdue && $0.status == .draft }
    }

    func columns(width: Int) -> [TableColumn] {
        if showsRecent && width < 98 {
            return [TableColumn("Дата", width: 5), TableColumn.code, TableColumn("Организация", width: 12, flex: 1),
                    TableColumn("Статус", width: 11), TableColumn("Кто", width: 10)]
        }
        return [TableColumn.code, TableColumn("Организация", width: 16, flex: 1), TableColumn("Статус", width: 10),
         TableColumn("Срок", width: 10), TableColumn("Просрочка", width: 9, alignRight: true)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let o = ctx.overview else { return [] }
        if listsRecent(ctx) {
            return Self.recent(o, limit: 200).enumerated().map { i, e in
                TableRow(id: e.org, cells: [
                    TableCell(Format.shortDay(e.at), style: .muted), TableCell(e.org),
                    TableCell(o.organisation(e.org).map(\.displayShortName) ?? e.org),
                    TableCell(e.change.status.russian, style: Format.style(of: e.change.status)),
                    TableCell(e.change.by, style: .muted),
                ])
            }
        }
        return Self.overdue(o).map { d in
            return TableRow(id: d.org, cells: [
                TableCell(d.org), TableCell(d.name, short: o.shortName(d.org)), o.statusCell(d.org),
                TableCell(d.deadline.russian), TableCell("\(d.overdueDays) дн.", style: .bad),
            ])
        }
    }

    var emptyText: String { "Просроченных нет: все укладываются в сроки" }


    // MARK: - Drawing

    func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        guard let o = ctx.overview else {
            canvas.put("Загрузка…", row: ctx.body.row + 1, col: 1, style: .muted)
            return
        }
        let b = ctx.body
        let c = o.campaign
        let top = b.row
        canvas.putTruncated("Кампания \(c.russianPeriod) · этап: \(c.stage(on: ctx.today).russian) · "
                            + "\(o.organisations.count) организаций", row: top, col: 1, width: b.width - 2,
                            style: CellStyle.title.emphasized)
        // Deadlines, left.
        let leftWidth = min(b.width / 2 + 10, 60)
        canvas.put("Сроки", row: top + 2, col: 1, style: CellStyle.normal.emphasized)
        let deadlines: [(String, Day)] = [("Заполнение карт", c.fillDeadline), ("Проверка объективности", c.checkDeadline),
                                          ("Оценка и ранжирование", c.evaluateDeadline)]
        for (i, d) in deadlines.enumerated() {
            let row = top + 3 + i
            let left = ctx.today.days(to: d.1)
            canvas.putTruncated(d.0, row: row, col: 1, width: 23)
            canvas.put(d.1.russian, row: row, col: 25)
            canvas.putTruncated(Format.remaining(from: ctx.today, to: d.1), row: row, col: 37, width: leftWidth - 37,
                                style: left < 0 ? .muted : left <= 3 ? .warn : .normal)
        }
        if !c.extensions.isEmpty {
            canvas.putTruncated("Продлений срока: \(c.extensions.count) (раздел «Сроки»)", row: top + 7, col: 1,
                                width: leftWidth - 1, style: .muted)
        }
        // Cards by status, right.
        let rc = leftWidth + 2
        let rw = b.width - rc - 1
        canvas.putTruncated("Карты по статусам", row: top + 2, col: rc, width: rw, style: CellStyle.normal.emphasized)
        let statuses: [CardStatus?] = [nil, .draft, .submitted, .returned, .accepted]
        for (i, s) in statuses.enumerated() {
            let n = o.organisations.filter { o.status(of: $0.id) == s }.count
            canvas.putTruncated(Format.status(s), row: top + 3 + i, col: rc, width: 14, style: Format.style(of: s))
            canvas.putRightAligned("\(n)", row: top + 3 + i, col: rc + 14, width: 4)
        }
        canvas.putTruncated("всего", row: top + 8, col: rc, width: 14)
        canvas.putRightAligned("\(o.organisations.count)", row: top + 8, col: rc + 14, width: 4)
        // Sections: on as many lines as they take (the table below moves down for them).
        canvas.put("Разделы:", row: top + 10, col: 1, style: CellStyle.normal.emphasized)
        for (i, line) in Self.sectionRows(width: b.width).enumerated() {
            for s in line {
                canvas.put(String(s.key), row: top + 10 + i, col: s.col, style: CellStyle.accent.emphasized)
                canvas.putTruncated(s.title, row: top + 10 + i, col: s.col + 2, width: b.width - s.col - 3, style: .highlight)
            }
        }
        // Overdue organisations.
        let overdue = Self.overdue(o)
        let rect = tableRect(ctx)
        if listsRecent(ctx) {
            canvas.putTruncated("Последние изменения (Tab — кто не подал в срок)", row: rect.row - 1, col: 1, width: rect.width - 2,
                                style: CellStyle.normal.emphasized)
            drawTable(on: &canvas, ctx, in: rect)
        } else {
            canvas.putTruncated("Не подали карту в срок: \(overdue.count)" + (Self.isWide(ctx) ? "" : " (Tab — последние изменения)"),
                                row: rect.row - 1, col: 1, width: rect.width - 2,
                                style: overdue.isEmpty ? CellStyle.normal.emphasized : CellStyle.bad.emphasized)
            drawTable(on: &canvas, ctx, in: rect, total: overdue.count)
        }
        if b.width >= 100 { drawRecent(o, on: &canvas, col: rect.col + rect.width + 1, row: rect.row - 1,
                                       width: b.width - rect.col - rect.width - 2, height: rect.height + 1) }
    }

    /// The latest status changes of all cards, newest first.
    static func recent(_ o: Overview, limit: Int) -> [(at: Date, org: String, change: StatusChange)] {
        var all: [(at: Date, org: String, change: StatusChange)] = []
        for (org, card) in o.cards { for h in card.history { all.append((h.at, org, h)) } }
        all.sort { $0.at != $1.at ? $0.at > $1.at : $0.org < $1.org }
        return Array(all.prefix(limit))
    }

    private func drawRecent(_ o: Overview, on canvas: inout some Canvas, col: Int, row: Int, width: Int, height: Int) {
        guard width > 20 else { return }
        canvas.putTruncated("Последние изменения", row: row, col: col, width: width, style: CellStyle.normal.emphasized)
        let recent = Self.recent(o, limit: max(height - 1, 0))
        let idWidth = min(recent.map { TextWidth.width(of: $0.org) }.max() ?? 7, 16)
        let statusCol = col + 6 + idWidth + 1
        let byCol = statusCol + 12
        for (i, e) in recent.enumerated() {
            let r = row + 1 + i
            canvas.put(Format.shortDay(e.at), row: r, col: col, style: .muted)
            canvas.putTruncated(e.org, row: r, col: col + 6, width: idWidth)
            canvas.putTruncated(e.change.status.russian, row: r, col: statusCol, width: 11, style: Format.style(of: e.change.status))
            canvas.putTruncated(e.change.by, row: r, col: byCol, width: max(col + width - byCol, 0), style: .muted)
        }
    }
}

/// The methodist's sections, opened by digits from every screen (nil: back to the first screen).
enum Sections {
    static let all: [(key: Character, title: String, screen: Screen?)] = [
        ("1", "Организации", .organisations(OrganisationsScreen())),
        ("2", "Сроки", .deadlines(DeadlinesScreen())),
        ("3", "Рейтинг по кластерам", .clusters(ClusterScreen())),
        ("4", "Проверка шаблонов", .lint(LintScreen())),
        ("5", "Проблемные зоны", .zones(ZonesScreen())),
        ("6", "Решения", .decisions(DecisionsScreen())),
        ("7", "Шаблоны", .templates(TemplatesScreen())),
        ("8", "Мониторинги", .monitorings(MonitoringsScreen())),
        ("9", "Практики", .practices(PracticesScreen())),
        ("0", "Люди", .people(PeopleScreen())),
    ]

    /// The sections of a role: the methodist's, or a principal's (their card, their plan, their monitorings).
    /// How the section keys are written: `1-6`, or `1-9, 0` with a tenth (0, after 9 on the keyboard).
    static func keysLabel(_ sections: [(key: Character, title: String, screen: Screen?)]) -> String {
        sections.count > 9 ? "1-9, 0" : "1-\(sections.count)"
    }

    static func of(_ person: Person) -> [(key: Character, title: String, screen: Screen?)] {
        switch person.role {
        case .methodist: return all
        case .principal: return principal(org: person.org ?? "")
        case .reviewer: return []
        }
    }
}
