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
        let q = try FileQueue.lock(path, timeout: 5)
        try q.append(Data("one\n".utf8), path: path)
        try q.unlockThenSync(path: path)
        // The waiter that gave up earlier let go of its lock when it finally got it: the queue is free.
        let again = try FileQueue.lock(path, timeout: 5)   // generous: under load the abandoned waiter may be scheduled late
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
        let synced = try Self.size(path + ".sync")
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
        #expect(truncate(journal + ".sync", off_t(sizeBefore)) == 0)
        let s = try Fixture.session(ws, "metodist")
        let org = try Fixture.draftGeneral(ws)
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(text.contains("journal.repair") && !text.contains(torn))
        // The new record counts the repaired journal, not the torn bytes.
        let synced = try Self.size(journal + ".sync")
        #expect(synced == text.utf8.count && synced != sizeBefore)
        #expect(ws.journal.verify() == .intact(entries: try ws.journal.entries().count))
    }

    /// The folder's shared fsync: every call returns only after a flush that began after the call did (what a save
    /// needs: its rename came before the call), and writers who arrive together share flushes.
    @Test func aSharedFolderFlushCoversEveryCallerThatArrivedBeforeItBegan() throws {
        let dir = Fixture.tempDir("folder-sync")
        let gate = FolderSync(gate: dir + "/.gate")
        final class Book: @unchecked Sendable {
            let lock = NSLock()
            var renamed = 0          // calls begun so far (each stands for a rename that returned)
            var flushedUpTo = 0      // the highest count of calls begun that a finished flush had seen at its start
            var flushes = 0
            var uncovered: [Int] = []
        }
        let book = Book()
        let writers = 12, each = 15
        DispatchQueue.concurrentPerform(iterations: writers) { _ in
            for _ in 0..<each {
                book.lock.lock(); book.renamed += 1; let mine = book.renamed; book.lock.unlock()
                try? gate.sync(dir) { _ in
                    book.lock.lock(); let seen = book.renamed; book.flushes += 1; book.lock.unlock()
                    usleep(2_000)   // a flush takes time: writers arrive meanwhile (the case that is shared)
                    book.lock.lock(); book.flushedUpTo = max(book.flushedUpTo, seen); book.lock.unlock()
                }
                book.lock.lock(); if book.flushedUpTo < mine { book.uncovered.append(mine) }; book.lock.unlock()
            }
        }
        #expect(book.uncovered.isEmpty, "calls returned before any flush that began after them: \(book.uncovered)")
        #expect(book.flushes < writers * each, "no flush was shared: \(book.flushes) flushes for \(writers * each) calls")
        // Every flush is numbered, begun and finished, and there were as many as the numbers say.
        #expect(try Self.size(dir + "/.gate") == book.flushes && Self.size(dir + "/.gate.done") == book.flushes)
    }

    /// Numbers reset, removed or edited by hand cost flushes, never a skipped one: only a flush numbered above
    /// the one begun when a call arrived counts for it.
    @Test func aDamagedFolderSyncGateOnlyCostsAFlush() throws {
        let dir = Fixture.tempDir("folder-gate")
        let gate = FolderSync(gate: dir + "/.gate")
        var flushes = 0
        // (begun, finished): finished claimed ahead of begun, both huge, both reset, only finished left.
        for (begun, finished) in [(5, 9), (999_999, 999_999), (0, 0), (nil, 1_000_000)] as [(Int?, Int)] {
            unlink(dir + "/.gate")
            if let begun { #expect(FileManager.default.createFile(atPath: dir + "/.gate", contents: nil) && truncate(dir + "/.gate", off_t(begun)) == 0) }
            #expect(FileManager.default.createFile(atPath: dir + "/.gate.done", contents: nil) && truncate(dir + "/.gate.done", off_t(finished)) == 0)
            try gate.sync(dir) { _ in flushes += 1 }
        }
        #expect(flushes == 4)
        // A finished number within the begun one is believed: that is the shared case, no flush of one's own...
        #expect(truncate(dir + "/.gate", 10) == 0 && truncate(dir + "/.gate.done", 10) == 0)
        try gate.sync(dir) { _ in flushes += 1 }
        #expect(flushes == 5, "a call that arrives when flush 10 has finished needs flush 11")
    }

    /// A journal's record of what is on disk beyond the journal's end (the journal cut back by hand, or restored
    /// from a copy) is not believed: the writer fsyncs.
    @Test func aRecordBeyondTheJournalsEndIsNotBelieved() {
        #expect(FileQueue.covers(record: 100, journalSize: 100, end: 100))
        #expect(FileQueue.covers(record: 100, journalSize: 140, end: 60))
        #expect(!FileQueue.covers(record: 60, journalSize: 140, end: 100), "entries after the record are not on disk yet")
        #expect(!FileQueue.covers(record: 1_000_000, journalSize: 140, end: 100), "a record beyond the journal proves nothing")
    }

    /// The link read from a journal line's bytes (under the lock, without a decoder) is what decoding the line
    /// gives, for every entry of a demo journal (checkpoint entries hold "hash" keys of their own); a line of
    /// another shape gives nil, never a wrong link.
    @Test func theLinkReadFromALinesBytesIsWhatDecodingItGives() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try Fixture.session(ws, "metodist")
        try s.setIndicator(org: try Fixture.draftGeneral(ws), period: nil, indicator: "d1.3", answer: .some(.fact(true)),
                           evidence: Evidence(document: "\"hash\":\"" + String(repeating: "a", count: 64) + "\",\"prev\":\""))
        let data = try #require(try AtomicFile.read(ws.journal.path))
        var checked = 0
        for line in data.split(separator: 0x0A) {
            let e = try JSONFiles.decoder().decode(JournalEntry.self, from: Data(line))
            let link = try #require(Journal.link(inLine: Array(line)))
            #expect(link.0 == e.seq && link.1 == e.hash)
            checked += 1
        }
        #expect(checked > 10)
        let h = String(repeating: "b", count: 64)
        let plain = try #require(Journal.link(inLine: Array("{\"hash\":\"\(h)\",\"prev\":\"\(h)\",\"seq\":12,\"x\":1}".utf8)))
        #expect(plain == (12, h))
        for odd in ["{\"hash\":\"\(h)\",\"prev\":\"\(h)\",\"seq\":x}", "{\"hash\":\"\(h.dropLast())\",\"prev\":\"\(h)\",\"seq\":1}",
                    "{\"hash\":\"\(h.uppercased())\",\"prev\":\"\(h)\",\"seq\":1}", "{\"seq\":1,\"hash\":\"\(h)\"}", ""] {
            #expect(Journal.link(inLine: Array(odd.utf8)) == nil, "\(odd)")
        }
    }

    static func size(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    /// A save writes its card once: the bytes hashed for the journal with the link to the entry added give what
    /// encoding the linked card gives, key order and indentation included.
    @Test func aLinkAddedToEncodedBytesIsWhatEncodingTheLinkedDocumentGives() throws {
        let ws = try Fixture.demoWorkspace()
        let c = try ws.campaign(orLatest: nil)
        var checked = 0
        for row in try ws.scoreRows(c).prefix(8) {
            var card = try #require(try ws.savedCard(org: row.org, period: c.period))
            card.journal = nil
            let body = try JSONFiles.encode(card)
            let link = JournalLink(seq: 123_456, hash: String(repeating: "ab", count: 32))
            card.journal = link
            let spliced = try #require(JSONFiles.inserting(key: "journal", value: link, into: body))
            #expect(String(decoding: spliced, as: UTF8.self) == String(decoding: try JSONFiles.encode(card), as: UTF8.self))
            #expect(try JSONFiles.decode(ExpertCard.self, from: spliced, path: "x").journal == link)
            #expect(Hashing.sha256(body) == (try Workspace.contentHash(card)))
            checked += 1
        }
        #expect(checked == 8)
        // A key that sorts after every other goes last; a key already there is refused.
        struct Small: Codable, Equatable { var a = 1; var b = "x"; var z: JournalLink? }
        let link = JournalLink(seq: 1, hash: "h")
        let last = try #require(JSONFiles.inserting(key: "z", value: link, into: try JSONFiles.encode(Small())))
        #expect(last == (try JSONFiles.encode(Small(z: link))))
        #expect(JSONFiles.inserting(key: "z", value: link, into: try JSONFiles.encode(Small(z: link))) == nil)
    }

    /// A pending save's name is one file name in `pending/` that gives back the path it saves.
    @Test func aPendingNameIsOneFileNameThatGivesBackItsPath() {
        for rel in ["campaigns/2025-26/cards/sch-01.json", "campaigns/2025-26/cards/100%/x.json", "organisations.json",
                    "campaigns/2025-26/cards/школа-%2F.json"] {
            let name = Workspace.pendingName(rel)
            #expect(!name.contains("/") && !name.hasPrefix("."))
            #expect(Workspace.pendingTarget(name) == rel)
        }
        #expect(Workspace.pendingName("a/b%c") == "a%2Fb%25c")
    }

    /// An entry encoded before the journal's lock and finished under it is, byte for byte, the line that encoding
    /// the whole entry gives, with the hash `computedHash` gives (what `verify` recomputes): for plain changes,
    /// changes with a document digest, and values that mimic the entry's own keys.
    @Test func anEntryFinishedUnderTheLockIsTheEntryEncodedWhole() throws {
        let tricky = "\"prev\":\"\",\"seq\":0,\"target\":\"x\" \u{1B}[2J школа"
        let changes = [
            Change("card.answer", target: "card:2025-26/sch-01#d1.1", before: .null, after: .object(["present": .bool(true)])),
            Change("card.evidence", target: "card:2025-26/sch-01#d1.2", before: .string(tricky),
                   after: .object(["prev": .string(""), "seq": .int(0), "target": .string(tricky)]),
                   document: DocumentDigest(path: "campaigns/2025-26/cards/sch-01.json", revision: 7, sha256: String(repeating: "c", count: 64))),
            Change("org.add", target: "org:\(tricky)", before: .array([.double(1.5), .null]), after: .int(-3)),
        ]
        var prev = JournalEntry.genesis
        let enc = JSONFiles.encoder(pretty: false)
        for (i, change) in changes.enumerated() {
            let time = Date(timeIntervalSince1970: 1_790_000_000 + Double(i))
            let (entry, line) = try EntryDraft(change, actor: "ivanova", time: time, path: "j").finished(seq: 41 + i, prev: prev)
            #expect(entry.seq == 41 + i && entry.prev == prev && entry.document == change.document)
            #expect(entry.hash == entry.computedHash())
            #expect(String(decoding: line, as: UTF8.self) == String(decoding: try enc.encode(entry), as: UTF8.self))
            #expect(try JSONFiles.decoder().decode(JournalEntry.self, from: line) == entry)
            prev = entry.hash
        }
    }
}

/// A save writes its new document over the version the save before replaced (the spare in `pending/`), and keeps
/// the version it replaces as the next spare; nothing else is left, and a spare that is not a plain file (a link
/// someone planted, a folder) is never written through.
struct SpareDocumentTests {
    @Test func aSaveRecyclesTheReplacedVersionAndLeavesNothingElse() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try Fixture.session(ws, "metodist")
        let org = try Fixture.draftGeneral(ws)
        let c = try ws.campaign(orLatest: nil)
        let card = ws.cardPath(org: org, period: c.period)
        let spare = ws.sparePath(for: card)
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        let first = try #require(FileManager.default.contents(atPath: card))
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(false)), evidence: nil)
        // The spare is the version just replaced, byte for byte; the card is the new one.
        #expect(FileManager.default.contents(atPath: spare) == first)
        let spareInode = try #require(try FileManager.default.attributesOfItem(atPath: spare)[.systemFileNumber] as? UInt64)
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        // That very file now holds the card: written over, not a new one.
        #expect(try FileManager.default.attributesOfItem(atPath: card)[.systemFileNumber] as? UInt64 == spareInode)
        #expect(try ws.savedCard(org: org, period: c.period)?.answers["d1.3"] == .fact(true))
        let names = try FileManager.default.contentsOfDirectory(atPath: ws.path("pending"))
        #expect(names.allSatisfy { $0.hasPrefix(".") }, "\(names)")
        #expect(ws.journal.verify() == .intact(entries: try ws.journal.entries().count))
        #expect(ws.audit().problems.isEmpty, "\(ws.audit().problems)")
    }

    @Test func aSpareThatIsALinkOrAFolderIsNotWrittenThrough() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try Fixture.session(ws, "metodist")
        let org = try Fixture.draftGeneral(ws)
        let card = ws.cardPath(org: org, period: try ws.campaign(orLatest: nil).period)
        let spare = ws.sparePath(for: card)
        let victim = Fixture.tempDir("victim") + "/precious.txt"
        try Data("do not touch".utf8).write(to: URL(fileURLWithPath: victim))
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        unlink(spare)
        #expect(symlink(victim, spare) == 0)
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(false)), evidence: nil)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "do not touch")
        unlink(spare)
        #expect(mkdir(spare, 0o755) == 0)
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        #expect(try ws.savedCard(org: org, period: try ws.campaign(orLatest: nil).period)?.answers["d1.3"] == .fact(true))
        #expect(ws.journal.verify() == .intact(entries: try ws.journal.entries().count))
    }
}

/// Opening a card as the editor does warms its saving up in memory and writes nothing: not the card, not the
/// journal, not `pending/`.
struct WarmUpTests {
    @Test func openingACardForEditingWritesNothing() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try Fixture.session(ws, "metodist")
        let org = try Fixture.draftGeneral(ws)
        let before = Fixture.snapshot(ws.root)
        let opened = try s.openCard(org: org, period: nil)
        #expect(Fixture.snapshot(ws.root) == before)
        #expect(opened.card == (try s.cardContext(org: org, period: nil)).card)
        // And the save after it is an ordinary save.
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        #expect(ws.journal.verify() == .intact(entries: try ws.journal.entries().count))
    }

    /// Opening a card remembers it with its bytes, so that the first save need not decode it again; a change made
    /// by someone else in between (other bytes) is read, never saved over from that memory.
    @Test func aChangeMadeAfterOpeningIsKeptByTheNextSave() throws {
        let ws = try Fixture.demoWorkspace()
        let org = try Fixture.draftGeneral(ws)
        let principal = try Fixture.session(ws, "metodist")
        let opened = try principal.openCard(org: org, period: nil).card
        let d13: Answer = .fact(opened.answers["d1.3"] != .fact(true))   // both differ from what was opened
        let d14: Answer = .fact(opened.answers["d1.4"] != .fact(true))
        // Another session (its own Workspace, as another process would be) saves another indicator meanwhile.
        let other = try Fixture.session(try Workspace(root: ws.root), "metodist")
        let byOther = try other.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(d13), evidence: nil)
        #expect(byOther.revision == opened.revision + 1)
        let saved = try principal.setIndicator(org: org, period: nil, indicator: "d1.4", answer: .some(d14), evidence: nil)
        #expect(saved.revision == byOther.revision + 1)
        let onDisk = try #require(try ws.savedCard(org: org, period: opened.period))
        #expect(onDisk.answers["d1.3"] == d13)
        #expect(onDisk.answers["d1.4"] == d14)
    }

    /// A lock file naming an owner that died holding it is left as it is by opening the card, so that the next
    /// save still finds the pid and journals the takeover.
    @Test func openingACardLeavesADeadOwnersPidForTheNextSave() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try Fixture.session(ws, "metodist")
        let org = try Fixture.draftGeneral(ws)
        let lock = ws.cardPath(org: org, period: try ws.campaign(orLatest: nil).period) + ".lock"
        try Data("999999\n".utf8).write(to: URL(fileURLWithPath: lock))   // no flock held: its owner died
        _ = try s.openCard(org: org, period: nil)
        #expect(try String(contentsOfFile: lock, encoding: .utf8) == "999999\n")
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        #expect(try ws.journal.entries().contains { $0.action == "lock.takeover" && $0.before == .int(999_999) })
    }
}
