import Model

/// A screen that is mostly one table: lines of information above it, rows below, Enter opens a row;
/// `/` filters, `o` orders by the next column and `O` reverses the order.
protocol TableScreen: ScreenPart {
    var table: TableState { get set }
    func rows(_ ctx: ScreenContext) -> [TableRow]
    func columns(width: Int) -> [TableColumn]
    /// Lines above the table.
    func header(_ ctx: ScreenContext) -> [(String, CellStyle)]
    /// Enter on a row; nil: Enter does nothing here (and is not offered).
    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)?
    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand]
    /// The screen's keys besides the table's (Enter, `/`, `o`), in bottom-line order.
    func keys(_ ctx: ScreenContext) -> [Binding<Self>]
    /// Where the table goes; by default under the header, over the whole width.
    func tableRect(_ ctx: ScreenContext) -> Rect
    var emptyText: String { get }
    /// Whether the data the table shows is there (by default, the overview).
    func isLoaded(_ ctx: ScreenContext) -> Bool
}

extension TableScreen {
    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { ("Карта", "открыть карту организации (только просмотр)") }
    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] { openCard(row.id) }
    func keys(_ ctx: ScreenContext) -> [Binding<Self>] { [] }
    func tableRect(_ ctx: ScreenContext) -> Rect { ctx.body.droppingTop(header(ctx).count, atLeast: 3) }
    var emptyText: String { "Нет строк" }
    func isLoaded(_ ctx: ScreenContext) -> Bool { ctx.overview != nil }
    var usesOverview: Bool { true }
    var capturesText: Bool { table.isTypingFilter }

    /// Enter, then the screen's keys, then the filter and the order.
    func bindings(_ ctx: ScreenContext) -> [Binding<Self>] {
        guard isLoaded(ctx) else { return keys(ctx) }
        var out: [Binding<Self>] = []
        if let a = activation(ctx) {
            out.append(Binding([.enter], "Enter", hint: a.hint, help: a.help) { s, ctx in
                guard let row = s.selectedRow(ctx) else { return [] }
                return s.activate(row, ctx)
            })
        }
        out += keys(ctx)
        out.append(Binding(letters("/"), "/", hint: "Фильтр",
                           help: "фильтр: введите часть названия, кода, статуса или уровня; Enter — оставить, Esc — сбросить") { s, _ in
            s.table.filterField = TextField(s.table.filter)
            return []
        })
        out.append(Binding(letters("oщ"), "o", help: "упорядочить по следующей колонке (▲ по возрастанию, ▼ по убыванию)") { s, ctx in
            s.table.nextSortColumn(columns: s.columns(width: s.tableRect(ctx).width - 2).count)
            return [.message(StatusMessage(s.sortMessage(ctx)))]
        })
        out.append(Binding(letters("OЩ"), "O", help: "обратный порядок") { s, ctx in
            s.table.reverseSort()
            return [.message(StatusMessage(s.sortMessage(ctx)))]
        })
        return out
    }

    func sortMessage(_ ctx: ScreenContext) -> String {
        guard let sort = table.sort else { return "Порядок как был" }
        let cols = columns(width: tableRect(ctx).width - 2)
        guard cols.indices.contains(sort.column) else { return "Порядок как был" }
        return "По колонке «\(cols[sort.column].title)», " + (sort.descending ? "по убыванию" : "по возрастанию")
    }

    /// The rows as shown: filtered and ordered.
    func shownRows(_ ctx: ScreenContext) -> [TableRow] { Table.arranged(rows(ctx), table) }

    /// The row under the selection, among the rows shown.
    func selectedRow(_ ctx: ScreenContext) -> TableRow? {
        let rows = shownRows(ctx)
        guard !rows.isEmpty else { return nil }
        return rows[min(max(table.selected, 0), rows.count - 1)]
    }

    /// Moving in the table and typing the filter.
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard isLoaded(ctx) else { return nil }
        let rows = shownRows(ctx)
        let visible = Table.visibleRows(height: tableRect(ctx).height)
        switch table.handle(key, rows: rows.count, visible: visible) {
        case .handled: return []
        case .activate: return []  // Enter ends the filter being typed; on a row it is a binding
        case .unhandled: return nil
        }
    }

    func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        guard isLoaded(ctx) else {
            canvas.put("Загрузка…", row: ctx.body.row + 1, col: 1, style: .muted)
            return
        }
        for (i, line) in header(ctx).enumerated() {
            canvas.putTruncated(line.0, row: ctx.body.row + i, col: ctx.body.col + 1, width: ctx.body.width - 2, style: line.1)
        }
        drawTable(on: &canvas, ctx)
    }

    /// The table in its place, with the count of all rows in the footer.
    func drawTable(on canvas: inout some Canvas, _ ctx: ScreenContext, in place: Rect? = nil, total: Int? = nil) {
        let all = rows(ctx)
        let rect = (place ?? tableRect(ctx)).inset(1)
        Table.draw(Table.arranged(all, table), columns: columns(width: rect.width), state: table, on: &canvas, in: rect,
                   total: total ?? all.count, empty: table.filter.isEmpty ? emptyText : "Ничего не найдено")
    }
}

/// Enter opens the organisation's card; below 100 columns its hint leaves the bottom line's room to the way back
/// (the help still names it).
func cardActivation(_ ctx: ScreenContext) -> (hint: String?, help: String) {
    (ctx.body.width >= 100 ? "Карта" : nil, "открыть карту организации (только просмотр)")
}

/// F5 on a screen that shows the overview: reload it now.
func refreshBinding<S: ScreenPart>(_ what: String = "Данные обновлены", help: String = "обновить данные") -> Binding<S> {
    Binding([.function(5)], "F5", hint: "Обновить", help: help) { _, _ in
        [.effect(.loadOverview), .message(StatusMessage(what))]
    }
}

/// `p` (з) or F3: the selected organisation's profile.
func profileBinding<S: TableScreen>() -> Binding<S> {
    Binding(letters("pз") + [.function(3)], "p", hint: "Профиль", help: "профиль организации: динамика по годам, рекомендации") { s, ctx in
        s.selectedRow(ctx).map { openProfile($0.id) } ?? []
    }
}
