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

    /// Group commit: writers who append together share fsyncs, and the record of what is on disk only ever names
    /// whole lines of the journal, so that a torn last line cut off after a crash can never be counted as durable.
    @Test func concurrentAppendsShareTheRecordOfWhatIsOnDiskAtLineEnds() throws {
        let path = Fixture.tempDir("group") + "/journal.jsonl"
        let writers = 16, each = 20
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            for i in 0..<each {
                guard let q = try? FileQueue.lock(path, timeout: 30) else { return }
                try? q.append(Data("{\"w\":\(w),\"i\":\(i)}\n".utf8), path: path)
                try? q.unlockThenSync(path: path)
            }
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == writers * each)
        let record = try String(contentsOfFile: path + ".sync", encoding: .utf8)
        let synced = try #require(Int(record.trimmingCharacters(in: .newlines)))
        let bytes = Array(text.utf8)
        #expect(synced > 0 && synced <= bytes.count)
        #expect(bytes[synced - 1] == 0x0A, "the record ends inside a line: \(synced)")
        // The last writer's own end is always covered: the record is the whole file once everyone is done.
        #expect(synced == bytes.count)
    }

    @Test func aTornEndRepairDropsTheRecordOfWhatIsOnDisk() throws {
        let ws = try Fixture.demoWorkspace()
        let journal = ws.path("journal.jsonl")
        #expect(FileManager.default.fileExists(atPath: journal + ".sync"))
        // A long torn last line, as a crash mid-append leaves it, and a record that claims it (as a journal cut
        // back by hand would leave one): the repair must drop the record, or the next writer would believe its
        // entries, which end before the claimed offset, already on disk and skip its fsync.
        let torn = "{\"seq\":99999,\"to" + String(repeating: "x", count: 20_000)
        let fh = try #require(FileHandle(forWritingAtPath: journal))
        try fh.seekToEnd(); try fh.write(contentsOf: Data(torn.utf8)); try fh.close()
        let sizeBefore = try #require(try FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int)
        try Data("\(sizeBefore)\n".utf8).write(to: URL(fileURLWithPath: journal + ".sync"))
        let s = try Fixture.session(ws, "metodist")
        let org = try Fixture.draftGeneral(ws)
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(text.contains("journal.repair") && !text.contains(torn))
        // The new record counts the repaired journal, not the torn bytes.
        let synced = try #require(Int(try String(contentsOfFile: journal + ".sync", encoding: .utf8).trimmingCharacters(in: .newlines)))
        #expect(synced == text.utf8.count && synced != sizeBefore)
        #expect(ws.journal.verify() == .intact(entries: try ws.journal.entries().count))
    }
}
