import Foundation
import ChildProcess
#if canImport(Glibc)
import Glibc
#endif

/// Ends a test run that overstays, saying why, instead of letting CI wait for its own timeout with nothing printed.
///
/// Armed by the first temporary folder, demo, binary run or tmux pane a test asks for (every suite that starts
/// processes does), for `PROFROST_TEST_WATCHDOG` seconds (default 1200, README's bound for `swift test`; 0 turns it
/// off). When it fires it prints, unbuffered, the children still being waited for and every process still ours,
/// kills them with their sessions, and exits with status 124.
public enum Watchdog {
    private static let armed: Bool = {
        let seconds = ProcessInfo.processInfo.environment["PROFROST_TEST_WATCHDOG"].flatMap(Double.init) ?? 1200
        guard seconds > 0 else { return false }
        let thread = Thread {
            Thread.sleep(forTimeInterval: seconds)
            fire(after: seconds)
        }
        thread.name = "profrost-test-watchdog"
        thread.start()
        return true
    }()

    /// Starts the clock (once per test run).
    public static func arm() { _ = armed }

    private static func fire(after seconds: Double) {
        var text = "\n✘ The test run did not end within \(Int(seconds)) s (PROFROST_TEST_WATCHDOG); stopping it.\n"
        let waited = Child.waitedFor
        text += waited.isEmpty ? "No child is being waited for.\n" : "Children being waited for:\n" + waited.map { "  \($0)\n" }.joined()
        let mine = descendants()
        text += mine.isEmpty ? "No process of ours is left.\n" : "Processes of ours still running:\n" + mine.map { "  \($0.pid): \($0.command)\n" }.joined()
        fflush(stdout)
        FileHandle.standardError.write(Data(text.utf8))
        for p in mine { Child.killSession(p.pid) }
        _exit(124)
    }

    /// Every process whose parent chain leads to this one, from /proc.
    private static func descendants() -> [(pid: pid_t, command: String)] {
        var parent: [pid_t: pid_t] = [:], command: [pid_t: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let ppid = pid_t(fields[1]) else { continue }
            parent[pid] = ppid
            let cmd = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(name)/cmdline"))) ?? Data()
            command[pid] = String(decoding: cmd.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).prefix(200).description
        }
        let me = getpid()
        return parent.keys.sorted().compactMap { pid in
            var p = parent[pid] ?? 0
            var hops = 0
            while p > 1 && p != me && hops < 64 { p = parent[p] ?? 0; hops += 1 }
            return p == me ? (pid, command[pid] ?? "?") : nil
        }
    }
}
