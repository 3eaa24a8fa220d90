import Foundation
import Testing
import Model
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The real binary in a real terminal (tmux, 100×30, no LANG): a principal fills an indicator with evidence and
/// submits, a reviewer confirms one indicator and returns the card, the methodist sees the change on the dashboard.
/// Needs `swift build` first (CI runs it before `swift test`).
@Suite struct TUIEndToEndTests {
    @Test func principalSubmitsReviewerReturnsMethodistSees() throws {
        let bin = try #require(TUIPane.binary(), "build profrost first (swift build)")
        let ws = try Fixture.demoWorkspace(today: Day(year: 2026, month: 9, day: 10))
        let period = try ws.campaign(orLatest: nil).period
        let org = "sch-004"
        #expect(try ws.savedCard(org: org, period: period)?.status == .draft)
        let cards = try ws.loadCards(period: period, orgs: try ws.organisations().map(\.id))
        let returnedBefore = cards.values.filter { $0.status == .returned }.count
        func start(_ person: String) throws -> TUIPane {
            try TUIPane("env -u LANG -u LC_ALL -u LC_CTYPE -u PROFROST_TODAY TERM=xterm-256color "
                        + "\(bin) --data \(ws.root) --today 2026-09-10 --as \(person)")
        }

        // The principal: d1.1 is a share (two counts), then the document's name, number and date; then submit.
        let p = try start("dir-\(org)")
        defer { p.kill() }
        var screen = try p.waitFor("Статус: черновик")
        #expect(!screen.contains("\u{FFFD}"))
        try p.keys("Enter")
        try p.waitFor("Всего педагогических работников")
        try p.keys("C-u"); try p.type("40"); try p.keys("Tab", "C-u"); try p.type("36"); try p.keys("Tab")
        try p.type("Справка МБУ МИМЦ"); try p.keys("Tab")
        try p.type("12-од"); try p.keys("Tab")
        try p.type("01.09.2026"); try p.keys("Enter")
        try p.waitFor("Показатель d1.1 сохранён: ответ и документ")
        try p.waitFor("Документ: Справка МБУ МИМЦ № 12-од от 01.09.2026")
        try p.keys("F5")
        try p.waitFor("y (д) — да")
        try p.type("y")
        screen = try p.waitFor("Статус: на проверке")
        #expect(screen.contains("Только просмотр: Карта подана и ожидает проверки"))
        try p.quit()
        let submitted = try #require(try ws.savedCard(org: org, period: period))
        #expect(submitted.status == .submitted)
        #expect(submitted.answers["d1.1"] == .ratio(part: 36, whole: 40))
        #expect(submitted.evidence["d1.1"] == Evidence(document: "Справка МБУ МИМЦ", number: "12-од", date: "01.09.2026"))

        // The reviewer: finds the card in the queue, confirms d1.1, returns the card with a comment.
        let r = try start("expert1")
        defer { r.kill() }
        try r.waitFor("Очередь проверки")
        try r.type("/"); try r.type(org); try r.keys("Enter")
        try r.waitFor("Фильтр: \(org)")
        try r.keys("Enter")
        try r.waitFor("Проверка карты")
        try r.type("1")
        try r.waitFor("Показатель d1.1: подтверждено")
        try r.keys("F8")
        try r.waitFor("Комментарий для руководителя")
        try r.type("Подпишите справку")
        try r.keys("Enter")
        try r.waitFor("возвращена руководителю на исправление")
        try r.quit()
        let returned = try #require(try ws.savedCard(org: org, period: period))
        #expect(returned.status == .returned)
        #expect(returned.reviews["d1.1"]?.verdict == .confirmed)

        // The methodist: the dashboard counts one more returned card and lists the change; a resize uses the width.
        let m = try start("metodist")
        defer { m.kill() }
        let n = "\(returnedBefore + 1)"
        screen = try m.waitFor("возвращена" + String(repeating: " ", count: 8 - n.count) + n)
        #expect(screen.contains("\(org) возвращена  expert1"))
        #expect(!screen.contains("\u{FFFD}"))
        try m.resize(width: 120, height: 40)
        // The title bar's right end moves to the new width; the key line to the new last row.
        let deadline = Date().addingTimeInterval(15)
        var rows = screen.components(separatedBy: "\n")
        while (rows.first?.count ?? 0) < 110 && Date() < deadline {
            usleep(50_000)
            screen = try m.capture()
            rows = screen.components(separatedBy: "\n")
        }
        #expect(rows.first?.hasSuffix("Смирнова Е. В. · методист · 10.09.2026") == true)
        #expect((rows.first?.count ?? 0) >= 110, "the title bar spans the new width")
        #expect(rows.firstIndex { $0.hasPrefix("F1 Помощь") } == 39, "the key line is on the new last row")
        try m.quit()
    }
}
