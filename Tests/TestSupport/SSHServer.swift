import Foundation
import ChildProcess

/// A real OpenSSH server on 127.0.0.1 with its own host key and `authorized_keys`, for end-to-end tests.
/// Started by the test itself, on a free port, and stopped when the test ends.
public final class SSHServer: @unchecked Sendable {
    public let dir: String
    public let port: Int
    public let clientKey: String
    /// sshd, leader of a session of its own: stopping kills it with every connection it forked.
    private let pid: pid_t
    private var stopped = false

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
        try await Shell.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir + "/host_key"])
        try await Shell.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir + "/client_key"])
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
        // stdout and stderr to /dev/null: a connection's sshd that outlived the test must not hold the test run's
        // output open (CI waits for its end).
        pid = try Child.spawn("/usr/sbin/sshd", ["-D", "-e", "-f", dir + "/sshd_config"],
                              stdout: .path("/dev/null"), stderr: .path("/dev/null"))
        // Wait (bounded) until the port accepts connections.
        let deadline = Date().addingTimeInterval(10)
        while !SSHServer.accepts(port) {
            guard Child.wait(pid, timeout: 0) == nil, Date() < deadline else {
                Child.stop(pid)
                throw Failure.failed("sshd did not start on port \(port)")
            }
            usleep(50_000)
        }
    }

    /// `ssh` arguments that reach this server as the current user with the client key.
    public var sshArguments: [String] {
        ["-p", "\(port)", "-i", clientKey, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "\(NSUserName())@127.0.0.1"]
    }

    /// Ends sshd and every session it started (bounded: SIGKILL to its session, then at most 10 s).
    public func stop() {
        guard !stopped else { return }
        stopped = true
        Child.stop(pid)
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

/// Runs a helper program (ssh-keygen, ssh) and returns its output; non-zero exit throws. At most 60 s.
public enum Shell {
    @discardableResult
    public static func run(_ tool: String, _ args: [String], allowFailure: Bool = false) async throws -> String {
        let r = try Child.run(tool, args, timeout: 60)
        let text = r.output + r.error
        if !r.succeeded && !allowFailure || r.timedOut {
            throw SSHServer.Failure.failed("\(tool) \(args.joined(separator: " ")) failed (\(r.timedOut ? "no end in 60 s" : "status \(r.status)")): \(text)")
        }
        return text
    }
}
