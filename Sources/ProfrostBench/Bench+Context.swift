import Foundation
import ChildProcess
import Model
#if canImport(Glibc)
import Glibc
#endif

/// What the bench's measurements share: the temp folder, the rules' date, the product binary, timing of child processes.
struct BenchContext {
    let dir: String
    let day: Day
    let quick: Bool
    /// The product binary measured (`rank`, `score`, `demo generate`, the TUI sessions).
    let executable: String
    /// This bench binary, for its own writer children (`profrost-bench writer`).
    let benchExecutable: String

    init(dir: String, day: Day, quick: Bool, product: String) {
        self.dir = dir; self.day = day; self.quick = quick
        executable = product
        benchExecutable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Self.absolute(CommandLine.arguments.first ?? "profrost-bench")
    }

    /// The product binary: `--product`, else `profrost` beside this bench binary (both are built into one folder).
    static func product(_ option: String?) throws -> String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let path = option.map(absolute) ?? ((exe as NSString).deletingLastPathComponent as NSString).appendingPathComponent("profrost")
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw StoreError.notFound(what: "program", id: path)
        }
        return path
    }

    static func absolute(_ p: String) -> String {
        let e = (p as NSString).expandingTildeInPath
        return e.hasPrefix("/") ? e : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(e)
    }

    /// The environment of every child: this date, no SSH forced command, a UTF-8 locale.
    var childEnvironment: [String: String] {
        var e = ProcessInfo.processInfo.environment
        e["SSH_ORIGINAL_COMMAND"] = nil
        e["PROFROST_TODAY"] = day.description
        if (e["LANG"] ?? "").isEmpty || e["LANG"] == "C" || e["LANG"] == "POSIX" { e["LANG"] = "C.UTF-8" }
        return e
    }

    /// A progress note on stderr.
    func note(_ s: String) { FileHandle.standardError.write(Data("bench: \(s)\n".utf8)) }

    /// `nproc`, the CPU model and the OS, for the table's header.
    var machine: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last.map(Whitespace.trimmed) ?? "unknown CPU"
        var u = utsname()
        uname(&u)
        let kernel = withUnsafeBytes(of: &u.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "nproc \(ProcessInfo.processInfo.activeProcessorCount) · \(cpu) · Linux \(kernel)"
    }

    /// Generates a demo region with the product's `demo generate`; returns the seconds it took (process start included).
    func generate(orgs: Int, years: Int, at root: String) throws -> Double {
        note("generating \(orgs) organisations × \(years) years (profrost demo generate)…")
        guard let s = timed(executable, ["demo", "generate", "--orgs", "\(orgs)", "--years", "\(years)", "--out", root,
                                         "--today", day.description]) else {
            throw StoreError.io(path: root, reason: "profrost demo generate failed")
        }
        return s
    }

    // MARK: - Timing child processes

    /// Runs a program to its end with stdout discarded; returns the wall-clock seconds, or nil when it failed.
    func timed(_ exe: String, _ args: [String]) -> Double? {
        let t0 = DispatchTime.now().uptimeNanoseconds
        guard let r = try? Child.run(exe, args, environment: childEnvironment, timeout: 3600, keepOutput: false) else {
            note("cannot run \(exe)")
            return nil
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        guard r.status == 0 else {
            note("\((exe as NSString).lastPathComponent) \(args.joined(separator: " ")) failed: \(r.error)")
            return nil
        }
        return seconds
    }

    /// The median of `reps` timed runs after one untimed warm-up (so both sides read from the page cache).
    func median(reps: Int, _ run: () -> Double?) -> Double? {
        guard run() != nil else { return nil }
        var xs: [Double] = []
        for _ in 0..<reps {
            guard let s = run() else { return nil }
            xs.append(s)
        }
        return Self.median(xs)
    }

    static func median(_ xs: [Double]) -> Double? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Nearest-rank percentile `p` (0…100) of `xs`.
    static func percentile(_ xs: [Double], _ p: Double) -> Double? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        let rank = Int((p / 100 * Double(s.count)).rounded(.up))
        return s[min(max(rank, 1), s.count) - 1]
    }

    /// Median seconds of `profrost <args> --data <data>` as a whole process (start, read, score, print).
    func commandSeconds(_ args: [String], data: String, reps: Int) -> Double? {
        note("timing profrost \(args.joined(separator: " ")) on \((data as NSString).lastPathComponent)…")
        return median(reps: reps) { timed(executable, args + ["--data", data]) }
    }

    /// Median seconds of `score` when the period's score index is missing (so every card is decoded, and the
    /// index written again): what the first reader pays after the index is lost.
    func scoreWithoutIndex(data: String, period: String, reps: Int) -> Double? {
        note("timing profrost score with no score index…")
        let index = (data as NSString).appendingPathComponent("campaigns/\(period)/score-index.txt")
        var xs: [Double] = []
        for _ in 0..<reps {
            unlink(index)
            guard let s = timed(executable, ["score", "--data", data]) else { return nil }
            xs.append(s)
        }
        return Self.median(xs)
    }

    /// Median seconds of CPython running bench/python_load.py over the workspace (interpreter start included).
    func pythonSeconds(_ data: String, script: String?, reps: Int) throws -> Double {
        guard let python = Self.which("python3") else { throw StoreError.notFound(what: "program", id: "python3") }
        guard let path = script.map(Self.absolute) ?? Self.findScript() else {
            throw StoreError.notFound(what: "file", id: "bench/python_load.py")
        }
        note("timing CPython json.load of every file (\(path))…")
        guard let s = median(reps: reps, { timed(python, [path, data]) }) else {
            throw StoreError.io(path: path, reason: "the reference script failed")
        }
        return s
    }

    /// bench/python_load.py in the current folder or in a checkout above this executable.
    static func findScript() -> String? {
        var candidates = [(FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("bench/python_load.py")]
        if var d = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) {
            for _ in 0..<6 {
                d = (d as NSString).deletingLastPathComponent
                candidates.append((d as NSString).appendingPathComponent("bench/python_load.py"))
            }
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// A program in $PATH.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
