import Foundation
import Testing
import Model
import TestSupport

@Suite struct StoreTests {
    static let day = Day(year: 2026, month: 9, day: 10)

    func session(_ ws: Workspace, _ who: String) throws -> Session {
        try Session.open(ws, as: who, today: try #require(Self.day))
    }

    func draftGeneral(_ ws: Workspace) throws -> String {
        try #require(try ws.scoreRows(try ws.campaign(orLatest: nil)).first { $0.status == .draft && $0.type == .general }).org
    }

    @Test func twoPeopleSavingOneCardAreToldNotMerged() throws {
        let ws = try Fixture.demoWorkspace()
        let org = try draftGeneral(ws)
        let a = try session(ws, "dir-\(org)")
        let b = try session(ws, "metodist")
        let start = try a.cardContext(org: org, period: nil).card.revision
        try a.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil, expectedRevision: start)
        #expect(throws: StoreError.self) {
            try b.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(false)), evidence: nil, expectedRevision: start)
        }
        do {
            try b.setIndicator(org: org, period: nil, indicator: "d1.4", answer: .some(.fact(true)), evidence: nil, expectedRevision: start)
        } catch let e as StoreError {
            guard case .conflict(_, let expected, let found, let by) = e else { Issue.record("expected a conflict, got \(e)"); return }
            #expect(expected == start && found == start + 1 && by == "dir-\(org)")
            #expect(e.russian.contains("dir-\(org)"))
        }
        let card = try a.cardContext(org: org, period: nil).card
        #expect(card.answers["d1.3"] == .fact(true))
        #expect(card.answers["d1.4"] != .fact(true) || card.revision == start + 1)
        #expect(card.revision == start + 1)
    }

    @Test func writesLeaveNoTemporaryFilesAndAreJournaled() throws {
        let ws = try Fixture.demoWorkspace()
        let org = try draftGeneral(ws)
        let s = try session(ws, "dir-\(org)")
        let before = try ws.journal.entries().count
        try s.setIndicator(org: org, period: nil, indicator: "d2.1", answer: .some(.retention(retained: 2, lastYear: 3, current: 4)),
                           evidence: Evidence(document: "Отчёт о самообследовании", number: "1", date: "01.08.2026"))
        let cards = ws.root + "/campaigns/2025-26/cards"
        let files = try FileManager.default.contentsOfDirectory(atPath: cards)
        #expect(!files.contains { $0.contains(".tmp") })
        // The card's lock file stays, naming nobody: no process holds the card now.
        #expect(files.contains("\(org).json.lock"))
        #expect(files.filter { $0.hasSuffix(".lock") }.allSatisfy { FileManager.default.contents(atPath: cards + "/" + $0)?.isEmpty == true })
        let new = try ws.journal.entries().dropFirst(before)
        #expect(new.map(\.action) == ["card.answer", "card.evidence"])
        #expect(new.allSatisfy { $0.actor == "dir-\(org)" && $0.target == "card:2025-26/\(org)#d2.1" })
        #expect(new.first?.after == .object(["retained": .int(2), "lastYear": .int(3), "current": .int(4)]))
        #expect(ws.journal.verify() == .intact(entries: before + 2))
    }

    @Test func aStaleLockOfADeadProcessIsTakenOverAndJournaled() throws {
        let ws = try Fixture.demoWorkspace()
        let org = try draftGeneral(ws)
        // A pid that surely is not running: a finished child.
        let p = Process(); p.executableURL = URL(fileURLWithPath: "/bin/true"); try p.run(); p.waitUntilExit()
        let dead = p.processIdentifier
        let lock = ws.cardPath(org: org, period: "2025-26") + ".lock"
        try Data("\(dead)\n".utf8).write(to: URL(fileURLWithPath: lock))
        let s = try session(ws, "metodist")
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        let tail = try ws.journal.entries().suffix(2)
        #expect(tail.first?.action == "lock.takeover")
        #expect(tail.first?.before == .int(Int(dead)))
        #expect(FileManager.default.contents(atPath: lock)?.isEmpty == true, "the lock names nobody once the save is done")
        // The next save finds a lock that was let go: no takeover.
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(false)), evidence: nil)
        #expect(try ws.journal.entries().suffix(1).map(\.action) == ["card.answer"])
    }

    /// Locks are judged by flock(2) alone: a lock file naming a live process (pid 1, as after a reboot reused
    /// the pid) whose flock nobody holds is stale and taken over at once; a lock whose flock is held makes the
    /// writer wait, then give up with "locked".
    @Test func aLockIsJudgedByItsFlockNotByItsPid() throws {
        let ws = try Fixture.demoWorkspace()
        let path = ws.path("organisations.json")
        try Data("1\n".utf8).write(to: URL(fileURLWithPath: path + ".lock"))   // pid 1 is alive, but holds no flock
        let taken = try FileLock.acquire(path + ".lock", timeout: 0.2)
        #expect(taken.tookOverFrom == 1)
        // Now held (by this process, through another open file): a second writer waits and gives up.
        do {
            _ = try FileLock.acquire(path + ".lock", timeout: 0.2)
            Issue.record("a held lock was taken")
        } catch let e as StoreError {
            #expect(e == .locked(path: path + ".lock", pid: getpid()))
        }
        taken.release()
        let again = try FileLock.acquire(path + ".lock", timeout: 0.2)
        #expect(again.tookOverFrom == nil)
        again.release()
        #expect(FileManager.default.contents(atPath: path + ".lock")?.isEmpty == true, "a released lock names nobody")
    }

    @Test func aCorruptFileIsNamedWithItsLineAndNeverReset() throws {
        let ws = try Fixture.demoWorkspace()
        let org = try draftGeneral(ws)
        let path = ws.cardPath(org: org, period: "2025-26")
        let s0 = try session(ws, "metodist")
        try s0.setIndicator(org: org, period: nil, indicator: "d1.1", answer: .some(.ratio(part: 1, whole: 2)), evidence: nil)
        let good = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        let lines = good.components(separatedBy: "\n")
        let revisionLine = try #require(lines.firstIndex { $0.contains("\"revision\" :") })
        let text = good.replacingOccurrences(of: lines[revisionLine], with: "  \"revision\" : \"seven\",")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let s = try session(ws, "metodist")
        do {
            try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
            Issue.record("a corrupt card must not be saved over")
        } catch let e as StoreError {
            guard case .corrupt(let p, let line, _) = e else { Issue.record("\(e)"); return }
            #expect(p == path)
            #expect(line == revisionLine + 1)
            #expect(e.russian.contains("строка \(revisionLine + 1)"))
        }
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) == text)
    }

    @Test func aFileFromANewerProfrostIsRefused() throws {
        let ws = try Fixture.demoWorkspace()
        let path = ws.path("organisations.json")
        var text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 9")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect { try ws.organisations() } throws: { "\($0)".contains("newer") }
    }

    @Test func aRevokedPersonIsRefusedInAnOpenSession() throws {
        let ws = try Fixture.demoWorkspace()
        let org = try draftGeneral(ws)
        let s = try session(ws, "dir-\(org)")
        try session(ws, "metodist").revokePerson("dir-\(org)")
        #expect { try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil) }
            throws: { ($0 as? StoreError)?.russian.contains("отозван") == true }
        #expect(throws: StoreError.self) { try Session.open(ws, as: "dir-\(org)", today: Day("2026-09-10") ?? Day.today()) }
    }

    @Test func submitRefusesClaimsWithoutEvidenceUnlessConfirmed() throws {
        let ws = try Fixture.demoWorkspace()
        let org = try draftGeneral(ws)
        let s = try session(ws, "dir-\(org)")
        try s.setIndicator(org: org, period: nil, indicator: "d3.1", answer: .some(.fact(true)), evidence: Evidence(document: ""))
        #expect { try s.submit(org: org, period: nil) } throws: { ($0 as? StoreError)?.description.contains("d3.1") == true }
        let card = try s.submit(org: org, period: nil, confirmMissingEvidence: true)
        #expect(card.status == .submitted)
    }

    @Test func reviewReturnAndResubmitHighlightsWhatChanged() throws {
        let ws = try Fixture.demoWorkspace()
        let org = try draftGeneral(ws)
        let p = try session(ws, "dir-\(org)")
        let r = try session(ws, "expert1")
        try p.setIndicator(org: org, period: nil, indicator: "d3.1", answer: .some(.fact(true)), evidence: Evidence(document: "Диплом"))
        try p.submit(org: org, period: nil, confirmMissingEvidence: true)
        try r.review(org: org, period: nil, indicator: "d3.1", verdict: .notConfirmed, comment: "Диплом не того года")
        try r.returnCard(org: org, period: nil, comment: "Исправьте d3.1")
        try p.setIndicator(org: org, period: nil, indicator: "d3.1", answer: nil, evidence: Evidence(document: "Диплом 2026"))
        let card = try p.cardContext(org: org, period: nil).card
        #expect(card.status == .returned)
        #expect(card.changedSinceReturn == ["d3.1"])
        #expect(card.reviews["d3.1"]?.comment == "Диплом не того года")
        #expect(card.history.suffix(2).map(\.status) == [.submitted, .returned])
    }
}
