import Foundation
import Testing
import Model
import TestSupport

/// The methodist's campaign settings with the real binary: in a real terminal (tmux, 80×24, no LANG) an extension
/// with its reason, the stage dates, a new person, a CP1251 import with its preview and the export to .xlsx; and the
/// CLI's side of the reason. Needs `swift build` first (CI runs it before `swift test`).
@Suite struct MethodistTUIEndToEndTests {
    @Test func theCLIWantsAReasonForAnExtensionAndPrintsIt() async throws {
        let dir = try await Binary.demo()
        var r = try await Binary.run(["campaign", "extend", "sch-001", "--until", "2026-10-20"], data: dir)
        #expect(r.status == 2 && r.stderr.contains("Укажите причину продления"), "\(r.stderr)")
        r = try await Binary.run(["campaign", "extend", "sch-001", "--until", "2026-10-20", "--reason", "Ремонт кровли"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try await Binary.run(["deadlines", "--format", "json"], data: dir)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let row = try #require(rows.first { $0["org"] as? String == "sch-001" })
        #expect(row["extensionUntil"] as? String == "2026-10-20" && row["extensionReason"] as? String == "Ремонт кровли")
        r = try await Binary.run(["deadlines"], data: dir)
        #expect(r.stdout.contains("причина продления") && r.stdout.contains("Ремонт кровли"))
    }

    @Test func theMethodistSetsUpTheCampaignInTheTerminal() async throws {
        let bin = try #require(TUIPane.binary(), "build profrost first (swift build)")
        let ws = try Fixture.demoWorkspace(today: Day(year: 2026, month: 9, day: 10))
        let org = try Fixture.draftGeneral(ws)
        let files = Fixture.tempDir("methodist")
        let csv = files + "/организации.csv"
        let text = "id,name,type,pupils,level\r\ndou-031,\"МБДОУ «Детский сад № 31 \"\"Журавушка\"\"»\",ДОО,140,\r\n"
        try #require(text.data(using: .windowsCP1251)).write(to: URL(fileURLWithPath: csv))
        let m = try TUIPane("env -u LANG -u LC_ALL -u LC_CTYPE -u PROFROST_TODAY TERM=xterm "
                            + "\(bin) --data \(ws.root) --today 2026-09-10", width: 80, height: 24)
        defer { m.kill() }
        try m.waitFor("Обзор кампании")

        // An extension with its reason, from «Сроки».
        try m.type("2"); try m.waitFor("Не подали в срок")
        try m.type("/"); try m.type(org); try m.keys("Enter")
        try m.type("e"); try m.waitFor("Продление срока")
        try m.keys("C-u"); try m.type("12.10.2026"); try m.keys("Enter")
        try m.waitFor("✗ укажите причину")
        try m.type("Ремонт кровли, занятия отменены"); try m.keys("Enter")
        try m.waitFor("срок заполнения продлён до 12.10.2026")
        var screen = try m.waitFor("\(org): продлено до 12.10.2026 — «Ремонт кровли, занятия отменены»")
        #expect(screen.contains("e Продлить") && screen.contains("d Даты"))

        // The stage dates: a check before the filling is refused beside the field, then saved.
        try m.type("d"); try m.waitFor("Сроки этапов")
        try m.keys("Tab", "C-u"); try m.type("01.09.2026"); try m.keys("Enter")
        try m.waitFor("✗ Проверка не может закончиться раньше")
        try m.keys("C-u"); try m.type("20.10.2026"); try m.keys("Enter")
        try m.waitFor("Заполнение до 30.09.2026 · проверка до 20.10.2026 · оценка до 01.11.2026")

        // A new principal.
        try m.type("0"); try m.waitFor("Доступ есть у")
        try m.type("a"); try m.waitFor("Новый пользователь")
        try m.type("orlova"); try m.keys("Tab"); try m.type("Орлова Нина Ивановна"); try m.keys("Tab", "Tab")
        try m.type("sch-003"); try m.waitFor("Организация: МБОУ")
        try m.keys("Enter"); try m.waitFor("Добавлен пользователь orlova")

        // A CP1251 file with commas: the preview shows the names right; y imports.
        try m.type("1"); try m.type("i"); try m.waitFor("Импорт организаций")
        try m.type(csv); try m.keys("Enter")
        screen = try m.waitFor("Импорт: что изменится")
        #expect(screen.contains("dou-031 новая: МБДОУ «Детский сад № 31 \"Журавушка\"», ДОО, 140 уч."))
        #expect(!screen.contains("\u{FFFD}"))
        try m.type("y"); try m.waitFor("Импорт выполнен: новых организаций 1")

        // The export, from the dashboard.
        try m.keys("Escape"); try m.waitFor("Обзор кампании")
        try m.type("x"); try m.waitFor("Выгрузка в Excel")
        try m.keys("C-u"); try m.type(files + "/итоги.xlsx"); try m.keys("Enter")
        try m.waitFor("Результаты выгружены в", timeout: 90)
        try m.quit()

        let c = try ws.campaign(orLatest: nil)
        #expect(c.extensions[org] == Day(year: 2026, month: 10, day: 12))
        #expect(c.extensionReason(for: org) == "Ремонт кровли, занятия отменены")
        #expect(c.checkDeadline == Day(year: 2026, month: 10, day: 20))
        #expect(try ws.person("orlova").org == "sch-003")
        #expect(try ws.organisation("dou-031").name == "МБДОУ «Детский сад № 31 \"Журавушка\"»")
        let actors = Set(try ws.journal.entries().suffix(4).map(\.actor))
        #expect(actors == ["metodist"])
        // The terminal wrote the workbook `profrost export` writes.
        let cli = files + "/cli.xlsx"
        let r = try await Binary.run(["export", "--out", cli], data: ws.root)
        #expect(r.status == 0, "\(r.stderr)")
        let fromTUI = try ReadBook.read(files + "/итоги.xlsx"), fromCLI = try ReadBook.read(cli)
        #expect(fromTUI.sheets.map(\.name) == ["ДОО", "ОО", "ДО", "Уровни", "Проблемные зоны", "Рекомендации"])
        #expect(fromTUI.sheets.map { $0.rows } == fromCLI.sheets.map { $0.rows })
        #expect(fromTUI.sheets.allSatisfy { $0.protected })
    }
}
