import ArgumentParser
import Foundation
import Model

/// `profrost bench`: the figures of issue 7, measured side by side in one run on demo regions made in a temp folder.
///
/// Every figure is a ratio against a reference run on the same machine in the same run, or an absolute bar the
/// issue sets; nothing here is asserted by `swift test` except that every row is printed (a smoke run in CI).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the performance figures of a whole region and print them with their bars.",
        discussion: """
        Generates demo workspaces in a temporary folder, then measures: `rank` of one period ÷ CPython json.load of \
        every file (bench/python_load.py); rank at 10× the organisations ÷ rank at N; the first full TUI frame, the \
        bytes one arrow key writes and the memory of a TUI session (the real binary in tmux); p99 of a card save \
        with 20 concurrent writer processes. --quick: fewer repetitions, and the scaling row compares N÷10 with N.
        """,
        subcommands: [BenchWriter.self])

    @Option(help: "Organisations of the main workspace.") var orgs = 3000
    @Option(help: "Yearly campaigns of each workspace.") var years = 5
    @Flag(help: "Fewer repetitions; the scaling row compares orgs/10 with orgs instead of orgs with orgs×10.") var quick = false
    @Option(help: "Where bench/python_load.py is (default: ./bench, else beside the executable's checkout).")
    var pythonScript: String?
    @Option(help: "The date the demo campaigns are placed around, YYYY-MM-DD.") var today = "2026-09-10"
    @Flag(help: "Keep the temporary workspaces (their folder is printed).") var keep = false
    @Option(help: "Measure only these groups, comma-separated: rank, scale, tui, saves (default: all).")
    var only: String?

    /// Whether a group of rows is measured in this run.
    func measures(_ group: String) -> Bool {
        guard let only else { return true }
        return only.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == group }
    }

    func validate() throws {
        guard (60...1_000_000).contains(orgs) else { throw ValidationError("--orgs must be between 60 and 1000000") }
        guard (2...20).contains(years) else { throw ValidationError("--years must be between 2 and 20") }
    }

    func run() throws {
        guard let day = Day(today) else { throw ValidationError("--today must be a date YYYY-MM-DD") }
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("profrost-bench-\(getpid())")
        try? FileManager.default.removeItem(atPath: dir)
        try AtomicFile.ensureDirectory(dir)
        defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } }
        let ctx = BenchContext(dir: dir, day: day, quick: quick)
        let templates = try BundledData.templates()
        let reps = quick ? 3 : 5

        // 1. The main region, and CPython's reference on it.
        let main = (dir as NSString).appendingPathComponent("main")
        let genSeconds = try ctx.generate(orgs: orgs, years: years, at: main, templates: templates)
        ctx.note("demo generate \(orgs) × \(years): \(String(format: "%.1f", genSeconds)) s")
        var rows: [BenchRow] = []
        rows.append(BenchRow(figure: "demo generate \(orgs) orgs × \(years) years (s)", value: genSeconds,
                             bar: "< 60", goal: "< 30", passes: { $0 < 60 }, meetsGoal: { $0 < 30 }))
        let skipped = "skipped (--only)"
        let doRank = measures("rank")
        let python = doRank ? try? ctx.pythonSeconds(main, script: pythonScript, reps: reps) : nil
        let rank = doRank || measures("scale") ? ctx.commandSeconds(["rank"], data: main, reps: reps) : nil
        let score = doRank ? ctx.commandSeconds(["score"], data: main, reps: reps) : nil
        let noIndex = doRank ? ctx.scoreWithoutIndex(data: main, period: DemoGenerator.currentPeriod(on: day), reps: reps) : nil
        func ratio(_ a: Double?, _ b: Double?) -> Double? { a.flatMap { x in b.flatMap { $0 > 0 ? x / $0 : nil } } }
        let why = !doRank ? skipped : python == nil ? "python3 or bench/python_load.py not found" : nil
        rows.append(BenchRow(figure: "rank of one period (open, score, rank) ÷ CPython json.load of every file",
                             value: ratio(rank, python), bar: "≤ 1.0", goal: "≤ 0.5", passes: { $0 <= 1 }, meetsGoal: { $0 <= 0.5 },
                             detail: BenchRow.seconds(rank, python), unmeasured: why))
        rows.append(BenchRow(figure: "  (reference) score of one period ÷ the same", value: ratio(score, python),
                             bar: "≤ 1.0", goal: "≤ 0.5", passes: { $0 <= 1 }, meetsGoal: { $0 <= 0.5 },
                             detail: BenchRow.seconds(score, python), unmeasured: why))
        rows.append(BenchRow(figure: "  (reference) score with no score index (every card decoded) ÷ the same",
                             value: ratio(noIndex, python), bar: "-", goal: "-", passes: nil, meetsGoal: nil,
                             detail: BenchRow.seconds(noIndex, python), unmeasured: why))

        // 2. Scaling: the same rank at ten times the organisations (or a tenth, with --quick).
        let (small, big) = quick ? (max(orgs / 10, 6), orgs) : (orgs, orgs * 10)
        var otherRank: Double?
        if measures("scale") {
            let other = (dir as NSString).appendingPathComponent("scale")
            _ = try ctx.generate(orgs: quick ? small : big, years: years, at: other, templates: templates)
            otherRank = ctx.commandSeconds(["rank"], data: other, reps: reps)
            if !keep { try? FileManager.default.removeItem(atPath: other) }
        }
        let (rankSmall, rankBig) = quick ? (otherRank, rank) : (rank, otherRank)
        rows.append(BenchRow(figure: "rank at \(big) orgs ÷ rank at \(small) orgs" + (quick ? " (--quick: not 30,000 ÷ 3,000)" : ""),
                             value: ratio(rankBig, rankSmall), bar: "≤ 10", goal: "linear (≈ 10)", passes: { $0 <= 10 },
                             meetsGoal: { $0 <= 10.5 }, detail: BenchRow.seconds(rankBig, rankSmall),
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
        rows.append(BenchRow(figure: "  (reference) each of \(ctx.concurrentSessions) sessions at once, PSS: private + its share of shared pages (MB)",
                             value: tui.sharedMB, bar: "-", goal: "-", passes: nil, meetsGoal: nil,
                             detail: tui.sharedDetail, unmeasured: tui.whyNotShared ?? tui.whyNot))

        // 6. Saves: 20 writer processes, each with its own card, fsync included.
        let savesEach = quick ? 5 : 25
        let burst = measures("saves") ? ctx.concurrentSaves(data: main, writers: 20, savesEach: savesEach, roundMs: 100)
            : BenchContext.Saves(whyNot: skipped)
        rows.append(BenchRow(figure: "card save p99, fsync included, 20 concurrent writers (all save at once, every 100 ms) (ms)",
                             value: burst.p99Ms, bar: "≤ 20", goal: "≤ 10", passes: { $0 <= 20 }, meetsGoal: { $0 <= 10 },
                             detail: burst.detail, unmeasured: burst.whyNot))
        let loop = measures("saves") ? ctx.concurrentSaves(data: main, writers: 20, savesEach: savesEach, roundMs: 0)
            : BenchContext.Saves(whyNot: skipped)
        rows.append(BenchRow(figure: "  (reference) the same, every writer saving back to back without a pause (ms)",
                             value: loop.p99Ms, bar: "-", goal: "-", passes: nil, meetsGoal: nil,
                             detail: loop.detail, unmeasured: loop.whyNot))

        Output.print(BenchRow.table(rows, header: ctx.machine + (quick ? " · --quick" : "") + " · \(orgs) orgs × \(years) years · "
                                         + BenchContext.linkage))
        if keep { Output.print("Workspaces kept in \(dir)") }
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
        return header + "\n" + Output.table(["figure", "measured", "bar", "goal", "verdict", "detail"], body, right: [1])
    }
}
