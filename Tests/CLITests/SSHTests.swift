import Foundation
import Testing
import Model
import TestSupport

/// A principal over a real ssh to a real sshd on 127.0.0.1, signed in by key through `ssh-line`.
@Suite(.serialized) struct SSHTests {
    @Test func principalIsConfinedAndCommandsAreRefused() async throws {
        let dir = Fixture.tempDir("sshws")
        let made = try await Binary.run(["init", "--demo"], data: dir, today: nil)
        #expect(made.status == 0)
        let ws = try Workspace(root: dir)
        let draft = try #require(try ws.scoreRows(try ws.campaign(orLatest: nil)).first { $0.status == .draft && $0.type == .general })
        let principal = "dir-\(draft.org)"
        let server = try await SSHServer { pub in
            let r = try await Binary.run(["ssh-line", principal, "--key", pub], data: dir, today: nil)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("command=\"/"))
            #expect(r.stdout.contains("/profrost --data \(dir) --as \(principal)\",restrict,pty ssh-ed25519 "))
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        defer { server.stop() }

        // A command after the host is refused, not run.
        let before = Fixture.snapshot(dir)
        let smuggled = try await Shell.run("/usr/bin/ssh", server.sshArguments + ["card", "set", "sch-001", "d1.1", "yes"], allowFailure: true)
        #expect(smuggled.contains("refused"))
        let shell = try await Shell.run("/usr/bin/ssh", server.sshArguments + ["cat /etc/passwd"], allowFailure: true)
        #expect(!shell.contains("root:x:0:0"))
        #expect(Fixture.snapshot(dir) == before)

        // Interactive: the forced command opens profrost as this principal, on their own card only, with no LANG
        // (sshd without PAM sets none): Cyrillic must still be right.
        let pane = try TUIPane("TERM=xterm-256color /usr/bin/ssh -tt " + server.sshArguments.joined(separator: " "))
        defer { pane.kill() }
        var screen = try pane.waitFor("Статус: черновик")
        // The full name, or the short one where the width is short.
        let shown = try #require(try ws.organisations().first { $0.id == draft.org })
        #expect(screen.contains(String(draft.name.prefix(30))) || screen.contains(shown.displayShortName))
        #expect(!screen.contains("\u{FFFD}") && !screen.contains("????"))
        let others = try ws.organisations().filter { $0.id != draft.org }
        #expect(!others.contains { screen.contains($0.name) })
        try pane.keys("Enter")
        try pane.waitFor("Всего педагогических работников")
        try pane.keys("C-u"); try pane.type("40"); try pane.keys("Tab", "C-u"); try pane.type("36"); try pane.keys("Enter")
        // Enter saves the whole form and closes it: the card's own key line is back without an Esc (over SSH an
        // Esc followed at once by a letter would read as Alt+letter, as in any terminal).
        screen = try pane.waitFor("Показатель d1.1 сохранён: ответ")
        try pane.waitFor("F5 Подать")
        try pane.quit()
        let period = try ws.campaign(orLatest: nil).period
        let card = try #require(try ws.savedCard(org: draft.org, period: period))
        #expect(card.answers["d1.1"] == .ratio(part: 36, whole: 40))
        #expect(card.updatedBy == principal)
        #expect(try ws.journal.entries().last?.actor == principal)
        #expect(ws.journal.verify() == .intact(entries: try ws.journal.entries().count))
    }
}
