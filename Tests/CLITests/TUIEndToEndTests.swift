import Foundation
import Testing
import Model
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The real binary in a real terminal (tmux, 100×30, no LANG): a principal fills an indicator with evidence and
/// submits, a reviewer confirms one indicator and returns the card, the methodist sees the change on the dashboard.
/// Needs `swift build` first (CI runs it before `swift test`).
@Suite struct TUIEndToEndTests {
    @Test func principalSubmitsReviewerReturnsMethodistSees() throws {
        let bin = try #require(TUIPane.binary(), "build profrost first (swift build)")
        let ws = try Fixture.demoWorkspace(today: Day(year: 2026, month: 9, day: 10))
        let period = try ws.campaign(orLatest: nil).period
        let org = "sch-004"
        #expect(try ws.savedCard(org: org, period: period)?.status == .draft)
        let cards = try ws.loadCards(period: period, orgs: try ws.organisations().map(\.id))
        let returnedBefore = cards.values.filter { $0.status == .returned }.count
        func start(_ person: String) throws -> TUIPane {
            try TUIPane("env -u LANG -u LC_ALL -u LC_CTYPE -u PROFROST_TODAY TERM=xterm-256color "
                        + "\(bin) --data \(ws.root) --today 2026-09-10 --as \(person)")
        }

        // The principal: d1.1 is a share (two counts), then the document's name, number and date; then submit.
        let p = try start("dir-\(org)")
        defer { p.kill() }
        var screen = try p.waitFor("Статус: черновик")
        #expect(!screen.contains("\u{FFFD}"))
        try p.keys("Enter")
        try p.waitFor("Всего педагогических работников")
        try p.keys("C-u"); try p.type("40"); try p.keys("Tab", "C-u"); try p.type("36"); try p.keys("Enter")
        try p.waitFor("Показатель d1.1 сохранён")
        try p.type("Справка МБУ МИМЦ"); try p.keys("Enter")
        try p.type("12-од"); try p.keys("Enter")
        try p.type("01.09.2026"); try p.keys("Enter")
        try p.waitFor("Документ: Справка МБУ МИМЦ № 12-од от 01.09.2026")
        try p.keys("F5")
        try p.waitFor("y (д) — да")
        try p.type("y")
        screen = try p.waitFor("Статус: на проверке")
        #expect(screen.contains("Только просмотр: Карта подана и ожидает проверки"))
        try p.quit()
        let submitted = try #require(try ws.savedCard(org: org, period: period))
        #expect(submitted.status == .submitted)
        #expect(submitted.answers["d1.1"] == .ratio(part: 36, whole: 40))
        #expect(submitted.evidence["d1.1"] == Evidence(document: "Справка МБУ МИМЦ", number: "12-од", date: "01.09.2026"))

        // The reviewer: finds the card in the queue, confirms d1.1, returns the card with a comment.
        let r = try start("expert1")
        defer { r.kill() }
        try r.waitFor("Очередь проверки")
        try r.type("/"); try r.type(org); try r.keys("Enter")
        try r.waitFor("Фильтр: \(org)")
        try r.keys("Enter")
        try r.waitFor("Проверка карты")
        try r.type("1")
        try r.waitFor("Показатель d1.1: подтверждено")
        try r.keys("F8")
        try r.waitFor("Комментарий для руководителя")
        try r.keys("Enter")
        try r.waitFor("возвращена руководителю на исправление")
        try r.quit()
        let returned = try #require(try ws.savedCard(org: org, period: period))
        #expect(returned.status == .returned)
        #expect(returned.reviews["d1.1"]?.verdict == .confirmed)

        // The methodist: the dashboard counts one more returned card and lists the change; a resize uses the width.
        let m = try start("metodist")
        defer { m.kill() }
        let n = "\(returnedBefore + 1)"
        screen = try m.waitFor("возвращена" + String(repeating: " ", count: 8 - n.count) + n)
        #expect(screen.contains("\(org) возвращена  expert1"))
        #expect(!screen.contains("\u{FFFD}"))
        try m.resize(width: 120, height: 40)
        // The title bar's right end moves to the new width; the key line to the new last row.
        let deadline = Date().addingTimeInterval(15)
        var rows = screen.components(separatedBy: "\n")
        while (rows.first?.count ?? 0) < 110 && Date() < deadline {
            usleep(50_000)
            screen = try m.capture()
            rows = screen.components(separatedBy: "\n")
        }
        #expect(rows.first?.hasSuffix("Смирнова Е. В. · методист · 10.09.2026") == true)
        #expect((rows.first?.count ?? 0) >= 110, "the title bar spans the new width")
        #expect(rows.firstIndex { $0.hasPrefix("F1 Помощь") } == 39, "the key line is on the new last row")
        try m.quit()
    }
}

/// One program in a tmux server of its own (`tmux -L <unique>`). tmux is started with posix_spawn and an empty
/// signal mask, so the program gets SIGHUP and SIGTERM as in a real terminal, and waited for with waitpid.
final class TUIPane {
    let socket = "profrost-tui-\(getpid())-\(UUID().uuidString.prefix(8))"

    /// The `profrost` built beside this test binary (any --scratch-path), else `.build/debug/profrost`.
    static func binary() -> String? {
        let beside = ((CommandLine.arguments.first ?? "") as NSString).deletingLastPathComponent
        return [(beside as NSString).appendingPathComponent("profrost"), Binary.path]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `command` in the pane; when it ends, the shell prints its exit status on the (restored) screen.
    init(_ command: String, width: Int = 100, height: Int = 30) throws {
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)",
                  "\(command); echo profrost-exit=$?; sleep 600"])
    }

    func keys(_ names: String...) throws { try tmux(["send-keys", "-t", "t"] + names) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "t", "-l", text]) }
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", "t"]) }
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `text` appears (at most `timeout` seconds); returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if screen.contains(text) { return screen }
            usleep(50_000)
        }
        throw PaneError("«\(text)» did not appear within \(timeout) s; the screen was:\n\(screen)")
    }

    /// `q`, `y`: the program ends with status 0 and the full-screen UI is gone.
    func quit(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try type("q")
        try waitFor("Выйти? (y/n)")
        try type("y")
        let screen = try waitFor("profrost-exit=")
        #expect(screen.contains("profrost-exit=0"), "exit status", sourceLocation: sourceLocation)
        #expect(!screen.contains("профрост ·"), "the terminal is given back", sourceLocation: sourceLocation)
    }

    /// Ends the tmux server (and the program in it) and removes its socket.
    func kill() {
        _ = try? tmux(["kill-server"], check: false)
        let dir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        unlink("\(dir)/tmux-\(getuid())/\(socket)")
    }

    struct PaneError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    /// Runs `tmux -L socket args…`, returns its output.
    @discardableResult
    func tmux(_ args: [String], check: Bool = true) throws -> String {
        let path = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") ? "/usr/bin/tmux" : "/usr/local/bin/tmux"
        let argv = [path, "-L", socket] + args
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw PaneError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGQUIT, SIGCHLD] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cargs = argv.map { strdup($0) }
        cargs.append(nil)
        defer { for a in cargs { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, cargs, environ)
        close(fds[1])
        guard rc == 0 else { close(fds[0]); throw PaneError("cannot run \(path): \(rc)") }
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n > 0 { out.append(contentsOf: buffer[0..<n]) } else if n < 0 && errno == EINTR { continue } else { break }
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = String(decoding: out, as: UTF8.self)
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        if check && !(exited && code == 0) {
            throw PaneError("tmux \(args.joined(separator: " ")) failed (\(status)): \(text)")
        }
        return text
    }
}
