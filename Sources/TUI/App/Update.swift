import Foundation
import Model

/// The one place state changes: a message in, the new state and the effects to perform out. Pure.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .key(let key):
        state.idleTicks = 0
        if key == .resize { return [] }
        return handleKey(&state, key)
    case .resize(let size):
        state.size = size
        return []
    case .tick:
        return refreshIfIdle(&state)
    case .overviewLoaded(let o):
        state.overview = o
        state.workspaceName = o.workspaceName
        return []
    case .cardLoaded(let d):
        let ctx = state.context
        for i in state.stack.indices {
            if case .card(var s) = state.stack[i], s.org == d.org { s.loaded(d, ctx); state.stack[i] = .card(s) }
        }
        return []
    case .rankingLoaded(let r):
        for i in state.stack.indices { if case .clusters(var s) = state.stack[i] { s.loaded(r); state.stack[i] = .clusters(s) } }
        return []
    case .zonesLoaded(let r):
        for i in state.stack.indices { if case .zones(var s) = state.stack[i] { s.loaded(r); state.stack[i] = .zones(s) } }
        return []
    case .profileLoaded(let d):
        for i in state.stack.indices {
            if case .profile(var s) = state.stack[i], s.org == d.organisation.id { s.loaded(d); state.stack[i] = .profile(s) }
        }
        return []
    case .saved(let d, let kind):
        return saved(&state, d, kind)
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
    if state.showHelp {
        let help = Help.content(for: state.top, role: state.person.role)
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
    state.message = nil
    if key == .function(10) || key == .ctrl("c") || (!state.isLargeEnough && Keys.isQuit(key)) {
        state.dialog = quitDialog(state)
        return []
    }
    guard state.isLargeEnough else { return [] }
    if key == .function(1) || (Keys.isHelp(key) && !state.top.capturesText) {
        state.showHelp = true
        state.helpScroll = 0
        return []
    }
    var screen = state.top
    let capturing = screen.capturesText
    let commands = screen.update(key, state.context)
    state.stack[state.stack.count - 1] = screen
    if let commands { return apply(commands, &state) }
    if key == .escape || (!capturing && Keys.isQuit(key)) {
        if state.stack.count > 1 {
            state.stack.removeLast()
        } else if Keys.isQuit(key) {
            state.dialog = quitDialog(state)
        }
    }
    return []
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
    case .returnCard(let org, let period, let rev):
        let comment = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !comment.isEmpty else {
            state.message = StatusMessage("Напишите руководителю, что исправить: без комментария карта не возвращается", .warning)
            return []
        }
        return [.returnCard(org: org, period: period, comment: comment, expectedRevision: rev)]
    case .saveForm:
        return withTopCard(&state) { s, _ in s.commitForm(close: true) }
    case .discardForm:
        return withTopCard(&state) { s, ctx in s.form = nil; s.select(s.selected, ctx); return [] }
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

private func saved(_ state: inout AppState, _ d: CardData, _ kind: SaveKind) -> [Effect] {
    let ctx = state.context
    var effects: [Effect] = []
    for i in state.stack.indices.reversed() {
        guard case .card(var s) = state.stack[i], s.org == d.org else { continue }
        let commands = s.saved(d, kind, ctx)
        state.stack[i] = .card(s)
        effects += apply(commands, &state)
        break
    }
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
    let ctx = state.context
    if let org = f.effect.cardOrg {
        for i in state.stack.indices.reversed() {
            guard case .card(var s) = state.stack[i], s.org == org else { continue }
            if case .loadCard = f.effect, s.data == nil { s.loadError = f.message }
            let commands = s.failed(f, ctx)
            state.stack[i] = .card(s)
            return apply(commands, &state)
        }
    }
    if case .loadProfile(let org) = f.effect {
        for i in state.stack.indices.reversed() {
            guard case .profile(var s) = state.stack[i], s.org == org else { continue }
            s.loadError = f.message
            state.stack[i] = .profile(s)
            if s.data == nil { return [] }  // the refusal is on the screen itself
        }
    }
    state.message = StatusMessage(f.message, .error)
    return []
}

/// About every 30 s without keys: reload what is shown, to see what others changed (never under an open form).
private func refreshIfIdle(_ state: inout AppState) -> [Effect] {
    state.idleTicks += 1
    guard state.idleTicks >= 30, state.dialog == nil else { return [] }
    state.idleTicks = 0
    switch state.top {
    case .card(let s):
        guard s.form == nil, s.data != nil else { return [] }
        return [.loadCard(org: s.org, period: s.data?.period)]
    default:
        let own = state.top.loadEffects
        return own.isEmpty ? (state.top.usesOverview ? [.loadOverview] : []) : own
    }
}
