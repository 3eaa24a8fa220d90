import Foundation
import Testing
import Model

@Suite struct ClusterAnalyticsTests {
    @Test func fiveHundredPupilsIsInTheSmallCluster() {
        let orgs = [Hand.org("s499", pupils: 499), Hand.org("s500", pupils: 500), Hand.org("s501", pupils: 501),
                    Hand.org("b900", pupils: 900, level: .basic), Hand.org("snil", pupils: nil),
                    Hand.org("lvl-nil", pupils: 300, level: nil), Hand.org("dou", .preschool), Hand.org("udo", .additional)]
        let size = ClusterScheme.size.clusters(orgs)
        #expect(size.map(\.kind) == [.preschool, .secondaryLarge, .secondarySmall, .basic, .generalUnknown, .additional])
        let byKind = Dictionary(uniqueKeysWithValues: size.map { ($0.kind, $0.members) })
        #expect(byKind[.secondarySmall] == ["s499", "s500"])
        #expect(byKind[.secondaryLarge] == ["s501"])
        #expect(byKind[.basic] == ["b900"])
        #expect(byKind[.generalUnknown] == ["snil", "lvl-nil"])
        // The boundary is in the name the methodist reads.
        #expect(ClusterKind.secondarySmall.russianName == "Средние школы, 500 и менее учащихся")
        #expect(ClusterKind.secondaryLarge.russianName == "Средние школы, более 500 учащихся")
        // By type, every school is one cluster.
        let type = ClusterScheme.type.clusters(orgs)
        #expect(type.map(\.kind) == [.preschool, .general, .additional])
        #expect(type[1].members.count == 6)
        // Sheet names fit Excel's 31 characters.
        #expect(ClusterKind.allCases.allSatisfy { $0.shortName.count <= 31 })
    }

    @Test func competitionRankingSharesRanksAndSkips() {
        // 8, 7, 7, 5 of 10 and a 7 whose name sorts first: ranks 1 2 2 2 5.
        let points = [("a", "Лицей", 8), ("b", "Школа № 10", 7), ("c", "Школа № 9", 7), ("d", "Школа № 1", 5), ("e", "Гимназия", 7)]
        let rows = points.map { Hand.result(Hand.org($0.0, name: $0.1), yes: Hand.yes(for: $0.2)).row }
        let ranked = Ranking.rank(rows, scheme: .type)
        #expect(ranked.count == 1)
        let table = ranked[0].rows
        #expect(table.map(\.rank) == [1, 2, 2, 2, 5])
        // Ties sorted by name, numbers as numbers: «Гимназия», «Школа № 9», «Школа № 10».
        #expect(table.map(\.org) == ["a", "e", "c", "b", "d"])
        #expect(table.map(\.percent) == [80, 70, 70, 70, 50])
        #expect(table.map(\.level) == [.high, .medium, .medium, .medium, .low])
    }

    @Test func tiesOrderAsARussianReaderExpects() {
        // All score 0: the order is the names'. Case and ё do not matter, numbers compare as numbers
        // (leading zeros too), and names equal under those rules fall back to the id.
        let names = [("z1", "школа № 21"), ("z2", "Школа № 007"), ("z3", "Ёлочка"), ("z4", "елочка"),
                     ("z5", "Школа № 7а"), ("z6", "Школа №"), ("z7", "Гимназия 2"), ("z8", "гимназия 10")]
        let rows = names.map { Hand.result(Hand.org($0.0, name: $0.1), yes: []).row }
        let table = Ranking.rank(rows, scheme: .type)[0].rows
        #expect(table.map(\.org) == ["z7", "z8", "z3", "z4", "z6", "z2", "z5", "z1"])
        #expect(Set(table.map(\.rank)) == [1])
    }

    /// Many rows with few distinct percents and names: every row comes out once, its rank is one more than the
    /// number of rows with a higher percent, and rows of one percent and one name are in id order.
    @Test func competitionRanksManyRowsByTheRule() {
        var rng = SeededRandom(seed: 14)
        let items = (0..<1500).map { i in
            (id: String(format: "o%05d", (i * 7919) % 1500), percent: Double(rng.int(0...40)) / 2,
             name: ["Школа № \(rng.int(1...30))", "Гимназия", "ёлка \(rng.int(1...3))"][rng.int(0...2)])
        }
        let ranked = Ranking.competition(items, score: { $0.percent }, name: { $0.name }, id: { $0.id })
        #expect(ranked.map(\.item.id).sorted() == items.map(\.id).sorted())
        let percents = items.map(\.percent)
        for r in ranked { #expect(r.rank == 1 + percents.filter { $0 > r.item.percent }.count) }
        for (a, b) in zip(ranked, ranked.dropFirst()) {
            #expect(a.item.percent >= b.item.percent)
            if a.item.percent == b.item.percent && a.item.name == b.item.name { #expect(a.item.id < b.item.id) }
        }
    }

    @Test func allEqualShareRankOne() {
        let rows = ["x", "y", "z"].map { Hand.result(Hand.org($0), yes: []).row }
        #expect(Ranking.rank(rows, scheme: .type)[0].rows.map(\.rank) == [1, 1, 1])
        #expect(Ranking.rank([], scheme: .size).isEmpty)
    }

    @Test func eachClusterIsRankedOnItsOwn() {
        let rows = [Hand.result(Hand.org("big", pupils: 900), yes: Hand.yes(for: 5)).row,
                    Hand.result(Hand.org("small", pupils: 500), yes: Hand.yes(for: 3)).row,
                    Hand.result(Hand.org("small2", pupils: 120), yes: Hand.yes(for: 10)).row]
        let ranked = Ranking.rank(rows, scheme: .size)
        #expect(ranked.map(\.id) == ["general-over-500", "general-500-or-fewer"])
        #expect(ranked[0].rows.map { "\($0.rank) \($0.org)" } == ["1 big"])
        #expect(ranked[1].rows.map { "\($0.rank) \($0.org)" } == ["1 small2", "2 small"])
    }

    @Test func rankJSONHasClusterNameIdAndRows() throws {
        let rows = [Hand.result(Hand.org("s1", pupils: 500), yes: Hand.yes(for: 7)).row]
        let data = try JSONFiles.encoder().encode(Ranking.rank(rows, scheme: .size))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(json.first?["cluster"] as? String == "Средние школы, 500 и менее учащихся")
        #expect(json.first?["id"] as? String == "general-500-or-fewer")
        let row = try #require((json.first?["rows"] as? [[String: Any]])?.first)
        #expect(row["rank"] as? Int == 1)
        #expect(row["org"] as? String == "s1")
        #expect(row["points"] as? Int == 7)
        #expect(row["max"] as? Int == 10)
        #expect(row["percent"] as? Double == 70)
        #expect(row["level"] as? String == "medium")
        #expect(row["name"] as? String == "Организация s1")
    }
}

@Suite struct ScalingAnalyticsTests {
    @Test func minMaxPerIndicatorSummedAndRanked() {
        let inputs = [ScalingInput(org: "a", name: "А", values: ["p1": 10, "p2": 40]),
                      ScalingInput(org: "b", name: "Б", values: ["p1": 30, "p2": 40]),
                      ScalingInput(org: "c", name: "В", values: ["p1": 50, "p2": 40])]
        let s = Scaling.scale(inputs, indicators: ["p1", "p2"])
        #expect(s["a"]?["p1"] == 0)
        #expect(s["b"]?["p1"] == 0.5)
        #expect(s["c"]?["p1"] == 1)
        // All equal on p2: nobody is told apart, everyone gets 0, never NaN.
        #expect(["a", "b", "c"].allSatisfy { s[$0]?["p2"] == 0 })
        let rows = Scaling.rank(inputs, indicators: ["p1", "p2"])
        #expect(rows.map(\.org) == ["c", "b", "a"])
        #expect(rows.map(\.rating) == [1, 0.5, 0])
        #expect(rows.map(\.rank) == [1, 2, 3])
    }

    @Test func allEqualEverywhereGivesZerosAndSharedRankNoNaN() throws {
        let inputs = ["a", "b", "c"].map { ScalingInput(org: $0, name: $0, values: ["p1": 40, "p2": 0]) }
        let rows = Scaling.rank(inputs, indicators: ["p1", "p2"])
        #expect(rows.allSatisfy { $0.rating == 0 && $0.rank == 1 })
        #expect(rows.allSatisfy { $0.scaled.values.allSatisfy { $0.isFinite } })
        let text = String(decoding: try JSONFiles.encoder().encode(rows), as: UTF8.self)
        #expect(!text.lowercased().contains("nan"))
        // One organisation alone, or nobody: no division by zero either.
        #expect(Scaling.rank([inputs[0]], indicators: ["p1"]).first?.rating == 0)
        #expect(Scaling.rank([], indicators: ["p1"]).isEmpty)
    }

    @Test func missingNaNAndOutOfRangeValuesAreSafe() {
        let inputs = [ScalingInput(org: "a", name: "a", values: ["p1": .nan]),
                      ScalingInput(org: "b", name: "b", values: [:]),
                      ScalingInput(org: "c", name: "c", values: ["p1": 150]),
                      ScalingInput(org: "d", name: "d", values: ["p1": 50])]
        let rows = Scaling.rank(inputs, indicators: ["p1"])
        #expect(rows.map(\.org) == ["c", "d", "a", "b"])
        #expect(rows.map(\.rating) == [1, 0.5, 0, 0])
        #expect(rows.map(\.rank) == [1, 2, 3, 3])
        #expect(rows.first?.values["p1"] == 100)
    }

    @Test func percentIndicatorsOfATemplateAreScaledInTheRanking() {
        let t = Hand.template()
        let rows = [Hand.result(Hand.org("a"), yes: [], percent: 20).row,
                    Hand.result(Hand.org("b"), yes: [], percent: 60).row]
        let ranked = Ranking.rank(rows, scheme: .type, templates: [.general: t])
        #expect(ranked[0].scaled?.map(\.org) == ["b", "a"])
        #expect(ranked[0].scaled?.map(\.rating) == [1, 0])
        // Without percent indicators there is no scaled table.
        #expect(Ranking.rank(rows, scheme: .type)[0].scaled == nil)
    }
}

/// Hand-made data for the analytics tests: a small card of two scored directions (max 10) plus a seed-003
/// percent, and organisations whose answers are "yes" exactly on the indicators named.
enum Hand {
    /// Direction 1: d1.1 (3 points), d1.2 (2 points); direction 2: d2.1 (5 points); direction 3: d3.1, a percent.
    static func template(_ type: OrgType = .general) -> Template {
        func ind(_ id: String, _ rule: Rule, _ text: String) -> Indicator {
            Indicator(id: id, text: text, rule: rule, ruleText: "", periodicity: "", evidenceSource: "")
        }
        return Template(id: type.rawValue, title: "test", orgType: type, source: "test", declaredMax: 10,
                        levels: Scoring.impliedLevels(declaredMax: 10), directions: [
                            Direction(number: 1, title: "Выявление профессиональных дефицитов", declaredMax: 5, indicators: [
                                ind("d1.1", .fact(points: 3), "Обучение по ДПП"), ind("d1.2", .fact(points: 2), "Диагностика")]),
                            Direction(number: 2, title: "Молодые специалисты", declaredMax: 5, indicators: [
                                ind("d2.1", .fact(points: 5), "Наставническая пара")]),
                            Direction(number: 3, title: "Доли педагогов (003)", declaredMax: 0, indicators: [
                                ind("d3.1", .percent, "Доля педагогов, прошедших курсы")]),
                        ])
    }

    static func org(_ id: String, _ type: OrgType = .general, name: String? = nil, pupils: Int? = 600,
                    level: SchoolLevel? = .secondary) -> Organisation {
        Organisation(id: id, name: name ?? "Организация \(id)", type: type, pupils: type == .general ? pupils : nil,
                     schoolLevel: type == .general ? level : nil)
    }

    /// An organisation's result with "yes" on `yes` (d1.1 = 3, d1.2 = 2, d2.1 = 5 points).
    static func result(_ o: Organisation, yes: [String], percent: Double? = nil, period: String = "2025-26") -> OrgResult {
        var card = ExpertCard(org: o.id, period: period, template: o.type.rawValue)
        for id in ["d1.1", "d1.2", "d2.1"] { card.answers[id] = .fact(yes.contains(id)) }
        if let p = percent { card.answers["d3.1"] = .percent(p) }
        card.status = .accepted
        return OrgResult(org: o, card: card, template: template(o.type))
    }

    /// The answers that give `points` (0, 2, 3, 5, 7, 8, 10 are reachable).
    static func yes(for points: Int) -> [String] {
        switch points {
        case 10: return ["d1.1", "d1.2", "d2.1"]
        case 8: return ["d1.1", "d2.1"]
        case 7: return ["d1.2", "d2.1"]
        case 5: return ["d2.1"]
        case 3: return ["d1.1"]
        case 2: return ["d1.2"]
        default: return []
        }
    }
}
