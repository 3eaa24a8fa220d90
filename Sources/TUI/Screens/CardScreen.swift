import Model

/// One organisation's expert card, direction by direction: filled by its principal, checked by a reviewer,
/// or viewed read-only (the methodist, or anyone once the policy says no more changes), with the reason shown.
public struct CardScreen: ScreenPart {
    /// Why the card was opened.
    public enum Purpose: Equatable, Sendable {
        /// The principal fills their own card.
        case fill
        /// A reviewer checks a submitted card.
        case review
        /// Read-only.
        case view
    }

    /// What can be done with the card now.
    public enum Mode: Equatable, Sendable {
        case edit
        case review
        case readOnly(String)
    }

    /// A line of the list: a direction's title or one of its indicators (index into `template.indicators`).
    enum Line: Equatable {
        case direction(Int)
        case indicator(Int)
    }

    public var org: String
    public var purpose: Purpose
    public var data: CardData?
    /// Index of the selected indicator in `template.indicators`.
    public var selected = 0
    /// First list line shown.
    public var offset = 0
    public var form: IndicatorForm?
    /// Why the card could not be loaded, if it could not.
    public var loadError: String?
    /// Whether the selection was placed for this card (on the first marked indicator of a returned card…).
    var placed = false

    public init(org: String, purpose: Purpose) {
        self.org = org
        self.purpose = purpose
    }

    var asScreen: Screen { .card(self) }
    var isBusy: Bool { form != nil || data == nil }
    var loadEffects: [Effect] { [.loadCard(org: org, period: data?.period)] }

    public var title: String {
        switch purpose {
        case .fill: return "Карта организации"
        case .review: return "Проверка карты"
        case .view: return "Карта (просмотр)"
        }
    }

    // MARK: - Derived

    /// Asks the policy what the person may do with the card now.
    public func mode(_ ctx: ScreenContext) -> Mode {
        guard let d = data else { return .readOnly("Загрузка…") }
        switch purpose {
        case .view:
            return .readOnly("карту заполняет руководитель, проверяет эксперт")
        case .fill:
            let decision = Policy.decide(.editCard(org: org), by: ctx.person, campaign: d.campaign,
                                         status: d.card.status, today: ctx.today)
            return decision.isAllowed ? .edit : .readOnly(decision.reason?.russian ?? "Только просмотр")
        case .review:
            let decision = Policy.decide(.reviewCard(org: org), by: ctx.person, campaign: d.campaign,
                                         status: d.card.status, today: ctx.today)
            return decision.isAllowed ? .review : .readOnly(decision.reason?.russian ?? "Только просмотр")
        }
    }

    var indicators: [Indicator] { data?.template.indicators ?? [] }

    var selectedIndicator: Indicator? {
        let all = indicators
        return all.indices.contains(selected) ? all[selected] : nil
    }

    /// The list: each direction's title followed by its indicators.
    var lines: [Line] {
        guard let t = data?.template else { return [] }
        var out: [Line] = []
        var i = 0
        for (d, dir) in t.directions.enumerated() {
            out.append(.direction(d))
            for _ in dir.indicators { out.append(.indicator(i)); i += 1 }
        }
        return out
    }

    /// Indicators the reviewer did not confirm (what a returned card is about).
    var marked: Set<String> {
        Set((data?.card.reviews ?? [:]).filter { $0.value.verdict != .confirmed }.keys)
    }

    /// Indicators changed since the card was last returned (highlighted for the reviewer).
    var changed: Set<String> { data?.card.changedSinceReturn ?? [] }

    /// The card with what is being typed applied, so the total, percent and level follow the typing.
    var previewCard: ExpertCard? {
        guard let d = data else { return nil }
        guard let f = form, !f.isReview, let ind = d.template.indicator(f.indicator) else { return d.card }
        var card = d.card
        // The preview takes what the fields would save today; a date's warnings do not matter for points.
        if case .some(let a) = f.check(rule: ind.rule, current: card.answers[ind.id], evidence: card.evidence[ind.id],
                                       knownLastYear: d.lastYearYoung, today: .distantFuture, period: d.period).answer {
            card.answers[ind.id] = a
        }
        return card
    }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        switch purpose {
        case .fill:
            return ["Карта вашей организации. Для каждого показателя — текст, как в Порядке, методика, баллы сейчас "
                    + "и источник информации. Ответ вводится так, как требует методика: да/нет для факта, два числа для доли "
                    + "или участия, три — для молодых специалистов. Для каждого показателя укажите документ: название, номер, дату. "
                    + "Итог, процент и уровень пересчитываются по мере ввода. Форма сохраняется целиком по Enter."]
        case .review:
            return ["Проверка объективности: по каждому показателю — подтверждено, не подтверждено или исправлено "
                    + "(с верным значением) и комментарий. Затем карту принимают или возвращают на исправление. "
                    + "В повторно поданной карте изменённые показатели отмечены *."]
        case .view:
            return ["Карта только для просмотра: ответы, документы и отметки эксперта."]
        }
    }

    /// Results for this card: a fresh copy, a save, a failure.
    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        switch msg {
        case .cardLoaded(let d) where d.org == org:
            loaded(d, ctx)
            return []
        case .saved(let d, let kind) where d.org == org:
            return saved(d, kind, ctx)
        case .failed(let f) where f.effect.cardOrg == org:
            if case .loadCard = f.effect, data == nil { loadError = f.message }
            return failed(f, ctx)
        default:
            return nil
        }
    }

    public var capturesText: Bool {
        guard let f = form else { return false }
        return f.focused.isText
    }

    public var hasUnsavedInput: Bool {
        guard let d = data, let f = form, let ind = d.template.indicator(f.indicator) else { return false }
        if f.isReview { return f.fields.map(\.input.text) != f.initial.map(\.input.text)
                                || f.fields.map(\.verdict) != f.initial.map(\.verdict) }
        let c = f.check(rule: ind.rule, current: d.card.answers[ind.id], evidence: d.card.evidence[ind.id],
                        knownLastYear: d.lastYearYoung, today: .distantFuture, period: d.period)
        return c.changesSomething || !c.errors.isEmpty
    }

    // MARK: - Layout

    /// Lines of the indicator panel under the list.
    /// At least 7 lines (8 with a form); as many as the indicator needs, up to a third of a taller terminal
    /// (a form: whatever leaves the list 5 lines).
    func detailHeight(body: Rect) -> Int {
        let base = form == nil ? 7 : 8
        let want = naturalPanelHeight(width: body.width - 2)
        // A form may take more, as long as a few lines of the list stay in view.
        let cap = form == nil ? max(body.height / 3, base) : body.height
        return min(max(want, base), cap, max(body.height - 9, 1))
    }

    /// The notice under the total, wrapped into at most two lines.
    func noticeLines(_ ctx: ScreenContext) -> [String] {
        guard data != nil else { return [] }
        let lines = TextWrap.lines(notice(ctx).0, width: ctx.body.width - 2, maxLines: 2)
        return lines.isEmpty ? [""] : lines
    }

    /// Rows: name and total, the notice (one or two lines), the column titles, the list,
    /// a rule with the indicator's id, the panel.
    func listRect(_ ctx: ScreenContext) -> Rect {
        let body = ctx.body
        let header = 2 + max(noticeLines(ctx).count, 1)
        let d = detailHeight(body: body)
        return Rect(row: body.row + header + 1, col: body.col, width: body.width,
                    height: max(body.height - header - 2 - d, 1))
    }

    // MARK: - Keys

    /// The keys of the card now: the form's while one is open, else what the mode allows.
    func bindings(_ ctx: ScreenContext) -> [Binding<CardScreen>] {
        guard data != nil else { return [] }
        if let f = form { return formBindings(f) }
        let mode = self.mode(ctx)
        let why = readOnlyReason(mode)
        var out: [Binding<CardScreen>] = []
        switch mode {
        case .edit:
            out.append(Binding([.enter], "Enter", hint: "Заполнить", help: "заполнить выбранный показатель") { s, ctx in
                s.openForm(mode: s.mode(ctx), verdict: nil, ctx)
            })
            out.append(Binding([.function(5)] + letters("sы"), "F5, s", shown: "F5", hint: "Подать",
                                       help: "подать карту на проверку (сначала покажет, что не заполнено, без документа или странно)") { s, ctx in
                s.askSubmit(ctx)
            })
        case .review:
            out.append(Binding([.enter], "Enter", hint: "Отметить", help: "отметка показателя: вердикт, верное значение, комментарий") { s, ctx in
                s.openForm(mode: s.mode(ctx), verdict: nil, ctx)
            })
            out.append(Binding(letters("1+"), "1, +", shown: "1", hint: "Подтв.", help: "подтвердить и перейти к следующему") { s, ctx in
                s.quickConfirm(ctx)
            })
            out.append(Binding([.function(5)] + letters("sы"), "F5, s", shown: "F5", hint: "Принять", help: "принять карту") { s, _ in s.askAccept() })
            out.append(Binding([.function(8)] + letters("rк"), "F8, r", shown: "F8", hint: "Вернуть", help: "вернуть на исправление с комментарием") { s, _ in
                s.askReturn()
            })
            out.append(Binding(letters("2"), "2", hint: "Не подтв.", help: "не подтверждено (с комментарием)") { s, ctx in
                s.openForm(mode: s.mode(ctx), verdict: .notConfirmed, ctx)
            })
            out.append(Binding(letters("3"), "3", hint: "Испр.", help: "исправлено (с верным значением и комментарием)") { s, ctx in
                s.openForm(mode: s.mode(ctx), verdict: .corrected, ctx)
            })
        case .readOnly:
            out.append(Binding([.enter], "Enter", help: "", disabled: why) { _, _ in [] })
            if purpose == .fill {
                out.append(Binding([.function(5)] + letters("sы"), "F5, s", help: "подать карту на проверку", disabled: why) { _, _ in [] })
            }
            var actions = false
            if purpose == .view, ctx.person.role == .methodist, let d = data {
                let own = methodistBindings(d)
                actions = own.contains { $0.hint != nil }
                out += own
            } else if purpose == .view {
                out.append(Binding([.function(5)] + letters("sы"), "F5, s", help: "", disabled: why) { _, _ in [] })
            }
            if purpose == .review {
                out.append(Binding([.function(5)] + letters("sы"), "F5, s", help: "принять карту", disabled: why) { _, _ in [] })
                out.append(Binding([.function(8)] + letters("rк"), "F8, r", help: "вернуть на исправление", disabled: why) { _, _ in [] })
            }
            // At 80 columns the methodist's actions (F5, F8, e) need the room more than the arrows, so that the way
            // back stays on the line.
            out.append(Binding(Keys.up + Keys.down, "↑↓", hint: actions ? nil : "Показатели", help: "") { s, ctx in
                [] // moving is in `other`; the binding only names it on the bottom line
            })
        }
        out.append(Binding([.tab], "Tab", hint: mode == .review ? nil : "Направление", help: "следующее направление") { s, ctx in
            s.jumpDirection(1, ctx); return []
        })
        out.append(Binding([.backTab], "Shift+Tab", help: "предыдущее направление") { s, ctx in s.jumpDirection(-1, ctx); return [] })
        let methodistView = purpose == .view && ctx.person.role == .methodist && data?.card.status == .submitted
        // A principal has it among the sections (2) too, whose hint takes this one's room on the bottom line.
        let hint = mode == .review || methodistView || purpose == .fill ? nil : "Профиль"
        out.append(Binding(Keys.profile, "F3, p", shown: "F3", hint: hint, help: "профиль организации: динамика по годам и рекомендации") { s, _ in
            openProfile(s.org)
        })
        let flagged = purpose == .review ? changed : marked
        out.append(Binding(letters("nт"), "n", hint: flagged.isEmpty || purpose == .view ? nil : "Отмеченные",
                           help: purpose == .review ? "следующий изменённый показатель" : "следующий показатель, отмеченный экспертом") { s, ctx in
            s.jumpToNextFlagged(ctx)
        })
        return out.filter { !($0.hint == "Показатели" && mode != .readOnly(why)) }
    }

    /// Keys while a form is open: Enter saves the whole form, Tab moves, Esc closes; the rest goes into the fields.
    func formBindings(_ f: IndicatorForm) -> [Binding<CardScreen>] {
        var out: [Binding<CardScreen>] = [
            Binding([.enter], "Enter", hint: "Сохранить",
                    help: "сохранить форму целиком: поля проверяются вместе, ошибки показаны рядом с полем, "
                        + "без ошибок — сохраняется и форма закрывается", whileTyping: true) { s, ctx in
                s.commitForm(ctx)
            },
            Binding([.tab, .down], "Tab, ↓", shown: "Tab", hint: "Поле", help: "следующее поле формы", whileTyping: true) { s, _ in
                s.form?.move(1); return []
            },
            Binding([.backTab, .up], "Shift+Tab, ↑", help: "предыдущее поле формы", whileTyping: true) { s, _ in
                s.form?.move(-1); return []
            },
        ]
        switch f.focused.kind {
        case .toggle:
            out.append(Binding(letters(" "), "Пробел", hint: "Да/нет", help: "да / нет для факта (также y/д, n/н); Backspace — без ответа") { s, _ in
                _ = s.form?.handle(.char(" ")); return []
            })
        case .verdict:
            out.append(Binding(letters(" "), "Пробел", hint: "Отметка", help: "следующая отметка (также 1, 2, 3, ←, →)") { s, _ in
                _ = s.form?.handle(.char(" ")); return []
            })
        default:
            break
        }
        out.append(Binding([.escape], "Esc", hint: "Закрыть", help: "закрыть форму (если что-то не сохранено — спросит)", whileTyping: true) { s, ctx in
            s.closeForm(ctx)
        })
        let why = "Сначала сохраните показатель (Enter) или закройте форму (Esc)"
        out.append(Binding([.function(5), .function(8)], "F5, F8", help: "", disabled: why, whileTyping: true) { _, _ in [] })
        return out
    }

    /// Moving in the list, and typing into the form.
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard data != nil else { return nil }
        if var f = form {
            guard f.handle(key) else { return nil }
            form = f
            return []
        }
        switch key {
        case _ where Keys.isUp(key): select(selected - 1, ctx)
        case _ where Keys.isDown(key): select(selected + 1, ctx)
        case .pageUp: select(selected - max(listRect(ctx).height - 2, 1), ctx)
        case .pageDown: select(selected + max(listRect(ctx).height - 2, 1), ctx)
        case .home: select(0, ctx)
        case .end: select(indicators.count - 1, ctx)
        default: return nil
        }
        return []
    }

    func readOnlyReason(_ mode: Mode) -> String {
        if case .readOnly(let why) = mode { return why }
        return ""
    }

    mutating func select(_ index: Int, _ ctx: ScreenContext) {
        selected = min(max(index, 0), max(indicators.count - 1, 0))
        offset = scrolledOffset(ctx)
    }

    /// The first line shown so that the selected indicator (and, when it fits, its direction's title) is visible.
    func scrolledOffset(_ ctx: ScreenContext, list: Rect? = nil) -> Int {
        let all = lines
        let visible = max((list ?? listRect(ctx)).height, 1)
        guard let line = all.firstIndex(of: .indicator(selected)) else { return 0 }
        var o = min(offset, max(all.count - visible, 0))
        let top = line > 0 && all[line - 1] != .indicator(selected - 1) ? line - 1 : line
        if top < o { o = top }
        if line >= o + visible { o = line - visible + 1 }
        return max(o, 0)
    }

    mutating func jumpDirection(_ step: Int, _ ctx: ScreenContext) {
        guard let t = data?.template, let dir = t.direction(of: selectedIndicator?.id ?? "") else { return }
        guard let d = t.directions.firstIndex(of: dir) else { return }
        let target = (d + step + t.directions.count) % t.directions.count
        guard let first = t.directions[target].indicators.first?.id,
              let i = t.indicators.firstIndex(where: { $0.id == first }) else { return }
        select(i, ctx)
    }

    /// The next indicator the reviewer marked (principal) or the principal changed (reviewer).
    mutating func jumpToNextFlagged(_ ctx: ScreenContext) -> [ScreenCommand] {
        let flagged = purpose == .review ? changed : marked
        let all = indicators
        guard !flagged.isEmpty, !all.isEmpty else {
            return [.message(StatusMessage(purpose == .review ? "Изменённых после возврата показателей нет"
                                           : "Отмеченных экспертом показателей нет", .warning))]
        }
        for step in 1...all.count {
            let i = (selected + step) % all.count
            if flagged.contains(all[i].id) { select(i, ctx); break }
        }
        return []
    }

    // MARK: - Results of effects

    /// A fresh copy of the card arrived (opening, reloading, or someone else's change).
    public mutating func loaded(_ d: CardData, _ ctx: ScreenContext) {
        data = d
        loadError = nil
        if !placed {
            placed = true
            let all = d.template.indicators
            var first: Int?
            switch purpose {
            case .fill where d.card.status == .returned:
                first = all.firstIndex { marked.contains($0.id) }
            case .review:
                first = all.firstIndex { changed.contains($0.id) }
                    ?? all.firstIndex { d.card.answers[$0.id] != nil && d.card.reviews[$0.id] == nil }
            default:
                break
            }
            selected = first ?? 0
        }
        select(selected, ctx)
    }
}
