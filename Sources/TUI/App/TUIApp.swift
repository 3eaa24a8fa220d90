import Model

/// The run loop: owns the terminal, the Session and the one `AppState`; keys in, effects performed, frames out.
public enum TUIApp {
    /// Runs the terminal UI for the session's person until they quit. The terminal is restored on every way out.
    public static func run(session: Session) throws {
        let name = (try? session.workspace.info().name) ?? ""
        let terminal = try CursesTerminal.start()
        defer { terminal.stop() }
        let runner = EffectRunner(session: session)
        var (state, first) = AppState.start(person: session.person, today: session.today, workspaceName: name,
                                            size: terminal.size)
        var pending: [Msg] = []
        /// Performs effects; false once one of them is `.quit`.
        func perform(_ effects: [Effect]) -> Bool {
            for e in effects {
                if e == .quit { return false }
                pending += runner.perform(e)
            }
            return true
        }
        guard perform(first) else { return }
        while true {
            while !pending.isEmpty {
                let msg = pending.removeFirst()
                guard perform(update(&state, msg)) else { return }
            }
            terminal.draw { canvas in view(state, on: &canvas) }
            switch terminal.readKey(timeoutMs: 1000) {
            case nil: pending.append(.tick)
            case .resize?: pending.append(.resize(terminal.size))
            case let key?: pending.append(.key(key))
            }
        }
    }
}
