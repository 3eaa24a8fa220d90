import Foundation
import Testing
import Model

@Suite struct ZonesAnalyticsTests {
    /// Four schools (two clusters by size) and two kindergartens.
    static func data() -> [OrgResult] {
        [Hand.result(Hand.org("s1", pupils: 900), yes: ["d1.1", "d2.1"]),      // d1: 3, d2: 5
         Hand.result(Hand.org("s2", pupils: 800), yes: ["d1.1"]),              // d1: 3, d2: 0
         Hand.result(Hand.org("s3", pupils: 400), yes: []),                    // d1: 0, d2: 0
         Hand.result(Hand.org("s4", pupils: 300), yes: []),                    // d1: 0, d2: 0
         Hand.result(Hand.org("k1", .preschool), yes: ["d1.2", "d2.1"]),
         Hand.result(Hand.org("k2", .preschool), yes: ["d1.2", "d2.1"])]
    }

    static let templates: [OrgType: Template] = [.general: Hand.template(.general), .preschool: Hand.template(.preschool)]

    @Test func shareOfOrganisationsEarningNothingPerDirectionAndIndicator() throws {
        let results = Self.data()
        let scopes = ProblemZones.analyse(results, templates: Self.templates,
                                          clusters: ClusterScheme.size.clusters(results.map(\.row)))
        #expect(scopes.map(\.id) == ["municipality", "preschool", "general-over-500", "general-500-or-fewer"])

        let town = scopes[0]
        #expect(town.organisations == 6)
        // Direction 1: s3, s4 earn nothing → 2 of 6, no zone. Direction 2: s2, s3, s4 → 3 of 6 = 50 %, a zone (≥).
        // Direction 3 holds only a seed-003 percent: it earns 0 by design and is no zone.
        #expect(town.directions.map { "\($0.direction):\($0.zero)/\($0.total)" } == ["1:2/6", "2:3/6"])
        #expect(town.directions.first { $0.direction == 2 }?.isZone == true)
        #expect(town.directions.first { $0.direction == 1 }?.isZone == false)
        // Indicators are counted within their own template: general d1.2 is earned by no school.
        let d12 = try #require(town.indicators.first { $0.orgType == .general && $0.indicator == "d1.2" })
        #expect(d12.zero == 4 && d12.total == 4 && d12.share == 1 && d12.isZone)
        let kd12 = try #require(town.indicators.first { $0.orgType == .preschool && $0.indicator == "d1.2" })
        #expect(kd12.zero == 0 && !kd12.isZone)
        // A percent indicator earns no points by design and is never a zone.
        #expect(!town.indicators.contains { $0.indicator == "d3.1" })

        // The small schools earn nothing in both directions: both are zones there, but not for the big ones.
        let small = scopes[3]
        #expect(small.name == "Средние школы, 500 и менее учащихся")
        #expect(small.directions.allSatisfy { $0.zero == 2 && $0.total == 2 && $0.isZone })
        let big = scopes[2]
        #expect(big.directions.first { $0.direction == 1 }?.isZone == false)
        #expect(big.directions.first { $0.direction == 2 }.map { $0.zero == 1 && $0.isZone } == true)
        // The kindergartens have no zones.
        #expect(scopes[1].directions.allSatisfy { !$0.isZone })
    }

    @Test func thresholdIsAParameter() {
        let results = Self.data()
        let strict = ProblemZones.scope(id: "m", name: "m", results, templates: Self.templates, threshold: 0.6)
        #expect(strict.directions.first { $0.direction == 2 }?.isZone == false)   // 50 % < 60 %
        let loose = ProblemZones.scope(id: "m", name: "m", results, templates: Self.templates, threshold: 0.3)
        #expect(loose.directions.first { $0.direction == 1 }?.isZone == true)     // 33 % ≥ 30 %
    }

    @Test func anEmptyScopeHasNoZonesAndNoNaN() throws {
        let s = ProblemZones.scope(id: "m", name: "m", [], templates: Self.templates)
        #expect(s.organisations == 0 && s.zones.isEmpty)
        let text = String(decoding: try JSONFiles.encoder().encode(s), as: UTF8.self)
        #expect(!text.lowercased().contains("nan"))
    }
}

@Suite struct DynamicsAnalyticsTests {
    @Test func historyShowsChangesAndLevelMoves() throws {
        let o = Hand.org("s1")
        let rows = [("2023-24", Hand.yes(for: 3)), ("2025-26", Hand.yes(for: 7)), ("2024-25", Hand.yes(for: 7))]
            .map { (period: $0.0, row: Hand.result(o, yes: $0.1, period: $0.0).row) }
        let d = Dynamics.history(org: o.id, name: o.name, rows)
        #expect(d.entries.map(\.period) == ["2023-24", "2024-25", "2025-26"])
        #expect(d.entries.map(\.points) == [3, 7, 7])
        #expect(d.entries.map(\.pointsDelta) == [nil, 4, 0])
        #expect(d.entries.map(\.trend) == [nil, .up, .same])
        #expect(d.entries.map(\.levelMove) == [nil, .up, .same])          // low → medium → medium
        #expect(d.entries.map(\.level) == [.low, .medium, .medium])
        #expect(d.percents == [30, 70, 70])
        // Per direction: d1 3 → 2 → 2, d2 0 → 5 → 5.
        let second = try #require(d.entries.dropFirst().first)
        #expect(second.directions.first { $0.direction == 1 }?.delta == -1)
        #expect(second.directions.first { $0.direction == 2 }?.delta == 5)
        #expect(d.entries[0].directions.allSatisfy { $0.delta == nil })
    }

    @Test func aDropIsShownDown() {
        let o = Hand.org("s1")
        let d = Dynamics.history(org: "s1", name: "", [("2024-25", Hand.result(o, yes: Hand.yes(for: 10)).row),
                                                       ("2025-26", Hand.result(o, yes: Hand.yes(for: 2)).row)])
        #expect(d.latest?.trend == .down && d.latest?.levelMove == .down && d.latest?.pointsDelta == -8)
        #expect(d.latest?.percentDelta == -80)
        #expect(d.latest?.trend?.arrow == "↓")
    }

    @Test func arrowsForTheRankedTables() {
        let prev = [Hand.result(Hand.org("a"), yes: Hand.yes(for: 5)).row, Hand.result(Hand.org("b"), yes: Hand.yes(for: 5)).row,
                    Hand.result(Hand.org("c"), yes: Hand.yes(for: 5)).row]
        let now = [Hand.result(Hand.org("a"), yes: Hand.yes(for: 7)).row, Hand.result(Hand.org("b"), yes: Hand.yes(for: 3)).row,
                   Hand.result(Hand.org("c"), yes: Hand.yes(for: 5)).row, Hand.result(Hand.org("new"), yes: []).row]
        let t = Dynamics.trends(current: now, previous: prev)
        #expect(t.mapValues(\.arrow) == ["a": "↑", "b": "↓", "c": "→"])
        let ranked = Ranking.rank(now, scheme: .type, trends: t)[0].rows
        #expect(ranked.map { "\($0.org)\($0.trend?.arrow ?? "")" } == ["a↑", "c→", "b↓", "new"])
    }
}
