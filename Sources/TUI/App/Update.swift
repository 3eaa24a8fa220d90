import Foundation
import Model

/// The one place state changes: a message in, the new state and the effects to perform out. Pure.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .key(let key):
        if key == .resize { return [] }
        return handleKey(&state, key)
    case .resize(let size):
        state.size = size
        return []
    case .tick:
        // While work runs in the background, a few times a second: how far it has got.
        if state.progress != nil { return [.pollWork] }
        // Once a second: a stat of the shared files; a reload only when they changed (see `.stamped`).
        if state.staleShown, state.dialog == nil, !state.top.part.isBusy {
            state.staleShown = false
            return reloadShown(state)
        }
        return [.pollChanges]
    case .stamped(let stamp):
        guard let before = state.stamp else { state.stamp = stamp; return [] }
        guard stamp != before else { return [] }
        state.stamp = stamp
        if state.dialog != nil || state.top.part.isBusy { state.staleShown = true; return [] }
        return reloadShown(state)
    case .overviewLoaded(let o):
        state.overview = o
        state.workspaceName = o.workspaceName
        return []
    case .cardLoaded, .rankingLoaded, .zonesLoaded, .zoneOrganisationsLoaded, .profileLoaded, .decisionsLoaded, .templates, .cycleLoaded,
         .peopleLoaded:
        // What was loaded goes to every screen that shows it (one that closes itself ends the round).
        var effects: [Effect] = []
        for i in state.stack.indices where i < state.stack.count {
            let ctx = state.context
            if let commands = state.stack[i].modify({ $0.receive(msg, ctx) }) { effects += apply(commands, &state) }
        }
        return effects
    case .changed(let text):
        // The form that asked closes itself; then everything shown reloads: the overview, the screen now on top
        // (a list of people) and the open cards (an extension changes what a principal may do).
        var effects = deliver(msg, &state) ?? []
        state.message = StatusMessage(text)
        effects.append(.loadOverview)
        if case .card = state.top {} else if !state.top.part.usesOverview { effects += state.top.loadEffects }
        return effects + state.stack.flatMap { screen -> [Effect] in
            if case .card(let s) = screen, s.data != nil { return s.loadEffects }
            return []
        }
    case .importPreviewed, .exportPathChecked:
        return deliver(msg, &state) ?? []
    case .progress(let p):
        state.progress = p
        return []
    case .exported(let r):
        state.progress = nil
        let effects = deliver(msg, &state) ?? []
        state.message = StatusMessage("Результаты выгружены в \(r.path) (листы: \(r.sheets.joined(separator: ", ")))"
                                      + (r.unreadable > 0 ? "; карт не читается: \(r.unreadable), их строки помечены" : ""),
                                      r.unreadable > 0 ? .warning : .info)
        return effects
    case .saved(let d, let kind):
        return saved(&state, d, kind)
    case .cycleSaved(let what):
        state.message = StatusMessage(what.message)
        return deliver(msg, &state) ?? []
    case .failed(let f):
        return failed(&state, f)
    }
}

// MARK: - Keys

private func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if var dialog = state.dialog {
        switch dialog.handle(key) {
        case .pending:
            state.dialog = dialog
            return []
        case .cancel:
            state.dialog = nil
            return []
        case .no:
            state.dialog = nil
            return dialog.onNo.map { perform($0, text: nil, &state) } ?? []
        case .yes(let text):
            state.dialog = nil
            return perform(dialog.action, text: text, &state)
        }
    }
    // Help is not drawn in a window too small for the screens: keys then act as if it were closed (F10 asks to quit).
    if state.showHelp && !state.isLargeEnough { state.showHelp = false }
    if state.showHelp {
        let help = Help.content(state)
        let most = HelpOverlay.maxScroll(intro: help.intro, entries: help.keys, width: state.size.cols, height: state.size.rows)
        let page = HelpOverlay.visibleRows(height: state.size.rows) - 1
        switch key {
        case _ where Keys.isUp(key): state.helpScroll = max(state.helpScroll - 1, 0)
        case _ where Keys.isDown(key): state.helpScroll = min(state.helpScroll + 1, most)
        case .pageUp: state.helpScroll = max(state.helpScroll - page, 0)
        case .pageDown, .char(" "): state.helpScroll = min(state.helpScroll + page, most)
        default: state.showHelp = false
        }
        return []
    }
    if state.progress != nil {
        // The export runs off the terminal's thread; the keys wait for it (quitting would leave half a file).
        if key != .resize { state.message = StatusMessage("Идёт выгрузка — дождитесь окончания", .warning) }
        return []
    }
    state.message = nil
    guard state.isLargeEnough else {
        if AppKeys.quit(state).matches(key, typing: false) || Keys.isQuit(key) { state.dialog = quitDialog(state) }
        return []
    }
    let typing = state.top.capturesText
    let ctx = state.context
    if let done = AppKeys.first(state).dispatch(key, typing: typing, on: &state, ctx) { return apply(done, &state) }
    if let done = state.stack[state.stack.count - 1].update(key, ctx) { return apply(done, &state) }
    if let done = AppKeys.last(state).dispatch(key, typing: typing, on: &state, ctx) { return apply(done, &state) }
    return []
}

/// The app's own keys, around every screen's: help and the methodist's sections before, back and quit after.
enum AppKeys {
    static func first(_ state: AppState) -> [Binding<AppState>] {
        var out = [Binding<AppState>(Keys.help, "F1", hint: "Помощь", help: "эта помощь (также ?)", whileTyping: true) { s, _ in
            s.showHelp = true
            s.helpScroll = 0
            return []
        }]
        let sections = Sections.of(state.person)
        let onFirst = state.stack.count == 1 && !state.top.part.isBusy
        // Leaving by a digit would drop what is typed in a form.
        let typed = state.top.hasUnsavedInput ? "сначала сохраните или закройте форму" : nil
        for (i, section) in sections.enumerated() {
            let help = i > 0 ? "" : "разделы с любого экрана: "
                + sections.map { "\($0.key) — \($0.title.lowercased())" }.joined(separator: ", ")
            out.append(Binding([.char(section.key)], Sections.keysLabel(sections), hint: i == 0 && onFirst ? "Разделы" : nil, help: help,
                               disabled: typed) { s, _ in
                s.stack = [s.stack[0]]
                return section.screen.map(open) ?? []
            })
        }
        return out
    }

    static func quit(_ state: AppState) -> Binding<AppState> {
        let top = state.stack.count == 1
        let typing = state.top.capturesText
        return Binding([.function(10), .ctrl("c")] + (top ? Keys.quit : []), top && !typing ? "q, F10" : "F10", hint: "Выход",
                       help: "выход с вопросом (также Ctrl+C" + (top ? ", q на первом экране)" : ")"), whileTyping: true) { s, _ in
            s.dialog = quitDialog(s)
            return []
        }
    }

    static func last(_ state: AppState) -> [Binding<AppState>] {
        var out: [Binding<AppState>] = []
        if state.stack.count > 1 {
            out.append(Binding([.escape] + Keys.quit, "Esc", hint: state.top.capturesText ? nil : "Назад",
                               help: "назад (также q)", whileTyping: true) { s, _ in
                if s.stack.count > 1 { s.stack.removeLast() }
                return []
            })
        }
        out.append(quit(state))
        return out
    }
}

func quitDialog(_ state: AppState) -> Dialog {
    var lines = ["Выйти? (y/n)"]
    if state.top.hasUnsavedInput { lines.append("Введённое в форме ещё не сохранено и будет потеряно.") }
    return Dialog(title: "Выход", lines: lines, action: .quit)
}

/// Carries out what a screen asked for.
func apply(_ commands: [ScreenCommand], _ state: inout AppState) -> [Effect] {
    var effects: [Effect] = []
    for c in commands {
        switch c {
        case .effect(let e): effects.append(e)
        case .push(let s): state.stack.append(s)
        case .pop: if state.stack.count > 1 { state.stack.removeLast() }
        case .dialog(let d): state.dialog = d
        case .message(let m): state.message = m
        }
    }
    return effects
}

/// What a dialog's "yes" (or "no") does.
private func perform(_ action: DialogAction, text: String?, _ state: inout AppState) -> [Effect] {
    switch action {
    case .quit:
        return [.quit]
    case .effects(let e):
        return e
    case .reopen(let org, let period):
        let comment = Whitespace.trimmed(text ?? "")
        guard !comment.isEmpty else {
            state.message = StatusMessage("Напишите руководителю, что исправить: без комментария карта не возвращается", .warning)
            return []
        }
        return [.reopen(org: org, period: period, comment: comment)]
    case .returnCard(let org, let period, let rev):
        let comment = Whitespace.trimmed(text ?? "")
        guard !comment.isEmpty else {
            state.message = StatusMessage("Напишите руководителю, что исправить: без комментария карта не возвращается", .warning)
            return []
        }
        return [.returnCard(org: org, period: period, comment: comment, expectedRevision: rev)]
    case .saveForm:
        return withTopCard(&state) { s, ctx in s.commitForm(ctx) }
    case .saveFormAnyway:
        return withTopCard(&state) { s, ctx in s.commitForm(ctx, confirmed: true) }
    case .discardForm:
        return withTopCard(&state) { s, ctx in s.form = nil; s.select(s.selected, ctx); return [] }
    case .closeScreen:
        if state.stack.count > 1 { state.stack.removeLast() }
        return []
    }
}

/// Runs `body` on the card screen on top, if it is one, and applies what it asks for.
private func withTopCard(_ state: inout AppState, _ body: (inout CardScreen, ScreenContext) -> [ScreenCommand]) -> [Effect] {
    guard case .card(var s) = state.top else { return [] }
    let commands = body(&s, state.context)
    state.stack[state.stack.count - 1] = .card(s)
    return apply(commands, &state)
}

// MARK: - Results of effects

/// A save's or a failure's result goes to the topmost screen that takes it (the one that asked).
private func deliver(_ msg: Msg, _ state: inout AppState) -> [Effect]? {
    for i in state.stack.indices.reversed() {
        let ctx = state.context
        if let commands = state.stack[i].modify({ $0.receive(msg, ctx) }) { return apply(commands, &state) }
    }
    return nil
}

private func saved(_ state: inout AppState, _ d: CardData, _ kind: SaveKind) -> [Effect] {
    var effects = deliver(.saved(d, kind), &state) ?? []
    switch kind {
    case .accepted, .returned:
        if case .card(let s) = state.top, s.org == d.org, state.stack.count > 1 { state.stack.removeLast() }
        state.message = StatusMessage(kind == .accepted ? "Карта \(d.org) принята"
                                      : "Карта \(d.org) возвращена руководителю на исправление")
        effects.append(.loadOverview)
    case .submitted:
        if state.overview != nil { effects.append(.loadOverview) }
    case .indicator, .reviewed:
        break
    }
    return effects
}

private func failed(_ state: inout AppState, _ f: EffectFailure) -> [Effect] {
    if case .export = f.effect { state.progress = nil }
    if let effects = deliver(.failed(f), &state) { return effects }
    state.message = StatusMessage(f.message, .error)
    return []
}

/// What reloads the screen on top (nothing while a form is open: the user is typing).
func reloadShown(_ state: AppState) -> [Effect] {
    let top = state.top.part
    guard !top.isBusy else { return [] }
    return top.loadEffects + (top.usesOverview ? [.loadOverview] : [])
}
