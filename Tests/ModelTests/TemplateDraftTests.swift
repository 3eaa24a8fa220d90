import Foundation
import Testing
import Model
import TestSupport

/// The editor's draft of a new version: edits, the lint it shows, and the save's checks.
@Suite struct TemplateDraftTests {
    func general(_ ws: Workspace) throws -> (TemplateDraft, [TemplateEntry]) {
        let all = try ws.templateEntries()
        let e = try ws.templateEntry("general")
        return (TemplateDraft(base: e, versions: all), all)
    }

    @Test func pointsThatNoLongerAddUpAreWarningsNamingTheDirection() throws {
        let ws = try Fixture.demoWorkspace()
        var (d, _) = try general(ws)
        #expect(d.findings.isEmpty)                                       // general adds up as printed
        guard case .card(let c) = d.template, var ind = c.indicator("d1.1") else { Issue.record("no d1.1"); return }
        ind.rule = .share(thresholdPercent: 80, points: 3)
        d.set(ind)
        #expect(d.findings.errors.isEmpty)
        #expect(d.findings.warnings == ["Карта: заявлен максимум 39, сумма баллов показателей 41",
                                        "Направление 1: заявлен максимум 5, сумма баллов 7"])
        ind.rule = .share(thresholdPercent: 0, points: 11)
        d.set(ind)
        #expect(d.findings.errors == ["d1.1: баллы — от 1 до 10"])
    }

    @Test func retireRestoreMoveAndAddKeepIDsStable() throws {
        let ws = try Fixture.demoWorkspace()
        var (d, _) = try general(ws)
        let ids = d.sections[0].indicators
        let moved = d.move(ids[1], by: -1)
        #expect(moved && d.sections[0].indicators.prefix(2) == [ids[1], ids[0]])
        let again = d.move(ids[1], by: -1)
        #expect(!again)                                                   // already first
        let retired = d.retire(ids[2])
        #expect(retired && !d.template.indicatorIDs.contains(ids[2]) && d.retired(in: 1).map(\.id) == [ids[2]])
        // A new indicator never takes the id of a retired one, nor of one an older version had.
        let added = d.addIndicator(section: 1)
        let new = try #require(added)
        #expect(new == "d1.\(ids.count + 1)")
        #expect(d.findings.errors.contains("\(new): у показателя нет текста"))
        let restored = d.restore(ids[2])
        #expect(restored && d.sections[0].indicators.last == ids[2])
        #expect(d.changeSummary.contains("добавлены \(new)") && d.changeSummary.contains("изменён порядок"))
    }

    @Test func savingChecksTheNewestVersionItStartedFrom() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try Fixture.session(ws, "metodist")
        let (d, _) = try general(ws)
        guard case .card(var other) = d.template else { return }
        other.title += " (правка коллеги)"
        #expect(try s.addTemplate(.card(other), newest: 1).entry.template.version == 2)
        var mine = d
        guard case .card(var c) = mine.template else { return }
        c.directions[0].title += " (моя правка)"
        mine.template = .card(c)
        #expect(throws: StoreError.conflict(path: "templates/general", expected: 1, found: 2, by: nil)) {
            try s.addTemplate(mine.template, newest: mine.newestVersion)
        }
        #expect(!FileManager.default.fileExists(atPath: ws.templatePath("general.v3")))
    }

    @Test func aMegabyteOrAnEscapeSequenceInATemplateTextIsRefused() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try Fixture.session(ws, "metodist")
        var t = try Fixture.template(.general)
        t.directions[0].indicators[0].text = String(repeating: "я", count: 1_000_000)
        let long = TemplateValidation.problems(.card(t)).map(\.russian)
        #expect(long.contains { $0.hasPrefix("d1.1: «Текст»: слишком длинный текст") })
        #expect(throws: (any Error).self) { try s.addTemplate(.card(t)) }
        t.directions[0].indicators[0].text = "Доля \u{1B}]52;c;ZXZpbA==\u{07}педагогов"
        #expect(TemplateValidation.problems(.card(t)).map(\.russian)
                == ["d1.1: в тексте управляющие символы (escape-последовательности, переводы строк)"])
        let json = try JSONFiles.encode(t)
        #expect(throws: (any Error).self) { try TemplateTransfer.fromJSON(json, name: "t.json") }
        #expect(try ws.templateEntries().filter { $0.template.id == "general" }.count == 1)
    }
}
