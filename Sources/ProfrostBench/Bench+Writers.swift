import ArgumentParser
import Foundation
import ChildProcess
import Model
#if canImport(Glibc)
import Glibc
#endif

/// `profrost-bench writer` (hidden): one of the concurrent writers of `profrost-bench`; it opens its card as the
/// TUI's editor does (`Session.openCard`) and saves as the editor does (naming the period and the revision it
/// started from) through the Model's
/// `Session` in this bench binary (the same library code the product links), so that a save is timed without a process start. Opens a session, says it is
/// ready (`<go>.ready-<org>`), waits for the file `<go>` that holds the common start time, then saves one
/// indicator of one card `--saves` times, alternating its value so that every save writes, and prints each save's
/// latency in milliseconds (Session.setIndicator: lock, revision check, write, fsync, rename, fsync of the folder,
/// journal append with its fsync, unlock). With `--round-ms R`, save number i starts at start + i·R, so that all
/// writers save at the same instants; with 0, each save starts as soon as the one before ended. It then says it
/// is done (`<go>.done-<org>`) and exits when `<go>.end` appears.
///
/// With `--floor DIR` it does not save through the Model at all: each "save" is only the atomic write that the
/// brief requires of every write (`AtomicFile.write`: the card's bytes into a new temp file, its fsync, the rename
/// over `DIR/cards/<org>.json`, the fsync of that folder), with no journal, no lock and no group commit, into a
/// scratch folder. That is the disk's floor for a save: what 20 processes doing the least a durable save must
/// do cost on this machine, printed beside the real saves so that the two can be compared as a ratio.
struct BenchWriter: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "writer", abstract: "One concurrent writer of `profrost-bench`.",
                                                    shouldDisplay: false)
    @Option var data: String
    @Option var org: String
    @Option var indicator: String
    @Option var saves = 25
    @Option(help: "A file that will hold the start time (seconds since 1970).") var go: String
    @Option var today = "2026-09-10"
    @Option var roundMs: Double = 0
    @Option(help: "Only the atomic write of the card's bytes into this scratch folder (the disk's floor).") var floor: String?

    func run() throws {
        guard let day = Day(today) else { throw ValidationError("--today must be a date YYYY-MM-DD") }
        let session = try Session.open(try Workspace(root: data), as: nil, today: day)
        // Opened as the TUI's editor opens a card (`Session.openCard`: its saving warmed up in memory).
        let card = try session.openCard(org: org, period: nil).card
        var value = card.answers[indicator] != .fact(true)
        // Each save names the card's period and the revision it was made from, as the editor's do.
        var revision = card.revision
        let floorWrite = try floor.map { dir in try FloorWrite(dir: dir, org: org, bytes: try JSONFiles.encode(card)) }
        _ = FileManager.default.createFile(atPath: "\(go).ready-\(org)", contents: Data())
        var start: Double?
        let deadline = Date().addingTimeInterval(120)
        while start == nil, Date() < deadline {
            start = (try? String(contentsOfFile: go, encoding: .utf8)).flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if start == nil { usleep(2_000) }
        }
        guard let start else { throw ValidationError("no start time in \(go)") }
        // Latencies are kept as numbers and formatted only after the last save: formatting (its first call in a
        // process resolves CVarArg conformances, a few hundred microseconds) would otherwise take CPU from the
        // writers still saving in the same round, and the first round would measure the bench, not the save.
        var latencies: [Double] = []
        latencies.reserveCapacity(saves)
        let cpuBefore = Self.cpuMs()
        func untilRound(_ i: Int) -> Double { start + Double(i) * roundMs / 1000 - Date().timeIntervalSince1970 }
        for i in 0..<saves {
            let wait = untilRound(i)
            if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
            let t0 = DispatchTime.now().uptimeNanoseconds
            if let floorWrite { try floorWrite.save() } else {
                revision = try session.setIndicator(org: org, period: card.period, indicator: indicator, answer: .some(.fact(value)),
                                                    evidence: nil, expectedRevision: revision).revision
            }
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            value.toggle()
        }
        let cpuAfter = Self.cpuMs()
        // Nor is anything formatted or written while others may still be saving in the last round: wait for its end.
        let lastRoundEnd = untilRound(saves)
        if roundMs > 0, lastRoundEnd > 0 { usleep(UInt32(lastRoundEnd * 1_000_000)) }
        var out = latencies.map { String(format: "%.3f", $0) }
        out.append(String(format: "cpu %.3f %.3f", cpuAfter.user - cpuBefore.user, cpuAfter.system - cpuBefore.system))
        print(out.joined(separator: "\n"))
        // Exit only when every writer is done: a process exiting (unmapping, closing) next to another's save
        // would be counted in that save.
        _ = FileManager.default.createFile(atPath: "\(go).done-\(org)", contents: Data())
        let end = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: "\(go).end"), Date() < end { usleep(5_000) }
    }
}

extension BenchWriter {
    /// This process's CPU time so far (all its threads), user and kernel, in milliseconds.
    static func cpuMs() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
        return (ms(usage.ru_utime), ms(usage.ru_stime))
    }
}

/// One save of the disk's floor: the card's bytes written atomically (`AtomicFile.write`: temp file, fsync, rename,
/// folder fsync).
private struct FloorWrite {
    let target: String
    let bytes: Data

    init(dir: String, org: String, bytes: Data) throws {
        let cards = (dir as NSString).appendingPathComponent("cards")
        try AtomicFile.ensureDirectory(cards)
        target = (cards as NSString).appendingPathComponent("\(org).json")
        self.bytes = bytes
    }

    func save() throws { try AtomicFile.write(bytes, to: target) }
}

extension BenchContext {
    struct Saves {
        var p99Ms: Double?
        /// CPU time of the writers (user + kernel, every thread) per save, ms.
        var cpuPerSaveMs: Double?
        var detail = ""
        var whyNot: String?
    }

    /// `writers` processes of this binary, each with its session open and its own card, save `savesEach` times:
    /// all at the same instants every `roundMs` ms, or (0) back to back. p99 over every save.
    /// With `floor`, the writers do only the atomic write of their card's bytes into a scratch folder (see
    /// `BenchWriter`): the disk's floor for the same load.
    func concurrentSaves(data: String, writers: Int, savesEach: Int, roundMs: Double, floor: Bool = false) -> Saves {
        note("\(writers) concurrent writers × \(savesEach) " + (floor ? "atomic writes (no journal)" : "saves")
             + (roundMs > 0 ? ", all at once every \(Int(roundMs)) ms…" : ", back to back…"))
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
        let run = (dir as NSString).appendingPathComponent("writers-\(Int(roundMs))" + (floor ? "-floor" : ""))
        try? FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        let go = (run as NSString).appendingPathComponent("go")
        var pids: [(pid_t, String)] = []
        for (i, (org, ind)) in targets.enumerated() {
            let out = (run as NSString).appendingPathComponent("writer-\(i).txt")
            let args = ["writer", "--data", data, "--org", org, "--indicator", ind, "--saves", "\(savesEach)",
                        "--go", go, "--today", day.description, "--round-ms", "\(roundMs)"]
                + (floor ? ["--floor", (run as NSString).appendingPathComponent("floor")] : [])
            guard let pid = try? Child.spawn(benchExecutable, args, environment: childEnvironment, stdout: .path(out), stderr: .path(out + ".err")) else {
                return Saves(whyNot: "cannot start a writer")
            }
            pids.append((pid, out))
        }
        // Start when every writer has its session open, so that no save competes with a process starting up.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, !targets.allSatisfy({ FileManager.default.fileExists(atPath: "\(go).ready-\($0.0)") }) {
            usleep(10_000)
        }
        _ = FileManager.default.createFile(atPath: go, contents: Data(String(format: "%.6f", Date().timeIntervalSince1970 + 0.2).utf8))
        while Date() < deadline.addingTimeInterval(120),
              !targets.allSatisfy({ FileManager.default.fileExists(atPath: "\(go).done-\($0.0)") }),
              pids.contains(where: { Self.isRunning($0.0) }) {
            usleep(50_000)  // seldom: this process should take no CPU from the writers
        }
        _ = FileManager.default.createFile(atPath: "\(go).end", contents: Data())
        var latencies: [Double] = []
        var roundMax = [Double](repeating: 0, count: savesEach)   // the slowest save of each round
        var cpu = (user: 0.0, system: 0.0)
        var failed = 0
        var firstError = ""
        for (pid, out) in pids {
            if Child.wait(pid) != 0 {
                failed += 1
                if firstError.isEmpty { firstError = (try? String(contentsOfFile: out + ".err", encoding: .utf8)) ?? "" }
            }
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            var round = 0
            for line in text.split(separator: "\n") {
                if let v = Double(line) {
                    latencies.append(v)
                    if round < savesEach { roundMax[round] = max(roundMax[round], v) }
                    round += 1
                    continue
                }
                let parts = line.split(separator: " ")
                if parts.count == 3, parts[0] == "cpu", let u = Double(parts[1]), let k = Double(parts[2]) {
                    cpu.user += u; cpu.system += k
                }
            }
        }
        guard failed == 0, latencies.count == targets.count * savesEach, let p99 = Self.percentile(latencies, 99) else {
            return Saves(whyNot: "\(failed) of \(targets.count) writers failed: \(firstError.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let median = Self.median(latencies) ?? 0
        let what = floor ? "AtomicFile.write of the card's bytes, no journal" : "Model Session.setIndicator"
        let n = Double(latencies.count)
        // With rounds, how the slow saves fall: a p99 set by one round (every writer waiting on one slow flush of
        // the disk) reads differently from one spread over many.
        var rounds = ""
        if roundMs > 0, let slowest = roundMax.indices.max(by: { roundMax[$0] < roundMax[$1] }) {
            rounds = String(format: "; slowest save of each round: median %.1f ms, the slowest round (%d of %d) %.1f ms, rounds over 20 ms: %d",
                            Self.median(roundMax) ?? 0, slowest + 1, savesEach, roundMax[slowest], roundMax.filter { $0 > 20 }.count)
        }
        return Saves(p99Ms: p99, cpuPerSaveMs: (cpu.user + cpu.system) / n,
                     detail: String(format: "profrost-bench writer ×%d (\(what)): %d saves; median %.1f ms, max %.1f ms; CPU a save %.2f ms user + %.2f ms kernel",
                                    targets.count, latencies.count, median, latencies.max() ?? 0, cpu.user / n, cpu.system / n) + rounds)
    }

    /// Whether a child is still running (not yet exited: a zombie waiting to be reaped does not count).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !Whitespace.trimmed(stat[close...].dropFirst()).hasPrefix("Z")
    }
}
