import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// What every screen shares: quitting, going back, help, the size of the window, refreshing.
@Suite struct AppBehaviourTests {
    @Test func qOnTheTopScreenAsksAndAcceptsYOrД() throws {
        let d = try TUIDriver.demo()
        d.press(.char("q"))
        #expect(d.state.dialog?.lines == ["Выйти? (y/n)"])
        #expect(d.text.contains("│ Выйти? (y/n)"))
        d.press(.char("н"))
        #expect(d.state.dialog == nil && !d.quit)
        d.press(.char("й"))  // q in the Russian layout
        #expect(d.state.dialog != nil)
        d.press(.char("д"))
        #expect(d.quit)
        let e = try TUIDriver.demo()
        e.press(.char("q"), .char("y"))
        #expect(e.quit)
    }

    @Test func f10AndCtrlCAskFromAnyScreen() throws {
        let d = try TUIDriver.demo()
        d.press(.char("1"), .function(10))
        #expect(d.state.dialog?.action == .quit)
        d.press(.escape)
        #expect(d.state.dialog == nil && !d.quit)
        d.press(.ctrl("c"), .char("Y"))
        #expect(d.quit)
    }

    @Test func escAndQGoBackOnNestedScreens() throws {
        let d = try TUIDriver.demo()
        d.press(.char("1"), .enter)
        #expect(d.state.stack.count == 3)
        d.press(.escape)
        #expect(d.state.stack.count == 2)
        d.press(.char("q"))
        #expect(d.state.stack.count == 1 && d.state.dialog == nil)
        d.press(.escape)  // nothing above the top screen
        #expect(d.state.stack.count == 1 && d.state.dialog == nil && !d.quit)
    }

    @Test func helpOpensWithQuestionMarkAndF1AndAnyKeyClosesIt() throws {
        for key in [Key.char("?"), Key.function(1)] {
            let d = try TUIDriver.demo()
            d.press(key)
            #expect(d.state.showHelp)
            #expect(d.text.contains("Помощь: Обзор кампании"))
            #expect(d.text.contains("другая клавиша — закрыть"))  // the methodist's keys fill more than the box
            d.press(.char("x"))
            #expect(!d.state.showHelp)
        }
        let p = try TUIDriver.demo(as: "dir-sch-004")
        p.press(.char("?"))
        #expect(p.text.contains("Помощь: Карта организации"))
        #expect(p.text.contains("подать карту на проверку"))
    }

    @Test func belowEightyByTwentyFourAPlainMessageAsksForMore() throws {
        let d = try TUIDriver.demo(cols: 79, rows: 24)
        #expect(d.lines[0] == "Окно терминала слишком маленькое: 79×24.")
        #expect(d.lines[1] == "Нужно не меньше 80×24 — увеличьте окно.")
        d.press(.char("1"))  // nothing happens behind the message
        #expect(d.state.stack.count == 1)
        d.resize(cols: 80, rows: 24)
        #expect(d.lines[0].hasPrefix(" профрост · Обзор кампании"))
        d.resize(cols: 100, rows: 23)
        #expect(d.lines[0] == "Окно терминала слишком маленькое: 100×23.")
        d.press(.char("q"))
        #expect(d.lines.contains("Выйти? (y/n)"))
        d.press(.char("y"))
        #expect(d.quit)
    }

    @Test func aResizeReLaysOutAndUsesTheWidth() throws {
        let d = try TUIDriver.demo()
        d.press(.char("1"))
        #expect(d.lines[4].contains(" Д/с № 1 „Теремок“ "))  // the short name where the full one does not fit
        #expect(d.lines.count == 24)
        d.resize(cols: 120, rows: 40)
        #expect(d.lines.count == 40)
        #expect(d.lines[4].contains("МБДОУ «Детский сад № 1 „Теремок“»"))
        #expect(d.lines[37].hasSuffix("1 из 48"))  // more rows shown: the table reaches the bottom
        #expect(d.lines[36].hasPrefix(" sch-012"))
        #expect(isClean(d.canvas))
    }

    @Test func aChangeMadeElsewhereIsSeenOnTheNextTick() throws {
        let d = try TUIDriver.demo(as: "dir-sch-016")
        d.send(.tick)
        #expect(d.effects.last == .pollChanges)  // nothing changed: a stat, no reload
        let other = try Session.open(d.workspace, as: "dir-sch-016", today: TUIDriver.today)
        try other.submit(org: "sch-016", period: nil, confirmMissingEvidence: true)
        #expect(d.card?.data?.card.status == .returned)
        d.send(.tick)
        #expect(d.card?.data?.card.status == .submitted)
        #expect(d.lines[1].contains("Статус: на проверке"))
        #expect(d.effects.last == .loadCard(org: "sch-016", period: "2025-26"))
    }

    @Test func aChangeUnderAnOpenFormWaitsUntilTheFormCloses() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.press(.enter)
        let other = try Session.open(d.workspace, as: "metodist", today: TUIDriver.today)
        try other.setIndicator(org: "sch-004", period: nil, indicator: "d1.2", answer: .some(.ratio(part: 1, whole: 2)), evidence: nil)
        d.send(.tick)
        #expect(d.card?.data?.card.answers["d1.2"] != .ratio(part: 1, whole: 2))  // the user is typing: not under them
        d.press(.escape)
        d.send(.tick)
        #expect(d.card?.data?.card.answers["d1.2"] == .ratio(part: 1, whole: 2))
    }

    @Test func everyScreenIsCleanAtBothSizes() throws {
        for (cols, rows) in [(80, 24), (120, 40)] {
            let m = try TUIDriver.demo(cols: cols, rows: rows)
            var seen = [m.canvas]
            for key in ["1", "2", "3", "4"] {
                m.press(.char(Character(key)))
                seen.append(m.canvas)
                m.press(.enter)
                seen.append(m.canvas)
                m.press(.escape, .escape)
            }
            let r = try TUIDriver.demo(as: "expert1", cols: cols, rows: rows)
            seen.append(r.canvas)
            r.press(.enter); seen.append(r.canvas)
            r.press(.enter); seen.append(r.canvas)
            r.press(.escape, .function(8)); seen.append(r.canvas)
            let p = try TUIDriver.demo(as: "dir-sch-016", cols: cols, rows: rows)
            seen.append(p.canvas)
            p.press(.enter); seen.append(p.canvas)
            p.press(.function(1)); seen.append(p.canvas)
            for c in seen { #expect(isClean(c), "\(c.text)") }
        }
    }
}

@Suite struct HelpScrollTests {
    @Test func longHelpScrollsWithArrowsAndClosesOnAnyOtherKey() throws {
        let d = try TUIDriver.demo(as: "expert1")
        d.press(.enter, .function(1))
        #expect(d.text.contains("Помощь: Проверка карты"))
        #expect(d.text.contains("↑↓ — листать ("))
        #expect(!d.text.contains("выход с вопросом"))
        d.press(.pageDown, .pageDown, .down)
        #expect(d.text.contains("выход с вопросом"))
        #expect(d.state.showHelp)
        d.press(.enter)
        #expect(!d.state.showHelp && d.card?.form == nil)
    }
}
