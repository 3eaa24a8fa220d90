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

    /// `audit verify --format json`: the findings' codes and paths.
    func findings(_ dir: String, key: String? = nil) async throws -> (status: Int32, codes: [String], text: String) {
        let r = try await Binary.run(["audit", "verify", "--format", "json"] + (key.map { ["--key", $0] } ?? []), data: dir)
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let problems = obj?["problems"] as? [[String: Any]] ?? []
        return (r.status, problems.compactMap { $0["code"] as? String },
                problems.compactMap { $0["message"] as? String }.joined(separator: "\n"))
    }

    @Test func verifyPassesOnTheDemoAndNamesEveryEditedLine() async throws {
        let dir = try await demo()
        var r = try await Binary.run(["audit", "verify"], data: dir)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("Целостность подтверждена."))
        let lines = try journalLines(dir)
        #expect(r.stdout.contains("Записей в журнале: \(lines.count)"))
        #expect(lines.count > 100)

        var edited = lines; edited[20] = edited[20].replacingOccurrences(of: "\"demo\"", with: "\"someone\"")
        try write(edited, dir)
        r = try await Binary.run(["audit", "verify"], data: dir)
        #expect(r.status == 6 && r.stdout.contains("[journal-broken] Журнал нарушен в строке 21") && r.stdout.contains("изменена"))

        var removed = lines; removed.remove(at: 30)
        try write(removed, dir)
        r = try await Binary.run(["audit", "verify"], data: dir)
        #expect(r.status == 6 && r.stdout.contains("в строке 31"))

        var reordered = lines; reordered.swapAt(40, 41)
        try write(reordered, dir)
        r = try await Binary.run(["audit", "verify"], data: dir)
        #expect(r.status == 6 && r.stdout.contains("в строке 41"))
    }

    /// Re-hashes every entry from `from` on, as a forger who can write the files would.
    func rehash(_ lines: [String], from: Int) throws -> [String] {
        let dec = JSONFiles.decoder(), enc = JSONFiles.encoder(pretty: false)
        var entries = try lines.map { try dec.decode(JournalEntry.self, from: Data($0.utf8)) }
        for i in from..<entries.count {
            entries[i].prev = i == 0 ? String(repeating: "0", count: 64) : entries[i - 1].hash
            entries[i].hash = entries[i].computedHash()
        }
        return try entries.map { String(decoding: try enc.encode($0), as: UTF8.self) }
    }

    /// Without a checkpoint the chain cannot show its newest entries cut off, the journal emptied or rewritten with
    /// every hash recomputed; a signed checkpoint shows each, with the key given or only the one it carries.
    @Test func signedCheckpointsCatchTruncationEmptyingAndRewrites() async throws {
        let dir = try await demo()
        let keyDir = Fixture.tempDir("key")
        let key = keyDir + "/audit.key"
        // The key is refused inside the workspace.
        var r = try await Binary.run(["audit", "keygen", "--out", dir + "/audit.key"], data: dir)
        #expect(r.status == 2)
        r = try await Binary.run(["audit", "keygen", "--out", key], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try journalLines(dir)

        // Before any checkpoint: a rewrite with recomputed hashes passes the chain; only the cards, which name the
        // entries that saved them, give it away (a forger who also rewrites every card's link is not caught: README).
        var rewritten = lines
        rewritten[5] = rewritten[5].replacingOccurrences(of: "\"demo\"", with: "\"forger\"")
        try write(try rehash(rewritten, from: 5), dir)
        var f = try await findings(dir)
        #expect(f.status == 6 && Set(f.codes) == ["card-link"], "\(f.text)")
        try write(lines, dir)

        r = try await Binary.run(["audit", "checkpoint", "--key", key], data: dir)
        #expect(r.status == 0 && r.stdout.contains("запись \(lines.count)"), "\(r.stderr)")
        #expect(try await findings(dir, key: key + ".pub").status == 0)

        // The newest entry cut off.
        try write(Array(lines.dropLast()), dir)
        f = try await findings(dir, key: key)
        #expect(f.status == 6 && f.codes.contains("checkpoint-missing-entries"))

        // An old entry rewritten and every later hash recomputed.
        try write(try rehash(rewritten, from: 5), dir)
        f = try await findings(dir, key: key)
        #expect(f.status == 6 && f.codes.first == "checkpoint-mismatch", "\(f.text)")

        // Journal emptied and the workspace's checkpoints deleted: the copy beside the key still knows.
        try Data().write(to: URL(fileURLWithPath: dir + "/journal.jsonl"))
        try FileManager.default.removeItem(atPath: dir + "/checkpoints.jsonl")
        f = try await findings(dir, key: key)
        #expect(f.status == 6 && f.codes.contains("checkpoint-missing-entries"))

        // A checkpoint signed with another key is refused when the methodist's key is given.
        try write(lines, dir)
        let other = keyDir + "/other.key"
        _ = try await Binary.run(["audit", "keygen", "--out", other], data: dir)
        _ = try await Binary.run(["audit", "checkpoint", "--key", other], data: dir)
        f = try await findings(dir, key: key)
        #expect(f.status == 6 && f.codes == ["checkpoint-signature"], "\(f.text)")
    }

    /// A card edited by hand (revision unchanged) is found and named by organisation and indicator.
    @Test func aHandEditedCardIsNamedByIndicator() async throws {
        let dir = try await demo()
        let file = dir + "/campaigns/2025-26/cards/sch-002.json"
        var card = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        var answers = try #require(card["answers"] as? [String: Any])
        answers["d1.1"] = ["part": 10, "whole": 10]
        for (id, v) in answers { if let o = v as? [String: Any], o["present"] != nil { answers[id] = ["present": true] } }
        card["answers"] = answers
        try JSONSerialization.data(withJSONObject: card, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: file))
        let f = try await findings(dir)
        #expect(f.status == 6)
        #expect(f.codes == ["document-edited"])
        #expect(f.text.contains("campaigns/2025-26/cards/sch-002.json") && f.text.contains("d1.1: в журнале"))
        #expect(f.text.contains("в файле 10/10"))
    }

    /// A hand edit that a later save builds on is not laundered by it: the file then matches its last entry, but no
    /// entry ever gave the edited answer, and `verify` names it (`answers-not-journaled`) on every run after.
    @Test func aHandEditUnderALaterSaveIsStillNamed() async throws {
        let dir = try await demo()
        let score = try await Binary.run(["score", "--format", "json"], data: dir)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [[String: Any]])
        let org = try #require(rows.first { $0["status"] as? String == "draft" && $0["type"] as? String == "general" }?["org"] as? String)
        let file = dir + "/campaigns/2025-26/cards/\(org).json"
        var card = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        var answers = try #require(card["answers"] as? [String: Any])
        answers["d1.1"] = ["part": 10, "whole": 10]
        card["answers"] = answers
        try JSONSerialization.data(withJSONObject: card, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: file))
        #expect(try await findings(dir).codes == ["document-edited"])
        // The principal saves another indicator on top of the edited file.
        let set = try await Binary.run(["card", "set", org, "d1.3", "yes", "--as", "dir-\(org)"], data: dir)
        #expect(set.status == 0, "\(set.stderr)")
        let f = try await findings(dir)
        #expect(f.status == 6)
        #expect(f.codes == ["answers-not-journaled"])
        #expect(f.text.contains("campaigns/2025-26/cards/\(org).json") && f.text.contains("d1.1: в журнале"))
        #expect(f.text.contains("в файле 10/10"))
    }

    /// A score-index line forged to claim another card's answers, with the card's file stamp kept: `score` and the
    /// final ranking read the card, `audit verify` names the line.
    @Test func aForgedScoreIndexLineDecidesNothing() async throws {
        let dir = try await demo()
        let ws = try Workspace(root: dir)
        let cards = try ws.loadCards(period: "2025-26", orgs: try ws.organisations().map(\.id))
        let rows = try ws.scoreRows(try ws.campaign("2025-26"), source: .cards).filter { $0.type == .general && cards[$0.org] != nil }
        let high = try #require(rows.max { $0.points < $1.points }), low = try #require(rows.min { $0.points < $1.points })
        #expect(high.points > low.points)
        let indexFile = dir + "/campaigns/2025-26/score-index.txt"
        var lines = String(decoding: try Data(contentsOf: URL(fileURLWithPath: indexFile)), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        let hi = try #require(lines.firstIndex { $0.hasPrefix(high.org + "\t") })
        let lo = try #require(lines.firstIndex { $0.hasPrefix(low.org + "\t") })
        var forged = lines[hi].dropFirst(high.org.count + 1).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let lowFields = lines[lo].dropFirst(low.org.count + 1).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        for i in 2...5 { forged[i] = lowFields[i] }   // the low card's stamp: the cache would trust the line
        lines[lo] = low.org + "\t" + forged.joined(separator: "|")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: indexFile))

        let f = try await findings(dir)
        #expect(f.status == 6 && f.codes == ["index-forged"] && f.text.contains(low.org))
        #expect(try await findings(dir).status == 6, "verify reports, it does not repair")

        let score = try await Binary.run(["score", "--format", "json"], data: dir)
        let scored = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [[String: Any]])
        #expect(scored.first { $0["org"] as? String == low.org }?["points"] as? Int == low.points)
        // The exported workbook is a published result: from the cards.
        let book = Fixture.tempDir("forged") + "/r.xlsx"
        let export = try await Binary.run(["export", "--out", book], data: dir)
        #expect(export.status == 0, "\(export.stderr)")
        let sheet = try #require(try ReadBook.read(book).sheet("ОО"))
        let row = try #require(sheet.rows.first { $0.contains(.s(low.org)) })
        #expect(row.contains(.n(Double(low.points))), "\(row)")
        // Reading the card rewrote its cache line.
        #expect(try await findings(dir).status == 0)
    }

    /// A torn last journal line (a write cut short) is cut off and the cut journaled; saves go on.
    @Test func aTornJournalEndIsRepairedNotFatal() async throws {
        let dir = try await demo()
        let journal = dir + "/journal.jsonl"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: journal))
        try handle.truncate(atOffset: UInt64(size - 40)); try handle.close()
        let r = try await Binary.run(["card", "set", "sch-003", "d1.1", "9/10"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try journalLines(dir)
        let entries = try lines.map { try JSONFiles.decoder().decode(JournalEntry.self, from: Data($0.utf8)) }
        let repair = try #require(entries.first { $0.action == "journal.repair" })
        if case .object(let o) = repair.before { #expect(o["bytes"] != nil && o["text"] != nil) } else { Issue.record("no detail") }
        #expect(entries.last?.action == "card.answer" && entries.last?.document?.path == "campaigns/2025-26/cards/sch-003.json")
        #expect(try Workspace(root: dir).journal.verify() == .intact(entries: entries.count))
        // What the cut entry described is now a card the journal does not describe: verify says which.
        let f = try await findings(dir)
        #expect(f.status == 6 && f.codes == ["document-not-journaled"])
    }

    /// A journal that cannot be written: the save is refused and the card is as it was (no pending file left).
    @Test func aJournalThatCannotBeWrittenRefusesTheSave() async throws {
        let dir = try await demo()
        let before = Fixture.snapshot(dir + "/campaigns")
        try FileManager.default.moveItem(atPath: dir + "/journal.jsonl", toPath: dir + "/journal.bak")
        try FileManager.default.createDirectory(atPath: dir + "/journal.jsonl", withIntermediateDirectories: false)
        let r = try await Binary.run(["card", "set", "sch-003", "d1.1", "9/10"], data: dir)
        #expect(r.status == 1 && r.stderr.contains("cannot write the journal"))
        #expect(Fixture.snapshot(dir + "/campaigns") == before)
        #expect((try FileManager.default.contentsOfDirectory(atPath: dir + "/pending")).filter { !$0.hasPrefix(".") }.isEmpty)   // dot files: the shared fsyncs' records, the spares
    }

    /// One truncated card: every report shows the others, marks that one with its real line, and exits 5.
    @Test func oneBrokenCardIsOneMarkedRow() async throws {
        let dir = try await demo()
        let file = dir + "/campaigns/2025-26/cards/sch-005.json"
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let cut = data.prefix(data.count / 2)
        try cut.write(to: URL(fileURLWithPath: file))
        let lastLine = cut.split(separator: 0x0A, omittingEmptySubsequences: false).count
        let orgs = try Workspace(root: dir).organisations().count
        for cmd in [["score"], ["deadlines"], ["rank"], ["zones"], ["export", "--out", Fixture.tempDir("x") + "/r.xlsx"]] {
            let r = try await Binary.run(cmd, data: dir)
            #expect(r.status == 5, "\(cmd): \(r.stderr)")
            #expect(r.stderr.contains("sch-005.json:\(lastLine)"), "\(cmd): \(r.stderr)")
        }
        let score = try await Binary.run(["score", "--format", "csv"], data: dir)
        let rows = score.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.dropFirst()
        #expect(rows.count == orgs)
        #expect(rows.first { $0.hasPrefix("sch-005;") }?.contains(";unreadable;") == true)
        // A card path that is a folder says so.
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
        let show = try await Binary.run(["card", "show", "sch-005"], data: dir)
        #expect(show.status == 1 && show.stderr.contains("folder"))
    }

    @Test func everyChangeIsJournaledWithBeforeAndAfter() async throws {
        let dir = try await demo()
        _ = try await Binary.run(["campaign", "extend", "sch-001", "--until", "2026-10-20", "--reason", "Карантин"], data: dir)
        let r = try await Binary.run(["audit", "show", "--actor", "metodist", "--format", "json"], data: dir)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let ext = try #require(entries.last)
        #expect(ext["action"] as? String == "campaign.extend")
        #expect(ext["target"] as? String == "campaign:2025-26/sch-001")
        let before = try #require(ext["before"] as? [String: Any])
        #expect(before["until"] is NSNull && before["reason"] is NSNull)
        let after = try #require(ext["after"] as? [String: Any])
        #expect(after["until"] as? String == "2026-10-20" && after["reason"] as? String == "Карантин")
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
