import Model

/// A principal: the programmes of the current year that ask their organisation (the quality mechanisms' request
/// «в форме запроса»), one indicator a row with the organisation's own value. Enter fills the selected value while
/// the collection is open — only the values the regulation asks organisations for; the rest the department enters
/// and they are shown for reference. Tab switches the programme when there are several.
public struct AnswersScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public var org: String
    public var runs: [OrganisationAnswers]?
    /// Index of the programme shown.
    public var run = 0
    public var loadError: String?

    public init(org: String) { self.org = org }

    var load: Effect { .cycle(.loadAnswers(org: org)) }
    var loadEffects: [Effect] { [load] }
    var usesOverview: Bool { false }
    var title: String { "Мониторинги организации" }
    var asScreen: Screen { .answers(self) }
    var emptyText: String { "Программ мониторинга, которые опрашивают вашу организацию, в этом году нет" }
    func isLoaded(_ ctx: ScreenContext) -> Bool { runs != nil || loadError != nil }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Данные вашей организации для программ мониторинга этого года — то, что управление запрашивает у организаций "
         + "(«в форме запроса»). Доля — два числа: сколько и из скольких; наличие — да или нет; количество — число. "
         + "Заполнять можно, пока идёт сбор. Показатели с пометкой «управление» вносит методист по своим источникам "
         + "(статистика, диагностика) — они показаны для сведения. Другие организации ваших данных не видят."]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        switch msg {
        case .cycleLoaded(.answers(let o, let r)) where o == org:
            runs = r
            loadError = nil
            run = min(run, max(r.count - 1, 0))
            return []
        case .failed(let f) where f.effect == load:
            loadError = f.message
            return []
        default:
            return nil
        }
    }

    func current() -> OrganisationAnswers? {
        guard let r = runs, !r.isEmpty else { return nil }
        return r[min(max(run, 0), r.count - 1)]
    }

    func item(_ row: TableRow) -> OrganisationAnswers.Item? { current()?.items.first { $0.measure.id == row.id } }

    /// Whether the person may enter this value now, and why not.
    func refusal(_ item: OrganisationAnswers.Item, _ ctx: ScreenContext) -> String? {
        guard let a = current() else { return "нет данных" }
        let d = Policy.decide(.fillMonitoring(org: org, requested: item.requested, opens: a.opens, closes: a.closes),
                              by: ctx.person, campaign: nil, status: nil, today: ctx.today)
        return d.reason?.russian
    }

    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { ("Заполнить", "ввести значение выбранного показателя") }

    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] {
        guard let a = current(), let item = item(row) else { return [] }
        if let why = refusal(item, ctx) { return [.message(StatusMessage(why, .warning))] }
        return [.push(.cycleForm(CycleFormScreen(.value(a, item), today: ctx.today)))]
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        var out: [Binding<Self>] = []
        if (runs?.count ?? 0) > 1 {
            out.append(Binding([.tab], "Tab", hint: "Программа", help: "другая программа мониторинга") { s, _ in
                s.run = (s.run + 1) % max(s.runs?.count ?? 1, 1)
                s.table = TableState()
                return []
            })
        }
        out.append(Binding(letters("nт"), "n", hint: "Пустые", help: "следующий незаполненный показатель, который вносите вы") { s, ctx in
            s.nextEmpty(ctx)
        })
        out.append(Binding([.function(5)], "F5", help: "перечитать") { s, _ in [.effect(s.load), .message(StatusMessage("Обновлено"))] })
        return out
    }

    mutating func nextEmpty(_ ctx: ScreenContext) -> [ScreenCommand] {
        let rows = shownRows(ctx)
        guard !rows.isEmpty else { return [] }
        for step in 1...rows.count {
            let i = (table.selected + step) % rows.count
            if let it = item(rows[i]), it.requested, it.value == nil {
                table.selected = i
                let visible = Table.visibleRows(height: tableRect(ctx).height)
                if i < table.offset || i >= table.offset + visible { table.offset = max(i - visible / 2, 0) }
                return []
            }
        }
        return [.message(StatusMessage("Всё, что вносите вы, заполнено"))]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        if let e = loadError { return [(e, CellStyle.bad.emphasized), ("", .normal)] }
        guard let a = current() else { return [("", .normal), ("", .normal)] }
        let p = a.progress
        let open = ctx.today >= a.opens && ctx.today <= a.closes
        let dates = open ? "сбор до \(a.closes.russian)" : ctx.today < a.opens ? "сбор откроется \(a.opens.russian)" : "сбор завершён \(a.closes.russian)"
        let which = (runs?.count ?? 0) > 1 ? "\(run + 1)/\(runs?.count ?? 0) (Tab) " : ""
        let text = selectedRow(ctx).flatMap(item).map { "\($0.measure.id). \(DisplayText.sanitize($0.measure.text))" } ?? ""
        let lines = TextWrap.lines(text, width: ctx.body.width - 2, maxLines: 2)
        let filled = p.asked == 0 ? "все значения вносит управление" : "заполнено \(p.given) из \(p.asked)"
        return [(which + DisplayText.sanitize(a.title), CellStyle.title.emphasized),
                ("\(a.russianPeriod) · \(dates) · \(filled)", open && p.asked > 0 ? (p.given < p.asked ? .warn : .good) : .muted)]
            + (0..<2).map { (lines.indices.contains($0) ? lines[$0] : "", CellStyle.muted) }
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Код", width: 6), TableColumn("Показатель", width: 20, flex: 1), TableColumn("Значение", width: 11, alignRight: true),
         TableColumn("Вносит", width: 10)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        (current()?.items ?? []).map { i in
            TableRow(id: i.measure.id, cells: [
                TableCell(i.measure.id), TableCell(DisplayText.sanitize(i.measure.text)),
                TableCell(i.value?.display ?? (i.measure.kind == .undefined ? "не собирается" : "—"),
                          style: i.value == nil && i.requested ? .warn : i.requested ? nil : .muted),
                TableCell(i.requested ? "вы" : "управление", style: i.requested ? nil : .muted)])
        }
    }
}

extension Sections {
    /// A principal's: their card (the first screen), its profile, the decisions and plans that concern their
    /// organisation, and their organisation's answers to the year's monitoring programmes.
    static func principal(org: String) -> [(key: Character, title: String, screen: Screen?)] {
        [("1", "Карта", nil), ("2", "Профиль", .profile(ProfileScreen(org: org))), ("3", "План мероприятий", .decisions(DecisionsScreen())),
         ("4", "Мониторинги", .answers(AnswersScreen(org: org)))]
    }
}
