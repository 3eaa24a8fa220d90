import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// The management cycle in the terminal, at 80×24 on the demo of 10.09.2026: the scaled rating of the percent
/// programme, the collection's municipal values, effective practices, decisions recorded, moved along and reported
/// on, and a principal's own programme values.
@Suite struct CycleScreenTests {
    /// The demo as `profrost init --demo` makes it: the cards, the programmes' runs of both years, two decisions.
    static func workspace() throws -> Workspace {
        try DemoGenerator(organisations: 48, years: 2, today: TUIDriver.today)
            .generate(at: Fixture.tempDir("cycle"), templates: Fixture.templates(), programmes: BundledData.programmes())
    }

    static func driver(as person: String? = nil) throws -> TUIDriver { try TUIDriver(try workspace(), as: person) }
    /// The row index (among table rows) of the first line containing all of `parts`.
    func rowIndex(_ d: TUIDriver, header: String, _ parts: String...) throws -> Int {
        let lines = d.lines
        let top = try #require(lines.firstIndex { $0.hasPrefix(header) }) + 1
        let at = try #require(lines.indices.first { i in i >= top && parts.allSatisfy { lines[i].contains($0) } })
        return at - top
    }

    /// `3,380`: as the screen writes a scaled value.
    func comma(_ v: Double) -> String { String(format: "%.3f", v).replacingOccurrences(of: ".", with: ",") }

    @Test func theScaledRatingOfTheDemoCanBeCheckedByHand() throws {
        let d = try Self.driver()
        d.press(.char("8"))
        #expect(d.lines[0].hasPrefix(" профрост · Мониторинги"))
        d.press(.down, times: try rowIndex(d, header: " Год", "2025/26", "рейтинг"))
        d.press(.enter)
        #expect(d.lines[0].hasPrefix(" профрост · Рейтинг мониторинга 2025/26"))

        // The largest secondary schools, recomputed here from the values as stored: (x − min) / (max − min), summed.
        let m = try d.workspace.monitoring(period: "2025-26", template: "method-activity")
        let ids = ["d1.1", "d1.2", "d1.3", "d1.4", "d1.5"]
        let members = try d.workspace.organisations().filter { ClusterKind.of($0, scheme: .size) == .secondaryLarge }
        let reporting = members.filter { !(m.values[$0.id] ?? [:]).isEmpty }
        func value(_ org: String, _ i: String) -> Double { m.values[org]?[i]?.percent ?? 0 }
        let lo = ids.map { i in reporting.map { value($0.id, i) }.min() ?? 0 }
        let hi = ids.map { i in reporting.map { value($0.id, i) }.max() ?? 0 }
        func rating(_ org: String) -> Double {
            ids.indices.reduce(0) { $0 + (hi[$1] > lo[$1] ? (value(org, ids[$1]) - lo[$1]) / (hi[$1] - lo[$1]) : 0) }
        }
        let ranked = reporting.sorted { rating($0.id) > rating($1.id) }
        let best = try #require(ranked.first), worst = try #require(ranked.last)
        #expect(d.lines[1] == " Кластер 1 из 3: Средние школы, более 500 учащихся · организаций: \(reporting.count)")
        #expect(d.lines[3] == " мин–макс: "
                + ids.indices.map { "\(ids[$0]) \(Int(lo[$0]))–\(Int(hi[$0]))" }.joined(separator: " · "))
        let first = try #require(d.lines.first { $0.hasPrefix("     1 \(best.id)") })
        #expect(first.hasSuffix(comma(rating(best.id))))
        #expect(first.contains(ids.map { String(Int(value(best.id, $0))).leftPadded(5) }.joined(separator: " ")))

        // `v`: the scaled values instead of the percents; the best school is 1,000 on some indicator.
        d.press(.char("v"))
        let scaled = try #require(d.lines.first { $0.hasPrefix("     1 \(best.id)") })
        let expected = ids.indices.map { i in comma(hi[i] > lo[i] ? (value(best.id, ids[i]) - lo[i]) / (hi[i] - lo[i]) : 0) }
        #expect(scaled.contains(expected.joined(separator: " ")))

        // Sortable like any table: `o` orders by place, `O` reverses — the weakest school comes first.
        d.press(.char("o"), .char("O"))
        #expect(d.message == "По колонке «Место», по убыванию")
        let top = try #require(d.lines.firstIndex { $0.contains(" Код ") && $0.contains("Рейтинг") })
        #expect(d.lines[top + 1].contains(" \(worst.id) "))

        // Tab: the next cluster, its ranges whole at 80 columns; the help names the indicators; every row fits.
        d.press(.tab)
        #expect(d.lines[1].hasPrefix(" Кластер 2 из 3: Средние школы, 500 и менее учащихся"))
        #expect(d.lines[2] == " Сбор до 20.12.2026 · столбцы: шкала 0–1 (v — проценты) · ? — показатели")
        #expect(d.lines[3].hasPrefix(" мин–макс: d1.1 ") && !d.lines[3].contains("…"))
        #expect(isClean(d.canvas))
        #expect(d.lines[23].hasPrefix("F1 Помощь") && d.lines[23].contains("Esc Назад"))
        d.press(.char("?"))
        #expect(d.text.contains("d1.1 — Доля педагогов, принявших участие в методических"))
    }

    @Test func theCollectionShowsMunicipalValuesAndWhoHasNotReported() throws {
        let d = try Self.driver()
        d.press(.char("8"))
        d.press(.down, times: try rowIndex(d, header: " Год", "2025/26", "свод"))
        d.press(.enter)
        let m = try d.workspace.monitoring(period: "2025-26", template: "quality-mechanisms")
        let asked = try d.workspace.organisations().filter { $0.type == .general }
        let silent = asked.filter { (m.values[$0.id] ?? [:]).isEmpty }.map(\.id)
        #expect(!silent.isEmpty)
        #expect(d.lines[2].hasSuffix("Не прислали (\(silent.count) из \(asked.count)): " + silent.joined(separator: ", ")))
        // d1.1 is a share: Σ numerators / Σ denominators over those who reported.
        var part = 0, whole = 0
        for o in asked { if case .counts(let a, let b)? = m.values[o.id]?["d1.1"] { part += a; whole += b } }
        let row = try #require(d.lines.first { $0.hasPrefix(" d1.1 ") })
        #expect(row.contains("\(part)/\(whole) = "))
        #expect(row.hasSuffix("\(asked.count - silent.count)/\(asked.count)"))
        #expect(isClean(d.canvas))
    }

    @Test func effectivePracticesNameWhoStandsOutAndOpenTheirCard() throws {
        let d = try Self.driver()
        d.press(.char("9"))
        #expect(d.lines[0].hasPrefix(" профрост · Эффективные практики"))
        // The first row, checked against the scored cards: fewer than half of the cluster earn it, this one does.
        let row = try #require(d.lines.first { $0.hasPrefix(" d") && $0.contains(" из ") })
        let cells = row.split(separator: " ").map(String.init)
        let (indicator, org) = (cells[0], cells[1])
        let campaign = try d.workspace.campaign(orLatest: nil)
        let results = try d.workspace.periodResults(campaign)
        let type = try #require(try d.workspace.organisation(org).type)
        let cluster = results.results.filter { $0.row.type == type }
        let earning = cluster.filter { ($0.indicatorPoints[indicator] ?? 0) > 0 }
        #expect(earning.count * 2 < cluster.count)
        #expect(earning.contains { $0.org == org })
        #expect(row.contains("\(earning.count) из \(cluster.count)"))
        #expect(isClean(d.canvas))
        // Enter: the organisation's card; `p` on the list: its profile.
        d.press(.enter)
        #expect(d.card?.org == org && d.card?.purpose == .view)
        d.press(.escape, .char("p"))
        #expect(d.lines[0].hasPrefix(" профрост · Профиль организации"))
    }

    @Test func theMethodistRecordsADecisionThroughTheForm() throws {
        let d = try Self.driver()
        let before = try d.workspace.decisions().count
        d.press(.char("6"), .char("a"))
        #expect(d.lines[0].hasPrefix(" профрост · Новое решение"))
        // An empty form saves nothing and says what is missing beside each field.
        d.press(.enter)
        #expect(d.message == "Исправьте отмеченные поля: ничего не сохранено")
        #expect(d.text.contains("✗ код организации") && d.text.contains("✗ что сделать") && d.text.contains("✗ кто отвечает"))
        #expect(try d.workspace.decisions().count == before)
        // The focus is on the first field that is wrong: the addressee. An id like ../x is no organisation.
        #expect(d.text.contains("✗ код организации"))
        d.type("../x"); d.press(.enter)
        #expect(d.text.contains("✗ нет такой организации"))
        d.press(.ctrl("u")); d.type("sch-005")
        d.press(.tab, .tab); d.type("Семинар \u{1B}[31mпо наставничеству")
        d.press(.tab); d.type("Заместитель директора")
        d.press(.tab); d.type("31.05.2027")
        d.press(.tab); d.type("d1.2, general:d2.8")
        d.press(.enter)
        let saved = try d.workspace.decisions()
        #expect(saved.count == before + 1)
        let r = try #require(saved.last)
        #expect(r.target == DecisionTarget(kind: .organisation, id: "sch-005") && r.period == "2025-26" && r.kind == .decision)
        #expect(r.what == "Семинар [31mпо наставничеству")  // the escape character never got into the field
        #expect(r.indicators.map(\.description) == ["general:d1.2", "general:d2.8"])
        #expect(r.due == Day(year: 2027, month: 5, day: 31) && r.currentStatus == .planned)
        let entry = try #require(try d.workspace.journal.entries().last)
        #expect(entry.action == "decision.add" && entry.actor == "metodist")
        #expect(d.message == "Записано \(r.id): управленческое решение, срок 31.05.2027")
        #expect(d.lines[0].hasPrefix(" профрост · Решения и их эффективность"))
        #expect(d.lines.contains { $0.hasPrefix(" \(r.id)   2025/26 sch-005") && $0.contains("ждёт следующе") })
    }

    @Test func aClusterDecisionChoosesTheClusterAndAZoneTheMunicipality() throws {
        let d = try Self.driver()
        d.press(.char("6"), .char("a"), .tab, .right)  // addressee: кластер
        #expect(d.text.contains("Кластер         ◀ Дошкольные образовательные организации ▶"))
        d.press(.tab, .right)  // the next cluster
        d.press(.tab, .tab); d.type("Обмен опытом"); d.press(.tab); d.type("Методист"); d.press(.tab); d.type("01.06.2027")
        d.press(.tab); d.type("d2.8")
        d.press(.enter)
        let r = try #require(try d.workspace.decisions().last)
        #expect(r.target == DecisionTarget(kind: .cluster, id: ClusterKind.allCases.sorted()[1].id))
        #expect(r.indicators.map(\.description) == ["general:d2.8"])
        // A zone in the whole municipality needs the template named: a bare id is refused beside the field.
        d.press(.char("a"), .tab, .char("п"))  // «проблемная зона» by its first letter
        #expect(d.text.contains("Зона в          ◀ Весь муниципалитет ▶"))
        d.press(.tab, .tab, .tab); d.type("Семинар"); d.press(.tab); d.type("Методист"); d.press(.tab); d.type("01.06.2027")
        d.press(.tab); d.type("d2.8"); d.press(.enter)
        #expect(d.text.contains("✗ укажите шаблон: general:d2.8"))
    }

    @Test func aStatusChangedFromAStaleScreenIsRefusedAndTheFormKeepsIt() throws {
        let d = try Self.driver()
        let r1 = try #require(try d.workspace.decisions().first)
        d.press(.char("6"), .char("s"))
        #expect(d.lines[0].hasPrefix(" профрост · Статус решения \(r1.id)"))
        d.press(.right)  // выполняется
        // Meanwhile the principal of the school reports: the decision changes under the open form.
        let org = r1.target.id
        let principal = try Session.open(d.workspace, as: "dir-\(org)", today: TUIDriver.today)
        try principal.reportOnDecision(id: r1.id, text: "Провели два семинара", done: Day(year: 2026, month: 9, day: 1))
        d.press(.enter)
        #expect(d.message == "Решение уже изменил dir-\(org); показаны актуальные данные, ваши изменения не сохранены")
        #expect(try d.workspace.decisions().first?.currentStatus == .planned)
        #expect(d.lines[0].hasPrefix(" профрост · Статус решения"))  // still open, with the choice made
        #expect(d.text.contains("Статус      ◀ выполняется ▶"))
        // The fresh decision came in with the refusal: the second Enter goes through, journaled.
        d.press(.enter)
        #expect(try d.workspace.decisions().first?.currentStatus == .inProgress)
        #expect(d.message == "\(r1.id): статус «выполняется»")
        let entry = try #require(try d.workspace.journal.entries().last)
        #expect(entry.action == "decision.status" && entry.actor == "metodist" && entry.after == .string("in-progress"))
    }

    @Test func aPrincipalSeesTheirPlansOnlyAndReportsWithADate() throws {
        let ws = try Self.workspace()
        let methodist = try Session.open(ws, as: "metodist", today: TUIDriver.today)
        let r1 = try #require(try ws.decisions().first)
        let org = r1.target.id
        let other = try methodist.recordDecision(DecisionDraft(
            period: "2025-26", kind: .plan, target: DecisionTarget(kind: .organisation, id: org == "sch-002" ? "sch-003" : "sch-002"),
            what: "Чужой план", responsible: "Методист", due: Day(year: 2027, month: 5, day: 1)!,
            indicators: [IndicatorTarget(template: "general", indicator: "d1.2")]))
        let d = try TUIDriver(ws, as: "dir-\(org)")
        #expect(d.lines[23].contains("1-4 Разделы"))
        d.press(.char("3"))
        #expect(d.lines.contains { $0.hasPrefix(" \(r1.id) ") })
        #expect(!d.lines.contains { $0.hasPrefix(" \(other.id) ") })
        #expect(d.lines[23].contains("r Отчёт") && !d.lines[23].contains("Статус") && !d.lines[23].contains("Новое"))
        d.press(.char("s"))  // not a principal's key: nothing opens
        #expect(d.lines[0].hasPrefix(" профрост · Решения и их эффективн"))
        d.press(.char("r"))
        #expect(d.lines[0].contains("Отчёт по решению \(r1.id)"))
        d.type("Провели семинар \u{1B}[2J"); d.press(.tab, .ctrl("u")); d.type("11.09.2026"); d.press(.enter)
        #expect(d.text.contains("✗ эта дата ещё не наступила"))
        d.press(.ctrl("u")); d.type("05.09.2026"); d.press(.enter)
        let report = try #require(try ws.decisions().first?.reports.last)
        #expect(report.by == "dir-\(org)" && report.org == org && report.done == Day(year: 2026, month: 9, day: 5))
        #expect(report.text == "Провели семинар [2J")
        // The decision's own screen shows the report, at the end of it.
        d.press(.enter, .end)
        #expect(d.text.contains("выполнено 05.09.2026 · dir-\(org) (\(org)): Провели семинар [2J"))
        #expect(isClean(d.canvas))
        // The Session refuses the other organisation's plan even when asked directly.
        let session = try Session.open(ws, as: "dir-\(org)", today: TUIDriver.today)
        #expect(throws: StoreError.notFound(what: "decision", id: other.id)) { try session.reportOnDecision(id: other.id, text: "x") }
        #expect(throws: StoreError.self) { try session.setDecisionStatus(id: r1.id, status: .done) }
    }

    @Test func aPrincipalFillsTheirOwnRequestedValuesWhileTheCollectionIsOpen() throws {
        let ws = try Self.workspace()
        let before = try ws.monitoring(period: "2025-26", template: "quality-mechanisms")
        let org = try #require(try ws.organisations().first { $0.type == .general && (before.values[$0.id] ?? [:]).isEmpty }?.id)
        let d = try TUIDriver(ws, as: "dir-\(org)")
        d.press(.char("4"))
        #expect(d.lines[0].contains("Мониторинги организации"))
        // The collection that asks the school comes first; the rating the department fills from its orders second.
        #expect(d.lines[1].hasPrefix(" 1/2 (Tab) Программа мониторинга реализации муниципальных механизмов"))
        let asked = try Session.open(ws, as: "dir-\(org)", today: TUIDriver.today).organisationAnswers(org: org)[0]
        let first = try #require(asked.items.first { $0.requested })
        #expect(d.lines[2] == " 2025/26 · сбор до \(before.closes.russian) · заполнено 0 из \(asked.progress.asked)")
        // A value the department enters: refused with the reason.
        let departments = try #require(asked.items.firstIndex { !$0.requested && $0.measure.kind != .undefined })
        d.press(.down, times: departments); d.press(.enter)
        #expect(d.message == "Это значение вносит управление образования, а не организация")
        // `n`: the first value the school enters; Enter opens its form.
        d.press(.home, .char("n"), .enter)
        #expect(d.text.contains("\(first.measure.id). " + String(first.measure.text.prefix(30))))
        switch first.measure.kind {
        case .presence: d.press(.char("д"))
        case .share: d.type("12"); d.press(.tab); d.type("40")
        default: d.type("3")
        }
        d.press(.enter)
        let after = try ws.monitoring(period: "2025-26", template: "quality-mechanisms")
        let value = try #require(after.values[org]?[first.measure.id])
        #expect([MonitoringValue.presence(true), .counts(part: 12, whole: 40), .count(3)].contains(value))
        var others = after.values; others[org] = nil
        #expect(others == before.values)  // nobody else's values changed
        let entry = try #require(try ws.journal.entries().last)
        #expect(entry.action == "monitoring.set" && entry.actor == "dir-\(org)")
        #expect(d.lines[2].hasSuffix("заполнено 1 из \(asked.progress.asked)"))
        #expect(isClean(d.canvas))

        // A share is two counts: more than the whole is refused beside the field, nothing saved.
        if let share = asked.items.firstIndex(where: { $0.requested && $0.measure.kind == .share }) {
            d.press(.home); d.press(.down, times: share); d.press(.enter)
            d.type("50"); d.press(.tab); d.type("40"); d.press(.enter)
            #expect(d.text.contains("✗ больше, чем «из скольких»"))
            d.press(.escape, .escape)
        }

        // After the collection closes the principal only reads.
        let late = try TUIDriver(ws, as: "dir-\(org)", today: before.closes.adding(days: 1))
        late.press(.char("4"), .char("n"), .enter)
        #expect(late.message == "Сбор данных завершён \(before.closes.russian)")
        // Another organisation's values are not theirs to see or change.
        let s = try Session.open(ws, as: "dir-\(org)", today: TUIDriver.today)
        #expect(throws: StoreError.self) { try s.organisationAnswers(org: "sch-001") }
        #expect(throws: StoreError.self) {
            try s.setMonitoringValue(period: "2025-26", template: "quality-mechanisms", org: "sch-001", indicator: first.measure.id, text: "да")
        }
    }

    @Test func everyNewScreenHasItsKeysAndHelpAt80x24() throws {
        let d = try Self.driver()
        for (keys, title) in [([Key.char("8")], "Мониторинги"), ([.char("9")], "Эффективные практики"),
                              ([.char("6"), .enter], "Решение r"), ([.char("6"), .char("a")], "Новое решение"),
                              ([.char("6"), .char("s")], "Статус решения"), ([.char("6"), .char("r")], "Отчёт по решению")] {
            d.press(.escape, .escape, .escape)
            d.state.stack = [d.state.stack[0]]
            d.press(keys.first!)
            for k in keys.dropFirst() { d.press(k) }
            #expect(d.lines[0].contains(title), "\(title)")
            #expect(d.lines[23].hasPrefix("F1 Помощь"), "\(title)")
            #expect(isClean(d.canvas), "\(title)")
            d.press(.function(1))
            #expect(d.state.showHelp, "\(title)")
            d.press(.escape)
        }
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: " ", count: max(n - count, 0)) + self }
}
