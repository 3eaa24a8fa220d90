import Foundation
import Testing
import Model
import TestSupport

/// The real binary in tmux at 80×24 without LANG: the methodist edits a card's points, sees the lint, saves a new
/// version, opens a new campaign with it; the old campaign's scores are those it had. Needs `swift build` first.
@Suite struct TemplateEditorEndToEndTests {
    @Test func theMethodistEditsATemplateAndOpensACampaignWithTheNewVersion() throws {
        let bin = try #require(TUIPane.binary(), "build profrost first (swift build)")
        let ws = try Fixture.demoWorkspace(today: Day(year: 2026, month: 11, day: 20))
        let scores = try ws.scoreRows(try ws.campaign("2025-26"))
        let pane = try TUIPane("env -u LANG -u LC_ALL -u LC_CTYPE -u PROFROST_TODAY TERM=xterm "
                               + "\(bin) --data \(ws.root) --today 2026-11-20 --as metodist", width: 80, height: 24)
        defer { pane.kill() }
        try pane.waitFor("Обзор кампании")
        try pane.type("7")
        try pane.waitFor("Шаблоны и версии")
        try pane.keys("Down", "Enter")
        try pane.waitFor("general: версия 1 → новая версия 2")
        try pane.keys("Enter", "Tab", "Tab", "C-u")
        try pane.type("2")
        var screen = try pane.waitFor("Направление 1: заявлен максимум 5, сумма баллов 6")
        #expect(screen.contains("Проверка: ошибок 0, предупреждений 2"))
        try pane.keys("Enter", "F2")
        try pane.waitFor("Новая версия: есть расхождения")
        try pane.type("y")
        try pane.waitFor("Сохранена версия 2 шаблона general")
        try pane.keys("Escape")
        try pane.waitFor("Шаблонов: 3, версий: 4")
        try pane.type("n")
        screen = try pane.waitFor("[x] general.v2")
        #expect(screen.contains("2026-27"))
        try pane.keys("Enter")
        try pane.waitFor("Открыть кампанию 2026/27?")
        try pane.type("y")
        screen = try pane.waitFor("Кампания 2026/27 открыта")
        #expect(!screen.contains("\u{FFFD}"))
        try pane.keys("Escape")                                             // the dashboard shows the new campaign
        try pane.waitFor("Кампания 2026/27 · этап: заполнение карт")
        try pane.quit()
        #expect(try ws.campaign("2026-27").templates["general"]?.id == "general.v2")
        #expect(try ws.scoreRows(try ws.campaign("2025-26")) == scores)
        guard case .intact = ws.journal.verify() else { Issue.record("the journal does not verify"); return }
    }
}
