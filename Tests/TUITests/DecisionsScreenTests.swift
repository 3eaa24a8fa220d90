import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// The decisions screen: a decision of last year with its indicator before and after.
@Suite struct DecisionsScreenTests {
    @Test func aDecisionOfLastYearShowsItsIndicatorBeforeAndAfter() throws {
        let ws = try Fixture.demoWorkspace(today: TUIDriver.today)
        let s = try Session.open(ws, as: "metodist", today: TUIDriver.today)
        let d = try s.recordDecision(DecisionDraft(
            period: "2024-25", kind: .decision, target: DecisionTarget(kind: .organisation, id: "sch-001"),
            what: "Семинар \u{1B}[31mпо наставничеству", responsible: "Методист", due: try #require(Day(year: 2026, month: 5, day: 31)),
            indicators: [IndicatorTarget(template: "general", indicator: "d1.2")]))
        let outcome = try DecisionEffect.evaluate(d, workspace: ws)
        let line = try #require(outcome.lines.first)
        let driver = try TUIDriver(ws, today: TUIDriver.today)
        driver.press(.char("6"))
        #expect(driver.lines[0].contains("Решения и их эффективность"))
        #expect(driver.lines[1] == " r1: Семинар по наставничеству")                    // the escape sequence is not shown
        let row = try #require(driver.lines.first { $0.hasPrefix(" r1   2024/25 sch-001") })
        #expect(row.contains(line.before.map { NumberText.short($0) + "%" } ?? "—"))
        #expect(row.contains(line.after.map { NumberText.short($0) + "%" } ?? "—"))
        #expect(row.hasSuffix(line.russianVerdict))
        #expect(line.afterPeriod == "2025-26" && line.before != nil && line.after != nil)
    }
}
