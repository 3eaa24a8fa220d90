import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// The reviewer: the queue, verdicts indicator by indicator, accepting and returning, resubmitted cards.
@Suite struct ReviewerTests {
    @Test func theQueueHoldsSubmittedCardsOldestFirst() throws {
        let d = try TUIDriver.demo(as: "expert1")
        guard case .queue = d.state.top else { Issue.record("the reviewer starts on the queue"); return }
        let o = try #require(d.state.overview)
        let queue = ReviewQueueScreen.queue(o)
        #expect(queue.count == 18)
        #expect(queue.allSatisfy { $0.card.status == .submitted })
        let dates = queue.compactMap(\.card.submittedAt)
        #expect(dates == dates.sorted())
        #expect(d.lines[1] == " Кампания 2025/26 · на проверке: 18 · проверить до 15.10.2026 (ещё 35 дн.)")
        #expect(d.lines[4] == "   1 dou-006 Д/с № 6 „Золотой ключ… 17.08.2026  24 дн. 0/28")
    }

    /// The queue's «отмечено» comes from the card summaries, not from reading every submitted card: it must still
    /// say what each card says, after marks were saved.
    @Test func theQueueCountsTheMarksEachCardHolds() throws {
        let ws = try Fixture.demoWorkspace(today: TUIDriver.today)
        let expert = try Session.open(ws, as: "expert1", today: TUIDriver.today)
        try expert.review(org: "dou-006", period: nil, indicator: "d1.1", verdict: .confirmed, comment: "")
        try expert.review(org: "dou-006", period: nil, indicator: "d1.2", verdict: .notConfirmed, comment: "Нет приказа")
        let d = try TUIDriver(ws, as: "expert1", today: TUIDriver.today)
        #expect(d.lines[4].hasSuffix(" 2/28"))
        let o = try #require(d.state.overview)
        let period = o.campaign.period
        var submitted = 0
        for org in o.organisations.map(\.id) {
            guard let card = try ws.savedCard(org: org, period: period), card.status == .submitted else {
                #expect(o.reviewProgress[org] == nil)
                continue
            }
            submitted += 1
            let answered = card.answers.keys
            #expect(o.reviewProgress[org] == ReviewProgress(marked: answered.filter { card.reviews[$0] != nil }.count, of: answered.count))
        }
        #expect(submitted == 18)
    }

    @Test func overdueAndResubmittedCardsAreMarked() throws {
        let ws = try Fixture.demoWorkspace(today: TUIDriver.today)
        let p = try Session.open(ws, as: "dir-sch-016", today: TUIDriver.today)
        try p.submit(org: "sch-016", period: nil, confirmMissingEvidence: true)
        let d = try TUIDriver(ws, as: "expert1", today: Day(year: 2026, month: 10, day: 16)!)
        d.press(.end)
        let row = try #require(d.lines.first { $0.contains("sch-016") })
        #expect(row.hasSuffix("26/34, просрочена, повт…"))
        #expect(d.lines[1].hasPrefix(" Кампания 2025/26 · на проверке: 19 · проверить до 15.10.2026 (прошло 1 дн.)"))
        #expect(d.canvas.styleAt(row: 1, col: 2)?.role == .bad)
    }

    @Test func stepThroughVerdictsThenReturnTheCard() throws {
        let d = try TUIDriver.demo(as: "expert1")
        d.press(.enter)
        #expect(d.card?.purpose == .review)
        #expect(d.card?.data?.org == "dou-006")
        #expect(d.lines[0].hasPrefix(" профрост · Проверка карты"))
        let first = try #require(d.card?.selectedIndicator?.id)
        #expect(first == "d1.1")
        // 1: confirmed, and on to the next indicator.
        d.press(.char("1"))
        #expect(try d.saved("dou-006")?.reviews["d1.1"]?.verdict == .confirmed)
        #expect(d.card?.selectedIndicator?.id == "d1.2")
        #expect(d.message == "Показатель d1.1: подтверждено")
        // 2: not confirmed, with a comment.
        d.press(.char("2"))
        #expect(d.card?.form?.focused.kind == .comment)
        d.type("Нет приказа")
        d.press(.enter)
        let r2 = try #require(try d.saved("dou-006")?.reviews["d1.2"])
        #expect(r2.verdict == .notConfirmed && r2.comment == "Нет приказа" && r2.reviewer == "expert1")
        // 3: corrected, with the corrected value (parsed by the rule).
        #expect(d.card?.selectedIndicator?.id == "d1.3")
        d.press(.char("3"))
        #expect(d.card?.form?.focused.kind == .corrected)
        d.press(.ctrl("u")); d.type("нет"); d.press(.tab); d.type("План не утверждён"); d.press(.enter)
        let r3 = try #require(try d.saved("dou-006")?.reviews["d1.3"])
        #expect(r3.verdict == .corrected && r3.corrected == .fact(false))
        #expect(d.lines[2].hasPrefix(" Итого после проверки: 27 из 31 (заявлено 29)"))
        #expect(d.lines.contains { $0.hasPrefix("   d1.2") && $0.hasSuffix("не подтв.") })
        // Return with a comment.
        d.press(.function(8))
        guard case .input(let field)? = d.state.dialog?.kind else { Issue.record("return asks for a comment"); return }
        #expect(field.text.isEmpty)  // typing writes the comment; no default text to type after
        d.press(.ctrl("u")); d.type("Приложите приказ")
        d.press(.enter)
        let card = try #require(try d.saved("dou-006"))
        #expect(card.status == .returned)
        #expect(card.history.last?.comment == "Приложите приказ")
        guard case .queue = d.state.top else { Issue.record("back to the queue"); return }
        #expect(d.message == "Карта dou-006 возвращена руководителю на исправление")
        #expect(!d.lines[4..<21].contains { $0.contains("dou-006") })
    }

    /// In the open form: «2» goes to the comment; a reviewer who tabs round past it and types there starts the
    /// comment instead (the verdict field's Space used to turn «не подтверждено» into «исправлено» mid-sentence).
    @Test func textTypedOnTheVerdictGoesIntoTheComment() throws {
        let d = try TUIDriver.demo(as: "expert1")
        d.press(.enter, .enter)   // the card, then its first indicator's form
        #expect(d.card?.form?.focused.kind == .verdict)
        d.press(.char("2"))
        #expect(d.card?.form?.focused.kind == .comment)
        d.press(.tab)             // round to the verdict (the corrected value takes no part in «не подтверждено»)
        #expect(d.card?.form?.focused.kind == .verdict)
        d.type("Нет подписи")
        #expect(d.card?.form?.focused.kind == .comment)
        d.press(.enter)
        let r = try #require(try d.saved("dou-006")?.reviews["d1.1"])
        #expect(r.verdict == .notConfirmed && r.comment == "Нет подписи" && r.corrected == nil)
    }

    @Test func aWrongCorrectedValueIsRefusedInRussian() throws {
        let d = try TUIDriver.demo(as: "expert1")
        d.press(.enter)
        d.press(.char("3"), .ctrl("u"))
        d.type("может быть")
        d.press(.enter)
        #expect(d.message == "Отметка не сохранена: «Верное значение»: Ожидается «да» или «нет»")
        #expect(d.lines.contains { $0.contains("Верное значение") && $0.contains("✗ Ожидается «да» или «нет»") })
        #expect(d.card?.form?.fields[1].input.text == "может быть")
        #expect(try d.saved("dou-006")?.reviews["d1.1"] == nil)
    }

    @Test func returningNeedsAComment() throws {
        let d = try TUIDriver.demo(as: "expert1")
        d.press(.enter, .function(8), .ctrl("u"), .enter)
        #expect(d.message == "Напишите руководителю, что исправить: без комментария карта не возвращается")
        #expect(try d.saved("dou-006")?.status == .submitted)
    }

    @Test func acceptingAsksThenGoesBackToTheQueue() throws {
        let d = try TUIDriver.demo(as: "expert1")
        d.press(.enter, .function(5))
        #expect(d.state.dialog?.title == "Принять карту")
        #expect(d.state.dialog?.lines.first == "Принять карту dou-006? Баллы после проверки: 29 из 31 (93,5 %, высокая).")
        d.press(.char("y"))
        #expect(try d.saved("dou-006")?.status == .accepted)
        #expect(d.message == "Карта dou-006 принята")
        #expect(d.state.stack.count == 1)
    }

    @Test func aResubmittedCardHighlightsWhatChanged() throws {
        let ws = try Fixture.demoWorkspace(today: TUIDriver.today)
        let p = try Session.open(ws, as: "dir-sch-016", today: TUIDriver.today)
        try p.setIndicator(org: "sch-016", period: nil, indicator: "d2.7", answer: .some(.fact(true)),
                           evidence: Evidence(document: "Сертификат", number: "5", date: "01.06.2026"))
        try p.submit(org: "sch-016", period: nil, confirmMissingEvidence: true)
        let d = try TUIDriver(ws, as: "expert1")
        d.press(.char("/")); d.type("sch-016"); d.press(.enter, .enter)
        #expect(d.card?.data?.org == "sch-016")
        #expect(d.card?.selectedIndicator?.id == "d2.7")
        #expect(d.notice == "Исправлена после возврата: изменено показ.: 1 (отмечены *, n — следующий)")
        let row = try #require(d.lines.firstIndex { $0.hasPrefix(" * d2.7") })
        #expect(d.canvas.styleAt(row: row, col: 1)?.role == .accent)
        // What changed, whole and wrapped at 80 columns.
        let first = try #require(d.lines.firstIndex { $0.hasPrefix(" Изменено после возврата.") })
        #expect(d.lines[first] == " Изменено после возврата. Было: ответ да, документ нет. Стало: ответ да,")
        #expect(d.lines[first + 1] == " документ Сертификат № 5 от 01.06.2026.")
    }

    @Test func afterTheCheckDeadlineTheCardIsReadOnly() throws {
        let d = try TUIDriver.demo(as: "expert2", today: Day(year: 2026, month: 10, day: 16)!)
        d.press(.enter)
        #expect(d.notice == "Только просмотр: Этап проверки завершён")
        d.press(.char("1"))
        #expect(try d.saved("dou-006")?.reviews.isEmpty == true)
    }
}

@Suite struct ReviewFormTests {
    @Test func escapeFromAnUntouchedVerdictFormDoesNotAsk() throws {
        let d = try TUIDriver.demo(as: "expert1")
        d.press(.enter, .enter)
        #expect(d.card?.form?.isReview == true)
        d.press(.escape)
        #expect(d.state.dialog == nil && d.card?.form == nil)
        d.press(.enter, .char("3"))  // the verdict changed: now it asks
        d.press(.escape)
        #expect(d.state.dialog?.title == "Несохранённые изменения")
    }
}
