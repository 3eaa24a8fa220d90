import Foundation
import Testing
import Model
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `kill -9` at random moments of a save: afterwards every card parses, every acknowledged save is on disk and in
/// the journal, every revision of the card has its journal entry, nothing is left half-done, and `audit verify`
/// passes. `PROFROST_KILLS=N` sets the number of kills (CI: 25; the claim in README rests on a run of ≥ 1,000).
@Suite struct KillTests {
    static var kills: Int { Int(ProcessInfo.processInfo.environment["PROFROST_KILLS"] ?? "") ?? 25 }

    /// A `profrost` process started with posix_spawn and reaped with waitpid on its own pid (Foundation's `Process`
    /// shares child reaping with the other suites' subprocess runner, and a child could be left unreaped).
    struct Child {
        let pid: pid_t
        /// Waits for the process; true when it exited 0.
        func waitExitedZero() -> Bool {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0
        }
    }

    func start(_ args: [String], data: String) throws -> Child {
        var env = ProcessInfo.processInfo.environment
        env["PROFROST_DATA"] = data; env["PROFROST_TODAY"] = "2026-09-10"; env["SSH_ORIGINAL_COMMAND"] = nil
        let argv = ([Binary.path] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, Binary.path, &actions, nil, argv, envp)
        guard rc == 0 else { throw StoreError.io(path: Binary.path, reason: "posix_spawn failed: \(rc)") }
        return Child(pid: pid)
    }

    @Test func killedSavesLeaveNoStateTheJournalDoesNotDescribe() async throws {
        let dir = Fixture.tempDir("kill")
        _ = try await Binary.run(["init", "--demo"], data: dir)
        let set = { (i: Int) in ["card", "set", "sch-003", "d1.2", "\(i % 97 + 1)/100", "--evidence", "Документ \(i)"] }
        // How long one save takes here, so that the kills land before, during and after its write.
        let t0 = Date()
        for i in 0..<3 { _ = try start(set(-1 - i), data: dir).waitExitedZero() }
        let saveTime = Date().timeIntervalSince(t0) / 3
        var acknowledged: [String] = []
        var killed = 0
        for i in 0..<Self.kills {
            let p = try start(set(i), data: dir)
            // Every fifth save is left to finish (so that acknowledged saves are checked even on a machine slower
            // than the warm-up said); the others are killed at a random moment of a typical save's time.
            if i % 5 != 4 {
                usleep(useconds_t(Double.random(in: 0...(saveTime * 1.3)) * 1_000_000))
                kill(p.pid, SIGKILL)   // a no-op when it has already exited (it is not reaped until waited for)
            }
            if p.waitExitedZero() { acknowledged.append("Документ \(i)") } else { killed += 1 }
        }
        #expect(killed > 0 && !acknowledged.isEmpty, "kills should land both mid-save and after it: \(killed) killed")

        let ws = try Workspace(root: dir)   // opening finishes or drops what was interrupted
        let card = try #require(try ws.savedCard(org: "sch-003", period: "2025-26"))
        let rel = "campaigns/2025-26/cards/sch-003.json"
        let entries = try ws.journal.entries()
        let evidence = entries.filter { $0.action == "card.evidence" && $0.target.hasSuffix("sch-003#d1.2") }
            .compactMap { e -> String? in if case .object(let o) = e.after, case .string(let d)? = o["document"] { return d }; return nil }
        for a in acknowledged { #expect(evidence.contains(a), "acknowledged save \(a) is not in the journal") }
        // The card says what the journal's last word on it says.
        let lastWord = entries.last { $0.document?.path == rel }
        #expect(lastWord?.document?.revision == card.revision)
        #expect(card.journal == lastWord.map { JournalLink(seq: $0.seq, hash: $0.hash) })
        let revisions = Set(entries.compactMap { $0.document?.path == rel ? $0.document?.revision : nil })
        #expect(Set(1...card.revision).isSubset(of: revisions), "a revision reached disk without its journal entry")
        #expect((try FileManager.default.contentsOfDirectory(atPath: dir + "/pending")).isEmpty)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir + "/campaigns/2025-26/cards")
            .filter { $0.contains(".tmp.") }
        #expect(leftovers.isEmpty)
        let recovered = entries.filter { $0.action == "save.recover" }.count
        print("KillTests: \(Self.kills) saves, \(killed) killed, \(acknowledged.count) acknowledged, \(recovered) rolled forward on reopening, "
              + "\(revisions.count) revisions journaled, card at revision \(card.revision)")
        let verify = try await Binary.run(["audit", "verify"], data: dir)
        #expect(verify.status == 0, "\(verify.stdout)")
    }
}
