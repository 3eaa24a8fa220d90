import Foundation
import Model
#if canImport(Glibc)
import Glibc
#endif

/// One key a session's user presses, and what the bench waits for after it.
struct Keystroke {
    enum Expect {
        /// The screen changes: a keystroke-to-screen latency.
        case change
        /// The key may leave the screen as it is (Ctrl+U on an empty field): not timed.
        case nothing
        /// The screen shows `text` (the save's or the submit's confirmation): timed as a keystroke and as a save.
        case confirmation(String, Ack)
        /// F5 on the dashboard: timed when the screen changes within 3 s (the figures may be the same).
        case refresh
    }

    /// What a confirmed save put in the card.
    enum Ack {
        case indicator(id: String, answer: Answer, document: String)
        case submit
    }

    var bytes: [UInt8]
    var expect: Expect

    init(_ s: String, _ expect: Expect = .change) { bytes = Array(s.utf8); self.expect = expect }

    static let enter = "\r", tab = "\t", down = "\u{1B}OB", home = "\u{1B}OH", clear = "\u{15}", f5 = "\u{1B}[15~"
}

/// The keys a principal types on the deadline day: open the card (it opens by itself), for each of the first
/// indicators that take a typed answer: Enter, the answer (Space/y/n for a fact, digits for counts and percents, Tab
/// between fields), Tab to the document's name, a name, Tab, Tab to the last field, Enter (saves and closes), Down; then
/// `s` and `y` to submit. Values differ from what the card holds, so every save writes.
enum DayScript {
    static func keys(template: Template, card: ExpertCard?, fill: Int, rng: inout SystemRandomNumberGenerator) -> [Keystroke] {
        var keys = [Keystroke(Keystroke.home, .nothing)]
        var at = 0
        var filled = 0
        for (i, ind) in template.indicators.enumerated() where filled < fill {
            if case .retention = ind.rule { continue }  // last year's count comes from last year's card
            for _ in at..<i { keys.append(Keystroke(Keystroke.down)) }
            at = i
            keys.append(Keystroke(Keystroke.enter))
            let current = card?.answers[ind.id]
            let answer: Answer
            switch ind.rule {
            case .fact:
                let yes = current != .fact(true)
                answer = .fact(yes)
                keys.append(Keystroke(yes ? "y" : "n"))
            case .share, .participation:
                var whole = 0, part = 0
                repeat { whole = Int.random(in: 12...90, using: &rng); part = Int.random(in: 0...whole, using: &rng) }
                while current == .ratio(part: part, whole: whole)
                answer = .ratio(part: part, whole: whole)
                keys += typed(whole) + [Keystroke(Keystroke.tab)] + typed(part)
            case .percent:
                var v = 0
                repeat { v = Int.random(in: 0...100, using: &rng) } while current == .percent(Double(v))
                answer = .percent(Double(v))
                keys += typed(v)
            case .retention:
                continue
            }
            let document = "Приказ-\(Int.random(in: 1...999, using: &rng))"
            keys.append(Keystroke(Keystroke.tab))
            keys.append(Keystroke(Keystroke.clear, .nothing))
            keys += document.map { Keystroke(String($0)) }
            keys += [Keystroke(Keystroke.tab), Keystroke(Keystroke.tab),
                     Keystroke(Keystroke.enter, .confirmation("Показатель \(ind.id) сохранён",
                                                              .indicator(id: ind.id, answer: answer, document: document)))]
            filled += 1
        }
        keys.append(Keystroke("s"))
        keys.append(Keystroke("y", .confirmation("Карта подана на проверку", .submit)))
        return keys
    }

    /// Ctrl+U (the field may hold a value), then the digits.
    static func typed(_ n: Int) -> [Keystroke] { [Keystroke(Keystroke.clear, .nothing)] + String(n).map { Keystroke(String($0)) } }
}

/// One TUI session of the deadline day, driven through its pty.
final class DaySession {
    let person: String
    let org: String?
    let child: PtyChild
    let started: UInt64
    var screen = VTScreen(rows: 24, cols: 80)
    var keys: [Keystroke]
    var next = 0
    var due: UInt64 = .max
    var readyAt: UInt64?
    /// The key sent and not yet answered: when, and the screen's change count then.
    var waiting: (sent: UInt64, changes: Int, key: Keystroke, firstChange: UInt64?)?
    var acks: [Keystroke.Ack] = []
    var failures: [String] = []
    var gone = false

    init(person: String, org: String?, child: PtyChild, keys: [Keystroke]) {
        self.person = person; self.org = org; self.child = child; self.keys = keys
        started = DispatchTime.now().uptimeNanoseconds
    }

    var isDashboard: Bool { org == nil }
    var done: Bool { gone || (!isDashboard && next >= keys.count && waiting == nil) }

    /// The message line (second from the bottom), where saves are confirmed and errors shown.
    var messageLine: String { Whitespace.trimmed(screen.line(screen.rows - 2)) }
}

extension BenchContext {
    struct DayFigures {
        var keystrokeMs: [Double] = []
        var saveMs: [Double] = []
        var refreshMs: [Double] = []
        var refreshes = 0
        var firstFrameMs: [Double] = []
        var pssKB: [Int] = []
        var dashboardPssKB: Int?
        var cpuMs: [Double] = []
        var acked = 0, ackedSubmits = 0
        var onDisk = 0, submittedOnDisk = 0
        var journaled = 0, submitsJournaled = 0
        var failures: [String] = []
        var unknownEscapes: [String: Int] = [:]
        var seconds = 0.0
        /// When principals start typing: once every session is up (`.max` until then).
        var typingFrom: UInt64 = .max
        var detail = ""
        var whyNot: String?

        init(whyNot: String? = nil) { self.whyNot = whyNot }

        func rows(sessions n: Int) -> [BenchRow] {
            func p(_ xs: [Double], _ q: Double) -> Double? { BenchContext.percentile(xs, q) }
            let ms = { (xs: [Double]) in xs.isEmpty ? "" : String(format: "%d timed; median %.1f ms, max %.0f ms", xs.count,
                                                                   BenchContext.median(xs) ?? 0, xs.max() ?? 0) }
            let totalMB = pssKB.isEmpty ? nil : Double(pssKB.reduce(0, +)) / 1024
            let lost = acked + ackedSubmits - min(onDisk, journaled) - min(submittedOnDisk, submitsJournaled)
            let cpu = cpuMs.isEmpty ? "" : String(format: "%d principals: median %.0f ms, max %.0f ms of CPU in %.0f s",
                                                  cpuMs.count, BenchContext.median(cpuMs) ?? 0, cpuMs.max() ?? 0, seconds)
            let pssDetail = pssKB.isEmpty ? "" : String(format: "%d principal sessions: %.1f–%.1f MB each", pssKB.count,
                                                        Double(pssKB.min() ?? 0) / 1024, Double(pssKB.max() ?? 0) / 1024)
                + (dashboardPssKB.map { String(format: "; the methodist's %.1f MB (not in the sum)", Double($0) / 1024) } ?? "")
            let lostDetail = "acknowledged on screen: \(acked) indicator saves + \(ackedSubmits) submits; on disk \(onDisk) + "
                + "\(submittedOnDisk); in the journal \(journaled) + \(submitsJournaled)"
                + (failures.isEmpty ? "" : "; \(failures.count) failed on screen, first: \(failures[0])")
            let why = whyNot
            let title = "deadline day, \(n) principals"
            return [
                BenchRow(figure: "\(title): keystroke → changed screen, p50 (ms)", value: p(keystrokeMs, 50), bar: "-", goal: "-",
                         passes: nil, meetsGoal: nil, detail: detail, unmeasured: why),
                BenchRow(figure: "\(title): keystroke → changed screen, p99 (ms)", value: p(keystrokeMs, 99), bar: "≤ 100",
                         goal: "≤ 50", passes: { $0 <= 100 }, meetsGoal: { $0 <= 50 }, detail: ms(keystrokeMs), unmeasured: why),
                BenchRow(figure: "\(title): save (Enter → «сохранён» on screen), p99 (ms)", value: p(saveMs, 99), bar: "≤ 40",
                         goal: "≤ 20", passes: { $0 <= 40 }, meetsGoal: { $0 <= 20 }, detail: ms(saveMs), unmeasured: why),
                BenchRow(figure: "\(title): PSS of all sessions together (MB)", value: totalMB, bar: "≤ \(10 * n)",
                         goal: "≤ \(5 * n)", passes: { $0 <= Double(10 * n) }, meetsGoal: { $0 <= Double(5 * n) },
                         detail: pssDetail, unmeasured: why),
                BenchRow(figure: "  (reference) \(title): CPU time per principal session, median (ms)", value: BenchContext.median(cpuMs),
                         bar: "-", goal: "-", passes: nil, meetsGoal: nil, detail: cpu, unmeasured: why),
                BenchRow(figure: "  (reference) \(title): methodist's F5 on the dashboard → changed screen, p99 (ms)",
                         value: p(refreshMs, 99), bar: "-", goal: "-", passes: nil, meetsGoal: nil,
                         detail: "\(refreshes) F5 pressed; " + ms(refreshMs), unmeasured: why ?? (refreshMs.isEmpty ? "no F5 changed the screen" : nil)),
                BenchRow(figure: "\(title): acknowledged saves missing on disk or in the journal", value: why == nil ? Double(lost) : nil,
                         bar: "0", goal: "0", passes: { $0 == 0 }, meetsGoal: { $0 == 0 }, detail: lostDetail, unmeasured: why),
            ]
        }
    }

    /// The deadline day: `sessions` principals whose cards are still open, each in the product's TUI on a pty of its
    /// own (80×24, TERM=xterm-256color), typing `fill` indicators at a human pace (one key every 150–300 ms) and
    /// submitting, while the methodist's dashboard is refreshed with F5 every 5 s. Afterwards every save the screens
    /// confirmed is looked up in the card files and in the journal.
    func deadlineDay(data: String, sessions n: Int, fill: Int) -> DayFigures {
        guard let ws = try? Workspace(root: data), let campaign = try? ws.campaign(orLatest: nil),
              let templates = try? ws.templates(of: campaign), let orgs = try? ws.organisations(),
              let people = try? ws.people() else {
            return DayFigures(whyNot: "cannot open the workspace")
        }
        let period = campaign.period
        // Principals whose card is not started, a draft, or returned: the ones still typing on the last days.
        var chosen: [(Person, Organisation, ExpertCard?)] = []
        let principals = Dictionary(people.filter { $0.role == .principal }.compactMap { p in p.org.map { ($0, p) } },
                                    uniquingKeysWith: { a, _ in a })
        for o in orgs where chosen.count < n {
            guard let p = principals[o.id], templates[o.type] != nil else { continue }
            let card = try? ws.savedCard(org: o.id, period: period)
            if card == nil || card?.status == .draft || card?.status == .returned { chosen.append((p, o, card)) }
        }
        guard chosen.count == n else {
            return DayFigures(whyNot: "only \(chosen.count) open cards for \(n) principals: use a larger --orgs")
        }
        var env = childEnvironment
        env["TERM"] = "xterm-256color"
        env["PROFROST_DATA"] = data
        let methodist = people.first { $0.role == .methodist }?.id ?? "metodist"
        note("deadline day: starting the methodist's dashboard and \(n) principals' sessions under ptys…")
        var rng = SystemRandomNumberGenerator()
        var all: [DaySession] = []
        defer { PtyChild.hangUp(all.filter { !$0.gone }.map(\.child)) }
        guard let dash = PtyChild.start(executable, ["--as", methodist], env: env, rows: 24, cols: 80) else {
            return DayFigures(whyNot: "cannot start a session on a pty")
        }
        all.append(DaySession(person: methodist, org: nil, child: dash, keys: [Keystroke(Keystroke.f5, .refresh)]))
        var out = DayFigures()
        // Sessions connect one after another, 20 a second, as on the morning of the last day.
        for (p, o, card) in chosen {
            guard let t = templates[o.type],
                  let child = PtyChild.start(executable, ["--as", p.id], env: env, rows: 24, cols: 80) else {
                return DayFigures(whyNot: "cannot start session \(all.count) on a pty")
            }
            all.append(DaySession(person: p.id, org: o.id, child: child,
                                  keys: DayScript.keys(template: t, card: card, fill: fill, rng: &rng)))
            pump(all, for: 0.05, into: &out)
        }
        // Everyone types at once: each starts within two seconds of the last session's start.
        let t0 = DispatchTime.now().uptimeNanoseconds
        note("deadline day: \(all.count) sessions started; principals type…")
        out.typingFrom = t0
        for s in all where s.readyAt != nil { s.due = t0 + UInt64(Int.random(in: 0...2000)) * 1_000_000 }
        let deadline = t0 + UInt64(max(120, Double(n) * 2) * 1e9)
        pump(all, until: deadline, into: &out)
        out.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        // Memory and CPU while every session is still open, before they hang up.
        for s in all {
            if let kb = ProcFile.kilobytes("/proc/\(s.child.pid)/smaps_rollup", "Pss") {
                if s.isDashboard { out.dashboardPssKB = kb } else { out.pssKB.append(kb) }
            }
            if !s.isDashboard, let c = ProcFile.cpuMilliseconds(pid: s.child.pid) { out.cpuMs.append(c) }
            out.failures += s.failures.map { "\(s.person): \($0)" }
            out.unknownEscapes.merge(s.screen.unknown, uniquingKeysWith: +)
        }
        let libraries = all.dropFirst().first.map { BenchContext.notableMappings(pid: $0.child.pid) } ?? ""
        note("deadline day: hanging up \(all.count) sessions…")
        let killed = PtyChild.hangUp(all.map(\.child))
        for s in all { s.gone = true }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let benchCPU = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let unfinished = all.filter { !$0.isDashboard && $0.next < $0.keys.count }.count
        verify(all, ws: ws, period: period, into: &out)
        out.detail = "\((executable as NSString).lastPathComponent) --as <principal> ×\(n) + --as \(methodist), each on a pty 80×24; "
            + "\(fill) indicators each, then submit; \(out.keystrokeMs.count) keys timed in \(Int(out.seconds)) s"
            + String(format: "; first card on screen median %.0f ms", BenchContext.median(out.firstFrameMs) ?? 0)
            + (unfinished > 0 ? "; \(unfinished) sessions did not finish their keys" : "")
            + (killed > 0 ? "; \(killed) sessions did not exit within 5 s of the hang-up" : "")
            + (out.unknownEscapes.isEmpty ? "" : "; unknown escapes: \(out.unknownEscapes)")
            + "; a principal's session: " + libraries
            + String(format: "; the bench itself (pty reading, screen emulation) used %.1f s of CPU so far", benchCPU)
        return out
    }

    /// Reads every session's output, sends the keys that are due, and times the answers, for `seconds`.
    private func pump(_ sessions: [DaySession], for seconds: Double, into out: inout DayFigures) {
        pump(sessions, until: DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9), into: &out, stopWhenDone: false)
    }

    private func pump(_ sessions: [DaySession], until end: UInt64, into out: inout DayFigures, stopWhenDone: Bool = true) {
        var fds = sessions.map { pollfd(fd: $0.child.master, events: Int16(POLLIN), revents: 0) }
        while true {
            var now = DispatchTime.now().uptimeNanoseconds
            if now >= end { return }
            if stopWhenDone && sessions.allSatisfy({ $0.done || $0.isDashboard }) { return }
            var wake = min(end, now + 50_000_000)
            for s in sessions where s.waiting == nil && !s.gone { wake = min(wake, s.due) }
            for i in fds.indices { fds[i].fd = sessions[i].gone ? -1 : sessions[i].child.master; fds[i].revents = 0 }
            let timeout = Int32(clamping: wake > now ? (wake - now + 999_999) / 1_000_000 : 0)
            _ = poll(&fds, nfds_t(fds.count), timeout)
            now = DispatchTime.now().uptimeNanoseconds
            for (i, s) in sessions.enumerated() where fds[i].revents != 0 {
                guard let bytes = s.child.drain() else { s.gone = true; s.failures.append("the session ended"); continue }
                s.screen.feed(bytes)
                observe(s, at: now, into: &out)
            }
            now = DispatchTime.now().uptimeNanoseconds
            for s in sessions where !s.gone {
                timeOut(s, at: now, into: &out)
                if s.waiting == nil, s.readyAt != nil, now >= s.due, let key = s.isDashboard ? s.keys.first : s.keys[safe: s.next] {
                    s.waiting = (now, s.screen.changes, key, nil)
                    if !s.child.type(key.bytes) { s.failures.append("cannot write to the pty"); s.gone = true }
                    if !s.isDashboard { s.next += 1 }
                    let pause = s.isDashboard ? 5_000 : Int.random(in: 150...300)
                    s.due = now + UInt64(pause) * 1_000_000
                    if case .nothing = key.expect { s.waiting = nil }
                }
            }
        }
    }

    /// After output arrived: the first full screen, or the answer to the key sent.
    private func observe(_ s: DaySession, at now: UInt64, into out: inout DayFigures) {
        if s.readyAt == nil {
            let ready = s.isDashboard ? s.screen.contains("F5") && !s.screen.contains("Загрузка")
                : s.screen.contains("Карта организации") && s.screen.contains("Итого")
            if ready {
                s.readyAt = now
                out.firstFrameMs.append(Double(now - s.started) / 1e6)
                if out.typingFrom != .max { s.due = max(now, out.typingFrom) + UInt64(Int.random(in: 0...2000)) * 1_000_000 }
            }
            return
        }
        guard var w = s.waiting, s.screen.changes != w.changes else { return }
        let ms = Double(now - w.sent) / 1e6
        switch w.key.expect {
        case .nothing:
            s.waiting = nil
        case .change:
            out.keystrokeMs.append(ms)
            s.waiting = nil
        case .refresh:
            out.refreshMs.append(ms)
            out.refreshes += 1
            s.waiting = nil
        case .confirmation(let text, let ack):
            if w.firstChange == nil { out.keystrokeMs.append(ms); w.firstChange = now; s.waiting = w }
            if s.screen.contains(text) {
                out.saveMs.append(ms)
                s.acks.append(ack)
                s.waiting = nil
            }
        }
    }

    /// A key whose answer is overdue: a confirmation not shown within 2 s of the screen changing (an error is shown
    /// instead) or 20 s in all; an F5 that changed nothing within 3 s.
    private func timeOut(_ s: DaySession, at now: UInt64, into out: inout DayFigures) {
        guard let w = s.waiting else { return }
        let waited = Double(now - w.sent) / 1e9
        switch w.key.expect {
        case .refresh where waited > 3:
            out.refreshes += 1
            s.waiting = nil
        case .confirmation(let text, _) where waited > 20 || w.firstChange.map({ Double(now - $0) / 1e9 > 2 }) == true:
            s.failures.append("«\(text)» not shown; the message line says «\(s.messageLine)»")
            s.waiting = nil
            s.next = s.keys.count  // the rest of the script assumes this save went through
        case .change where waited > 20:
            s.failures.append("no change on screen within 20 s of a key")
            s.waiting = nil
        default:
            break
        }
    }

    /// Looks up every confirmed save in the card files and in the journal.
    private func verify(_ sessions: [DaySession], ws: Workspace, period: String, into out: inout DayFigures) {
        var journal: [String: [JSONValue]] = [:]  // target+action → afters
        let path = ws.path("journal.jsonl")
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let decoder = JSONFiles.decoder()
        for line in text.split(separator: "\n") {
            guard let e = try? decoder.decode(JournalEntry.self, from: Data(line.utf8)) else { continue }
            journal["\(e.action) \(e.target)", default: []].append(e.after)
        }
        for s in sessions {
            guard let org = s.org else { continue }
            let card = try? ws.savedCard(org: org, period: period)
            for ack in s.acks {
                switch ack {
                case .indicator(let id, let answer, let document):
                    out.acked += 1
                    if card?.answers[id] == answer, card?.evidence[id]?.document == document { out.onDisk += 1 }
                    if journal["card.answer card:\(period)/\(org)#\(id)"]?.contains(JSONValue.from(answer)) == true { out.journaled += 1 }
                case .submit:
                    out.ackedSubmits += 1
                    if card?.status == .submitted { out.submittedOnDisk += 1 }
                    if journal["card.submit card:\(period)/\(org)"] != nil { out.submitsJournaled += 1 }
                }
            }
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
