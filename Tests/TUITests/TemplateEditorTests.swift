import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// The methodist's template editor and new campaign form at 80×24: the lint follows the typing, a save with
/// errors is refused, a save makes a new version (old campaigns keep theirs), a new campaign pins it.
@Suite struct TemplateEditorTests {
    /// The methodist on the demo with the shipped programmes too.
    func methodist() throws -> TUIDriver {
        let ws = try Fixture.demoWorkspace(today: TUIDriver.today)
        let s = try Fixture.session(ws, "metodist")
        for p in try BundledData.programmes() { try s.addTemplate(.programme(p)) }
        return try TUIDriver(ws)
    }

    /// The methodist on the demo, in the editor of `general` (the second template listed).
    func editor() throws -> TUIDriver {
        let m = try methodist()
        m.press(.char("7"))
        m.press(.down, .enter)
        return m
    }

    /// The lint panel's rows (the heading rule and three lines above the message and key lines).
    func lint(_ m: TUIDriver) -> [String] { Array(m.lines[18...21]).map { $0.trimmingCharacters(in: .whitespaces) } }

    @Test func theTemplatesScreenListsVersionsAndTheCampaignsThatPinnedThem() throws {
        let m = try methodist()
        m.press(.char("7"))
        #expect(m.lines[0].contains("Шаблоны и версии"))
        let row = try #require(m.lines.first { $0.hasPrefix(" general ") })
        #expect(row.contains("карта ОО") && row.contains("34") && row.contains("2025/26, 2024/25"))
        #expect(m.lines.contains { $0.hasPrefix(" method-activity ") && $0.contains("программа") })
        #expect(m.lines[23].contains("Enter Изменить") && m.lines[23].contains("n Кампания"))
        #expect(isClean(m.canvas))
    }

    @Test func changingPointsShowsTheMismatchInTheLintAtOnce() throws {
        let m = try editor()
        #expect(m.lines[0].contains("Редактор шаблона"))
        #expect(m.lines[1].contains("general: версия 1 → новая версия 2 · изменений нет"))
        #expect(lint(m)[0].contains("Проверка: всё сходится"))
        m.press(.enter)                                                     // the form of d1.1
        #expect(m.lines.contains { $0.contains("показатель d1.1 · Enter — готово") })
        m.press(.tab, .tab, .ctrl("u"))                                     // «Баллы»: cleared
        #expect(lint(m)[0].contains("Проверка: ошибок 1"))
        #expect(lint(m)[1] == "✗ d1.1: баллы — от 1 до 10")
        m.type("3")
        #expect(lint(m)[0].contains("ошибок 0, предупреждений 2"))
        #expect(lint(m)[1] == "! Карта: заявлен максимум 39, сумма баллов показателей 41")
        #expect(lint(m)[2] == "! Направление 1: заявлен максимум 5, сумма баллов 7")
        m.type("x")                                                         // a letter in a number: refused, said so
        #expect(m.lines.contains { $0.contains("только цифры") })
        #expect(isClean(m.canvas))
        m.press(.escape)                                                    // the form's edit is undone
        #expect(m.message == "Правка отменена")
        #expect(lint(m)[0].contains("Проверка: всё сходится"))
    }

    @Test func aSaveWithAnErrorIsRefusedAndNothingIsWritten() throws {
        let m = try editor()
        let before = Fixture.snapshot(m.workspace.root)
        m.press(.char("a"))                                                 // a new indicator in direction 1, no text yet
        #expect(m.message.hasPrefix("Новый показатель d1.6"))
        #expect(lint(m)[1] == "✗ d1.6: у показателя нет текста")
        m.press(.function(2))
        #expect(m.message == "Не сохранено: d1.6: у показателя нет текста")
        #expect(m.state.dialog == nil)
        #expect(Fixture.snapshot(m.workspace.root) == before)
    }

    @Test func aSaveWithWarningsIsAskedAboutThenStoredAsANewVersionAndOldScoresStay() throws {
        let m = try editor()
        let old = try m.workspace.campaign("2025-26")
        let scores = try m.workspace.scoreRows(old)
        m.press(.enter, .tab, .tab, .ctrl("u")); m.type("3"); m.press(.enter)
        m.press(.function(2))
        let dialog = try #require(m.state.dialog)
        #expect(dialog.title == "Новая версия: есть расхождения")
        #expect(dialog.lines.contains("• Направление 1: заявлен максимум 5, сумма баллов 7"))
        #expect(dialog.lines[0] == "Сохранить шаблон general версией 2? Изменения: изменены d1.1.")
        m.press(.char("y"))
        #expect(m.message == "Сохранена версия 2 шаблона general (из версии 1); прежние кампании считают по своим версиям")
        #expect(m.lines[1].contains("general: версия 2 → новая версия 3 · изменений нет"))
        let v2 = try m.workspace.templateEntry("general.v2")
        guard case .card(let c) = v2.template else { Issue.record("not a card"); return }
        #expect(c.indicator("d1.1")?.rule == .share(thresholdPercent: 80, points: 3))
        let entry = try #require(try m.workspace.journal.entries().last)
        #expect(entry.action == "template.add" && entry.target == "template:general.v2" && entry.actor == "metodist")
        #expect(entry.time == TUIDriver.now)                                // journaled with the session's clock
        #expect(try m.workspace.scoreRows(try m.workspace.campaign("2025-26")) == scores)
        m.press(.escape)                                                    // back on the list: the new version is there
        #expect(m.lines.contains { $0.hasPrefix(" general ") && $0.contains("  2 карта ОО") && $0.contains("—") })
    }

    @Test func retiringAndReorderingMakeTheNewVersionWithoutTouchingTheOld() throws {
        let m = try editor()
        let v1 = try Data(contentsOf: URL(fileURLWithPath: m.workspace.templatePath("general")))
        m.press(.down, .char("r"))                                          // d1.2 retired
        #expect(m.message == "Показатель d1.2 выведен из версии 2; прежние версии его сохраняют")
        #expect(m.lines.contains { $0.contains("d1.2") && $0.hasSuffix("выведен") })   // listed last, greyed
        m.press(.up, times: 4); m.press(.char("d"))                        // d1.1 below d1.3
        #expect(m.lines[1].contains("изменено: выведены d1.2; изменён порядок"))
        m.press(.function(2), .char("y"))
        let v2 = try m.workspace.templateEntry("general.v2")
        #expect(Array(v2.template.indicatorIDs.prefix(3)) == ["d1.3", "d1.1", "d1.4"])
        #expect(!v2.template.indicatorIDs.contains("d1.2"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: m.workspace.templatePath("general"))) == v1)
    }

    @Test func aVersionSavedMeanwhileIsAConflictAndTheDraftStays() throws {
        let m = try editor()
        m.press(.enter, .ctrl("e")); m.type(" (уточнено)"); m.press(.enter)
        var other = try Fixture.template(.general)
        other.title += " (коллега)"
        try Fixture.session(m.workspace, "metodist").addTemplate(.card(other))
        m.press(.function(2), .char("y"))
        #expect(m.message.hasPrefix("Не сохранено: пока вы редактировали, шаблон general сохранили новой версией"))
        #expect(!FileManager.default.fileExists(atPath: m.workspace.templatePath("general.v3")))
        #expect(m.lines[1].contains("изменено: изменены d1.1"))
        m.press(.escape)                                                    // unsaved: asked first
        #expect(m.state.dialog?.title == "Правки не сохранены")
        m.press(.char("y"))
        #expect(m.lines[0].contains("Шаблоны и версии"))
    }

    /// The editor of the programme `key` (programmes are listed after the cards).
    func programmeEditor(_ key: String) throws -> TUIDriver {
        let m = try methodist()
        let keys = try m.workspace.templateEntries().map(\.template.key)
        m.press(.char("7"))
        m.press(.down, times: try #require(keys.firstIndex(of: key)))
        m.press(.enter)
        return m
    }

    @Test func aProgrammeWithoutIndicatorsGetsOneAsItsSecondVersion() throws {
        let m = try programmeEditor("prof-growth")
        #expect(m.lines[1].contains("prof-growth: версия 1 → новая версия 2"))
        m.press(.char("a"))                                                 // into section 1, the first
        #expect(m.lines.contains { $0.contains("показатель d1.1 · Enter — готово") })
        #expect(m.lines.contains { $0.contains("Вид") && $0.contains("◀ доля (числитель/знаменатель) ▶") })
        m.type("Доля руководителей, прошедших оценку управленческих компетенций")
        m.press(.tab, times: 3); m.press(.char(" "))                       // reported by the municipality
        m.press(.tab, times: 3); m.type("Протоколы аттестационной комиссии")
        #expect(lint(m)[0].contains("Проверка: всё сходится"))
        m.press(.enter, .function(2))
        #expect(m.state.dialog?.title == "Новая версия")
        m.press(.char("y"))
        let v2 = try m.workspace.templateEntry("prof-growth.v2")
        guard case .programme(let p) = v2.template, let d = p.indicator("d1.1") else { Issue.record("no d1.1 in v2"); return }
        #expect(d.reporter == .municipality && d.kind == .share && d.evidence == "Протоколы аттестационной комиссии")
        #expect(FileManager.default.fileExists(atPath: m.workspace.programmePath("prof-growth.v2")))
    }

    @Test func aScaledProgrammeWithoutPercentsIsRefused() throws {
        let m = try programmeEditor("method-activity")
        m.press(.char("r"))
        for _ in 0..<4 { m.press(.up, times: 4); m.press(.char("r")) }      // all five retired
        #expect(lint(m)[1] == "✗ Для шкалирования нужны показатели-проценты")
        m.press(.function(2))
        #expect(m.message == "Не сохранено: Для шкалирования нужны показатели-проценты")
        #expect(!FileManager.default.fileExists(atPath: m.workspace.programmePath("method-activity.v2")))
    }

    @Test func escapeSequencesAreDroppedAndTextIsCutAtTheLimit() throws {
        let m = try editor()
        m.press(.enter, .ctrl("u"))
        m.type("Доля\u{1B}[31m педагогов\u{07}")
        m.type(String(repeating: "я", count: 1_200))
        guard case .card(let c) = try #require(m.state.top.part as? TemplateEditorScreen).draft.template else { return }
        let text = try #require(c.indicator("d1.1")?.text)
        #expect(text.hasPrefix("Доля[31m педагогов") && !text.contains("\u{1B}") && text.count == 1_000)
        #expect(isClean(m.canvas))
    }

    @Test func theEditorFitsEightyColumnsAndFollowsAResize() throws {
        let m = try editor()
        m.press(.enter)
        #expect(isClean(m.canvas))
        #expect(m.lines[23].contains("Enter Готово") && m.lines[23].contains("F2 Сохранить") && m.lines[23].contains("Esc Отменить"))
        m.press(.enter)
        #expect(m.lines[23].contains("Enter Правка") && m.lines[23].contains("F2 Сохранить") && m.lines[23].contains("a Новый"))
        m.resize(cols: 120, rows: 40)
        #expect(isClean(m.canvas) && m.lines[39].contains("r Вывести"))
        #expect(m.lines[34].contains("Проверка: всё сходится"))
        m.resize(cols: 80, rows: 24)
        #expect(lint(m)[0].contains("Проверка: всё сходится"))
        m.press(.char("?"))
        #expect(m.text.contains("Новая версия шаблона general"))
    }

    @Test func aNewCampaignPinsTheNewVersionAndTheOldCampaignKeepsItsScores() throws {
        let m = try editor()
        m.press(.enter, .tab, .tab, .ctrl("u")); m.type("2"); m.press(.enter, .function(2), .char("y"))
        let scores = try m.workspace.scoreRows(try m.workspace.campaign("2025-26"))
        m.press(.escape, .char("n"))
        #expect(m.lines[0].contains("Новая кампания"))
        #expect(m.lines[2].contains("Период (учебный год)") && m.lines[2].contains("2026-27"))
        #expect(m.lines[3].contains("30.09.2027"))
        #expect(m.lines.contains { $0.contains("[x] general.v2") })         // the newest card of each type is chosen
        #expect(m.lines.contains { $0.contains("[ ] general ") })
        #expect(isClean(m.canvas))
        m.press(.tab, .tab, .tab, .tab, .char(" "))                         // clusters: by size
        m.press(.tab)                                                       // the list
        let keys = try m.workspace.templateEntries().map(\.template.key)
        let at = try #require(keys.firstIndex(of: "method-activity"))
        m.press(.down, times: at); m.press(.char(" "))
        m.press(.enter)
        let dialog = try #require(m.state.dialog)
        #expect(dialog.lines.contains { $0.hasPrefix("Карты: additional (версия 1), general.v2 (версия 2), preschool (версия 1)") })
        #expect(dialog.lines.contains("Мониторинги (со своими сроками): method-activity."))
        m.press(.char("y"))
        #expect(m.message.hasPrefix("Кампания 2026/27 открыта: карты additional, general.v2, preschool; мониторинги method-activity"))
        let c = try m.workspace.campaign("2026-27")
        #expect(c.templates["general"] == TemplateRef(id: "general.v2", sha256: try m.workspace.templateEntry("general.v2").sha256, version: 2))
        #expect(c.clusterScheme == .size && c.fillDeadline == Day(year: 2027, month: 9, day: 30))
        #expect(try m.workspace.monitorings(period: "2026-27").map(\.template.id) == ["method-activity"])
        #expect(try m.workspace.scoreRows(try m.workspace.campaign("2025-26")) == scores)
        #expect(m.lines[0].contains("Шаблоны и версии"))                   // back on the list, which shows the pin
        #expect(m.lines.contains { $0.hasPrefix(" general ") && $0.contains("  2 карта ОО") && $0.contains("2026/27") })
        #expect(m.lines.contains { $0.hasPrefix(" additional ") && $0.contains("2026/27, 2025/26") })
    }

    @Test func aBadPeriodOrDateIsSaidBesideItsFieldAndNothingOpens() throws {
        let m = try TUIDriver.demo()
        m.press(.char("7"), .char("n"), .ctrl("u"))
        m.type("2026-28")
        #expect(m.lines[2].contains("вида 2026-27"))
        m.press(.enter)
        #expect(m.message == "Кампания не открыта: «Период (учебный год)» — вида 2026-27")
        m.press(.ctrl("u")); m.type("2025-26")
        #expect(m.lines[2].contains("кампания уже открыта"))
        m.press(.ctrl("u")); m.type("2026-27"); m.press(.tab, .ctrl("u")); m.type("31.02.2027")
        #expect(m.lines[3].contains("такой даты нет: 31.02.2027"))
        m.press(.enter)
        #expect(m.message == "Кампания не открыта: «Заполнить карты до» — такой даты нет: 31.02.2027")
        #expect(throws: (any Error).self) { try m.workspace.campaign("2026-27") }
    }
}
