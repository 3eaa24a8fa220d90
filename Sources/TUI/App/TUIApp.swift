import Foundation
import Model
#if canImport(Glibc)
import Glibc
#endif

/// The run loop: owns the terminal, the Session and the one `AppState`; keys in, effects performed, frames out.
public enum TUIApp {
    /// Runs the terminal UI for the session's person until they quit. The terminal is restored on every way out.
    /// `exporter` writes .xlsx workbooks (the program's; see `WorkbookExporter`); without one the export says so.
    public static func run(session: Session, exporter: (any WorkbookExporter)? = nil) throws {
        let name = (try? session.workspace.info().name) ?? ""
        let terminal = try CursesTerminal.start()
        defer { terminal.stop() }
        let size = terminal.size
        let loading = AppState.start(person: session.person, today: session.today, workspaceName: name, size: size).0
        terminal.draw { canvas in view(loading, on: &canvas) }  // "Загрузка…" at once, then the data
        var loop = AppLoop(person: session.person, today: session.today, workspaceName: name, size: size,
                           runner: EffectRunner(session: session, exporter: exporter))
        var quickEmptyReads = 0
        var drawn: AppState?
        while !loop.quit {
            // `view` is pure: a state equal to the one on screen would draw the same cells, so it is not drawn again
            // (a tick that found nothing new, once a second in every session; a key that changed nothing). Comparing
            // is cheap: what did not change still shares its storage with the state drawn.
            if drawn != loop.state {
                terminal.draw { canvas in view(loop.state, on: &canvas) }
                drawn = loop.state
            }
            let started = Date()
            // While work runs in the background, ticks come faster, to show how far it has got.
            let timeout = loop.state.progress == nil ? 1000 : 150
            switch terminal.readKey(timeoutMs: Int32(timeout)) {
            case nil:
                // A read that fails at once, again and again, is a terminal that went away (the SSH
                // connection dropped with SIGHUP blocked): stop instead of spinning.
                if Date().timeIntervalSince(started) < Double(timeout) / 5000 {
                    quickEmptyReads += 1
                    if quickEmptyReads >= 20 || inputHungUp() { return }
                } else {
                    quickEmptyReads = 0
                }
                loop.send(.tick)
            case .resize?:
                quickEmptyReads = 0
                drawn = nil  // drawn again even at the size it had (shrunk and grown back, cut-off cells were lost)
                loop.send(.resize(terminal.size))
            case let key?:
                quickEmptyReads = 0
                loop.send(.key(key))
            }
        }
    }

    /// Whether standard input reports a hang-up or an error.
    static func inputHungUp() -> Bool {
        var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) >= 0 else { return true }
        return p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }
}
