import ArgumentParser
import Foundation
import Model

/// `profrost-bench`: the performance figures (issues 7 and 14), measured side by side in one run on demo regions made
/// in a temp folder, by running the product binary as the server runs it.
///
/// Every figure is a ratio against a reference run on the same machine in the same run, or an absolute bar the
/// issue sets; nothing here is asserted by `swift test` except that every row is printed (a smoke run in CI).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profrost-bench",
        abstract: "Measure the performance figures of the profrost binary on a whole region and print them with their bars.",
        discussion: """
        Generates demo workspaces in a temporary folder with the product (`profrost demo generate`), then measures: \
        `rank` of one period ÷ CPython json.load of every file (bench/python_load.py); rank at 10× the organisations ÷ \
        rank at N; the first full TUI frame, the bytes one arrow key writes and the memory of a TUI session (the product \
        in tmux); p99 of a card save with 20 concurrent writer processes, beside the disk's floor (the same writers doing \
        only an atomic write of their card); the deadline day: N principals typing in \
        their own TUI sessions under ptys while the methodist's dashboard refreshes. --quick: fewer repetitions, \
        the scaling row compares N÷10 with N, and the deadline day has fewer sessions.
        """,
        subcommands: [BenchWriter.self])

    @Option(help: "The profrost binary to measure (default: profrost beside this program).") var product: String?
    @Option(help: "Organisations of the main workspace.") var orgs = 3000
    @Option(help: "Yearly campaigns of each workspace.") var years = 5
    @Flag(help: "Fewer repetitions; the scaling row compares orgs/10 with orgs instead of orgs with orgs×10.") var quick = false
    @Option(help: "Where bench/python_load.py is (default: ./bench, else beside the executable's checkout).")
    var pythonScript: String?
    @Option(help: "The date the demo campaigns are placed around, YYYY-MM-DD.") var today = "2026-09-10"
    @Flag(help: "Keep the temporary workspaces (their folder is printed).") var keep = false
    @Option(help: "Measure only these groups, comma-separated: rank, scale, tui, saves, day (default: all).")
    var only: String?
    @Option(help: "Deadline day: principals' TUI sessions at once (default 300; 10 with --quick).") var sessions: Int?
    @Option(help: "Deadline day: indicators each principal fills before submitting.") var fill = 4

    /// Whether a group of rows is measured in this run.
    func measures(_ group: String) -> Bool {
        guard let only else { return true }
        return only.split(separator: ",").contains { Whitespace.trimmed($0) == group }
    }

    func validate() throws {
        guard (60...1_000_000).contains(orgs) else { throw ValidationError("--orgs must be between 60 and 1000000") }
        guard (2...20).contains(years) else { throw ValidationError("--years must be between 2 and 20") }
        if let sessions { guard (1...2000).contains(sessions) else { throw ValidationError("--sessions must be between 1 and 2000") } }
        guard (1...30).contains(fill) else { throw ValidationError("--fill must be between 1 and 30") }
        if let only {
            let known: Set = ["rank", "scale", "tui", "saves", "day"]
            for g in only.split(separator: ",") where !known.contains(Whitespace.trimmed(g)) {
                throw ValidationError("--only: unknown group \"\(g)\" (rank, scale, tui, saves, day)")
            }
        }
    }

    func run() throws {
        guard let day = Day(today) else { throw ValidationError("--today must be a date YYYY-MM-DD") }
        let product = try BenchContext.product(self.product)
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("profrost-bench-\(getpid())")
        try? FileManager.default.removeItem(atPath: dir)
        try AtomicFile.ensureDirectory(dir)
        defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } }
        let ctx = BenchContext(dir: dir, day: day, quick: quick, product: product)
        let reps = quick ? 3 : 5
        let name = (product as NSString).lastPathComponent

        // 1. The main region, and CPython's reference on it.
        let main = (dir as NSString).appendingPathComponent("main")
        let genSeconds = try ctx.generate(orgs: orgs, years: years, at: main)
        ctx.note("demo generate \(orgs) × \(years): \(String(format: "%.1f", genSeconds)) s")
        var rows: [BenchRow] = []
        rows.append(BenchRow(figure: "demo generate \(orgs) orgs × \(years) years (s)", value: genSeconds,
                             bar: "< 60", goal: "< 30", passes: { $0 < 60 }, meetsGoal: { $0 < 30 },
                             detail: "\(name) demo generate --orgs \(orgs) --years \(years), once"))
        let skipped = "skipped (--only)"
        let doRank = measures("rank")
        let python = doRank ? try? ctx.pythonSeconds(main, script: pythonScript, reps: reps) : nil
        let rank = doRank || measures("scale") ? ctx.commandSeconds(["rank"], data: main, reps: reps) : nil
        let score = doRank ? ctx.commandSeconds(["score"], data: main, reps: reps) : nil
        let noIndex = doRank ? ctx.scoreWithoutIndex(data: main, period: DemoGenerator.currentPeriod(on: day), reps: reps) : nil
        func ratio(_ a: Double?, _ b: Double?) -> Double? { a.flatMap { x in b.flatMap { $0 > 0 ? x / $0 : nil } } }
        let why = !doRank ? skipped : python == nil ? "python3 or bench/python_load.py not found" : nil
        let medianOf = "median of \(reps) after a warm-up"
        rows.append(BenchRow(figure: "rank of one period (open, score, rank) ÷ CPython json.load of every file",
                             value: ratio(rank, python), bar: "≤ 1.0", goal: "≤ 0.5", passes: { $0 <= 1 }, meetsGoal: { $0 <= 0.5 },
                             detail: BenchRow.seconds(rank, python) + " (\(name) rank vs python3 bench/python_load.py, \(medianOf))",
                             unmeasured: why))
        rows.append(BenchRow(figure: "  (reference) score of one period ÷ the same", value: ratio(score, python),
                             bar: "≤ 1.0", goal: "≤ 0.5", passes: { $0 <= 1 }, meetsGoal: { $0 <= 0.5 },
                             detail: BenchRow.seconds(score, python) + " (\(name) score)", unmeasured: why))
        rows.append(BenchRow(figure: "  (reference) score with no score index (every card decoded) ÷ the same",
                             value: ratio(noIndex, python), bar: "-", goal: "-", passes: nil, meetsGoal: nil,
                             detail: BenchRow.seconds(noIndex, python) + " (\(name) score after deleting score-index.txt)",
                             unmeasured: why))

        // 2. Scaling: the same rank at ten times the organisations (or a tenth, with --quick).
        let (small, big) = quick ? (max(orgs / 10, 6), orgs) : (orgs, orgs * 10)
        var otherRank: Double?
        if measures("scale") {
            let other = (dir as NSString).appendingPathComponent("scale")
            _ = try ctx.generate(orgs: quick ? small : big, years: years, at: other)
            otherRank = ctx.commandSeconds(["rank"], data: other, reps: reps)
            if !keep { try? FileManager.default.removeItem(atPath: other) }
        }
        let (rankSmall, rankBig) = quick ? (otherRank, rank) : (rank, otherRank)
        rows.append(BenchRow(figure: "rank at \(big) orgs ÷ rank at \(small) orgs" + (quick ? " (--quick: not 30,000 ÷ 3,000)" : ""),
                             value: ratio(rankBig, rankSmall), bar: "≤ 10", goal: "≤ 9", passes: { $0 <= 10 },
                             meetsGoal: { $0 <= 9 }, detail: BenchRow.seconds(rankBig, rankSmall) + " (\(name) rank, \(medianOf) each)",
                             unmeasured: measures("scale") ? nil : skipped))

        // 3–5. The terminal UI, as the real binary in tmux.
        let tui = measures("tui") ? ctx.measureTUI(data: main) : BenchContext.TUIFigures(whyNot: skipped)
        rows.append(BenchRow(figure: "first full TUI frame after start (ms)", value: tui.firstFrameMs, bar: "≤ 150", goal: "≤ 100",
                             passes: { $0 <= 150 }, meetsGoal: { $0 <= 100 }, detail: tui.frameDetail, unmeasured: tui.whyNot))
        rows.append(BenchRow(figure: "bytes written for one arrow key in a \(orgs)-row table ÷ bytes of the changed rows",
                             value: tui.arrowRatio, bar: "≤ 2", goal: "≤ 1.5", passes: { $0 <= 2 }, meetsGoal: { $0 <= 1.5 },
                             detail: tui.arrowDetail, unmeasured: tui.whyNotArrow ?? tui.whyNot))
        rows.append(BenchRow(figure: "resident memory of one TUI session, VmHWM (MB)", value: tui.peakMB, bar: "≤ 30", goal: "≤ 20",
                             passes: { $0 <= 30 }, meetsGoal: { $0 <= 20 }, detail: tui.memoryDetail, unmeasured: tui.whyNot))
        rows.append(BenchRow(figure: "each of \(ctx.concurrentSessions) methodist sessions at once, PSS: private + its share of shared pages (MB)",
                             value: tui.sharedMB, bar: "-", goal: "≤ 5", passes: nil, meetsGoal: { $0 <= 5 },
                             detail: tui.sharedDetail, unmeasured: tui.whyNotShared ?? tui.whyNot))

        // 6. Saves: 20 writer processes, each with its own card, fsync included.
        let savesEach = quick ? 5 : 25
        let burst = measures("saves") ? ctx.concurrentSaves(data: main, writers: 20, savesEach: savesEach, roundMs: 100)
            : BenchContext.Saves(whyNot: skipped)
        rows.append(BenchRow(figure: "card save p99, fsync included, 20 concurrent writers (all save at once, every 100 ms) (ms)",
                             value: burst.p99Ms, bar: "≤ 20", goal: "≤ 10", passes: { $0 <= 20 }, meetsGoal: { $0 <= 10 },
                             detail: burst.detail, unmeasured: burst.whyNot))
        rows.append(BenchRow(figure: "  (reference) CPU time of one save in those rounds, every thread, user + kernel (ms)",
                             value: burst.cpuPerSaveMs, bar: "-", goal: "-", passes: nil, meetsGoal: nil,
                             detail: "20 saves at once on this machine's cores: the least a round can take is 20 × this ÷ cores",
                             unmeasured: burst.whyNot))
        let loop = measures("saves") ? ctx.concurrentSaves(data: main, writers: 20, savesEach: savesEach, roundMs: 0)
            : BenchContext.Saves(whyNot: skipped)
        rows.append(BenchRow(figure: "  (reference) the same, every writer saving back to back without a pause (ms)",
                             value: loop.p99Ms, bar: "-", goal: "-", passes: nil, meetsGoal: nil,
                             detail: loop.detail, unmeasured: loop.whyNot))
        // The disk's floor under the same load: the atomic write alone (temp, fsync, rename, folder fsync), no journal.
        let floor = measures("saves") ? ctx.concurrentSaves(data: main, writers: 20, savesEach: savesEach, roundMs: 100, floor: true)
            : BenchContext.Saves(whyNot: skipped)
        rows.append(BenchRow(figure: "  (reference) the disk's floor: 20 writers at once, each only writing its card atomically, p99 (ms)",
                             value: floor.p99Ms, bar: "-", goal: "-", passes: nil, meetsGoal: nil,
                             detail: floor.detail, unmeasured: floor.whyNot))
        rows.append(BenchRow(figure: "  (reference) CPU time of one atomic write in those rounds, user + kernel (ms)",
                             value: floor.cpuPerSaveMs, bar: "-", goal: "-", passes: nil, meetsGoal: nil,
                             detail: "the floor's writers, measured as the saves' are", unmeasured: floor.whyNot))
        rows.append(BenchRow(figure: "  (reference) card save p99 ÷ the disk's floor p99",
                             value: ratio(burst.p99Ms, floor.p99Ms), bar: "-", goal: "-", passes: nil, meetsGoal: nil,
                             detail: "the first saves row ÷ the row above: what the journal, locks and group commits add",
                             unmeasured: burst.whyNot ?? floor.whyNot))

        // 7. The deadline day: many principals typing in their own sessions at once, the methodist watching.
        let n = sessions ?? (quick ? 10 : 300)
        let dayFigures = measures("day") ? ctx.deadlineDay(data: main, sessions: n, fill: fill) : BenchContext.DayFigures(whyNot: skipped)
        rows += dayFigures.rows(sessions: n)

        print(BenchRow.table(rows, header: ctx.machine + (quick ? " · --quick" : "") + " · \(orgs) orgs × \(years) years\n"
                                         + Linkage.describe(binary: product)))
        if keep { print("Workspaces kept in \(dir)") }
    }
}

/// One line of the bench's table: a figure, its value, its bar and goal, and whether it passes.
struct BenchRow {
    var figure: String
    var value: Double?
    var bar: String
    var goal: String
    var passes: ((Double) -> Bool)?
    var meetsGoal: ((Double) -> Bool)?
    var detail = ""
    var unmeasured: String?

    var verdict: String {
        guard let v = value, unmeasured == nil else { return "not measured yet" }
        guard let passes else { return "info" }
        if !passes(v) { return "FAIL" }
        return meetsGoal?(v) == true ? "PASS (goal met)" : "PASS"
    }

    var valueText: String {
        guard let v = value, unmeasured == nil else { return "-" }
        return v >= 100 ? String(format: "%.0f", v) : v >= 10 ? String(format: "%.1f", v) : String(format: "%.2f", v)
    }

    static func seconds(_ a: Double?, _ b: Double?) -> String {
        guard let a, let b else { return "" }
        return String(format: "%.3f s vs %.3f s", a, b)
    }

    static func table(_ rows: [BenchRow], header: String) -> String {
        let body = rows.map { r in [r.figure, r.valueText, r.bar, r.goal, r.verdict, r.unmeasured.map { "(\($0))" } ?? r.detail] }
        return header + "\n" + alignedTable(["figure", "measured", "bar", "goal", "verdict", "detail"], body, rightAligned: 1)
    }

    /// Columns padded to their widest cell, two spaces apart; column `rightAligned` (the numbers) to the right.
    static func alignedTable(_ header: [String], _ rows: [[String]], rightAligned: Int) -> String {
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        let all = [header, widths.map { String(repeating: "-", count: $0) }] + rows
        return all.map { r in
            r.indices.map { i in
                let pad = String(repeating: " ", count: widths[i] - r[i].count)
                return i == rightAligned ? pad + r[i] : r[i] + pad
            }.joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
