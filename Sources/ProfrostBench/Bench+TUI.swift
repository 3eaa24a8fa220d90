import Foundation
import ChildProcess
import Model
#if canImport(Glibc)
import Glibc
#endif

/// The TUI figures, measured on the real binary in a tmux server of the bench's own (a real terminal emulator on a pty).
extension BenchContext {
    struct TUIFigures {
        var firstFrameMs: Double?
        var arrowRatio: Double?
        var frameDetail = ""
        var arrowDetail = ""
        var peakMB: Double?
        var memoryDetail = ""
        /// Mean proportional set size of each of `sessions` TUI sessions running at once (MB).
        var sharedMB: Double?
        var sharedDetail = ""
        var whyNotShared: String?
        var whyNot: String?
        var whyNotArrow: String?
    }

    /// Starts the methodist's TUI on `data` at 120×40: times the first full frame (median of several starts),
    /// then opens the organisations table (key `1`), presses Down once and counts the bytes the app writes
    /// (tmux pipe-pane) against the bytes of the screen rows that changed; finally reads the session's VmHWM.
    func measureTUI(data: String) -> TUIFigures {
        guard let tmuxPath = Self.which("tmux") else { return TUIFigures(whyNot: "tmux is not installed") }
        note("timing the first TUI frame (tmux)…")
        let width = 120, height = 40
        guard let t = BenchTmux(tmux: tmuxPath, width: width, height: height, env: childEnvironment) else {
            return TUIFigures(whyNot: "cannot start tmux")
        }
        defer { t.kill() }
        let quote = { (s: String) in "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let app = "exec env PROFROST_DATA=\(quote(data)) PROFROST_TODAY=\(day) \(quote(executable))"
        // The reference frame: what the screen settles on. A long quiet period, because the app may first draw a
        // "Загрузка…" placeholder that stays while it reads; that placeholder is not the first full frame.
        t.respawn(app)
        guard let reference = t.waitStable(differentFrom: nil, quiet: 2.5, timeout: 60),
              reference.contains(where: { !$0.isEmpty }) else {
            return TUIFigures(whyNot: "the TUI drew nothing within 30 s")
        }
        var times: [Double] = []
        for _ in 0..<(quick ? 2 : 5) {
            t.respawn("exec sleep 3600")
            guard t.waitUntil(timeout: 5, { $0.allSatisfy(\.isEmpty) }) != nil else { return TUIFigures(whyNot: "tmux pane did not clear") }
            let t0 = DispatchTime.now().uptimeNanoseconds
            t.respawn(app)
            guard t.waitUntil(timeout: 30, { Self.isFullFrame($0, of: reference) }) != nil else {
                return TUIFigures(whyNot: "the first frame did not appear within 30 s")
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        var out = TUIFigures(firstFrameMs: Self.median(times))
        out.frameDetail = "\((executable as NSString).lastPathComponent) as the methodist in tmux \(width)×\(height), \(times.count) starts: " + times.map { String(format: "%.0f", $0) }.joined(separator: ", ") + " ms"
        _ = t.waitStable(differentFrom: nil, timeout: 10)
        // One arrow key in the organisations table.
        note("counting the bytes of one arrow key…")
        let dashboard = t.capture(escapes: true)
        t.send("1")
        if let table = t.waitStable(differentFrom: dashboard, escapes: true, timeout: 30) {
            let log = (dir as NSString).appendingPathComponent("arrow.bytes")
            t.run(["pipe-pane", "-O", "-t", t.pane, "cat >> \(quote(log))"])
            usleep(200_000)
            t.send("Down")
            let after = t.waitStable(differentFrom: table, escapes: true, timeout: 10)
            t.run(["pipe-pane", "-t", t.pane])
            usleep(200_000)
            let plain = t.capture(escapes: false)
            let written = ((try? FileManager.default.attributesOfItem(atPath: log))?[.size] as? NSNumber)?.intValue ?? 0
            if let after {
                let changed = after.indices.filter { $0 < table.count && table[$0] != after[$0] }
                let rowBytes = changed.reduce(0) { sum, i in
                    let text = i < plain.count ? plain[i] : ""
                    return sum + text.utf8.count + max(width - text.count, 0)
                }
                if rowBytes > 0 && written > 0 {
                    out.arrowRatio = Double(written) / Double(rowBytes)
                    out.arrowDetail = "Down in the organisations table (key 1): \(written) bytes written; \(changed.count) rows changed, \(rowBytes) bytes at \(width) columns"
                } else {
                    out.whyNotArrow = written == 0 ? "the key wrote nothing" : "no row changed"
                }
            } else {
                out.whyNotArrow = "Down changed nothing on screen"
            }
        } else {
            out.whyNotArrow = "key 1 did not open a table"
        }
        if let pid = t.panePid(), let kb = Self.status(pid: pid, "VmHWM") {
            out.peakMB = Double(kb) / 1024
            let anon = Self.status(pid: pid, "RssAnon").map { String(format: "%.1f", Double($0) / 1024) } ?? "?"
            let file = Self.status(pid: pid, "RssFile").map { String(format: "%.1f", Double($0) / 1024) } ?? "?"
            out.memoryDetail = "methodist session after the table: now \(anon) MB private (RssAnon) + \(file) MB of files (RssFile); "
                + Self.notableMappings(pid: pid)
        }
        measureSharedSessions(t, app: app, reference: reference, into: &out)
        return out
    }

    /// Sessions started for the shared-memory figure (the one already running included); 3 with --quick.
    var concurrentSessions: Int { quick ? 3 : 10 }

    /// Starts more sessions beside the running one, each in its own tmux window, waits until every one shows the
    /// dashboard, and reads each one's PSS (/proc/<pid>/smaps_rollup): its private pages plus its share of pages
    /// it maps together with the others (libraries, the binary). What a server pays per session when many run.
    private func measureSharedSessions(_ t: BenchTmux, app: String, reference: [String], into out: inout TUIFigures) {
        note("starting \(concurrentSessions) TUI sessions at once…")
        var windows: [String] = []
        for i in 1..<concurrentSessions {
            let name = "s\(i)"
            guard t.run(["new-window", "-d", "-t", t.pane, "-n", name, app]) != nil else {
                out.whyNotShared = "cannot open tmux window \(i)"; return
            }
            windows.append("\(t.pane):\(name)")
        }
        let deadline = Date().addingTimeInterval(60)
        for w in windows {
            while !Self.isFullFrame(t.capture(escapes: false, target: w), of: reference) {
                guard Date() < deadline else { out.whyNotShared = "a session did not draw within 60 s"; return }
                usleep(50_000)
            }
        }
        var pids: [Int32] = []
        if let p = t.panePid() { pids.append(p) }
        for w in windows { if let p = t.panePid(target: w) { pids.append(p) } }
        let pss = pids.compactMap { Self.rollup(pid: $0, "Pss") }
        guard pss.count == concurrentSessions else { out.whyNotShared = "could not read every session's memory"; return }
        let mean = Double(pss.reduce(0, +)) / Double(pss.count) / 1024
        out.sharedMB = mean
        let lo = Double(pss.min() ?? 0) / 1024, hi = Double(pss.max() ?? 0) / 1024
        out.sharedDetail = String(format: "%d methodist sessions on the dashboard in tmux: PSS %.1f–%.1f MB each, %.0f MB in all",
                                  pss.count, lo, hi, Double(pss.reduce(0, +)) / 1024)
    }

    /// A field of /proc/<pid>/smaps_rollup in kB (`Pss`, `Rss`).
    static func rollup(pid: Int32, _ field: String) -> Int? { ProcFile.kilobytes("/proc/\(pid)/smaps_rollup", field) }

    /// Whether `screen` shows the reference frame: every non-blank reference line in place, but one (a clock may tick).
    static func isFullFrame(_ screen: [String], of reference: [String]) -> Bool {
        let lines = reference.indices.filter { !reference[$0].isEmpty }
        let same = lines.filter { $0 < screen.count && screen[$0] == reference[$0] }.count
        return same >= lines.count - 1 && same > 0
    }

    /// A field of /proc/<pid>/status in kB: `VmHWM` (peak resident), `RssAnon`, `RssFile`.
    static func status(pid: Int32, _ field: String) -> Int? { ProcFile.kilobytes("/proc/\(pid)/status", field) }

    /// What a session maps of the libraries worth naming: the Swift runtime, the .xlsx writer and its zlib/minizip.
    static func notableMappings(pid: Int32) -> String {
        let libs = Linkage.mappedLibraries(pid: pid)
        let notable = ["libswiftCore", "libFoundation", "libxlsxwriter", "libminizip", "libz.so", "libcrypto", "libicu"]
        let mapped = notable.filter { n in libs.contains { $0.hasPrefix(n) } }
        return "\(libs.count) shared libraries mapped" + (mapped.isEmpty ? " (none of the Swift runtime, xlsxwriter, minizip, zlib, libcrypto, ICU)"
            : ", among them " + mapped.joined(separator: ", "))
    }
}

/// A tmux server on its own socket with one pane, driven through the tmux client.
final class BenchTmux {
    let tmux: String
    let socket = "profrost-bench-\(getpid())"
    let pane = "bench"
    let env: [String: String]

    init?(tmux: String, width: Int, height: Int, env: [String: String]) {
        self.tmux = tmux; self.env = env
        // The first client forks the server, which keeps the client's stdout: read nothing from this one.
        guard run(["-f", "/dev/null", "new-session", "-d", "-s", pane, "-x", "\(width)", "-y", "\(height)", "exec sleep 3600"],
                  output: false) != nil
        else { return nil }
        run(["set-option", "-t", pane, "remain-on-exit", "on"])
    }

    /// Runs a tmux client command; its output, or nil when it failed.
    @discardableResult
    func run(_ args: [String], output: Bool = true) -> String? {
        guard let r = try? Child.run(tmux, ["-L", socket] + args, environment: env, timeout: 60, keepOutput: output), r.succeeded else { return nil }
        return r.output
    }

    func respawn(_ command: String) { run(["respawn-pane", "-k", "-t", pane, command]) }
    func send(_ key: String) { run(["send-keys", "-t", pane, key]) }

    /// The screen's lines, with SGR escapes when `escapes` (so a change of highlight shows as a change).
    func capture(escapes: Bool, target: String? = nil) -> [String] {
        let text = run(["capture-pane", "-p", "-t", target ?? pane] + (escapes ? ["-e"] : [])) ?? ""
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Polls the plain screen as fast as tmux answers until `done` holds; nil after `timeout` seconds.
    func waitUntil(timeout: Double, _ done: ([String]) -> Bool) -> [String]? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let s = capture(escapes: false)
            if done(s) { return s }
        }
        return nil
    }

    /// Waits until the screen differs from `differentFrom` (if given) and then stays the same for `quiet` seconds.
    func waitStable(differentFrom old: [String]?, escapes: Bool = false, quiet: Double = 0.4, timeout: Double) -> [String]? {
        let deadline = Date().addingTimeInterval(timeout)
        var last: [String] = []
        var since = Date()
        while Date() < deadline {
            let s = capture(escapes: escapes)
            if s != last { last = s; since = Date() }
            if old.map({ $0 != s }) ?? true, s.contains(where: { !$0.isEmpty }), Date().timeIntervalSince(since) >= quiet { return s }
            usleep(20_000)
        }
        return nil
    }

    func panePid(target: String? = nil) -> Int32? {
        run(["display-message", "-p", "-t", target ?? pane, "#{pane_pid}"]).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    func kill() { run(["kill-server"]) }
}
