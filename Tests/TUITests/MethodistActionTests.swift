import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// The methodist's campaign actions in the terminal: extensions (with their reason), accepting, returning and
/// reopening cards; a principal's open session sees the extension on the next tick.
@Suite struct MethodistActionTests {
    @Test func anExtensionFromTheDeadlinesScreenReachesAnOpenPrincipalSession() throws {
        let p = try TUIDriver.demo(as: "dir-dou-010", today: Day(year: 2026, month: 10, day: 5)!)
        #expect(p.notice.hasPrefix("Только просмотр: Срок заполнения 30.09.2026 истёк"))
        let m = try TUIDriver(p.workspace, as: "metodist", today: Day(year: 2026, month: 10, day: 5)!)
        m.press(.char("2"), .char("/")); m.type("dou-010"); m.press(.enter, .char("e"))
        #expect(m.state.top.title == "Продление срока")
        m.press(.ctrl("u")); m.type("12.10.2026"); m.press(.tab); m.type("Заведующая на больничном"); m.press(.enter)
        #expect(m.message == "Организации dou-010 срок заполнения продлён до 12.10.2026")
        #expect(try p.workspace.campaign(orLatest: nil).extensions["dou-010"] == Day(year: 2026, month: 10, day: 12))
        #expect(m.lines[5].contains("12.10.2026 12.10.2026"))
        #expect(m.lines[3] == " dou-010: продлено до 12.10.2026 — «Заведующая на больничном»")
        p.send(.tick)  // the principal's session notices without a restart
        #expect(p.lines[2].hasSuffix("срок 12.10.2026, ещё 7 дн."))
        p.press(.enter)
        #expect(p.card?.form != nil)
    }

    @Test func aBadExtensionDateIsRefusedInRussian() throws {
        let m = try TUIDriver.demo()
        m.press(.char("2"), .char("e"), .ctrl("u")); m.type("31.02.2026"); m.press(.tab); m.type("Карантин"); m.press(.enter)
        #expect(m.message == "Продление не сохранено: исправьте отмеченное")
        #expect(m.lines.contains { $0.contains("Новый срок") && $0.contains("✗ такой даты нет: 31.02.2026") })
    }

    @Test func theMethodistAcceptsReturnsAndReopensFromTheCard() throws {
        let m = try TUIDriver.demo()
        m.press(.char("1"), .char("/")); m.type("dou-006"); m.press(.enter, .enter)
        #expect(m.card?.data?.card.status == .submitted)
        #expect(m.lines[23].contains("F5 Принять") && m.lines[23].contains("F8 Вернуть"))
        m.press(.function(5), .char("y"))
        #expect(try m.saved("dou-006")?.status == .accepted)
        #expect(m.message == "Карта dou-006 принята")
        m.press(.enter, .function(8))
        #expect(m.state.dialog?.title == "Вернуть на исправление")
        m.press(.enter)  // no comment: refused
        #expect(m.message == "Напишите руководителю, что исправить: без комментария карта не возвращается")
        m.press(.function(8)); m.type("Проверьте d1.1"); m.press(.enter)
        #expect(try m.saved("dou-006")?.status == .returned)
        m.press(.enter)
        #expect(m.notice == "Только просмотр · возвращена (metodist): «Проверьте d1.1»")
    }
}
