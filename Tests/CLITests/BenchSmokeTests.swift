import Foundation
import Subprocess
import Testing
import TestSupport
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// `profrost bench` in CI: a small region, and only that every figure is printed. Speed is never asserted in
/// `swift test`. With PROFROST_BENCH=1 the test runs the full measurement (3,000 × 5, and 30,000 for scaling)
/// on the server build instead: `swift build -c release --static-swift-stdlib --product profrost &&
/// PROFROST_BENCH=1 swift test --filter BenchSmokeTests`.
@Suite struct BenchSmokeTests {
    static let figures = [
        "demo generate", "rank of one period", "(reference) score of one period", "(reference) score with no score index",
        "rank at", "first full TUI frame", "bytes written for one arrow key", "resident memory of one TUI session",
        "(reference) each of",
        "card save p99", "(reference) the same, every writer saving back to back",
    ]

    @Test func aBenchPrintsEveryFigure() async throws {
        let full = ProcessInfo.processInfo.environment["PROFROST_BENCH"] == "1"
        let output: String
        if full {
            let release = (Fixture.repoRoot as NSString).appendingPathComponent(".build/release/profrost")
            try #require(FileManager.default.fileExists(atPath: release), "build it first: swift build -c release --static-swift-stdlib --product profrost")
            let r = try await Subprocess.run(.path(FilePath(release)), arguments: ["bench"],
                                             environment: .inherit.updating(["SSH_ORIGINAL_COMMAND": nil]),
                                             workingDirectory: FilePath(Fixture.repoRoot),
                                             output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
            #expect(r.terminationStatus.isSuccess, "\(r.standardError)")
            output = r.standardOutput
            print(output)
        } else {
            let r = try await Binary.run(["bench", "--quick", "--orgs", "200", "--years", "2"])
            #expect(r.status == 0, "\(r.stderr)")
            output = r.stdout
        }
        let lines = output.split(separator: "\n").map(String.init)
        for figure in Self.figures {
            let row = lines.first { $0.hasPrefix(figure) || $0.hasPrefix("  " + figure) }
            #expect(row != nil, "no row «\(figure)» in:\n\(output)")
            if let row { #expect(["PASS", "FAIL", "info", "not measured"].contains { row.contains($0) }, "\(row)") }
        }
    }
}
