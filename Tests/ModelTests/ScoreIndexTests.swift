import Foundation
import Testing
@testable import Model
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The score index (`campaigns/<period>/score-index.txt`) is a cache: whatever happens to a card on disk,
/// `scoreRows` must give what decoding every card would give, and a broken card must still be reported.
@Suite struct ScoreIndexTests {
    static let period = "2025-26"

    func workspace() throws -> Workspace { try Fixture.demoWorkspace() }

    func session(_ ws: Workspace, _ who: String) throws -> Session {
        try Session.open(ws, as: who, today: try #require(Day(year: 2026, month: 9, day: 10)))
    }

    /// The rows decoding every whole card gives: the reference the index must agree with.
    func referenceRows(_ ws: Workspace, _ period: String) throws -> [ScoreRow] {
        let c = try ws.campaign(period)
        let templates = try ws.templates(of: c)
        let orgs = try ws.organisations()
        let cards = try ws.loadCards(period: period, orgs: orgs.map(\.id))
        return orgs.compactMap { o in templates[o.type].map { ScoreRow(org: o, card: cards[o.id], template: $0) } }
    }

    func text(_ path: String) throws -> String { String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self) }

    /// Rewrites a file in place (same inode), then puts its modification time back: the stealthiest hand edit.
    func editInPlace(_ path: String, _ newText: String) throws {
        var before = stat()
        #expect(stat(path, &before) == 0)
        usleep(20_000)  // out of the file-time tick of the original write (entries younger than that are never recorded)
        let fh = try #require(FileHandle(forWritingAtPath: path))
        try fh.truncate(atOffset: 0)
        try fh.write(contentsOf: Data(newText.utf8))
        try fh.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_ino == before.st_ino && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    }

    /// An accepted card of the previous period and an indicator that earns points in it (a confirmed `yes`).
    func countingFact(_ ws: Workspace, period: String) throws -> (org: String, indicator: String) {
        let c = try ws.campaign(period)
        let templates = try ws.templates(of: c)
        for o in try ws.organisations() {
            guard let t = templates[o.type], let card = try ws.savedCard(org: o.id, period: period) else { continue }
            for ind in t.indicators where card.answers[ind.id] == .fact(true) && card.reviewedAnswers[ind.id] == .fact(true)
                && Scoring.points(for: .fact(true), rule: ind.rule) > 0 {
                return (o.id, ind.id)
            }
        }
        throw StoreError.notFound(what: "card", id: "with a confirmed fact")
    }

    @Test func summariesScoreExactlyAsWholeCards() throws {
        let ws = try workspace()
        for c in try ws.campaigns() {
            #expect(FileManager.default.fileExists(atPath: ws.scoreIndexPath(c.period)), "the generator writes the index")
            let orgs = try ws.organisations().map(\.id)
            let cards = try ws.loadCards(period: c.period, orgs: orgs)
            let summaries = try ws.cardSummaries(period: c.period, orgs: orgs)
            #expect(summaries == cards.mapValues(CardSummary.init))
            let templates = try ws.templates(of: c)
            for o in try ws.organisations() {
                guard let t = templates[o.type] else { continue }
                #expect(OrgResult(org: o, summary: summaries[o.id], template: t) == OrgResult(org: o, card: cards[o.id], template: t))
                if let card = cards[o.id], let s = summaries[o.id] {
                    #expect(Scoring.score(s, template: t) == Scoring.score(card, template: t))
                }
            }
            #expect(try ws.scoreRows(c) == referenceRows(ws, c.period))
        }
    }

    @Test func aSaveThroughUpdateIsScoredAtOnce() throws {
        let ws = try workspace()
        let c = try ws.campaign(Self.period)
        let before = try ws.scoreRows(c)
        let draft = try #require(before.first { $0.status == .draft && $0.type == .general })
        let s = try session(ws, "dir-\(draft.org)")
        let t = try ws.template(for: .general, in: c)
        // Answer every fact indicator "yes": the claimed points must rise.
        for ind in t.indicators { if case .fact = ind.rule {
            try s.setIndicator(org: draft.org, period: nil, indicator: ind.id, answer: .some(.fact(true)), evidence: nil)
        } }
        let after = try ws.scoreRows(c)
        let row = try #require(after.first { $0.org == draft.org })
        #expect(row.claimedPoints > draft.claimedPoints)
        #expect(after == (try referenceRows(ws, Self.period)))
        // Recorded once settled (margin 0 here), then used: still the same rows.
        _ = try ws.cardSummaries(period: Self.period, orgs: try ws.organisations().map(\.id), settleMargin: 0)
        let index = try #require(ScoreIndex.load(ws.scoreIndexPath(Self.period), period: Self.period))
        let line = try #require(index.line(draft.org))
        #expect(IndexLine.summary(IndexLine.fields(line)) == CardSummary(try #require(try ws.savedCard(org: draft.org, period: Self.period))))
        #expect(try ws.scoreRows(c) == after)
    }

    @Test func aCardEditedByHandIsScoredAnew() throws {
        let ws = try workspace()
        let previous = "2024-25"
        let c = try ws.campaign(previous)
        let (org, indicator) = try countingFact(ws, period: previous)
        let old = try #require(try ws.scoreRows(c).first { $0.org == org })
        let path = ws.cardPath(org: org, period: previous)
        let original = try text(path)
        // Same length, same inode, modification time put back: only the change time tells.
        let key = try #require(original.range(of: "\"\(indicator)\" : {"))
        let value = try #require(original.range(of: "\"present\" : true", range: key.upperBound..<original.endIndex))
        try editInPlace(path, original.replacingCharacters(in: value, with: "\"present\":false "))
        let rows = try ws.scoreRows(c)
        let row = try #require(rows.first { $0.org == org })
        #expect(row.points < old.points && row.claimedPoints < old.claimedPoints)
        #expect(rows == (try referenceRows(ws, previous)))
    }

    @Test func aCorruptCardIsReportedByPathAndLineThroughTheIndex() throws {
        let ws = try workspace()
        let c = try ws.campaign(Self.period)
        _ = try ws.scoreRows(c)
        let org = try #require(try ws.scoreRows(c).first { $0.status == .accepted }).org
        let path = ws.cardPath(org: org, period: Self.period)
        var lines = try text(path).components(separatedBy: "\n")
        let broken = try #require(lines.firstIndex { $0.contains("\"revision\" :") })
        lines[broken] = "  \"revision\" : \"seven\","
        try editInPlace(path, lines.joined(separator: "\n"))
        // Through the index or not, the broken card is one marked row with its path and line; the others are scored.
        for attempt in 0..<2 {
            let rows = try ws.scoreRows(c)
            let marked = rows.filter { $0.unreadable != nil }
            #expect(marked.map(\.org) == [org], "attempt \(attempt)")
            #expect(marked.first?.unreadable?.path == ws.relative(path))
            #expect(marked.first?.unreadable?.line == broken + 1)
            #expect(rows.count == (try ws.organisations().count))
            #expect(throws: StoreError.self) { _ = try ws.cardSummaries(period: Self.period, orgs: [org]) }
        }
        #expect(try text(path) == lines.joined(separator: "\n"), "the broken card is left as it is")
    }

    @Test func aBrokenOrForeignIndexIsIgnoredAndRebuilt() throws {
        let ws = try workspace()
        let c = try ws.campaign(Self.period)
        let reference = try referenceRows(ws, Self.period)
        let indexPath = ws.scoreIndexPath(Self.period)
        for junk in ["{ torn", "profrost score index 2 1999-00\n", "profrost score index 1 \(Self.period)\n", "",
                     "profrost score index 2 \(Self.period)\nno tab here\n\tno org\nsch-001\tnot|a|line\n"] {
            try Data(junk.utf8).write(to: URL(fileURLWithPath: indexPath))
            #expect(try ws.scoreRows(c) == reference)
        }
        try FileManager.default.removeItem(atPath: indexPath)
        #expect(try ws.scoreRows(c) == reference)
    }

    @Test func aRemovedCardLeavesTheIndex() throws {
        let ws = try workspace()
        let c = try ws.campaign(Self.period)
        let row = try #require(try ws.scoreRows(c).first { $0.status == .accepted && $0.points > 0 })
        try FileManager.default.removeItem(atPath: ws.cardPath(org: row.org, period: Self.period))
        let now = try #require(try ws.scoreRows(c).first { $0.org == row.org })
        #expect(now.status == .draft && now.points == 0)
        #expect(ScoreIndex.load(ws.scoreIndexPath(Self.period), period: Self.period)?.has(row.org) == false)
    }

    @Test func answerCodesRoundTrip() {
        let answers: [String: Answer] = [
            "d1.1": .ratio(part: 14, whole: 19), "d1.2": .fact(true), "d1.3": .fact(false),
            "d2.1": .retention(retained: 7, lastYear: 8, current: 10), "d2.2": .retention(retained: 0, lastYear: 0, current: nil),
            "d6.1": .percent(42.5), "d6.2": .percent(1e-05), "d6.3": .percent(100.0 / 3), "d6.4": .ratio(part: -1, whole: Int.max),
        ]
        let line = AnswerCode.encode(answers)
        #expect(line.flatMap(AnswerCode.decode) == answers)
        #expect(AnswerCode.encode([:]).flatMap(AnswerCode.decode) == [:])
        #expect(AnswerCode.encode(["d 1": .fact(true)]) == nil)
        for junk in ["d1.1", "d1.1=", "d1.1=x3", "d1.1=r3", "d1.1=r3/4/5", "d1.1=t1", "d1.1=y1", "=y", "d1.1=r99999999999999999999/1", "d1.1=pabc"] {
            #expect(AnswerCode.decode(junk) == nil, "\(junk)")
        }
    }

    @Test func indexLinesRoundTripFreeText() throws {
        let at = Date(timeIntervalSince1970: 1_788_254_940.5)
        let s = CardSummary(revision: 7, status: .returned,
                            history: [StatusChange(status: .submitted, by: "dir|x%7C", at: at),
                                      StatusChange(status: .returned, by: "expert1", at: at, comment: "a|b%25c\nd %\r\n%0A")],
                            wasReturned: true, updatedAt: at, updatedBy: nil,
                            answers: ["d1.1": .ratio(part: 3, whole: 4), "d1.2": .fact(true)], reviewedAnswers: ["d1.2": .fact(true)],
                            marked: 1)
        let stamp = FileStamp(inode: 42, size: 5000, mtime: 1_795_643_536_896_111_564, ctime: 1_795_643_536_896_111_565)
        let line = try #require(IndexLine.encode(s, stamp: stamp))
        #expect(!line.contains { $0.isNewline }, "one card, one line of the index file")
        #expect(IndexLine.stamp(IndexLine.fields(line)) == stamp)
        #expect(IndexLine.summary(IndexLine.fields(line)) == s)
        var plain = s
        plain.reviewedAnswers = plain.answers
        plain.history = []
        let short = try #require(IndexLine.encode(plain, stamp: stamp))
        #expect(IndexLine.summary(IndexLine.fields(short)) == plain)
        let fields = IndexLine.fields(line)
        for broken in [fields.dropLast(), fields.prefix(10), ["x"] + fields.dropFirst()] {
            #expect(IndexLine.summary(Array(broken)) == nil || IndexLine.stamp(Array(broken)) == nil)
        }
        #expect(IndexLine.summary(IndexLine.fields(line.replacingOccurrences(of: "|returned|", with: "|lost|"))) == nil)
        #expect(IndexLine.encode(CardSummary(revision: 1, status: .draft, history: [], wasReturned: false, updatedAt: nil,
                                             updatedBy: nil, answers: ["d|1": .fact(true)], reviewedAnswers: ["d|1": .fact(true)]),
                                 stamp: stamp) == nil)
    }

    @Test func fastTimestampsAgreeWithTheFormatter() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        var rng = SeededRandom(seed: 7)
        for _ in 0..<2000 {
            let d = Date(timeIntervalSince1970: Double(rng.int(-2_000_000_000...4_000_000_000)))
            let s = f.string(from: d)
            #expect(FastTimestamp.format(d) == s)
            #expect(FastTimestamp.parse(s) == f.date(from: s))
        }
        #expect(FastTimestamp.parse("2026-02-30T10:00:00Z") == nil)
        #expect(FastTimestamp.parse("2026-09-12T08:15:00.5Z") == nil)
        #expect(Timestamp.parse("2026-09-12T08:15:00.500Z") != nil)
        for _ in 0..<2000 {
            let d = Date(timeIntervalSince1970: Double(rng.int(-2_000_000_000_000...4_000_000_000_000)) / 1000)
            #expect(FastTimestamp.format(d) == f.string(from: d), "\(d.timeIntervalSince1970)")
        }
    }
}
