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
        // The app's keys that can reach the app here: not those the screen takes for itself (a form's Esc), nor,
        // while a field takes the typing, letters and digits (they are text then).
        let claimed = part.boundKeys(ctx)
        let typing = part.capturesText
        func reachable(_ b: Binding<AppState>) -> Bool {
            !b.help.isEmpty && b.keys.contains { key in
                if claimed.contains(key) { return false }
                if typing, case .char = key { return false }
                return true
            }
        }
        let first = AppKeys.first(state).filter(reachable).map(\.helpEntry)
        let last = AppKeys.last(state).filter(reachable).map(\.helpEntry)
        return (part.helpIntro(ctx), own + (typing ? [] : moving) + first + last)
    }
}

extension ScreenPart {
    /// Every key the screen's own bindings take.
    func boundKeys(_ ctx: ScreenContext) -> [Key] { bindings(ctx).flatMap(\.keys) }
}
