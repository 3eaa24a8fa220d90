import Foundation
import Testing
import Model
import TestSupport

/// The shipped programme templates, checked against the regulations' printed text (as the cards of the
/// expert-card regulation are): counts, ids, texts, kinds, dates and what each leaves undefined.
@Suite struct ProgrammeTemplateTests {
    func programme(_ id: String) throws -> Programme {
        try #require(try BundledData.programmes().first { $0.id == id })
    }

    @Test func methodicalActivityHasTheFivePercentIndicatorsOfTable1() throws {
        let p = try programme("method-activity")
        // Таблица 1 as printed: five «Доля педагогов…», unit %, source and method the same for all five.
        let printed = [
            "Доля педагогов, принявших участие в методических мероприятиях МКУ СЦРО с выступлениями /докладами/мастер-классами в 2019-2020 учебном году",
            "Доля педагогов, принявших участие в муниципальных профессиональных конкурсах в 2019-2020 учебном году",
            "Доля педагогов, ставших победителями, призерами, лауреатами муниципальных профессиональных конкурсов в 2019-2020 учебном году",
            "Доля педагогов, чьи методические материалы были опубликованы в профессиональных изданиях в 2019-2020 учебном году",
            "Доля педагогов, прошедших курсы повышения квалификации в 2019-2020 учебном году",
        ]
        #expect(p.indicators.map(\.text) == printed)
        #expect(p.indicators.map(\.id) == ["d1.1", "d1.2", "d1.3", "d1.4", "d1.5"])
        #expect(p.indicators.allSatisfy { $0.kind == .percent && $0.evidence == "Приказы УОН и МКУ СЦРО" && $0.method == "аудит документационного обеспечения" })
        #expect(p.respondents == [.general])
        #expect(p.clusterScheme == .size && p.ranking == .scaled)
        // Приказ, п. 2.1: 01.09.2020 – 20.12.2020 for the year 2019-2020.
        let days = try #require(p.timetable?.days(period: "2019-20"))
        #expect(days.opens == Day(year: 2020, month: 9, day: 1) && days.closes == Day(year: 2020, month: 12, day: 20))
        #expect(p.notes.contains { $0.contains("ровно с 500") })
        #expect(TemplateValidation.problems(.programme(p)).isEmpty)
    }

    @Test func qualityMechanismsHasNineSystemsWithTheirIndicatorsAndMeasures() throws {
        let p = try programme("quality-mechanisms")
        // Counted in the programme's text: «-» lines under «выделены следующие показатели» and under
        // «По итогам анализа … принимаются управленческие решения» (or «Анализ результатов мониторинга позволит»).
        #expect(p.sections.map(\.indicators.count) == [12, 11, 12, 20, 6, 12, 9, 3, 11])
        #expect(p.sections.map(\.measures.count) == [5, 3, 11, 10, 4, 4, 4, 3, 4])
        #expect(p.sections.map(\.title) == [
            "Система оценки качества подготовки обучающихся",
            "Система работы со школами с низкими результатами обучения и/или школами, функционирующими в неблагоприятных социальных условиях",
            "Система выявления, поддержки и развития способностей и талантов у детей и молодёжи",
            "Система работы по самоопределению и профессиональной ориентации обучающихся",
            "Система объективности процедур оценки качества образования и олимпиад школьников",
            "Система мониторинга эффективности руководителей всех образовательных организаций района",
            "Система мониторинга качества дополнительного профессионального образования педагогических работников",
            "Система методической работы",
            "Система организации воспитания и социализации обучающихся",
        ])
        // Kinds follow the words: «доля…» a share (of organisations: yes/no per organisation), «наличие…» yes/no,
        // «количество…» a count; the one indicator printed without a measure is left undefined, not guessed.
        for m in p.indicators {
            if m.text.hasPrefix("доля") { #expect(m.kind == .share || m.kind == .presence, "\(m.id)") }
            if m.text.hasPrefix("наличие") { #expect(m.kind == .presence, "\(m.id)") }
            if m.text.hasPrefix("количество") { #expect(m.kind == .count, "\(m.id)") }
        }
        #expect(p.indicators.filter { $0.kind == .undefined }.map(\.text) == ["метапредметные результаты"])
        #expect(p.indicator("d8.1")?.text == "доля ОО, реализующих систему наставничества")
        #expect(p.indicator("d8.2")?.reporter == .municipality)
        #expect(p.sections[7].measures.contains("поддержка молодых педагогов и/или системы наставничеств"))
        #expect(Set(p.indicators.map(\.id)).count == 96)
    }

    @Test func profGrowthListsTheSevenDirectionsAndSaysTheIndicatorsAreNotPrinted() throws {
        let p = try programme("prof-growth")
        #expect(p.sections.count == 7)
        #expect(p.sections[0].title == "Мониторинг сформированности управленческих компетенций руководящих работников")
        #expect(p.sections[6].title == "Мониторинг кадровых потребностей в общеобразовательных организациях муниципалитета")
        #expect(p.indicators.isEmpty)
        #expect(p.notes.first?.contains("не напечатано") == true)
        #expect(p.sections.allSatisfy { $0.note?.contains("не напечатаны") == true })
    }
}

/// Templates as the methodist edits them: CSV and JSON in and out, versions, frozen campaigns.
@Suite struct TemplateVersionTests {
    func session(_ ws: Workspace) throws -> Session { try Session.open(ws, as: "metodist", today: try #require(Day(year: 2026, month: 9, day: 10))) }

    @Test func csvRoundTripGivesTheSameTemplate() throws {
        for t in try Fixture.templates() {
            let (h, rows) = TemplateTransfer.rows(.card(t))
            let csv = ([h] + rows).map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";") }.joined(separator: "\r\n")
            let back = try TemplateTransfer.fromTable(Data(("\u{FEFF}" + csv).utf8), name: "x.csv", base: .card(t))
            #expect(back == .card(t))
        }
        let p = try #require(try BundledData.programmes().first { $0.id == "quality-mechanisms" })
        let (h, rows) = TemplateTransfer.rows(.programme(p))
        let csv = ([h] + rows).map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";") }.joined(separator: "\n")
        #expect(try TemplateTransfer.fromTable(Data(csv.utf8), name: "p.csv", base: .programme(p)) == .programme(p))
    }

    @Test func csvErrorsNameTheLine() throws {
        let t = try Fixture.template(.general)
        let (h, rows) = TemplateTransfer.rows(.card(t))
        var bad = rows
        bad[2][6] = "eleven"                      // line 4: points not a number
        let text = ([h] + bad).map { $0.map { "\"\($0)\"" }.joined(separator: ";") }.joined(separator: "\n")
        #expect(throws: StoreError.rejected(path: "edit.csv", line: 4, InputError("points must be a whole number 1-10, got \"eleven\"",
                                                                                   russian: "points: нужно целое число от 1 до 10, а указано «eleven»"))) {
            try TemplateTransfer.fromTable(Data(text.utf8), name: "edit.csv", base: .card(t))
        }
        var dup = rows
        dup[5][3] = dup[1][3]                     // line 7 repeats the id of line 3
        let text2 = ([h] + dup).map { $0.map { "\"\($0)\"" }.joined(separator: ";") }.joined(separator: "\n")
        #expect(throws: StoreError.rejected(path: "edit.csv", line: 7, InputError("indicator id \(rows[1][3]) repeats line 3",
                                                                                   russian: "показатель \(rows[1][3]) уже был в строке 3"))) {
            try TemplateTransfer.fromTable(Data(text2.utf8), name: "edit.csv", base: .card(t))
        }
        let traversal = String(decoding: try JSONFiles.encode(t), as: UTF8.self).replacingOccurrences(of: "\"id\" : \"general\"", with: "\"id\" : \"../x\"")
        #expect(throws: (any Error).self) { try TemplateTransfer.fromJSON(Data(traversal.utf8), name: "t.json") }
    }

    @Test func editingMakesANewVersionAndOldCampaignsKeepTheirScores() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try session(ws)
        let old = try ws.campaign("2025-26")
        let before = try ws.scoreRows(old)
        var edited = try Fixture.template(.general)
        edited.directions[0].indicators[0].text += " (уточнено)"                   // d1.1 changed
        edited.directions[1].indicators.removeLast()                                // one retired
        let (e, added) = try s.addTemplate(.card(edited))
        #expect(added && e.template.key == "general.v2" && e.template.version == 2)
        #expect(try s.addTemplate(.card(edited)).added == false)                    // identical: not stored twice
        #expect(try ws.scoreRows(try ws.campaign("2025-26")) == before)             // the pinned v1 still scores
        let opened = try s.openCampaign(CampaignPlan(period: "2026-27", clusterScheme: .size))
        let c = try #require(opened.campaign)
        #expect(c.templates["general"]?.id == "general.v2" && c.templates["general"]?.version == 2)
        #expect(c.templates["preschool"]?.id == "preschool" && c.clusterScheme == .size)
        let diff = TemplateDiff(old: try Fixture.template(.general), new: edited)
        #expect(diff.changed == ["d1.1"] && diff.removed.count == 1 && diff.added.isEmpty)
        #expect(diff.same.count == 34 - 2)
    }

    @Test func comparableDynamicsUsesOnlyUnchangedIndicators() throws {
        let ws = try Fixture.demoWorkspace()
        let prev = try ws.periodResults(try ws.campaign("2024-25"))
        var cur = try ws.periodResults(try ws.campaign("2025-26"))
        var t = try #require(cur.templates[.general])
        t.directions[0].indicators[0].text = "другой показатель"
        cur.templates[.general] = t
        let (diff, lines) = try #require(ComparableDynamics.compare(previous: prev, current: cur, type: .general))
        #expect(diff.changed == ["d1.1"])
        for l in lines {
            let p = try #require(prev.result(l.org)), c = try #require(cur.result(l.org))
            let without = { (r: OrgResult) in r.row.points - (r.indicatorPoints["d1.1"] ?? 0) }
            #expect(l.before == without(p) && l.after == without(c))
        }
    }
}

/// Programme runs: scaled ranking checkable by hand, municipal shares as Σ part / Σ whole.
@Suite struct MonitoringTests {
    func workspace() throws -> (Workspace, Session) {
        let ws = try Fixture.demoWorkspace()
        let s = try Session.open(ws, as: "metodist", today: try #require(Day(year: 2026, month: 9, day: 10)))
        for p in try BundledData.programmes() { try s.addTemplate(.programme(p)) }
        return (ws, s)
    }

    @Test func scaledRankingMatchesTheHandComputation() throws {
        let (ws, s) = try workspace()
        try s.openCampaign(CampaignPlan(period: "2026-27", templates: ["method-activity"]))
        let m0 = try ws.monitoring(period: "2026-27", template: "method-activity")
        #expect(m0.opens == Day(year: 2027, month: 9, day: 1) && m0.closes == Day(year: 2027, month: 12, day: 20))
        let orgs = try ws.organisations()
        let large = orgs.filter { ClusterKind.of($0, scheme: .size) == .secondaryLarge }.prefix(3).map(\.id)
        try #require(large.count == 3)
        // d1.1: 10, 20, 40 → 0, 1/3, 1; d1.2: 50, 50, 50 → 0 for all; the rest 0.
        for (o, v) in zip(large, ["10", "20", "40"]) { try s.setMonitoringValue(period: "2026-27", template: "method-activity", org: o, indicator: "d1.1", text: v) }
        for o in large { try s.setMonitoringValue(period: "2026-27", template: "method-activity", org: o, indicator: "d1.2", text: "5/10") }
        let m = try ws.monitoring(period: "2026-27", template: "method-activity")
        let c = try #require(MonitoringResults.scaled(m, programme: try ws.programme(m.template), organisations: orgs).first { $0.id == "general-over-500" })
        #expect(c.rows.map(\.org) == [large[2], large[1], large[0]])
        #expect(c.rows.map(\.rating) == [1, 0.333, 0])
        #expect(c.ranges["d1.1"] == [10, 40] && c.ranges["d1.2"] == [50, 50])
        #expect(c.rows.map(\.rank) == [1, 2, 3])
    }

    @Test func municipalShareIsSumOverSumAndImportErrorsNameTheLine() throws {
        let (ws, s) = try workspace()
        try s.openCampaign(CampaignPlan(period: "2026-27", templates: ["quality-mechanisms"]))
        let schools = try ws.organisations().filter { $0.type == .general }.map(\.id)
        let csv = "org;indicator;value\n\(schools[0]);d1.1;1/4\n\(schools[1]);d1.1;3/6\n\(schools[0]);d4.4;да\n\(schools[1]);d4.4;нет\nmunicipality;d7.4;2/8\n"
        let (_, n) = try s.importMonitoringValues(period: "2026-27", template: "quality-mechanisms", data: Data(csv.utf8), name: "answers.csv")
        #expect(n == 5)
        let m = try ws.monitoring(period: "2026-27", template: "quality-mechanisms")
        let vals = MonitoringResults.municipal(m, programme: try ws.programme(m.template), organisations: try ws.organisations())
        let share = try #require(vals.first { $0.id == "d1.1" })
        #expect(share.part == 4 && share.whole == 10 && share.value == 40)      // not the mean of 25 % and 50 %
        #expect(share.reported == 2 && share.asked == schools.count)
        let presence = try #require(vals.first { $0.id == "d4.4" })
        #expect(presence.part == 1 && presence.whole == 2 && presence.value == 50)
        #expect(vals.first { $0.id == "d7.4" }?.value == 25)
        let before = try ws.monitoring(period: "2026-27", template: "quality-mechanisms")
        let bad = "org;indicator;value\n\(schools[0]);d1.1;2/4\n\(schools[1]);d1.1;7/6\n"
        #expect {
            try s.importMonitoringValues(period: "2026-27", template: "quality-mechanisms", data: Data(bad.utf8), name: "bad.csv")
        } throws: {
            guard case .rejected("bad.csv", 3, let e)? = $0 as? StoreError else { return false }
            return e.english == "d1.1: expected part/whole with 0 ≤ part ≤ whole, whole > 0, got \"7/6\"" && !e.russian.isEmpty
        }
        #expect(try ws.monitoring(period: "2026-27", template: "quality-mechanisms") == before)   // all or nothing
        #expect(throws: StoreError.self) {
            try s.setMonitoringValue(period: "2026-27", template: "quality-mechanisms", org: schools[0], indicator: "d2.9", text: "yes")  // undefined
        }
    }
}

/// Effective practices (Порядок, п. 1.6): who earns what most of their cluster does not.
@Suite struct EffectivePracticeTests {
    @Test func everyPracticeIsEarnedByAMinorityOfItsCluster() throws {
        let ws = try Fixture.demoWorkspace()
        let data = try ws.periodResults(try ws.campaign("2024-25"))
        let found = EffectivePractices.find(data, scheme: .type)
        #expect(!found.isEmpty)
        let groups = Dictionary(grouping: found) { "\($0.cluster)/\($0.direction)/\($0.indicator ?? "-")" }
        for (_, list) in groups {
            let first = try #require(list.first)
            let members = data.results.filter { ClusterKind.of($0.row, scheme: .type).id == first.cluster }
            let t = try #require(data.templates[first.orgType])
            let ids = first.indicator.map { [$0] } ?? (t.directions.first { $0.number == first.direction }?.indicators.map(\.id) ?? [])
            let earning = members.filter { r in ids.contains { (r.indicatorPoints[$0] ?? 0) > 0 } }.map(\.org)
            #expect(Set(list.map(\.org)) == Set(earning))           // exactly those who earn it
            #expect(earning.count * 2 < members.count)                // and they are fewer than half
            #expect(list.allSatisfy { $0.members == members.count && $0.earning == earning.count })
        }
    }
}
