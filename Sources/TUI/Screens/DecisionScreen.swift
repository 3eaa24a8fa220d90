import Model

/// One decision or plan of measures in full: what, whom it addresses, who is responsible, by when, where it stands,
/// each targeted indicator before and after, and the reports on it. The methodist sets its status (`s`); a principal
/// whose organisation it concerns, or the methodist, reports what was done (`r`).
public struct DecisionScreen: ScreenPart {
    public var id: String
    public var outcome: DecisionOutcome?
    /// First line shown.
    public var scroll = 0
    /// Why it could not be shown (no longer visible, a broken file).
    public var loadError: String?

    public init(id: String, outcome: DecisionOutcome? = nil) { self.id = id; self.outcome = outcome }

    var asScreen: Screen { .decision(self) }
    var loadEffects: [Effect] { [.loadDecisions] }
    var title: String { "Решение \(id)" }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Решение или план мероприятий целиком: что сделать, адресат, ответственный, срок, статус; по каждому показателю — "
         + "значение в году решения и в следующем периоде; отчёты о выполнении. Срок, прошедший до выполнения, выделен."]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        switch msg {
        case .decisionsLoaded(let all):
            outcome = all.first { $0.decision.id == id }
            loadError = outcome == nil ? "Решение \(id) больше не показывается" : nil
            scroll = min(scroll, maxScroll(ctx))
            return []
        case .failed(let f) where f.effect == .loadDecisions:
            loadError = f.message
            return []
        default:
            return nil
        }
    }

    func bindings(_ ctx: ScreenContext) -> [Binding<Self>] {
        var out = DecisionKeys.act(on: outcome?.decision, ctx) as [Binding<Self>]
        out.append(Binding(Keys.up + Keys.down, "↑ ↓", shown: "↑↓", hint: "Листать", help: "листать; PgUp, PgDn, Home, End — быстрее") { s, _ in [] })
        out.append(Binding([.function(5)], "F5", help: "перечитать решение") { _, _ in
            [.effect(.loadDecisions), .message(StatusMessage("Решение обновлено"))]
        })
        return out
    }

    /// Moving the text (the ↑↓ binding above only names it).
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        let page = max(ctx.body.height - 2, 1)
        switch key {
        case _ where Keys.isUp(key): scroll -= 1
        case _ where Keys.isDown(key): scroll += 1
        case .pageUp: scroll -= page
        case .pageDown, .char(" "): scroll += page
        case .home: scroll = 0
        case .end: scroll = Int.max / 2
        default: return nil
        }
        scroll = min(max(scroll, 0), maxScroll(ctx))
        return []
    }

    func maxScroll(_ ctx: ScreenContext) -> Int { max(lines(ctx, width: ctx.body.width - 2).count - ctx.body.height, 0) }

    /// The decision as lines of text.
    func lines(_ ctx: ScreenContext, width: Int) -> [(String, CellStyle)] {
        guard let o = outcome else { return [] }
        let d = o.decision
        var out: [(String, CellStyle)] = []
        /// Wrapped text; `first` before its first line, `indent` before the others.
        func add(_ text: String, _ style: CellStyle = .normal, first: String = "", indent: String = "") {
            for (i, l) in TextWrap.lines(DisplayText.sanitize(text), width: width - max(first.count, indent.count)).enumerated() {
                out.append(((i == 0 ? first : indent) + l, style))
            }
        }
        add("\(d.id) · \(d.kind.russian) по итогам \(Format.period(d.period)) · \(d.currentStatus.russian)", CellStyle.title.emphasized)
        add(d.what, CellStyle.normal.emphasized)
        out.append(("", .normal))
        let name = d.target.kind == .organisation ? ctx.overview?.organisation(d.target.id).map { " (\($0.displayShortName))" } ?? "" : ""
        add("Адресат: \(d.target.kind.russian) \(DecisionKeys.targetName(d.target))\(name) — организаций: \(o.members.count)")
        add("Ответственный: \(d.responsible)")
        let late = ctx.today > d.due && d.currentStatus != .done && d.currentStatus != .cancelled
        add("Срок: \(d.due.russian)" + (late ? " — прошёл, решение не выполнено" : ""), late ? CellStyle.bad.emphasized : .normal)
        add("Записал: \(d.recordedBy), \(Format.day(d.recordedAt))" + (d.updatedBy.map { " · последнее изменение: \($0)" } ?? ""), .muted)
        out.append(("", .normal))
        out.append(("Показатели (было → стало):", CellStyle.normal.emphasized))
        for l in o.lines {
            let values = "\(l.before.map { NumberText.short($0) + "%" } ?? "—") → \(l.after.map { NumberText.short($0) + "%" } ?? "—")"
            let style: CellStyle = l.verdict == "improved" ? .good : l.verdict == "worse" ? .bad : .normal
            add("\(l.indicator): \(values)" + (l.afterPeriod.map { " (\(Format.period($0)))" } ?? "") + " · \(l.russianVerdict)", style, indent: "  ")
            add("\(l.text) (\(l.measure))", .muted, first: "  ", indent: "  ")
        }
        out.append(("", .normal))
        if d.reports.isEmpty {
            out.append(("Отчётов о выполнении пока нет.", .muted))
        } else {
            out.append(("Отчёты о выполнении (\(d.reports.count)):", CellStyle.normal.emphasized))
            for r in d.reports {
                let when = r.done.map { "выполнено \($0.russian)" } ?? Format.day(r.at)
                add("\(when) · \(r.by)\(r.org.map { " (\($0))" } ?? ""): \(r.text)", .normal, indent: "  ")
            }
        }
        return out
    }

    func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let b = ctx.body
        guard outcome != nil else {
            canvas.putTruncated(loadError ?? "Загрузка…", row: b.row + 1, col: 1, width: b.width - 2, style: loadError == nil ? .muted : .bad)
            return
        }
        let all = lines(ctx, width: b.width - 2)
        for (i, line) in all.dropFirst(scroll).prefix(b.height).enumerated() {
            canvas.putTruncated(line.0, row: b.row + i, col: 1, width: b.width - 2, style: line.1)
        }
    }
}

/// The keys that act on a decision, the same on the list and on the decision's own screen.
enum DecisionKeys {
    /// `s` the status (methodist), `r` a report (a principal whose organisation it concerns, or the methodist).
    static func act<S: ScreenPart>(on d: ManagementDecision?, _ ctx: ScreenContext) -> [Binding<S>] {
        var out: [Binding<S>] = []
        let role = ctx.person.role
        guard role != .reviewer else { return out }
        let none = d == nil ? "решение не выбрано" : nil
        if role == .methodist {
            out.append(Binding(letters("sы"), "s", hint: "Статус", help: "статус решения: запланировано, выполняется, выполнено, отменено",
                               disabled: none) { _, ctx in
                d.map { [.push(.cycleForm(CycleFormScreen(.status($0), today: ctx.today)))] } ?? []
            })
        }
        let cancelled = role == .principal && d?.currentStatus == .cancelled ? "решение отменено: отчёт не нужен" : nil
        out.append(Binding(letters("rк"), "r", hint: "Отчёт", help: "отчёт о выполнении: что сделано и когда",
                           disabled: none ?? cancelled) { _, ctx in
            d.map { [.push(.cycleForm(CycleFormScreen(.report($0), today: ctx.today)))] } ?? []
        })
        return out
    }

    /// `a`: a new decision (the methodist), offered for the newest campaign's period.
    static func record<S: ScreenPart>(_ ctx: ScreenContext, target: DecisionTarget? = nil, indicators: String = "",
                                      hint: String = "Новое", help: String = "записать решение или план мероприятий") -> [Binding<S>] {
        guard ctx.person.role == .methodist else { return [] }
        return [Binding(letters("aф"), "a", hint: hint, help: help) { _, ctx in
            let period = ctx.overview?.campaign.period ?? ""
            return [.push(.cycleForm(CycleFormScreen(.newDecision(period: period, target: target, indicators: indicators), today: ctx.today)))]
        }]
    }

    /// A cluster's or zone's name instead of its id; an organisation's code as it is.
    static func targetName(_ t: DecisionTarget) -> String {
        if t.id == ProblemZones.municipalityID { return "муниципалитет" }
        return ClusterKind(rawValue: t.id)?.russianName ?? t.id
    }

    /// The same for a narrow column: `ОО`, `Средние более 500`, `sch-001`.
    static func shortTargetName(_ t: DecisionTarget) -> String {
        if t.id == ProblemZones.municipalityID { return "район" }
        return ClusterKind(rawValue: t.id)?.shortName ?? t.id
    }
}
