import Foundation
import Testing
import ChildProcess
#if canImport(Glibc)
import Glibc
#endif

/// One program in a tmux server of its own (`tmux -L <unique>`). tmux is started through `Child` (an empty signal
/// mask, so the program gets SIGHUP and SIGTERM as in a real terminal; no descriptor of ours; a deadline).
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
        Watchdog.arm()
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

    /// Runs `tmux -L socket args…` (at most 30 s), returns its output.
    @discardableResult
    public func tmux(_ args: [String], check: Bool = true) throws -> String {
        let path = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") ? "/usr/bin/tmux" : "/usr/local/bin/tmux"
        let r = try Child.run(path, ["-L", socket] + args, timeout: 30)
        let text = r.output + r.error
        if check && !r.succeeded {
            throw PaneError("tmux \(args.joined(separator: " ")) failed (\(r.timedOut ? "no answer in 30 s" : "status \(r.status)")): \(text)")
        }
        return text
    }
}
