import Model

/// What `?` and F1 show: the screen's own paragraphs, then every key that works there — the app's and the
/// screen's bindings, as declared — and how to move in lists.
enum Help {
    static let moving: [KeyHint] = [
        KeyHint("↑ ↓ j k", "перейти по строкам; PgUp, PgDn, Home, End — быстрее"),
    ]

    static func content(_ state: AppState) -> (intro: [String], keys: [KeyHint]) {
        let ctx = state.context
        let part = state.top.part
        let own = part.helpEntries(ctx)
        let first = AppKeys.first(state).filter { !$0.help.isEmpty }.map(\.helpEntry)
        let last = AppKeys.last(state).filter { !$0.help.isEmpty }.map(\.helpEntry)
        return (part.helpIntro(ctx), own + moving + first + last)
    }
}
