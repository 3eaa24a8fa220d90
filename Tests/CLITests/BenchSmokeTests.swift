import Foundation
import Subprocess
import Testing
import TestSupport
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// `profrost-bench` in CI: a small region, every figure printed, the deadline day with a few sessions losing no save,
/// and the linkage line true to the binary. Speed is never asserted in `swift test`. With PROFROST_BENCH=1 the test
/// runs the full measurement (3,000 × 5, 30,000 for scaling, 300 sessions on the deadline day) on the server build
/// instead: `swift build -c release --static-swift-stdlib --product profrost && swift build -c release --product
/// profrost-bench && PROFROST_BENCH=1 swift test --filter BenchSmokeTests`.
@Suite struct BenchSmokeTests {
    static let figures = [
        "demo generate", "rank of one period", "(reference) score of one period", "(reference) score with no score index",
        "rank at", "first full TUI frame", "bytes written for one arrow key", "resident memory of one TUI session",
        "each of", "card save p99", "(reference) the same, every writer saving back to back",
        "deadline day, 3 principals: keystroke → changed screen, p50", "deadline day, 3 principals: keystroke → changed screen, p99",
        "deadline day, 3 principals: save", "deadline day, 3 principals: PSS of all sessions",
        "(reference) deadline day, 3 principals: CPU time", "(reference) deadline day, 3 principals: methodist's F5",
        "deadline day, 3 principals: acknowledged saves missing",
    ]

    static func run(_ binary: String, _ args: [String]) async throws -> (status: Bool, out: String, err: String) {
        let r = try await Subprocess.run(.path(FilePath(binary)), arguments: Arguments(args),
                                         environment: .inherit.updating(["SSH_ORIGINAL_COMMAND": nil]),
                                         workingDirectory: FilePath(Fixture.repoRoot),
                                         output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        return (r.terminationStatus.isSuccess, r.standardOutput, r.standardError)
    }

    @Test func aBenchPrintsEveryFigureAndLosesNoSave() async throws {
        let full = ProcessInfo.processInfo.environment["PROFROST_BENCH"] == "1"
        let dir = (Fixture.repoRoot as NSString).appendingPathComponent(full ? ".build/release" : ".build/debug")
        let bench = (dir as NSString).appendingPathComponent("profrost-bench")
        let product = (dir as NSString).appendingPathComponent("profrost")
        try #require(FileManager.default.fileExists(atPath: bench) && FileManager.default.fileExists(atPath: product),
                     "build both first: swift build (or -c release, see README)")
        let args = full ? ["--product", product] : ["--product", product, "--quick", "--orgs", "200", "--years", "2", "--sessions", "3", "--fill", "1"]
        let r = try await Self.run(bench, args)
        #expect(r.status, "\(r.err)")
        if full { print(r.out) }
        let lines = r.out.split(separator: "\n").map(String.init)
        for figure in Self.figures where !full || !figure.contains("3 principals") {
            let row = lines.first { $0.hasPrefix(figure) || $0.hasPrefix("  " + figure) }
            #expect(row != nil, "no row «\(figure)» in:\n\(r.out)")
            if let row { #expect(["PASS", "FAIL", "info", "not measured"].contains { row.contains($0) }, "\(row)") }
        }
        // Every save a principal's screen confirmed is in the card file and in the journal.
        let lost = lines.first { $0.contains("acknowledged saves missing on disk or in the journal") }
        #expect(lost?.contains("PASS") == true, "\(lost ?? r.out)")
        // …and every principal's save and submit was confirmed on their screen (none is missing by being absent).
        if !full { #expect(lost?.contains("acknowledged on screen: 3 indicator saves + 3 submits") == true, "\(lost ?? r.out)") }
        // The debug build links the Swift runtime as shared libraries, and the header says so.
        if !full { #expect(r.out.contains("Swift runtime dynamic"), "\(lines.prefix(3))") }
    }

    @Test func theProductDoesNotShipTheBench() async throws {
        let r = try await Binary.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("export"), "\(r.stdout)")
        let commands = r.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!commands.contains { $0.hasPrefix("bench ") }, "\(r.stdout)")
        let bench = try await Binary.run(["bench", "--quick"])
        #expect(bench.status != 0)
    }
}
