import Foundation
import Testing
@testable import Model
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The journal's queue (flock(2) with a timeout) and the byte-checked reuse of a document just saved.
@Suite struct FileQueueTests {
    @Test func aHeldQueueTimesOutThenServesTheNextWriter() throws {
        let path = Fixture.tempDir("queue") + "/journal.jsonl"
        let holder = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        #expect(holder >= 0 && flock(holder, LOCK_EX) == 0)
        let started = Date()
        #expect(throws: StoreError.self) { _ = try FileQueue.lock(path, timeout: 0.2) }
        #expect(Date().timeIntervalSince(started) < 2)
        // Released while a waiter blocks: the waiter gets it at once.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { flock(holder, LOCK_UN); close(holder) }
        let q = try #require(try FileQueue.lock(path, timeout: 5))
        try q.append(Data("one\n".utf8), path: path)
        try q.unlockThenSync(path: path)
        // The waiter that gave up earlier let go of its lock when it finally got it: the queue is free.
        let again = try #require(try FileQueue.lock(path, timeout: 5))   // generous: under load the abandoned waiter may be scheduled late
        again.unlock()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one\n")
    }

    @Test func aCardEditedBehindASessionsBackIsReadAgainNotReused() throws {
        let ws = try Fixture.demoWorkspace()
        let c = try ws.campaign(orLatest: nil)
        let org = try #require(try ws.scoreRows(c).first { $0.status == .draft && $0.type == .general }).org
        let s = try Session.open(ws, as: "dir-\(org)", today: try #require(Day(year: 2026, month: 9, day: 10)))
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        // Someone edits the file by hand (same revision): the next save must start from the edited card.
        let path = ws.cardPath(org: org, period: c.period)
        var card = try #require(try ws.savedCard(org: org, period: c.period))
        card.evidence["d1.4"] = Evidence(document: "Вписано вручную")
        try JSONFiles.encode(card).write(to: URL(fileURLWithPath: path))
        try s.setIndicator(org: org, period: nil, indicator: "d1.5", answer: .some(.fact(true)), evidence: nil)
        let after = try #require(try ws.savedCard(org: org, period: c.period))
        #expect(after.evidence["d1.4"]?.document == "Вписано вручную")
        #expect(after.answers["d1.5"] == .fact(true) && after.answers["d1.3"] == .fact(true))
    }
}
