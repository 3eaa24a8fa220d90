import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// The forms and review rules of issue 12 at 80×24: a form is read as a whole and says what is wrong beside the field,
/// number fields take digits only, dates are checked for sense, submitting lists what is empty or odd first, a
/// verdict other than "confirmed" needs a comment, and the review's progress is shown.
@Suite struct FormRuleTests {
    /// The row of the form that shows a field (its label at column 3).
    func fieldRow(_ d: TUIDriver, _ label: String) -> String? { d.lines.first { $0.hasPrefix("   " + label) } }

    @Test func theOrderOfEditsDoesNotMatterTheFormIsReadAsAWhole() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")  // 45 of 68
        let before = try #require(try d.saved("sch-004"))
        d.press(.enter, .ctrl("u")); d.type("10"); d.press(.enter)  // 10 in all, 45 of them: wrong together
        #expect(d.message == "Ничего не сохранено: «Из них соответствуют показателю» — 45 больше, чем 10")
        #expect(fieldRow(d, "Из них соответствуют показателю")?.hasSuffix("✗ 45 больше, чем 10") == true)
        #expect(d.card?.form?.focused.kind == .part)  // the focus goes to the field to fix
        #expect(try d.saved("sch-004")?.revision == before.revision)
        d.press(.ctrl("u")); d.type("5"); d.press(.enter)
        #expect(d.message == "Показатель d1.1 сохранён: ответ")
        #expect(try d.saved("sch-004")?.answers["d1.1"] == .ratio(part: 5, whole: 10))
    }

    @Test func anIncompleteAnswerSavesNothingNotEvenTheDocument() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")
        d.press(.enter, .tab, .ctrl("u"), .tab)  // «Из них» cleared, on to the document
        d.type("Приказ"); d.press(.enter)
        #expect(d.message == "Ничего не сохранено: «Из них соответствуют показателю» — заполните и это поле")
        #expect(fieldRow(d, "Из них соответствуют показателю")?.hasSuffix("✗ заполните и это поле") == true)
        #expect(try d.saved("sch-004")?.evidence["d1.1"] == nil)
        #expect(!d.message.contains("сохранён"))
    }

    @Test func numberFieldsTakeDigitsOnly() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")
        d.press(.enter, .ctrl("u")); d.type("abc")
        #expect(d.card?.form?.focused.input.text == "")
        #expect(fieldRow(d, "Всего педагогических работников")?.hasSuffix("✗ только цифры") == true)
        d.type("50")  // a digit goes in and clears the note
        #expect(fieldRow(d, "Всего педагогических работников")?.contains("✗") == false)
        #expect(d.card?.form?.focused.input.text == "50")
    }

    @Test func aDateInTheFutureIsAskedAboutAndSavedOnlyOnceConfirmed() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")
        d.press(.enter, .tab, .tab); d.type("Приказ"); d.press(.tab, .tab); d.type("15.05.2029"); d.press(.enter)
        #expect(d.state.dialog?.title == "Проверьте перед сохранением")
        #expect(d.text.contains("«Дата документа (ДД.ММ.ГГГГ)»: позже сегодня, 10.09.2026"))
        d.press(.char("n"))
        #expect(try d.saved("sch-004")?.evidence["d1.1"] == nil)
        #expect(fieldRow(d, "Дата документа (ДД.ММ.ГГГГ)")?.hasSuffix("01.05.2029  ⚠ позже сегодня, 10.09.2026") == false)
        #expect(fieldRow(d, "Дата документа (ДД.ММ.ГГГГ)")?.hasSuffix("15.05.2029  ⚠ позже сегодня, 10.09.2026") == true)
        d.press(.enter, .char("y"))
        #expect(try d.saved("sch-004")?.evidence["d1.1"] == Evidence(document: "Приказ", date: "15.05.2029"))
        #expect(d.message == "Показатель d1.1 сохранён: документ")
    }

    @Test func aDateYearsBeforeThePeriodIsAskedAboutAndANonDayRefused() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.select("d1.1")
        d.press(.enter, .tab, .tab); d.type("Приказ"); d.press(.tab, .tab); d.type("01.09.2019"); d.press(.enter)
        #expect(d.text.contains("«Дата документа (ДД.ММ.ГГГГ)»: раньше 01.01.2024: точно за этот период?"))
        d.press(.char("n"), .ctrl("u")); d.type("31.02.2026"); d.press(.enter)
        #expect(d.state.dialog == nil)
        #expect(d.message == "Ничего не сохранено: «Дата документа (ДД.ММ.ГГГГ)» — такой даты нет: 31.02.2026")
        d.press(.ctrl("u")); d.type("1.9")
        d.press(.enter)
        #expect(d.message == "Ничего не сохранено: «Дата документа (ДД.ММ.ГГГГ)» — дата — в виде ДД.ММ.ГГГГ, например 01.09.2026")
    }

    @Test func theCardSaysHowMuchIsFilledAndSubmittingAnEmptyCardSaysSo() throws {
        let d = try TUIDriver.demo(as: "dir-dou-013")  // no card yet this year
        #expect(d.lines[1] == " dou-013 · Д/с № 13 „Родничок“            Статус: не начата · заполнено 0 из 28")
        d.press(.function(5))
        #expect(d.state.dialog?.title == "Подать карту? Проверьте")
        #expect(d.text.contains("Заполнено 0 из 28."))
        #expect(d.text.contains("Не заполнен ни один показатель: карта уйдёт на проверку пустой."))
        d.press(.char("n"))
        #expect(try d.saved("dou-013") == nil)
    }

    @Test func submittingListsTheEmptyTheUndocumentedAndTheOdd() throws {
        let ws = try Fixture.demoWorkspace(today: TUIDriver.today)
        let s = try Session.open(ws, as: "dir-sch-004", today: TUIDriver.today)
        try s.setIndicator(org: "sch-004", period: nil, indicator: "d1.1", answer: nil,
                           evidence: Evidence(document: "Приказ", number: "1", date: "01.01.2030"))
        let d = try TUIDriver(ws, as: "dir-sch-004")
        d.press(.function(5))
        #expect(d.text.contains("Заполнено 17 из 34."))
        #expect(d.text.contains("│ Не заполнены (17): d1.2, d1.3, d1.5, d2.2, d2.3, d2.5, d2.6, d3.3 и ещё  │"))
        #expect(d.text.contains("│ Без документа (2): d4.2, d4.4 — эксперт может не подтвердить.            │"))
        #expect(d.text.contains("│ Проверьте d1.1: дата документа 01.01.2030: позже сегодня, 10.09.2026.    │"))
    }

    @Test func notConfirmedAndCorrectedNeedAComment() throws {
        let d = try TUIDriver.demo(as: "expert1")
        d.press(.enter)  // dou-006, on d1.1
        #expect(d.lines[1] == " dou-006 · Д/с № 6 „Золотой ключик“      Статус: на проверке · отмечено 0 из 28")
        d.press(.char("2"), .enter)
        #expect(d.message == "Отметка не сохранена: «Комментарий»: напишите, почему не подтверждено")
        #expect(fieldRow(d, "Комментарий")?.hasSuffix("✗ напишите, почему не подтверждено") == true)
        #expect(try d.saved("dou-006")?.reviews["d1.1"] == nil)
        d.type("Нет документа"); d.press(.enter)
        #expect(try d.saved("dou-006")?.reviews["d1.1"]?.verdict == .notConfirmed)
        #expect(d.lines[1].hasSuffix("отмечено 1 из 28"))
        d.press(.char("3"), .enter)  // corrected: the value is there (the answer), the comment is not
        #expect(d.message == "Отметка не сохранена: «Комментарий»: напишите, что и почему исправлено")
        #expect(try d.saved("dou-006")?.reviews["d1.2"] == nil)
    }

    @Test func theRetentionCorrectionHintMatchesItsValue() throws {
        let d = try TUIDriver.demo(as: "expert1")
        d.press(.enter)
        let ind = try #require(d.card?.indicators.first { $0.rule.kind == .retention })
        d.select(ind.id)
        d.press(.char("3"))
        #expect(fieldRow(d, "Верное значение")?.hasSuffix("(продолжили/было/сейчас, напр. 2/3/4)") == true)
    }

    @Test func theQueueShowsHowFarEachReviewHasGot() throws {
        let d = try TUIDriver.demo(as: "expert1")
        #expect(d.lines[4].hasSuffix("24 дн. 0/28"))
        d.press(.enter, .char("1"), .escape)
        d.send(.tick)  // the saved mark is seen on the next tick
        #expect(d.lines[4].hasSuffix("24 дн. 1/28"))
    }
}
