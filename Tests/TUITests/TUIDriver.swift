import Foundation
import Model
import TestSupport
@testable import TUI

/// Drives the app as the run loop does, without a terminal: keys go through `update`, effects are performed
/// with a real Session on a demo workspace, and the screen is drawn on a `MemoryCanvas`.
final class TUIDriver {
    static let today = Day(year: 2026, month: 9, day: 10)!
    /// The moment every save in these tests happens at (so dates on screen are stable).
    static let now = Date(timeIntervalSince1970: 1_789_030_800)  // 2026-09-10 09:00 UTC

    /// The same loop the terminal app runs.
    var loop: AppLoop
    var state: AppState {
        get { loop.state }
        set { loop.state = newValue }
    }
    let runner: EffectRunner
    let workspace: Workspace
    /// Every effect `update` asked for, in order.
    var effects: [Effect] { loop.effects }
    var quit: Bool { loop.quit }

    init(_ ws: Workspace, as person: String? = nil, today: Day = TUIDriver.today, cols: Int = 80, rows: Int = 24,
         exporter: (any WorkbookExporter)? = nil) throws {
        let opened = try Session.open(ws, as: person, today: today)
        let session = Session(workspace: ws, person: opened.person, today: today, now: { TUIDriver.now })
        workspace = ws
        runner = EffectRunner(session: session, exporter: exporter)
        loop = AppLoop(person: session.person, today: today, workspaceName: try ws.info().name,
                       size: TerminalSize(rows: rows, cols: cols), runner: runner, records: true)
    }

    /// A driver on a new demo workspace made on 10.09.2026.
    static func demo(as person: String? = nil, today: Day = TUIDriver.today, cols: Int = 80, rows: Int = 24) throws -> TUIDriver {
        try TUIDriver(try Fixture.demoWorkspace(today: TUIDriver.today), as: person, today: today, cols: cols, rows: rows)
    }

    func send(_ msg: Msg) { loop.send(msg) }

    /// Ticks, as the terminal's loop does, until the work in the background is done (at most `timeout` seconds);
    /// `each` sees every frame drawn meanwhile.
    func waitForWork(timeout: Double = 60, each: (TUIDriver) -> Void = { _ in }) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while state.progress != nil {
            guard Date() < deadline else { throw WorkTimeout() }
            each(self)
            usleep(20_000)
            send(.tick)
        }
    }

    struct WorkTimeout: Error {}

    func run(_ list: [Effect]) { loop.run(list) }

    func press(_ keys: Key...) { for k in keys { send(.key(k)) } }

    func press(_ key: Key, times: Int) { for _ in 0..<times { send(.key(key)) } }

    /// Types text as key presses, one character at a time.
    func type(_ text: String) { for c in text { send(.key(.char(c))) } }

    func resize(cols: Int, rows: Int) { send(.resize(TerminalSize(rows: rows, cols: cols))) }

    var canvas: MemoryCanvas {
        var c = MemoryCanvas(width: state.size.cols, height: state.size.rows)
        view(state, on: &c)
        return c
    }

    var lines: [String] { canvas.lines }
    var text: String { canvas.text }

    /// The message under the screen as drawn (one or two rows above the key line), joined into one string.
    var message: String {
        guard let m = state.message else { return "" }
        let n = TextWrap.lines(m.text, width: state.size.cols - 2, maxLines: 2).count
        let rows = lines[(state.size.rows - 1 - n)..<(state.size.rows - 1)]
        return rows.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// The notice under a card's total (one or two rows), joined.
    var notice: String {
        guard let c = card else { return "" }
        let n = c.noticeLines(state.context).count
        return lines[3..<(3 + n)].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// The card screen on top, if it is one.
    var card: CardScreen? {
        if case .card(let s) = state.top { return s }
        return nil
    }

    /// The card as saved on disk now.
    func saved(_ org: String) throws -> ExpertCard? {
        try workspace.savedCard(org: org, period: try workspace.campaign(orLatest: nil).period)
    }

    /// Moves the selection of the card on top to an indicator.
    func select(_ indicator: String) {
        guard let i = card?.indicators.firstIndex(where: { $0.id == indicator }), let from = card?.selected else { return }
        if i > from { press(.down, times: i - from) } else { press(.up, times: from - i) }
    }
}

/// Checks every line of a screen: fits the width, no replacement characters, no control characters.
func isClean(_ canvas: MemoryCanvas) -> Bool {
    canvas.lines.allSatisfy { line in
        TextWidth.width(of: line) <= canvas.width && !line.contains("\u{FFFD}")
            && !line.unicodeScalars.contains { $0.value < 0x20 }
    }
}
