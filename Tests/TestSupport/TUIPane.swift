import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One program in a tmux server of its own (`tmux -L <unique>`). tmux is started with posix_spawn and an empty
/// signal mask, so the program gets SIGHUP and SIGTERM as in a real terminal, and waited for with waitpid.
public final class TUIPane: @unchecked Sendable {
    public let socket = "profrost-tui-\(getpid())-\(UUID().uuidString.prefix(8))"

    /// The `profrost` built beside this test binary (any --scratch-path), else `.build/debug/profrost`.
    public static func binary() -> String? {
        let beside = ((CommandLine.arguments.first ?? "") as NSString).deletingLastPathComponent
        return [(beside as NSString).appendingPathComponent("profrost"), Binary.path]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `command` in the pane; when it ends, the shell prints its exit status on the (restored) screen.
    public init(_ command: String, width: Int = 100, height: Int = 30) throws {
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)",
                  "\(command); echo profrost-exit=$?; sleep 600"])
    }

    public func keys(_ names: String...) throws { try tmux(["send-keys", "-t", "t"] + names) }
    public func type(_ text: String) throws { try tmux(["send-keys", "-t", "t", "-l", text]) }
    public func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", "t"]) }
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `text` appears (at most `timeout` seconds); returns the screen.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 15) throws -> String {
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
    public func quit(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try type("q")
        try waitFor("Выйти? (y/n)")
        try type("y")
        let screen = try waitFor("profrost-exit=")
        #expect(screen.contains("profrost-exit=0"), "exit status", sourceLocation: sourceLocation)
        #expect(!screen.contains("профрост ·"), "the terminal is given back", sourceLocation: sourceLocation)
    }

    /// Ends the tmux server (and the program in it) and removes its socket.
    public func kill() {
        _ = try? tmux(["kill-server"], check: false)
        let dir = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        unlink("\(dir)/tmux-\(getuid())/\(socket)")
    }

    public struct PaneError: Error, CustomStringConvertible {
        public let description: String
        public init(_ d: String) { description = d }
    }

    /// Runs `tmux -L socket args…`, returns its output.
    @discardableResult
    public func tmux(_ args: [String], check: Bool = true) throws -> String {
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
