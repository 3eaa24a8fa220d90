import Foundation
import Model
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs the built `profrost` binary (`swift build` first; CI does) as a user would.
public enum Binary {
    public struct Outcome: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// `.build/debug/profrost` of this checkout.
    public static var path: String { (Fixture.repoRoot as NSString).appendingPathComponent(".build/debug/profrost") }

    /// A new demo workspace made by `profrost init --demo`; its folder.
    public static func demo() async throws -> String {
        let dir = Fixture.tempDir("cli")
        let r = try await run(["init", "--demo"], data: dir)
        guard r.status == 0 else { throw StoreError.io(path: dir, reason: "init --demo failed: \(r.stderr)") }
        return dir
    }

    /// Runs `profrost args…` with the workspace at `data` and the rules' date `today`.
    public static func run(_ args: [String], data: String? = nil, today: String? = "2026-09-10",
                           env: [String: String] = [:]) async throws -> Outcome {
        Watchdog.arm()
        var e: [Environment.Key: String?] = ["PROFROST_TODAY": today, "SSH_ORIGINAL_COMMAND": nil]
        if let d = data { e["PROFROST_DATA"] = d }
        for (k, v) in env { e[Environment.Key(stringLiteral: k)] = v }
        let r = try await Subprocess.run(.path(FilePath(path)), arguments: Arguments(args),
                                         environment: .inherit.updating(e),
                                         output: .string(limit: 8 << 20), error: .string(limit: 1 << 20))
        let status: Int32
        switch r.terminationStatus {
        case .exited(let c): status = c
        case .signaled(let s): status = 128 + s
        }
        return Outcome(status: status, stdout: r.standardOutput ?? "", stderr: r.standardError ?? "")
    }
}
