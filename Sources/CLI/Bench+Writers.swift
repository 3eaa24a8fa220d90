import ArgumentParser
import Foundation
import Model
#if canImport(Glibc)
import Glibc
#endif

/// `profrost bench writer` (hidden): one of the concurrent writers of `profrost bench`. Opens a session, waits for
/// the common start time, then saves one indicator of one card `--saves` times, alternating its value so that
/// every save writes; prints each save's latency in milliseconds (Session.setIndicator: lock, revision check,
/// write, fsync, rename, fsync of the folder, journal append with its fsync, unlock).
struct BenchWriter: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "writer", abstract: "One concurrent writer of `profrost bench`.",
                                                    shouldDisplay: false)
    @Option var data: String
    @Option var org: String
    @Option var indicator: String
    @Option var saves = 25
    /// Seconds since 1970 at which every writer starts saving.
    @Option var startAt: Double = 0
    @Option var today = "2026-09-10"

    func run() throws {
        guard let day = Day(today) else { throw ValidationError("--today must be a date YYYY-MM-DD") }
        let session = try Session.open(try Workspace(root: data), as: nil, today: day)
        var value = try session.cardContext(org: org, period: nil).card.answers[indicator] != .fact(true)
        let wait = startAt - Date().timeIntervalSince1970
        if wait > 0 { usleep(UInt32(min(wait, 30) * 1_000_000)) }
        var out: [String] = []
        for _ in 0..<saves {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try session.setIndicator(org: org, period: nil, indicator: indicator, answer: .some(.fact(value)), evidence: nil)
            out.append(String(format: "%.3f", Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6))
            value.toggle()
        }
        Output.print(out.joined(separator: "\n"))
    }
}

extension BenchContext {
    struct Saves {
        var p99Ms: Double?
        var detail = ""
        var whyNot: String?
    }

    /// `writers` processes of this binary save `savesEach` times each, all at once, each into its own card.
    func concurrentSaves(data: String, writers: Int, savesEach: Int) -> Saves {
        note("\(writers) concurrent writers × \(savesEach) saves…")
        guard let ws = try? Workspace(root: data), let campaign = try? ws.campaign(orLatest: nil),
              let templates = try? ws.templates(of: campaign), let orgs = try? ws.organisations() else {
            return Saves(whyNot: "cannot open the workspace")
        }
        // Distinct organisations spread over the list, each with a fact indicator of its template.
        var targets: [(String, String)] = []
        let step = max(orgs.count / writers, 1)
        for o in stride(from: 0, to: orgs.count, by: step).map({ orgs[$0] }) where targets.count < writers {
            let facts = templates[o.type]?.indicators.filter { if case .fact = $0.rule { return true }; return false }
            if let ind = facts?.first { targets.append((o.id, ind.id)) }
        }
        let start = Date().timeIntervalSince1970 + (quick ? 3 : 2)
        var pids: [(pid_t, String)] = []
        for (i, (org, ind)) in targets.enumerated() {
            let out = (dir as NSString).appendingPathComponent("writer-\(i).txt")
            let args = ["bench", "writer", "--data", data, "--org", org, "--indicator", ind, "--saves", "\(savesEach)",
                        "--start-at", String(format: "%.3f", start), "--today", day.description]
            guard let pid = Spawn.start(executable, args, env: childEnvironment, outputPath: out) else {
                return Saves(whyNot: "cannot start a writer")
            }
            pids.append((pid, out))
        }
        var latencies: [Double] = []
        var failed = 0
        var firstError = ""
        for (pid, out) in pids {
            if Spawn.wait(pid) != 0 {
                failed += 1
                if firstError.isEmpty { firstError = (try? String(contentsOfFile: out + ".err", encoding: .utf8)) ?? "" }
            }
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            latencies += text.split(separator: "\n").compactMap { Double($0) }
        }
        guard failed == 0, latencies.count == targets.count * savesEach, let p99 = Self.percentile(latencies, 99) else {
            return Saves(whyNot: "\(failed) of \(targets.count) writers failed: \(firstError.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let median = Self.median(latencies) ?? 0
        return Saves(p99Ms: p99, detail: String(format: "%d saves; median %.1f ms, max %.1f ms", latencies.count, median,
                                                latencies.max() ?? 0))
    }
}
