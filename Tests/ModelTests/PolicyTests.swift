import Foundation
import Testing
import Model

/// Every cell of role × stage × card status × organisation.
@Suite struct PolicyTests {
    static let campaign: Campaign = {
        var c = (try? Campaign(period: "2025-26", templates: [:])) ?? (try? Campaign(period: "2024-25", templates: [:]))
        c?.extensions["own"] = Day(year: 2026, month: 10, day: 5)
        return c!  // allowed: a literal period that parses
    }()
    static let fillDay = Day(year: 2026, month: 9, day: 20)!        // allowed: literal dates
    static let checkDay = Day(year: 2026, month: 10, day: 10)!
    static let evaluateDay = Day(year: 2026, month: 10, day: 25)!
    static let closedDay = Day(year: 2026, month: 11, day: 20)!

    let principal = Person(id: "p", name: "П", role: .principal, org: "own")
    let other = Person(id: "q", name: "Q", role: .principal, org: "other")
    let reviewer = Person(id: "r", name: "Р", role: .reviewer)
    let methodist = Person(id: "m", name: "М", role: .methodist)

    func allowed(_ a: Action, _ p: Person, _ s: CardStatus?, _ d: Day) -> Bool {
        Policy.decide(a, by: p, campaign: Self.campaign, status: s, today: d).isAllowed
    }

    @Test(arguments: CardStatus.allCases)
    func principalEditsOwnDraftOrReturnedCardInTime(status: CardStatus) {
        let days = [Self.fillDay, Self.checkDay, Self.evaluateDay, Self.closedDay]
        for day in days {
            let edit = allowed(.editCard(org: "own"), principal, status, day)
            let expected: Bool
            switch status {
            case .draft: expected = day <= Day(year: 2026, month: 10, day: 5)!   // allowed: extension of "own"
            case .returned: expected = day <= Self.campaign.checkDeadline
            case .submitted, .accepted: expected = false
            }
            #expect(edit == expected, "\(status) on \(day)")
            #expect(allowed(.submitCard(org: "own"), principal, status, day) == expected)
            // Never another organisation's card, in any stage or status.
            #expect(!allowed(.editCard(org: "own"), other, status, day))
            #expect(!allowed(.viewCard(org: "own"), other, status, day))
            #expect(allowed(.viewCard(org: "own"), principal, status, day))
            #expect(!allowed(.reviewCard(org: "own"), principal, status, day))
        }
    }

    /// A returned card may be corrected until the check deadline, or until the organisation's extension when
    /// that runs later: an extension to 25 October keeps a card returned on 10 October open past the 15th.
    @Test func aReturnedCardWithAnExtensionPastTheCheckDeadlineStaysOpenUntilTheExtension() throws {
        var c = Self.campaign
        let until = try #require(Day(year: 2026, month: 10, day: 25))
        c.extensions["own"] = until
        #expect(c.checkDeadline < until)
        func edit(_ d: Day) -> Bool { Policy.decide(.editCard(org: "own"), by: principal, campaign: c, status: .returned, today: d).isAllowed }
        #expect(edit(try #require(Day(year: 2026, month: 10, day: 20))))   // after the check deadline, within the extension
        #expect(edit(until))
        #expect(!edit(try #require(Day(year: 2026, month: 10, day: 26))))
        let why = Policy.decide(.editCard(org: "own"), by: principal, campaign: c, status: .returned,
                                today: try #require(Day(year: 2026, month: 10, day: 26))).reason
        #expect(why?.russian.contains("25.10.2026") == true)
        // Without the extension the same day is closed.
        #expect(!Policy.decide(.editCard(org: "other"), by: other, campaign: c, status: .returned,
                               today: try #require(Day(year: 2026, month: 10, day: 20))).isAllowed)
    }

    @Test func withoutExtensionTheDraftLocksAtTheFillDeadline() {
        #expect(allowed(.editCard(org: "other"), other, .draft, Self.fillDay))
        #expect(!allowed(.editCard(org: "other"), other, .draft, Self.checkDay))
        let why = Policy.decide(.editCard(org: "other"), by: other, campaign: Self.campaign, status: .draft, today: Self.checkDay).reason
        #expect(why?.russian.contains("30.09.2026") == true)
    }

    @Test(arguments: CardStatus.allCases)
    func reviewerReviewsSubmittedCardsUntilTheCheckDeadline(status: CardStatus) {
        for day in [Self.fillDay, Self.checkDay, Self.evaluateDay, Self.closedDay] {
            #expect(allowed(.reviewCard(org: "own"), reviewer, status, day) == (status == .submitted && day <= Self.campaign.checkDeadline),
                    "\(status) on \(day)")
            #expect(!allowed(.editCard(org: "own"), reviewer, status, day))
            #expect(!allowed(.reopenCard(org: "own"), reviewer, status, day))
            #expect(allowed(.viewCard(org: "own"), reviewer, status, day))
        }
        #expect(allowed(.viewAnalytics, reviewer, nil, Self.fillDay))
        #expect(!allowed(.manageCampaign, reviewer, nil, Self.fillDay))
        #expect(!allowed(.viewJournal, reviewer, nil, Self.fillDay))
    }

    @Test(arguments: CardStatus.allCases)
    func methodistDoesEverything(status: CardStatus) {
        let actions: [Action] = [.viewCard(org: "own"), .editCard(org: "own"), .submitCard(org: "own"), .reviewCard(org: "own"),
                                 .reopenCard(org: "own"), .manageCampaign, .manageDirectory, .viewAnalytics, .editRecommendations, .viewJournal]
        for a in actions { for d in [Self.fillDay, Self.closedDay] { #expect(allowed(a, methodist, status, d)) } }
    }

    @Test func aRevokedPersonIsRefusedEverything() {
        var p = principal
        p.revokedAt = Date()
        let d = Policy.decide(.viewCard(org: "own"), by: p, campaign: Self.campaign, status: .draft, today: Self.fillDay)
        #expect(d.reason?.english.contains("revoked") == true)
        #expect(d.reason?.russian.contains("отозван") == true)
        var m = methodist; m.revokedAt = Date()
        #expect(!allowed(.viewAnalytics, m, nil, Self.fillDay))
    }

    @Test func principalSeesNoAnalyticsOfOthers() {
        #expect(!allowed(.viewAnalytics, principal, nil, Self.fillDay))
        #expect(allowed(.viewRecommendations(org: "own"), principal, nil, Self.fillDay))
        #expect(!allowed(.viewRecommendations(org: "other"), principal, nil, Self.fillDay))
    }

    @Test func stagesFollowTheDeadlines() {
        let c = Self.campaign
        #expect(c.fillDeadline.description == "2026-09-30")
        #expect(c.checkDeadline.description == "2026-10-15")
        #expect(c.evaluateDeadline.description == "2026-11-01")
        #expect([Self.fillDay, Self.checkDay, Self.evaluateDay, Self.closedDay].map(c.stage(on:)) == [.filling, .checking, .evaluating, .closed])
    }
}
