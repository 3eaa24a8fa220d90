import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// The methodist: dashboard, organisations, any card read-only, deadlines, ranked clusters, lint.
@Suite struct MethodistTests {
    @Test func theDashboardShowsStageDeadlinesCountsAndOverdue() throws {
        let d = try TUIDriver.demo(today: Day(year: 2026, month: 10, day: 5)!)
        #expect(d.lines[1] == " Кампания 2025/26 · этап: проверка объективности · 48 организаций")
        #expect(d.lines[4] == " Заполнение карт         30.09.2026  прошло 5 дн.   не начата        4")
        #expect(d.lines[5] == " Проверка объективности  15.10.2026  ещё 10 дн.     черновик         5")
        #expect(d.lines[14] == " Не подали карту в срок: 8 (Tab — последние изменения)")
        #expect(d.lines[16] == " dou-010 МБДОУ «Детский сад № 10 „Звёздочка“»   черновик   30.09.2026     5 дн.")
        // dou-004 has an extension to 07.10.2026: not overdue yet.
        #expect(!d.text.contains("dou-004"))
        d.press(.enter)
        #expect(d.card?.data?.org == "dou-010")
        #expect(d.card?.purpose == .view)
    }

    @Test func organisationsFilterWithSlash() throws {
        let d = try TUIDriver.demo()
        d.press(.char("1"), .char("/"))
        d.type("высокая")
        #expect(d.lines[21].hasPrefix(" Фильтр: высокая"))
        d.press(.enter)
        let rows = d.lines[4..<21].filter { !$0.isEmpty && !$0.hasPrefix(" / ") && !$0.hasPrefix(" Фильтр") }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.hasSuffix("высокая") })
        #expect(d.lines[21].hasSuffix("1 из 10 (всего 48)"))
        #expect(d.lines[21].hasPrefix(" Фильтр: высокая  (/ — изменить, Esc — сбросить)"))
        d.press(.escape)
        #expect(d.lines[21].hasSuffix("1 из 48"))
        guard case .organisations = d.state.top else { Issue.record("Esc first clears the filter"); return }
    }

    @Test func anyCardOpensReadOnly() throws {
        let d = try TUIDriver.demo()
        d.press(.char("1"), .down, .down, .enter)
        #expect(d.card?.data?.org == "dou-003")
        #expect(d.notice == "Только просмотр: карту заполняет руководитель, проверяет эксперт")
        d.press(.enter)
        #expect(d.card?.form == nil)
        #expect(d.message == "карту заполняет руководитель, проверяет эксперт")
        d.press(.function(5))  // the methodist may accept a submitted card; the question comes first
        #expect(d.state.dialog?.title == "Принять карту")
        d.press(.char("n"))
        #expect(try d.saved("dou-003")?.revision == 1)
        d.press(.escape)
        guard case .organisations = d.state.top else { Issue.record("Esc goes back"); return }
    }

    @Test func clustersSwitchWithTabAndColourLevels() throws {
        let d = try TUIDriver.demo()
        d.press(.char("3"))
        #expect(d.lines[1] == " Кластер 1 из 3: Дошкольные образовательные организации · организаций: 26")
        #expect(d.lines[4] == "     1 dou-003 Д/с № 3 „Ласточка“       30/31  96,8 %   ↑  высокая  на проверке")
        #expect(d.lines[6] == "     3 dou-001 Д/с № 1 „Теремок“        28/31  90,3 %   ↑  высокая  на проверке")
        #expect(d.lines[7] == "     3 dou-015 Д/с № 15 „Радуга“        28/31  90,3 %   ↑  высокая  принята")
        // Level colours: высокая green, средняя yellow, низкая red (the selected row is reversed).
        let levelCol = d.lines[3].distance(from: d.lines[3].startIndex, to: d.lines[3].range(of: "Уровень")!.lowerBound)
        #expect(d.canvas.styleAt(row: 5, col: levelCol)?.role == .good)
        let medium = try #require(d.lines.firstIndex { $0.contains("средняя") })
        #expect(d.canvas.styleAt(row: medium, col: levelCol)?.role == .warn)
        let low = try #require(d.lines.firstIndex { $0.contains("низкая") })
        #expect(d.canvas.styleAt(row: low, col: levelCol)?.role == .bad)
        d.press(.tab)
        #expect(d.lines[1] == " Кластер 2 из 3: Общеобразовательные организации · организаций: 16")
        d.press(.tab, .tab)
        #expect(d.lines[1].hasPrefix(" Кластер 1 из 3"))
        d.press(.backTab)
        #expect(d.lines[1] == " Кластер 3 из 3: Организации дополнительного образования · организаций: 6")
    }

    @Test func deadlinesShowStatusSubmissionExtensionAndLateness() throws {
        let d = try TUIDriver.demo(today: Day(year: 2026, month: 10, day: 5)!)
        d.press(.char("2"))
        #expect(d.lines[1] == " Заполнение до 30.09.2026 · проверка до 15.10.2026 · оценка до 01.11.2026")
        #expect(d.lines[2] == " Не подали в срок: 8 · продлений: 1 · сначала самые просроченные")
        #expect(d.lines[3] == " dou-010: продления нет (e — продлить)")
        #expect(d.lines[4] == " Код     Организация     Статус      Подана     Срок       Продление  Просрочка")
        #expect(d.lines[5] == " dou-010 Д/с № 10 „Звёз… черновик    —          30.09.2026 —              5 дн.")
        #expect(d.lines[8] == " sch-004 ООШ № 4         черновик    —          30.09.2026 —              5 дн.")
        let dou4 = try #require(d.lines.first { $0.hasPrefix(" dou-004") })
        #expect(dou4 == " dou-004 Д/с № 4 „Родни… черновик    —          07.10.2026 07.10.2026         —")
        // The extension's reason, for the row selected.
        d.press(.char("/")); d.type("dou-004"); d.press(.enter)
        #expect(d.lines[3].hasPrefix(" dou-004: продлено до 07.10.2026 — «Карантин в учреждении с 1 по 20 сентября"))
    }

    @Test func lintListsTheMismatchesOfTheTemplatesInUse() throws {
        let d = try TUIDriver.demo()
        d.press(.char("4"))
        #expect(d.lines[1] == " Шаблоны кампании 2025/26: расхождений — 4")
        #expect(d.lines[5] == " preschool (ДОО) Дошкольные … вся карта            31             30 расходится")
        #expect(d.lines[6] == " preschool (ДОО) Дошкольные … направление 2         6              5 расходится")
        #expect(d.lines[7] == " general (ОО)    Общеобразов… вся карта            39             39 сходится")
        #expect(d.lines[9] == " additional (ДО) Организации… направление 3         4              3 расходится")
    }
}
