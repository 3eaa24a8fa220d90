import Foundation
import Testing
import Model
import TestSupport

/// The analytics through a `Session` on a demo workspace: policy, storage, journal.
@Suite struct SessionAnalyticsTests {
    static func demo() throws -> Workspace { try Fixture.demoWorkspace(orgs: 20) }
    /// After the evaluation deadline of the demo's current campaign.
    static func day() throws -> Day { try #require(Day(year: 2026, month: 11, day: 20)) }

    @Test func rankingBySizePutsTheFiveHundredPupilSchoolInTheSmallCluster() throws {
        let ws = try Self.demo()
        let s = try Session.open(ws, as: nil, today: try Self.day())
        #expect(try ws.organisation("sch-002").pupils == 500)
        let report = try s.ranking(period: nil, scheme: .size)
        let small = try #require(report.clusters.first { $0.kind == .secondarySmall })
        #expect(small.rows.contains { $0.org == "sch-002" })
        #expect(report.previousPeriod != nil)
        // Every organisation is ranked once, and every row of a later campaign has an arrow.
        let all = report.clusters.flatMap(\.rows)
        #expect(all.count == 20 && Set(all.map(\.org)).count == 20)
        #expect(all.allSatisfy { $0.trend != nil })
        // The campaign's own scheme (type) is the default.
        #expect(try s.ranking(period: nil).clusters.map(\.id) == ["preschool", "general", "additional"])
    }

    @Test func principalsSeeOnlyTheirOwn() throws {
        let ws = try Self.demo()
        let day = try Self.day()
        let p = try Session.open(ws, as: "dir-sch-001", today: day)
        #expect(throws: StoreError.self) { try p.ranking(period: nil) }
        #expect(throws: StoreError.self) { try p.zones(period: nil) }
        #expect(throws: StoreError.self) { try p.recommendations(org: "sch-002", period: nil) }
        #expect(throws: StoreError.self) { try p.addRecommendation(org: "sch-001", period: nil, text: "Сам себе") }
        #expect(try p.recommendations(org: "sch-001", period: nil).org == "sch-001")
        #expect(try p.dynamics(org: "sch-001").entries.count == 2)
        #expect(throws: StoreError.self) { try p.dynamics(org: "sch-002") }
        let reviewer = try Session.open(ws, as: "expert1", today: day)
        #expect(try reviewer.recommendations(org: "sch-002", period: nil).org == "sch-002")
        #expect(throws: StoreError.self) { try reviewer.removeRecommendation(org: "sch-002", period: nil, id: "002-plan") }
    }

    @Test func methodistEditsAreStoredJournaledAndRevisionChecked() throws {
        let ws = try Self.demo()
        let s = try Session.open(ws, as: nil, today: try Self.day())
        let before = try s.recommendations(org: "dou-001", period: nil)
        // The catalogue was frozen into the workspace on first use, and that was journaled.
        #expect(FileManager.default.fileExists(atPath: ws.cataloguePath))
        #expect(try ws.journal.entries().contains { $0.action == "recommendations.copy" })
        let first = try #require(before.items.first)

        let added = try s.addRecommendation(org: "dou-001", period: nil, text: "  =Провести педсовет  ")
        #expect(added.items.last?.text == "=Провести педсовет" && added.items.last?.id == "own-1")
        let edited = try s.editRecommendation(org: "dou-001", period: nil, id: first.id, text: "Новый текст")
        #expect(edited.items.first?.text == "Новый текст" && edited.items.first?.edited == true)
        let removed = try s.removeRecommendation(org: "dou-001", period: nil, id: first.id)
        #expect(!removed.items.contains { $0.id == first.id } && removed.removed.map(\.id) == [first.id])
        let restored = try s.restoreRecommendation(org: "dou-001", period: nil, id: first.id)
        #expect(restored.items.first == first)
        #expect(restored.revision == 4)

        let path = s.recommendationsPath(org: "dou-001", period: before.period)
        #expect(path.hasSuffix("campaigns/\(before.period)/recommendations/dou-001.json"))
        let actions = try ws.journal.entries().map(\.action)
        #expect(actions.suffix(4) == ["recommendation.add", "recommendation.edit", "recommendation.remove", "recommendation.restore"])
        #expect(ws.journal.verify() == .intact(entries: try ws.journal.entries().count))

        // A change from a stale revision is refused and saves nothing.
        #expect(throws: StoreError.self) { try s.addRecommendation(org: "dou-001", period: nil, text: "x", expectedRevision: 1) }
        #expect(try s.recommendations(org: "dou-001", period: nil).revision == 4)
        // Unknown ids and empty texts are refused in words.
        #expect(throws: StoreError.notFound(what: "recommendation", id: "nope")) {
            try s.removeRecommendation(org: "dou-001", period: nil, id: "nope")
        }
        #expect(throws: StoreError.self) { try s.addRecommendation(org: "dou-001", period: nil, text: "   ") }
    }

    @Test func reportCountsLevelsPerType() throws {
        let ws = try Self.demo()
        let s = try Session.open(ws, as: nil, today: try Self.day())
        let r = try s.analyticsReport(period: nil)
        #expect(r.levels.map(\.type) == [.preschool, .general, .additional])
        #expect(r.levels.map(\.total) == [9, 8, 3])
        let rows = try ws.scoreRows(try ws.campaign(orLatest: nil))
        for l in r.levels {
            for level in Level.allCases {
                #expect(l.count(level) == rows.filter { $0.type == l.type && $0.level == level }.count)
            }
        }
        #expect(r.recommendations.count == 20)
        #expect(r.zones.scopes.first?.organisations == 20)
    }
}
