import Foundation

/// A real OpenSSH server on 127.0.0.1 with its own host key and `authorized_keys`, for end-to-end tests.
/// Started by the test itself, on a free port, and stopped when the test ends.
public final class SSHServer: @unchecked Sendable {
    public let dir: String
    public let port: Int
    public let clientKey: String
    private let process: Process

    public enum Failure: Error, CustomStringConvertible {
        case missing(String), failed(String)
        public var description: String {
            switch self {
            case .missing(let w): return "\(w) is not installed (apt-get install openssh-server openssh-client)"
            case .failed(let w): return w
            }
        }
    }

    /// Makes keys, asks `authorizedKeysLine(clientPublicKeyPath)` for the authorized_keys line, starts sshd.
    public init(authorizedKeysLine: (String) async throws -> String) async throws {
        for tool in ["/usr/sbin/sshd", "/usr/bin/ssh-keygen", "/usr/bin/ssh"] where !FileManager.default.fileExists(atPath: tool) {
            throw Failure.missing(tool)
        }
        dir = Fixture.tempDir("sshd")
        try Shell.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir + "/host_key"])
        try Shell.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir + "/client_key"])
        clientKey = dir + "/client_key"
        let line = try await authorizedKeysLine(dir + "/client_key.pub")
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/authorized_keys"))
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        port = SSHServer.freePort()
        let config = """
        ListenAddress 127.0.0.1
        Port \(port)
        HostKey \(dir)/host_key
        PidFile \(dir)/sshd.pid
        AuthorizedKeysFile \(dir)/authorized_keys
        StrictModes no
        UsePAM no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        PermitRootLogin prohibit-password
        PermitUserEnvironment no
        AcceptEnv none
        LogLevel ERROR
        """
        try Data(config.utf8).write(to: URL(fileURLWithPath: dir + "/sshd_config"))
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/sshd")
        process.arguments = ["-D", "-e", "-f", dir + "/sshd_config"]
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // Wait (bounded) until the port accepts connections.
        let deadline = Date().addingTimeInterval(10)
        while !SSHServer.accepts(port) {
            guard process.isRunning, Date() < deadline else { throw Failure.failed("sshd did not start on port \(port)") }
            usleep(50_000)
        }
    }

    /// `ssh` arguments that reach this server as the current user with the client key.
    public var sshArguments: [String] {
        ["-p", "\(port)", "-i", clientKey, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "\(NSUserName())@127.0.0.1"]
    }

    public func stop() {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
    }

    deinit { stop() }

    static func freePort() -> Int {
        for _ in 0..<50 {
            let p = Int.random(in: 20_000...60_000)
            if !accepts(p) { return p }
        }
        return 2222
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// Runs a helper program (ssh-keygen, tmux) and returns its output; non-zero exit throws.
public enum Shell {
    @discardableResult
    public static func run(_ tool: String, _ args: [String], allowFailure: Bool = false) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if p.terminationStatus != 0 && !allowFailure {
            throw SSHServer.Failure.failed("\(tool) \(args.joined(separator: " ")) exited \(p.terminationStatus): \(text)")
        }
        return text
    }
}

/// A tmux server of its own (its own socket), for driving the real terminal UI as a person would.
public final class Tmux: @unchecked Sendable {
    public let socket: String
    public let session = "t"

    /// Starts `command` in a new detached session of `width`×`height`.
    public init(_ command: String, width: Int = 100, height: Int = 30, env: [String: String] = [:]) throws {
        socket = "profrost-test-\(UUID().uuidString.prefix(8))"
        var args = ["-L", socket, "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)"]
        for (k, v) in env.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        args.append(command)
        try Shell.run(Tmux.path, args)
        try Shell.run(Tmux.path, ["-L", socket, "set-option", "-t", session, "remain-on-exit", "on"])
    }

    public static var path: String { FileManager.default.fileExists(atPath: "/usr/bin/tmux") ? "/usr/bin/tmux" : "/usr/local/bin/tmux" }

    /// Sends tmux key names (`Enter`, `Down`, `Escape`) or literal text (`literal: true`).
    public func send(_ keys: String..., literal: Bool = false) throws {
        try Shell.run(Tmux.path, ["-L", socket, "send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
    }

    public func capture() throws -> String {
        try Shell.run(Tmux.path, ["-L", socket, "capture-pane", "-p", "-t", session])
    }

    /// Polls the screen until `text` appears (bounded); returns the screen, or throws with what was seen.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if screen.contains(text) { return screen }
            usleep(100_000)
        }
        throw SSHServer.Failure.failed("«\(text)» did not appear within \(timeout) s; the screen was:\n\(screen)")
    }

    public func resize(width: Int, height: Int) throws {
        try Shell.run(Tmux.path, ["-L", socket, "resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Exit status of the pane's process once it ended (nil while running).
    public func exitStatus() throws -> Int? {
        let s = try Shell.run(Tmux.path, ["-L", socket, "display-message", "-p", "-t", session, "#{pane_dead} #{pane_dead_status}"])
        let parts = s.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.count == 2, parts[0] == "1" else { return nil }
        return Int(parts[1])
    }

    public func kill() { _ = try? Shell.run(Tmux.path, ["-L", socket, "kill-server"], allowFailure: true) }
    deinit { kill() }
}
