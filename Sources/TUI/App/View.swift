import Model

/// Draws the whole screen from the state: title bar, the screen on top, the message line, the keys, overlays.
/// Pure: the same state always gives the same cells.
public func view(_ state: AppState, on canvas: inout some Canvas) {
    canvas.clearAll()
    let w = canvas.width, h = canvas.height
    guard w >= AppState.minimumSize.cols, h >= AppState.minimumSize.rows else {
        drawTooSmall(state, on: &canvas)
        return
    }
    var ctx = state.context
    ctx.body = Rect(row: 1, col: 0, width: w, height: h - 3)
    // Title bar.
    canvas.fill(row: 0, col: 0, width: w, style: .highlight)
    let who = "\(Format.shortName(state.person.name)) · \(state.person.role.russian) · \(state.today.russian) "
    let ww = TextWidth.width(of: who)
    var title = " профрост · \(state.top.title)"
    // The municipality, when there is room for it (a principal over SSH sees where they are).
    let place = " · \(state.workspaceName)"
    if !state.workspaceName.isEmpty, TextWidth.width(of: title + place) + ww + 2 <= w { title += place }
    canvas.putTruncated(title, row: 0, col: 0, width: w - ww - 1, style: CellStyle.highlight.emphasized)
    canvas.put(who, row: 0, col: w - ww, style: .highlight)
    state.top.draw(on: &canvas, ctx)
    if let m = state.message {
        // A long message (an error with a path) takes the row above too, rather than being cut.
        let lines = TextWrap.lines(m.text, width: w - 2, maxLines: 2)
        for (i, line) in lines.enumerated() {
            canvas.putTruncated(" " + line, row: h - 1 - lines.count + i, col: 0, width: w, style: m.style)
        }
    }
    StatusLine.draw(state.progress == nil ? keyLine(state, ctx) : [KeyHint("", "Идёт выгрузка в Excel…")],
                    on: &canvas, row: h - 1, width: w)
    if state.showHelp {
        let help = Help.content(state)
        HelpOverlay.draw(title: state.top.title, intro: help.intro, entries: help.keys, scroll: state.helpScroll,
                         on: &canvas, width: w, height: h)
    }
    if let d = state.dialog { d.draw(on: &canvas, width: w, height: h) }
    if let p = state.progress { ProgressBox.draw(p, title: "Выгрузка в Excel", on: &canvas, width: w, height: h) }
}

/// The bottom line, made from the bindings: the app's first keys, the screen's, then back and quit.
func keyLine(_ state: AppState, _ ctx: ScreenContext) -> [KeyHint] {
    AppKeys.first(state).compactMap(\.keyHint) + state.top.part.hints(ctx) + AppKeys.last(state).compactMap(\.keyHint)
}

/// Below 80×24: a plain request for a larger window and, when a dialog is open (the quit question, a comment
/// being typed, unsaved changes), the whole dialog as plain lines, above the request if the window is short,
/// so that its question and its keys are always on the screen.
private func drawTooSmall(_ state: AppState, on canvas: inout some Canvas) {
    let w = max(canvas.width, 1), h = canvas.height
    var row = 0
    if let d = state.dialog {
        row = d.drawPlain(on: &canvas, row: 0, width: w, height: h) + 1
    }
    var lines = ["Окно терминала слишком маленькое: \(canvas.width)×\(canvas.height).",
                 "Нужно не меньше \(AppState.minimumSize.cols)×\(AppState.minimumSize.rows) — увеличьте окно."]
    if state.dialog == nil { lines.append("F10 — выход.") }
    for (i, line) in lines.enumerated() {
        for part in TextWrap.lines(line, width: w).ifEmpty([""]) where row < h {
            canvas.put(part, row: row, col: 0, style: i == 0 ? CellStyle.warn.emphasized : .normal)
            row += 1
        }
    }
}

private extension Array {
    func ifEmpty(_ other: [Element]) -> [Element] { isEmpty ? other : self }
}
