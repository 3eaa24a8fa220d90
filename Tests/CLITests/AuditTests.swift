import Foundation
import Testing
import Model
import TestSupport

/// The journal is tamper-evident and every acknowledged save is in it.
@Suite struct AuditTests {
    func demo() async throws -> String {
        let dir = Fixture.tempDir("audit")
        _ = try await Binary.run(["init", "--demo"], data: dir)
        return dir
    }

    func journalLines(_ dir: String) throws -> [String] {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/journal.jsonl")), as: UTF8.self)
            .split(separator: "\n").map(String.init)
    }

    func write(_ lines: [String], _ dir: String) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/journal.jsonl"))
    }

    @Test func verifyPassesOnTheDemoAndFailsOnEveryTampering() async throws {
        let dir = try await demo()
        var r = try await Binary.run(["audit", "verify"], data: dir)
        #expect(r.status == 0)
        let lines = try journalLines(dir)
        #expect(r.stdout == "journal intact: \(lines.count) entries\n")
        #expect(lines.count > 100)

        var edited = lines; edited[20] = edited[20].replacingOccurrences(of: "\"demo\"", with: "\"someone\"")
        try write(edited, dir)
        r = try await Binary.run(["audit", "verify"], data: dir)
        #expect(r.status == 6 && r.stderr.contains("line 21") && r.stderr.contains("edited"))

        var removed = lines; removed.remove(at: 30)
        try write(removed, dir)
        r = try await Binary.run(["audit", "verify"], data: dir)
        #expect(r.status == 6 && r.stderr.contains("line 31"))

        var reordered = lines; reordered.swapAt(40, 41)
        try write(reordered, dir)
        r = try await Binary.run(["audit", "verify"], data: dir)
        #expect(r.status == 6 && r.stderr.contains("line 41"))

        var truncatedTail = lines; truncatedTail.removeLast()
        try write(truncatedTail, dir)
        r = try await Binary.run(["audit", "verify"], data: dir)
        #expect(r.status == 0, "dropping the newest entry cannot be seen from the chain alone")
    }

    @Test func everyChangeIsJournaledWithBeforeAndAfter() async throws {
        let dir = try await demo()
        _ = try await Binary.run(["campaign", "extend", "sch-001", "--until", "2026-10-20"], data: dir)
        let r = try await Binary.run(["audit", "show", "--actor", "metodist", "--format", "json"], data: dir)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let ext = try #require(entries.last)
        #expect(ext["action"] as? String == "campaign.extend")
        #expect(ext["target"] as? String == "campaign:2025-26/sch-001")
        #expect(ext["before"] is NSNull)
        #expect(ext["after"] as? String == "2026-10-20")
    }

    /// 20 processes save into one card at once: every acknowledged save is on disk and in the journal.
    @Test func twentyConcurrentWritersLoseNothing() async throws {
        let dir = try await demo()
        let ws = try Workspace(root: dir)
        let t = try ws.template(for: .general, in: try ws.campaign(orLatest: nil))
        let ids = Array(t.indicators.map(\.id).prefix(20))
        let before = try ws.savedCard(org: "sch-001", period: "2025-26")?.revision ?? 0
        let outcomes = try await withThrowingTaskGroup(of: (String, Binary.Outcome).self) { group in
            for (i, id) in ids.enumerated() {
                group.addTask {
                    (id, try await Binary.run(["card", "set", "sch-001", id, "--evidence", "Документ \(i)"], data: dir))
                }
            }
            var out: [(String, Binary.Outcome)] = []
            for try await o in group { out.append(o) }
            return out
        }
        let acknowledged = outcomes.filter { $0.1.status == 0 }.map(\.0)
        #expect(acknowledged.count == 20, "\(outcomes.filter { $0.1.status != 0 }.map(\.1.stderr))")
        let card = try #require(try ws.savedCard(org: "sch-001", period: "2025-26"))
        for (i, id) in ids.enumerated() where acknowledged.contains(id) {
            #expect(card.evidence[id]?.document == "Документ \(i)")
        }
        #expect(card.revision == before + acknowledged.count)
        let journaled = try ws.journal.entries().filter { $0.action == "card.evidence" && $0.target.hasPrefix("card:2025-26/sch-001#") }
        #expect(Set(journaled.map { String($0.target.split(separator: "#").last ?? "") }) == Set(acknowledged))
        #expect(ws.journal.verify() == .intact(entries: try ws.journal.entries().count))
    }
}
