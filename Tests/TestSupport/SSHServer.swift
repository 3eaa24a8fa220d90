import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

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

/// Runs a helper program (ssh-keygen, ssh) and returns its output; non-zero exit throws.
public enum Shell {
    @discardableResult
    public static func run(_ tool: String, _ args: [String], allowFailure: Bool = false) async throws -> String {
        let r = try await Subprocess.run(.path(FilePath(tool)), arguments: Arguments(args), input: .none,
                                         output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        let text = r.standardOutput + r.standardError
        if !r.terminationStatus.isSuccess && !allowFailure {
            throw SSHServer.Failure.failed("\(tool) \(args.joined(separator: " ")) failed (\(r.terminationStatus)): \(text)")
        }
        return text
    }
}
