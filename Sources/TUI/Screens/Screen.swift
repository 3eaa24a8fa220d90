import Model

/// What a screen needs to know besides its own state: who, when, the loaded data, and where it may draw.
public struct ScreenContext: Sendable {
    public var person: Person
    public var today: Day
    public var overview: Overview?
    /// The rows between the title bar and the message line.
    public var body: Rect
}

/// What a screen asks the app to do after a key.
public enum ScreenCommand: Equatable, Sendable {
    case effect(Effect)
    case push(Screen)
    case pop
    case dialog(Dialog)
    case message(StatusMessage)
}

/// Every screen of the app, as a value.
public enum Screen: Equatable, Sendable {
    case dashboard(DashboardScreen)
    case organisations(OrganisationsScreen)
    case deadlines(DeadlinesScreen)
    case clusters(ClusterScreen)
    case zones(ZonesScreen)
    case profile(ProfileScreen)
    case lint(LintScreen)
    case queue(ReviewQueueScreen)
    case card(CardScreen)

    public var title: String {
        switch self {
        case .dashboard: return "Обзор кампании"
        case .organisations: return "Организации"
        case .deadlines: return "Сроки"
        case .clusters: return "Рейтинг по кластерам"
        case .zones: return "Проблемные зоны"
        case .profile: return "Профиль организации"
        case .lint: return "Проверка шаблонов"
        case .queue: return "Очередь проверки"
        case .card(let s): return s.title
        }
    }

    /// Keys shown on the bottom line.
    public func hints(_ ctx: ScreenContext, isTop: Bool) -> [KeyHint] {
        var keys: [KeyHint]
        switch self {
        case .dashboard: keys = [KeyHint("1-5", "Разделы"), KeyHint("Enter", "Карта"), KeyHint("F5", "Обновить")]
        case .organisations: keys = [KeyHint("Enter", "Карта"), KeyHint("p", "Профиль"), KeyHint("/", "Фильтр")]
        case .deadlines: keys = [KeyHint("Enter", "Карта"), KeyHint("/", "Фильтр")]
        case .clusters:
            // Enter (the card) is in the help; on a narrow terminal the way back has the room instead.
            keys = [KeyHint("Tab", "Кластер"), KeyHint("c", "Схема"), KeyHint("p", "Профиль")]
                + (ctx.body.width >= 100 ? [KeyHint("Enter", "Карта")] : []) + [KeyHint("/", "Фильтр")]
        case .zones: keys = [KeyHint("Tab", "Группа"), KeyHint("z", "Только зоны"), KeyHint("c", "Схема"), KeyHint("/", "Фильтр")]
        case .profile(let s): keys = s.hints(ctx)
        case .lint: keys = [KeyHint("↑↓", "Листать")]
        case .queue: keys = [KeyHint("Enter", "Проверить"), KeyHint("/", "Фильтр"), KeyHint("F5", "Обновить")]
        case .card(let s): keys = s.hints(ctx)
        }
        let capturing = capturesText
        var out = [KeyHint("F1", "Помощь")] + keys
        if isTop {
            out.append(KeyHint(capturing ? "F10" : "q, F10", "Выход"))
        } else {
            if !capturing { out.append(KeyHint("Esc", "Назад")) }
            out.append(KeyHint("F10", "Выход"))
        }
        return out
    }

    /// Whether printable keys go into a field (so `?`, `q`, `j`… are text, not commands).
    public var capturesText: Bool {
        switch self {
        case .dashboard(let s): return s.table.isTypingFilter
        case .organisations(let s): return s.table.isTypingFilter
        case .deadlines(let s): return s.table.isTypingFilter
        case .clusters(let s): return s.table.isTypingFilter
        case .zones(let s): return s.table.isTypingFilter
        case .profile: return false
        case .lint: return false
        case .queue(let s): return s.table.isTypingFilter
        case .card(let s): return s.capturesText
        }
    }

    /// Text typed but not saved yet, which quitting would lose.
    public var hasUnsavedInput: Bool {
        if case .card(let s) = self { return s.hasUnsavedInput }
        return false
    }

    /// Handles a key; nil when the screen does not use it (then Esc goes back and q asks to quit).
    public mutating func update(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        switch self {
        case .dashboard(var s): defer { self = .dashboard(s) }; return s.update(key, ctx)
        case .organisations(var s): defer { self = .organisations(s) }; return s.update(key, ctx)
        case .deadlines(var s): defer { self = .deadlines(s) }; return s.update(key, ctx)
        case .clusters(var s): defer { self = .clusters(s) }; return s.update(key, ctx)
        case .zones(var s): defer { self = .zones(s) }; return s.update(key, ctx)
        case .profile(var s): defer { self = .profile(s) }; return s.update(key, ctx)
        case .lint(var s): defer { self = .lint(s) }; return s.update(key, ctx)
        case .queue(var s): defer { self = .queue(s) }; return s.update(key, ctx)
        case .card(var s): defer { self = .card(s) }; return s.update(key, ctx)
        }
    }

    public func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        switch self {
        case .dashboard(let s): s.draw(on: &canvas, ctx)
        case .organisations(let s): s.draw(on: &canvas, ctx)
        case .deadlines(let s): s.draw(on: &canvas, ctx)
        case .clusters(let s): s.draw(on: &canvas, ctx)
        case .zones(let s): s.draw(on: &canvas, ctx)
        case .profile(let s): s.draw(on: &canvas, ctx)
        case .lint(let s): s.draw(on: &canvas, ctx)
        case .queue(let s): s.draw(on: &canvas, ctx)
        case .card(let s): s.draw(on: &canvas, ctx)
        }
    }

    /// Whether the screen shows the overview (and so wants it refreshed now and then).
    var usesOverview: Bool {
        switch self {
        case .card, .clusters, .zones, .profile: return false
        default: return true
        }
    }

    /// What the screen loads for itself through the Session, when opened and again now and then.
    var loadEffects: [Effect] {
        switch self {
        case .clusters(let s): return [s.load]
        case .zones(let s): return [s.load]
        case .profile(let s): return [s.load]
        default: return []
        }
    }
}

// MARK: - Screens built on one table

/// A screen that is mostly one table: lines of information above it, rows below, Enter opens a row.
protocol TableScreen {
    var table: TableState { get set }
    func rows(_ ctx: ScreenContext) -> [TableRow]
    func columns(width: Int) -> [TableColumn]
    /// Lines above the table.
    func header(_ ctx: ScreenContext) -> [(String, CellStyle)]
    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand]
    /// Keys besides the table's own (Tab, digits…).
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]?
    /// Where the table goes; by default under the header, over the whole width.
    func tableRect(_ ctx: ScreenContext) -> Rect
    var emptyText: String { get }
    /// Whether the data the table shows is there (by default, the overview).
    func isLoaded(_ ctx: ScreenContext) -> Bool
}

extension TableScreen {
    func tableRect(_ ctx: ScreenContext) -> Rect {
        let h = header(ctx).count
        let b = ctx.body
        return Rect(row: b.row + h, col: b.col, width: b.width, height: max(b.height - h, 3))
    }

    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? { nil }

    var emptyText: String { "Нет строк" }

    func isLoaded(_ ctx: ScreenContext) -> Bool { ctx.overview != nil }

    /// The row under the selection, among the filtered rows.
    func selectedRow(_ ctx: ScreenContext) -> TableRow? {
        let rows = Table.filtered(self.rows(ctx), by: table.filter)
        guard !rows.isEmpty else { return nil }
        return rows[min(max(table.selected, 0), rows.count - 1)]
    }

    mutating func update(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard isLoaded(ctx) else { return nil }
        if !table.isTypingFilter, let done = other(key, ctx) { return done }
        let rows = Table.filtered(self.rows(ctx), by: table.filter)
        let visible = Table.visibleRows(height: tableRect(ctx).height)
        switch table.handle(key, rows: rows.count, visible: visible) {
        case .handled: return []
        case .activate(let i): return activate(rows[i], ctx)
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
        let all = rows(ctx)
        let rows = Table.filtered(all, by: table.filter)
        var rect = tableRect(ctx)
        rect.col += 1
        rect.width -= 2
        Table.draw(rows, columns: columns(width: rect.width), state: table, on: &canvas, in: rect,
                   total: all.count, empty: table.filter.isEmpty ? emptyText : "Ничего не найдено")
    }
}

/// Opens an organisation's card read-only (the methodist's "any card").
func openCard(_ org: String) -> [ScreenCommand] {
    [.push(.card(CardScreen(org: org, purpose: .view))), .effect(.loadCard(org: org, period: nil))]
}

/// Opens an organisation's profile (the Session decides whether the person may see it).
func openProfile(_ org: String) -> [ScreenCommand] {
    let s = ProfileScreen(org: org)
    return [.push(.profile(s)), .effect(s.load)]
}

/// Pushes a screen with the effects that fill it.
func open(_ screen: Screen) -> [ScreenCommand] {
    [.push(screen)] + screen.loadEffects.map { .effect($0) }
}
