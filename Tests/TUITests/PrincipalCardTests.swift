import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// The principal's card: input shaped by the rule, evidence, running total, submit, read-only, returned cards.
@Suite struct PrincipalCardTests {
    @Test func principalOpensTheirOwnCardForTheCurrentPeriod() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        #expect(d.card?.data?.org == "sch-004")
        #expect(d.card?.data?.period == "2025-26")
        #expect(d.lines[0].hasPrefix(" профрост · Карта организации"))
        #expect(d.lines[1] == " sch-004 · ООШ № 4                        Статус: черновик · заполнено 17 из 34")
        #expect(d.lines[2] == " Итого: 12 из 39 · 30,8 % · низкая                  срок 30.09.2026, ещё 20 дн.")
    }

    @Test func shareTakesTwoCountsAndTheTotalFollowsTheTyping() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        let before = try #require(try d.saved("sch-004"))
        d.select("d1.1")
        d.press(.enter)
        #expect(d.card?.form?.fields.map(\.label) == ["Всего педагогических работников", "Из них соответствуют показателю",
                                                      "Документ (название)", "Номер документа", "Дата документа (ДД.ММ.ГГГГ)"])
        d.press(.ctrl("u")); d.type("60"); d.press(.tab, .ctrl("u")); d.type("50")
        // Not saved yet, but the total, percent and level already count it.
        #expect(d.lines[2].hasPrefix(" Итого: 13 из 39 · 33,3 % · низкая"))
        #expect(d.text.contains("Будет баллов: 1 из 1"))
        #expect(try d.saved("sch-004")?.answers["d1.1"] == .ratio(part: 45, whole: 68))
        d.press(.enter)
        let after = try #require(try d.saved("sch-004"))
        #expect(after.answers["d1.1"] == .ratio(part: 50, whole: 60))
        #expect(after.revision == before.revision + 1)
        #expect(d.effects.contains(.saveIndicator(org: "sch-004", period: "2025-26", indicator: "d1.1",
                                                  answer: .some(.ratio(part: 50, whole: 60)), evidence: nil,
                                                  expectedRevision: before.revision)))
        #expect(d.message == "Показатель d1.1 сохранён: ответ")  // only what was saved: the answer
        #expect(d.card?.form == nil)
    }

    @Test func impossibleCountsAreRefusedInRussianAndKept() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")
        d.press(.enter, .ctrl("u")); d.type("10"); d.press(.tab, .ctrl("u")); d.type("11"); d.press(.enter)
        #expect(d.message == "Ничего не сохранено: «Из них соответствуют показателю» — 11 больше, чем 10")
        #expect(d.lines.contains { $0.hasPrefix("   Из них соответствуют показателю      11") && $0.hasSuffix("✗ 11 больше, чем 10") })
        #expect(d.card?.form?.fields[1].input.text == "11")
        #expect(try d.saved("sch-004")?.answers["d1.1"] == .ratio(part: 45, whole: 68))
    }

    @Test func aFactIsAToggle() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.3")
        d.press(.enter)
        #expect(d.card?.form?.focused.kind == .toggle)
        #expect(d.text.contains("Выполнено") && d.text.contains("[ — ]"))
        d.press(.char(" "))
        #expect(d.text.contains("[ да ]"))
        #expect(d.lines[2].hasPrefix(" Итого: 13 из 39"))
        d.press(.char("н"))
        #expect(d.text.contains("[ нет ]"))
        d.press(.char("д"), .enter)
        #expect(try d.saved("sch-004")?.answers["d1.3"] == .fact(true))
        #expect(d.card?.form == nil)
    }

    @Test func evidenceTakesADocumentsNameNumberAndDate() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")
        d.press(.enter, .tab, .tab)
        d.type("Справка МБУ МИМЦ"); d.press(.tab)
        d.type("12-од"); d.press(.tab)
        d.type("1.9.2026"); d.press(.enter)
        #expect(d.message == "Показатель d1.1 сохранён: документ")
        #expect(try d.saved("sch-004")?.evidence["d1.1"] == Evidence(document: "Справка МБУ МИМЦ", number: "12-од", date: "01.09.2026"))
        #expect(d.card?.form == nil)
        #expect(d.lines.contains(" Документ: Справка МБУ МИМЦ № 12-од от 01.09.2026"))
        #expect(d.lines[6].hasSuffix("0/1 есть"))
    }

    @Test func aDateThatIsNoDayIsRefusedAndTheTextKept() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")
        d.press(.enter, .tab, .tab)
        d.type("Приказ"); d.press(.tab, .tab)
        d.type("31.02.2026"); d.press(.enter)
        #expect(d.message == "Ничего не сохранено: «Дата документа (ДД.ММ.ГГГГ)» — такой даты нет: 31.02.2026")
        #expect(d.card?.form?.focused.input.text == "31.02.2026")
        #expect(try d.saved("sch-004")?.evidence["d1.1"] == nil)
    }

    @Test func retentionStartsFromLastYearsNumber() throws {
        let d = try TUIDriver.demo(as: "dir-dou-013")  // no card yet this year
        let last = try #require(d.card?.data?.lastYearYoung)
        let ind = try #require(d.card?.indicators.first { $0.rule.kind == .retention })
        d.select(ind.id)
        d.press(.enter)
        #expect(d.card?.form?.fields.map(\.label).prefix(3) == ["Молодых специалистов в прошлом году", "Из них продолжили работу",
                                                                "Молодых специалистов в этом году"])
        #expect(d.card?.form?.focused.input.text == "\(last)")
        d.press(.enter)  // last year's number alone is no answer yet: nothing saved
        #expect(try d.saved("dou-013") == nil)
        #expect(d.message == "Показатель \(ind.id): изменений нет")
        d.press(.enter, .tab)
        d.type("\(last)"); d.press(.enter)
        let card = try #require(try d.saved("dou-013"))
        #expect(card.answers[ind.id] == .retention(retained: last, lastYear: last, current: nil))
        #expect(card.revision == 1)
    }

    @Test func claimedWithoutEvidenceIsFlaggedAndSubmitAsksFirst() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        #expect(d.notice == "Без подтверждающего документа: 2 показ. — отмечены «нет» в колонке «Док.»")
        d.press(.function(5))
        #expect(d.state.dialog?.title == "Подать карту? Проверьте")
        #expect(d.text.contains("Без документа (2): d4.2, d4.4 — эксперт может не"))
        d.press(.char("n"))
        #expect(d.state.dialog == nil)
        #expect(try d.saved("sch-004")?.status == .draft)
        d.press(.function(5), .char("y"))
        #expect(d.effects.last == .submit(org: "sch-004", period: "2025-26", confirmMissingEvidence: true, expectedRevision: 1))
        #expect(try d.saved("sch-004")?.status == .submitted)
    }

    @Test func afterSubmitTheCardIsReadOnlyAndSaysWhy() throws {
        let ws = try Fixture.demoWorkspace(today: TUIDriver.today)
        let s = try Session.open(ws, as: "dir-sch-004", today: TUIDriver.today)
        for id in ["d4.2", "d4.4"] {
            try s.setIndicator(org: "sch-004", period: nil, indicator: id, answer: nil, evidence: Evidence(document: "Сертификат"))
        }
        let d = try TUIDriver(ws, as: "dir-sch-004")
        #expect(!d.notice.contains("Без подтверждающего"))
        d.press(.char("s"))
        #expect(d.state.dialog?.title == "Подать карту? Проверьте")  // 17 of 34 are empty
        d.press(.char("д"))
        #expect(d.effects.last == .submit(org: "sch-004", period: "2025-26", confirmMissingEvidence: false, expectedRevision: 3))
        #expect(d.lines[1].contains("Статус: на проверке"))
        #expect(d.notice == "Только просмотр: Карта подана и ожидает проверки")
        #expect(d.message == "Карта подана на проверку")
        d.press(.enter)
        #expect(d.card?.form == nil)
        #expect(d.message == "Карта подана и ожидает проверки")
    }

    @Test func afterTheDeadlineTheCardIsReadOnlyAndSaysWhy() throws {
        let d = try TUIDriver.demo(as: "dir-dou-010", today: Day(year: 2026, month: 10, day: 5)!)
        #expect(d.notice == "Только просмотр: Срок заполнения 30.09.2026 истёк; обратитесь к методисту за продлением")
        #expect(d.lines[3] == " Только просмотр: Срок заполнения 30.09.2026 истёк; обратитесь к методисту за")
        #expect(d.lines[4] == " продлением")
        d.press(.enter)
        #expect(d.card?.form == nil)
        d.press(.function(5))
        #expect(d.state.dialog == nil)
    }

    @Test func aReturnedCardOpensOnTheMarkedIndicatorsWithComments() throws {
        let d = try TUIDriver.demo(as: "dir-sch-016")
        #expect(d.card?.selectedIndicator?.id == "d2.4")
        #expect(d.notice == "Возвращена экспертом: «Приложите документы к отмеченным показателям» · отмечено: 5 (n — следующий)")
        #expect(d.lines.contains { $0.hasPrefix(" ! d2.4") })
        // The reviewer's comment is wrapped, not cut.
        #expect(d.lines[19] == " Эксперт (expert2): не подтверждено — Документ не приложен или не подтверждает")
        #expect(d.lines[20] == " показатель")
        d.press(.char("n"))
        #expect(d.card?.selectedIndicator?.id == "d2.7")
        d.press(.enter)
        #expect(d.card?.form != nil)  // a returned card can be corrected
    }

    @Test func aConflictReloadsTheCardAndKeepsWhatWasTyped() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")
        d.press(.enter, .tab, .tab)
        d.type("Справка")
        // Someone else saves the same card meanwhile.
        let other = try Session.open(d.workspace, as: "metodist", today: TUIDriver.today)
        try other.setIndicator(org: "sch-004", period: nil, indicator: "d1.2", answer: .some(.ratio(part: 1, whole: 2)), evidence: nil)
        d.press(.enter)
        #expect(d.message == "Карту уже изменил metodist; показаны актуальные данные, ваши изменения не сохранены. "
                + "Ваш ввод остался в форме: Enter — сохранить снова")
        #expect(d.card?.form?.fields[2].input.text == "Справка")
        #expect(d.card?.data?.card.revision == 2)
        #expect(d.card?.data?.card.answers["d1.2"] == .ratio(part: 1, whole: 2))
        d.press(.enter)
        #expect(try d.saved("sch-004")?.evidence["d1.1"]?.document == "Справка")
    }

    @Test func aSaveErrorIsShownNotSwallowed() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")
        d.press(.enter, .tab, .tab)
        d.type("Приказ")
        try Data("{ broken".utf8).write(to: URL(fileURLWithPath: d.workspace.cardPath(org: "sch-004", period: "2025-26")))
        d.press(.enter)
        #expect(d.message.hasPrefix("Файл /"))
        #expect(d.message.hasSuffix("/cards/sch-004.json, строка 1: не читается; файл оставлен как есть"))
        #expect(d.card?.form?.fields[2].input.text == "Приказ")
    }

    @Test func escapeWithUnsavedInputAsksBeforeDropping() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")
        d.press(.enter, .tab, .tab)
        d.type("Приказ")
        d.press(.escape)
        #expect(d.state.dialog?.title == "Несохранённые изменения")
        d.press(.escape)  // cancel: back in the form, text intact
        #expect(d.card?.form?.focused.input.text == "Приказ")
        d.press(.escape, .char("y"))
        #expect(d.card?.form == nil)
        #expect(try d.saved("sch-004")?.evidence["d1.1"]?.document == "Приказ")
        d.press(.enter, .tab, .tab, .ctrl("u"))
        d.type("Другое")
        d.press(.escape, .char("n"))
        #expect(d.card?.form == nil)
        #expect(try d.saved("sch-004")?.evidence["d1.1"]?.document == "Приказ")
    }

    @Test func quittingWithUnsavedInputWarns() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.press(.enter, .tab, .tab)
        d.type("q?й")  // printable keys are text inside a field
        #expect(d.card?.form?.focused.input.text == "q?й")
        #expect(d.state.dialog == nil && !d.state.showHelp)
        d.press(.function(10))
        #expect(d.state.dialog?.lines == ["Выйти? (y/n)", "Введённое в форме ещё не сохранено и будет потеряно."])
    }

    @Test func typedBidiAndControlCharactersAreStripped() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.press(.enter, .tab, .tab)
        d.type("\u{202E}Приказ\u{7}")
        #expect(d.card?.form?.focused.input.text == "Приказ")
    }
}
