import Foundation
import Testing
import Model
import TestSupport

@Suite struct TemplateDataTests {
    @Test func cardsAsPrinted() throws {
        let ts = try Fixture.templates()
        #expect(ts.map(\.id) == ["preschool", "general", "additional"])
        #expect(ts.map(\.declaredMax) == [31, 39, 18])
        #expect(ts.map { $0.indicators.reduce(0) { $0 + $1.rule.maxPoints } } == [30, 39, 17])
        for t in ts {
            #expect(t.directions.map(\.number) == [1, 2, 3, 4, 5])
            for d in t.directions {
                for (i, ind) in d.indicators.enumerated() {
                    #expect(ind.id == "d\(d.number).\(i + 1)")
                    #expect(!ind.text.isEmpty && !ind.evidenceSource.isEmpty && !ind.ruleText.isEmpty)
                }
            }
        }
        let pre = try Fixture.template(.preschool)
        // The "наставническая пара" row is printed under direction 3.
        #expect(pre.indicator("d3.1")?.text == "Участие молодых специалистов в деятельности наставнической пары")
        #expect(try Fixture.template(.general).indicator("d1.1")?.rule == .share(thresholdPercent: 80, points: 1))
        #expect(try Fixture.template(.general).indicator("d3.1")?.rule == .fact(points: 3))
    }

    @Test func lintFindsExactlyTheFourMismatches() throws {
        let findings = TemplateLint.check(try Fixture.templates())
        #expect(findings == [
            LintFinding(template: "preschool", scope: .card, direction: nil, declared: 31, computed: 30),
            LintFinding(template: "preschool", scope: .direction, direction: 2, declared: 6, computed: 5),
            LintFinding(template: "additional", scope: .card, direction: nil, declared: 18, computed: 17),
            LintFinding(template: "additional", scope: .direction, direction: 3, declared: 4, computed: 3),
        ])
    }

    @Test func lintReportsAnEditedTemplate() throws {
        var g = try Fixture.template(.general)
        g.directions[0].indicators[0].rule = .fact(points: 2)
        #expect(TemplateLint.check(g) == [
            LintFinding(template: "general", scope: .card, direction: nil, declared: 39, computed: 40),
            LintFinding(template: "general", scope: .direction, direction: 1, declared: 5, computed: 6),
        ])
    }
}

@Suite struct LevelTests {
    /// Приложение 1, row by row: every points value from 0 to the declared maximum.
    @Test(arguments: [(OrgType.preschool, 31, 25, 19), (.general, 39, 32, 24), (.additional, 18, 15, 11)])
    func everyPointsValue(type: OrgType, max: Int, high: Int, medium: Int) throws {
        let t = try Fixture.template(type)
        #expect(t.declaredMax == max)
        #expect(t.levels == LevelTable(high: high, medium: medium))
        #expect(Scoring.impliedLevels(declaredMax: max) == t.levels)
        for p in 0...max {
            let expected: Level = p >= high ? .high : p >= medium ? .medium : .low
            #expect(Scoring.level(points: p, table: t.levels) == expected, "\(type) \(p) points")
            // The percentages of 2.4: 80–100 high, 60–79 medium, under 60 low.
            let pct = Double(p) * 100 / Double(max)
            #expect((pct >= 80) == (expected == .high), "\(type) \(p) points = \(pct)%")
            #expect((pct < 60) == (expected == .low), "\(type) \(p) points = \(pct)%")
        }
    }

    @Test func domainExamples() throws {
        #expect(Scoring.level(points: 24, table: try Fixture.template(.preschool).levels) == .medium)  // 77.4 %
        #expect(Scoring.level(points: 31, table: try Fixture.template(.general).levels) == .medium)    // 79.5 %
        #expect(Scoring.percent(24, of: 31) == 77.4)
    }
}

@Suite struct RuleTests {
    @Test func factEarnsItsPoints() {
        #expect(Scoring.points(for: .fact(true), rule: .fact(points: 3)) == 3)
        #expect(Scoring.points(for: .fact(false), rule: .fact(points: 3)) == 0)
    }

    @Test func shareAtEightyPercent() {
        let r = Rule.share(thresholdPercent: 80, points: 1)
        #expect(Scoring.points(for: .ratio(part: 8, whole: 10), rule: r) == 1)
        #expect(Scoring.points(for: .ratio(part: 7, whole: 10), rule: r) == 0)
        #expect(Scoring.points(for: .ratio(part: 39, whole: 49), rule: r) == 0)  // 79.6 %
        #expect(Scoring.points(for: .ratio(part: 0, whole: 0), rule: r) == 0)
    }

    @Test func retentionAtHalfOfLastYear() {
        let r = Rule.retention(thresholdPercent: 50, points: 1)
        #expect(Scoring.points(for: .retention(retained: 2, lastYear: 4, current: nil), rule: r) == 1)
        #expect(Scoring.points(for: .retention(retained: 1, lastYear: 3, current: 5), rule: r) == 0)
        #expect(Scoring.points(for: .retention(retained: 0, lastYear: 0, current: 2), rule: r) == 0)
    }

    @Test func participationInHalfOfPlannedEvents() {
        let r = Rule.participation(thresholdPercent: 50, points: 1)
        #expect(Scoring.points(for: .ratio(part: 3, whole: 6), rule: r) == 1)
        #expect(Scoring.points(for: .ratio(part: 2, whole: 5), rule: r) == 0)
    }

    @Test func percentEarnsNoCardPoints() {
        #expect(Scoring.points(for: .percent(100), rule: .percent) == 0)
    }

    @Test func wrongShapeEarnsNothing() {
        #expect(Scoring.points(for: .ratio(part: 5, whole: 5), rule: .fact(points: 1)) == 0)
    }

    @Test func parsingWhatPrincipalsType() throws {
        #expect(try Answer.parse("да", for: .fact(points: 1)).get() == .fact(true))
        #expect(try Answer.parse("no", for: .fact(points: 1)).get() == .fact(false))
        #expect(try Answer.parse("8/10", for: .share(thresholdPercent: 80, points: 1)).get() == .ratio(part: 8, whole: 10))
        #expect(try Answer.parse("3", for: .retention(thresholdPercent: 50, points: 1), knownLastYear: 4).get()
                == .retention(retained: 3, lastYear: 4, current: nil))
        #expect(try Answer.parse("3/4/6", for: .retention(thresholdPercent: 50, points: 1)).get()
                == .retention(retained: 3, lastYear: 4, current: 6))
        #expect(try Answer.parse("42,5", for: .percent).get() == .percent(42.5))
        if case .failure(let e) = Answer.parse("11/10", for: .share(thresholdPercent: 80, points: 1)) {
            #expect(e.english.contains("more than"))
            #expect(e.russian.contains("больше"))
        } else { Issue.record("11 of 10 must be refused") }
        #expect((try? Answer.parse("maybe", for: .fact(points: 1)).get()) == nil)
        #expect((try? Answer.parse("3", for: .retention(thresholdPercent: 50, points: 1)).get()) == nil)
        #expect((try? Answer.parse("101", for: .percent).get()) == nil)
        #expect((try? Answer.parse("-1/4", for: .share(thresholdPercent: 80, points: 1)).get()) == nil)
    }
}

@Suite struct CardScoreTests {
    @Test func reviewVerdictsChangeThePointsThatStand() throws {
        let t = try Fixture.template(.general)
        var card = ExpertCard(org: "sch-1", period: "2025-26", template: "general")
        card.answers["d1.1"] = .ratio(part: 9, whole: 10)     // 1
        card.answers["d3.1"] = .fact(true)                    // 3
        card.answers["d3.3"] = .fact(true)                    // 2
        card.answers["d4.5"] = .ratio(part: 1, whole: 4)      // 0
        var s = Scoring.score(card, template: t)
        #expect(s.points == 6 && s.claimedPoints == 6)
        #expect(s.directions.map(\.points) == [1, 0, 5, 0, 0])
        #expect(s.directions.map(\.max) == [5, 8, 6, 9, 11])
        let at = Date(timeIntervalSince1970: 0)
        card.reviews["d3.1"] = IndicatorReview(verdict: .notConfirmed, comment: "нет диплома", reviewer: "e", at: at)
        card.reviews["d4.5"] = IndicatorReview(verdict: .corrected, corrected: .ratio(part: 2, whole: 4), comment: "", reviewer: "e", at: at)
        s = Scoring.score(card, template: t)
        #expect(s.claimedPoints == 6)
        #expect(s.points == 4)
        #expect(s.level == .low)
        #expect(s.percent == 10.3)
    }
}
