import Foundation
import Testing
import Model
import TestSupport

@Suite struct RecommendationAnalyticsTests {
    static let catalogue = RecommendationCatalogue(recommendations: [
        CatalogueEntry(id: "young", text: "Поддержать молодых специалистов", source: "001 8", directions: [2]),
        CatalogueEntry(id: "diag", text: "Организовать диагностику", source: "001 7", indicators: ["general": ["d1.2"]]),
        CatalogueEntry(id: "plan", text: "Разработать план мероприятий", source: "002 3.6", levels: [.low]),
        CatalogueEntry(id: "kinder", text: "Только для детских садов", source: "001 7", indicators: ["preschool": ["d1.2"]]),
        CatalogueEntry(id: "dpp", text: "Направить на обучение по ДПП", source: "002 3.6", directions: [1], indicators: ["general": ["d1.1"]]),
    ])

    @Test func recommendationsFollowFromGaps() {
        // 3 of 10 (low): direction 1 has 3 of 5 (60 %, not a gap), direction 2 has 0 of 5, d1.2 and d2.1 earn 0.
        let r = Hand.result(Hand.org("s1"), yes: ["d1.1"])
        let g = Recommendations.gaps(r, template: Hand.template())
        #expect(g.directions.map(\.direction) == [2])
        #expect(g.indicators.map(\.id) == ["d1.2", "d2.1"])
        let list = Recommendations.generate(for: r, template: Hand.template(), catalogue: Self.catalogue)
        #expect(list.map(\.id) == ["young", "diag", "plan"])
        #expect(list[0].reasons == ["Направление 2: 0 из 5 баллов (менее 60 %)"])
        #expect(list[1].reasons == ["Показатель d1.2 «Диагностика»: 0 баллов"])
        #expect(list[2].reasons == ["Уровень эффективности: низкая (30 %)"])
        #expect(list.allSatisfy { $0.origin == .catalogue })
    }

    @Test func noGapsNoRecommendations() {
        let r = Hand.result(Hand.org("s1"), yes: Hand.yes(for: 10))
        #expect(Recommendations.generate(for: r, template: Hand.template(), catalogue: Self.catalogue).isEmpty)
    }

    @Test func aDirectionUnderSixtyPercentIsAGap() {
        // Direction 1: 2 of 5 = 40 % → gap; "dpp" answers direction 1 (d1.1 also earns 0).
        let r = Hand.result(Hand.org("s1"), yes: ["d1.2", "d2.1"])
        let list = Recommendations.generate(for: r, template: Hand.template(), catalogue: Self.catalogue)
        #expect(list.map(\.id) == ["dpp"])
        #expect(list[0].reasons == ["Направление 1: 2 из 5 баллов (менее 60 %)", "Показатель d1.1 «Обучение по ДПП»: 0 баллов"])
    }

    @Test func methodistsChangesApply() {
        let generated = Recommendations.generate(for: Hand.result(Hand.org("s1"), yes: []), template: Hand.template(),
                                                 catalogue: Self.catalogue)
        var o = RecommendationOverrides(org: "s1", period: "2025-26")
        o.removed = ["diag"]
        o.edited = ["young": "Закрепить наставников"]
        o.added = [AddedRecommendation(id: "own-1", text: "Провести педсовет", by: "metodist", at: Date(timeIntervalSince1970: 0))]
        let list = Recommendations.apply(o, to: generated)
        #expect(list.map(\.id) == ["young", "plan", "dpp", "own-1"])
        #expect(list[0].text == "Закрепить наставников" && list[0].edited)
        #expect(list[3].origin == .methodist)
    }

    @Test func theBundledCatalogueAnswersEveryIndicatorOfEveryCard() throws {
        let catalogue = try RecommendationCatalogue.bundled()
        let templates = try Fixture.templates()
        #expect(catalogue.problems(against: templates).isEmpty)
        for t in templates {
            let covered = Set(catalogue.recommendations.flatMap { $0.indicators(for: t.orgType) })
            let scored = t.indicators.filter { $0.rule.maxPoints > 0 }.map(\.id)
            #expect(scored.filter { !covered.contains($0) } == [], "uncovered in \(t.id)")
        }
        for d in 1...5 { #expect(catalogue.recommendations.contains { $0.directions.contains(d) }, "direction \(d)") }
        #expect(catalogue.recommendations.allSatisfy { ["002 3.6", "001 7", "001 8"].contains($0.source) && !$0.basis.isEmpty })
        // An empty card of any type gets measures for its gaps and the low level.
        for t in templates {
            let o = Organisation(id: "x", name: "x", type: t.orgType)
            let list = Recommendations.generate(for: OrgResult(org: o, card: nil, template: t), template: t, catalogue: catalogue)
            #expect(list.contains { $0.id == "002-plan" } && list.contains { $0.id == "002-consult" })
        }
    }
}
