import Foundation
import Testing
import Model
import TestSupport

/// The methodist's settings as the Model keeps them: stage dates checked per stage, extensions with their reason,
/// the organisations' import planned before it is saved, people added and revoked — each revision-checked and
/// journaled with the session's clock.
@Suite struct CampaignSettingsTests {
    func methodist(_ ws: Workspace) throws -> Session { try Fixture.session(ws, "metodist") }

    @Test func anExtensionNeedsAReasonWhichIsKeptShownAndJournaled() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try methodist(ws)
        let until = try #require(Day(year: 2026, month: 10, day: 12))
        #expect { try s.extend(org: "sch-002", until: until, reason: "  ", period: nil) }
            throws: { ($0 as? StoreError)?.russian == "Укажите причину продления" }
        #expect { try s.extend(org: "sch-002", until: until, reason: String(repeating: "я", count: 501), period: nil) }
            throws: { ($0 as? StoreError)?.russian.contains("не больше 500 знаков") == true }
        #expect(try ws.campaign(orLatest: nil).extensions["sch-002"] == nil)

        try s.extend(org: "sch-002", until: until, reason: "Ремонт кровли, школа закрыта\u{1b}[2J", period: nil)
        let c = try ws.campaign(orLatest: nil)
        #expect(c.extensions["sch-002"] == until)
        #expect(c.extensionReason(for: "sch-002") == "Ремонт кровли, школа закрыта\u{1b}[2J")  // kept exactly; screens sanitise
        let row = try #require(try s.deadlineRows(period: nil).1.first { $0.org == "sch-002" })
        #expect(row.deadline == until && row.extensionReason == "Ремонт кровли, школа закрыта\u{1b}[2J")
        let entry = try #require(try ws.journal.entries().last)
        #expect(entry.action == "campaign.extend" && entry.actor == "metodist")
        #expect(entry.after == .object(["until": .string("2026-10-12"), "reason": .string("Ремонт кровли, школа закрыта\u{1b}[2J")]))
        #expect(Day.today(now: entry.time) == Day(year: 2026, month: 9, day: 10))  // the session's clock, --today

        try s.extend(org: "sch-002", until: nil, reason: nil, period: nil)
        let removed = try ws.campaign(orLatest: nil)
        #expect(removed.extensions["sch-002"] == nil && removed.extensionReason(for: "sch-002") == nil)
        #expect(ws.audit(key: nil).intact)
    }

    @Test func aCampaignSavedBeforeReasonsReadsAndHashesAsItWasWritten() throws {
        let ws = try Fixture.demoWorkspace()
        var c = try ws.campaign(orLatest: nil)
        c.extensionReasons = nil
        let old = try JSONFiles.encode(c)
        #expect(!String(decoding: old, as: UTF8.self).contains("extensionReasons"))
        let read = try JSONFiles.decode(Campaign.self, from: old, path: "campaign.json")
        #expect(try JSONFiles.encode(read) == old)
    }

    @Test func datesOutOfOrderOrOutsideThePeriodAreNamedByStage() throws {
        func day(_ t: String) throws -> Day { try #require(Day(t)) }
        let fine = DeadlineKind.problems(fill: try day("2026-09-30"), check: try day("2026-10-15"), evaluate: try day("2026-11-01"),
                                         period: "2025-26")
        #expect(fine.isEmpty)
        let early = DeadlineKind.problems(fill: try day("2026-09-30"), check: try day("2026-09-01"), evaluate: try day("2026-11-01"),
                                          period: "2025-26")
        #expect(Array(early.keys) == [.check])
        #expect(early[.check]?.russian == "Проверка не может закончиться раньше заполнения (30.09.2026)")
        let late = DeadlineKind.problems(fill: try day("2026-09-30"), check: try day("2026-10-15"), evaluate: try day("2026-10-01"),
                                         period: "2025-26")
        #expect(Array(late.keys) == [.evaluate])
        let typo = DeadlineKind.problems(fill: try day("2062-09-30"), check: try day("2062-10-15"), evaluate: try day("2062-11-01"),
                                         period: "2025-26")
        #expect(Set(typo.keys) == Set(DeadlineKind.allCases))
        #expect(typo[.fill]?.russian == "Дата вне периода: сроки кампании 2025/26 — в 2026 или 2027 году")
    }

    @Test func datesSavedFromAStaleRevisionAreAConflictAndNothingChanges() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try methodist(ws)
        let seen = try ws.campaign(orLatest: nil)
        try s.extend(org: "sch-002", until: Day(year: 2026, month: 10, day: 5), reason: "Карантин", period: nil)
        let newFill = try #require(Day(year: 2026, month: 9, day: 25))
        #expect { try s.setDeadlines(period: nil, fill: newFill, check: nil, evaluate: nil, expectedRevision: seen.revision) }
            throws: { ($0 as? StoreError)?.russian.hasPrefix("Сроки кампании уже изменил") == true }
        #expect(try ws.campaign(orLatest: nil).fillDeadline == seen.fillDeadline)
        let now = try ws.campaign(orLatest: nil)
        try s.setDeadlines(period: nil, fill: newFill, check: nil, evaluate: nil, expectedRevision: now.revision)
        #expect(try ws.campaign(orLatest: nil).fillDeadline == newFill)
        #expect { try s.setDeadlines(period: nil, fill: nil, check: Day(year: 2026, month: 9, day: 1), evaluate: nil) }
            throws: { ($0 as? StoreError)?.russian == "Проверка не может закончиться раньше заполнения (25.09.2026)" }
    }

    @Test func theImportSavesWhatThePreviewShowedOrNothing() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try methodist(ws)
        let orgs = try ws.organisations()
        let school = try #require(orgs.first { $0.type == .general && $0.schoolLevel == .secondary })
        var basic = school; basic.schoolLevel = .basic
        var renamed = try #require(orgs.first { $0.type == .preschool }); renamed.name += " (филиал)"
        let fresh = Organisation(id: "sch-900", name: "Новая школа", type: .general, pupils: 300, schoolLevel: .secondary)
        let incoming = [basic, renamed, fresh, orgs[orgs.count - 1]]
        let (plan, revision) = try s.previewImport(incoming)
        #expect(plan.added == [fresh] && plan.unchanged == 1)
        #expect(plan.updated.map(\.after.id) == [school.id, renamed.id])
        #expect(plan.rescoring.map(\.after.id) == [school.id])
        #expect(plan.rescoring.first?.cards == ["\(school.id) (2024-25)", "\(school.id) (2025-26)"])
        // Someone imports meanwhile: the preview is stale, the import refused, the list as the other left it.
        try s.importOrganisations([fresh])
        #expect { try s.importOrganisations(incoming, force: true, expectedRevision: revision) }
            throws: { ($0 as? StoreError)?.russian.hasPrefix("Список организаций уже изменил") == true }
        #expect(try ws.organisation(school.id).schoolLevel == .secondary)
        let again = try s.previewImport(incoming)
        let saved = try s.importOrganisations(incoming, force: true, expectedRevision: again.revision)
        #expect(saved == again.plan)
        #expect(try ws.organisation(school.id).schoolLevel == .basic)
        #expect(try ws.organisations().filter { $0.id == "sch-900" }.count == 1)
    }

    @Test func peopleAreAddedAndRevokedThroughThePolicy() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try methodist(ws)
        #expect { try s.addPerson(Person(id: "../x", name: "Взломщик", role: .reviewer)) }
            throws: { ($0 as? StoreError)?.russian.hasPrefix("Недопустимый код") == true }
        #expect { try s.addPerson(Person(id: "ivanova", name: "Иванова А. П.", role: .principal)) }
            throws: { ($0 as? StoreError)?.russian == "Для руководителя укажите организацию" }
        try s.addPerson(Person(id: "ivanova", name: "Иванова А. П.", role: .principal, org: "sch-003"))
        #expect(try ws.person("ivanova").org == "sch-003")
        #expect { try s.revokePerson("metodist") } throws: { ($0 as? StoreError)?.russian == "Нельзя отозвать собственный доступ" }
        let principal = try Fixture.session(ws, "dir-sch-003")
        #expect { try principal.revokePerson("ivanova") } throws: { if case .denied = $0 as? StoreError { return true }; return false }
        let revision = try s.people().revision
        try s.revokePerson("ivanova", expectedRevision: revision)
        let revoked = try ws.person("ivanova")
        #expect(revoked.revokedAt.map { Day.today(now: $0) } == Day(year: 2026, month: 9, day: 10))
        #expect(throws: StoreError.self) { try Session.open(ws, as: "ivanova", today: try #require(Day(year: 2026, month: 9, day: 10))) }
    }

    /// What a screen shows while the export reads: every card counted, this year's and last year's.
    @Test func theReportSaysHowFarItHasGot() throws {
        final class Heard: @unchecked Sendable {
            let lock = NSLock()
            var all: [WorkProgress] = []
            func add(_ p: WorkProgress) { lock.lock(); all.append(p); lock.unlock() }
        }
        let ws = try Fixture.demoWorkspace()
        let heard = Heard()
        _ = try methodist(ws).analyticsReport(period: nil, progress: { heard.add($0) })
        let n = try ws.organisations().count
        #expect(heard.all.first == WorkProgress("Чтение карт 2025/26", done: 0, of: n))
        #expect(heard.all.contains(WorkProgress("Чтение карт 2025/26", done: n, of: n)))
        #expect(heard.all.contains(WorkProgress("Чтение карт 2024/25", done: n, of: n)))
        #expect(heard.all.contains { $0.step == "Рекомендации" && $0.done == $0.total && $0.total > 0 })
        #expect(heard.all.last == WorkProgress("Проблемные зоны"))
        #expect(heard.all.allSatisfy { $0.done <= $0.total })
    }
}
