import Foundation
import Testing
@testable import Model
import TestSupport

/// Who may report on plans and enter programme values, and decisions files written before statuses.
@Suite struct CycleModelTests {
    let opens = Day(year: 2026, month: 9, day: 1)!
    let closes = Day(year: 2026, month: 11, day: 1)!
    let principal = Person(id: "dir-sch-002", name: "Иванова", role: .principal, org: "sch-002")
    let reviewer = Person(id: "expert1", name: "Кузнецов", role: .reviewer)
    let methodist = Person(id: "metodist", name: "Смирнова", role: .methodist)

    func decide(_ a: Action, _ p: Person, on day: Day) -> Decision {
        Policy.decide(a, by: p, campaign: nil, status: nil, today: day)
    }

    @Test func aPrincipalFillsOwnRequestedValuesOnlyWhileTheCollectionIsOpen() {
        let inside = Day(year: 2026, month: 9, day: 10)!
        #expect(decide(.fillMonitoring(org: "sch-002", requested: true, opens: opens, closes: closes), principal, on: inside) == .allowed)
        #expect(decide(.fillMonitoring(org: "sch-002", requested: true, opens: opens, closes: closes), principal, on: closes) == .allowed)
        #expect(decide(.fillMonitoring(org: "sch-003", requested: true, opens: opens, closes: closes), principal, on: inside).reason?.russian
                == "Вносить можно только данные вашей организации")
        #expect(decide(.fillMonitoring(org: "sch-002", requested: false, opens: opens, closes: closes), principal, on: inside).reason?.russian
                == "Это значение вносит управление образования, а не организация")
        #expect(decide(.fillMonitoring(org: "sch-002", requested: true, opens: opens, closes: closes), principal, on: closes.adding(days: 1))
                .reason?.russian == "Сбор данных завершён 01.11.2026")
        #expect(decide(.fillMonitoring(org: "sch-002", requested: true, opens: opens, closes: closes), principal, on: opens.adding(days: -1))
                .reason?.russian == "Сбор данных откроется 01.09.2026")
        #expect(!decide(.fillMonitoring(org: "sch-002", requested: true, opens: opens, closes: closes), reviewer, on: inside).isAllowed)
        #expect(decide(.fillMonitoring(org: "sch-003", requested: false, opens: opens, closes: closes), methodist, on: closes.adding(days: 9)) == .allowed)
        // Seeing: own only for a principal.
        #expect(decide(.viewMonitoring(org: "sch-002"), principal, on: inside) == .allowed)
        #expect(!decide(.viewMonitoring(org: "sch-003"), principal, on: inside).isAllowed)
    }

    @Test func reportsOnPlansAreForTheirOrganisationAndNeverAReviewers() {
        let day = Day(year: 2026, month: 9, day: 10)!
        #expect(decide(.reportOnPlan(org: "sch-002"), principal, on: day) == .allowed)
        #expect(!decide(.reportOnPlan(org: nil), principal, on: day).isAllowed)
        #expect(decide(.reportOnPlan(org: nil), methodist, on: day) == .allowed)
        #expect(decide(.reportOnPlan(org: nil), reviewer, on: day).reason?.russian == "Эксперт не отчитывается по планам")
        var revoked = principal
        revoked.revokedAt = Date(timeIntervalSince1970: 0)
        #expect(!decide(.reportOnPlan(org: "sch-002"), revoked, on: day).isAllowed)
    }

    @Test func aDecisionsFileWrittenBeforeStatusesReadsAsPlanned() throws {
        let old = """
        {"formatVersion":1,"revision":3,"decisions":[{"id":"r1","period":"2024-25","kind":"plan",
         "target":{"kind":"organisation","id":"sch-001"},"what":"x","responsible":"y","due":"2026-05-31",
         "indicators":[{"template":"general","indicator":"d1.2"}],"recordedBy":"metodist","recordedAt":"2025-09-10T09:00:00Z",
         "reports":[{"by":"dir-sch-001","at":"2025-10-01T09:00:00Z","org":"sch-001","text":"z"}]}]}
        """
        let list = try JSONFiles.decode(DecisionList.self, from: Data(old.utf8), path: "decisions.json")
        let d = try #require(list.decisions.first)
        #expect(d.currentStatus == .planned && d.currentRevision == 0 && d.updatedBy == nil)
        #expect(d.reports.first?.done == nil && d.reports.first?.text == "z")
    }

    @Test func aValueSeenStaleIsNotOverwritten() throws {
        let ws = try DemoGenerator(organisations: 48, years: 2, today: Day(year: 2026, month: 9, day: 10)!)
            .generate(at: Fixture.tempDir("cyclemodel"), templates: Fixture.templates(), programmes: BundledData.programmes())
        let m = try ws.monitoring(period: "2025-26", template: "quality-mechanisms")
        let p = try ws.programme(m.template)
        let ind = try #require(p.indicators.first { $0.isRequested && $0.kind == .count })
        let org = try #require(try ws.organisations().first { $0.type == .general && m.values[$0.id]?[ind.id] != nil }?.id)
        let seen = m.values[org]?[ind.id]
        let a = try Fixture.session(ws, "dir-\(org)")
        let b = try Fixture.session(ws, "metodist")
        try b.setMonitoringValue(period: "2025-26", template: "quality-mechanisms", org: org, indicator: ind.id, text: "11", expected: .some(seen))
        #expect(throws: StoreError.self) {
            try a.setMonitoringValue(period: "2025-26", template: "quality-mechanisms", org: org, indicator: ind.id, text: "2", expected: .some(seen))
        }
        #expect(try ws.monitoring(period: "2025-26", template: "quality-mechanisms").values[org]?[ind.id] == .count(11))
        do {
            try a.setMonitoringValue(period: "2025-26", template: "quality-mechanisms", org: org, indicator: ind.id, text: "2", expected: .some(seen))
        } catch let e as StoreError {
            #expect(e.russian == "Данные мониторинга уже изменил другой пользователь; показаны актуальные данные, ваши изменения не сохранены")
        }
    }
}
