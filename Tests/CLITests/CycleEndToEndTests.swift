import Foundation
import Testing
import Model
import TestSupport

/// The real binary at 80×24 in tmux with no LANG: the methodist records a plan of measures for a school in the
/// «Решения» section, the school's principal finds it under «План мероприятий» and reports what was done; the CLI
/// then lists both. Needs `swift build` first (CI runs it before `swift test`).
@Suite struct CycleEndToEndTests {
    @Test func aPlanRecordedInTheTerminalIsReportedOnByThePrincipal() async throws {
        let bin = try #require(TUIPane.binary(), "build profrost first (swift build)")
        let dir = try await Binary.demo()
        func start(_ person: String) throws -> TUIPane {
            try TUIPane("env -u LANG -u LC_ALL -u LC_CTYPE -u PROFROST_TODAY TERM=xterm "
                        + "\(bin) --data \(dir) --today 2026-09-10 --as \(person)", width: 80, height: 24)
        }

        let m = try start("metodist")
        defer { m.kill() }
        try m.waitFor("Обзор кампании")
        try m.type("6")
        try m.waitFor("Решения и их эффективность")
        try m.type("a")
        try m.waitFor("Новое решение")
        try m.type(" ")  // вид: план мероприятий
        try m.keys("Tab", "Tab"); try m.type("sch-005")
        try m.keys("Tab", "Tab"); try m.type("Наставничество для молодых педагогов")
        try m.keys("Tab"); try m.type("Заместитель директора")
        try m.keys("Tab"); try m.type("31.05.2027")
        try m.keys("Tab"); try m.type("d2.8")
        try m.keys("Enter")
        var screen = try m.waitFor("Записано r3: план мероприятий, срок 31.05.2027")
        #expect(screen.contains("r3   2025/26 sch-005"))
        #expect(!screen.contains("\u{FFFD}"))
        try m.keys("Escape")
        try m.waitFor("Обзор кампании")  // (an Esc followed at once by q reads as Alt+q)
        try m.quit()

        let p = try start("dir-sch-005")
        defer { p.kill() }
        try p.waitFor("1-4 Разделы")
        try p.type("3")
        try p.waitFor("r3   2025/26 sch-005")
        screen = try p.capture()
        #expect(!screen.contains("r1   2024/25 sch-001"))  // another school's plan is not shown
        try p.keys("Down")
        try p.type("r")
        try p.waitFor("Отчёт по решению r3")
        try p.type("Провели два занятия школы наставников")
        try p.keys("Tab", "C-u"); try p.type("08.09.2026"); try p.keys("Enter")
        try p.waitFor("Отчёт по r3 записан (отчётов: 1)")
        try p.keys("Escape")
        try p.waitFor("Карта организации")
        try p.quit()

        let list = try await Binary.run(["decisions", "list", "--format", "json"], data: dir)
        #expect(list.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let r3 = try #require(json.first { (($0["decision"] as? [String: Any])?["id"] as? String) == "r3" }?["decision"] as? [String: Any])
        #expect(r3["kind"] as? String == "plan" && r3["responsible"] as? String == "Заместитель директора")
        let reports = try #require(r3["reports"] as? [[String: Any]])
        #expect(reports.first?["by"] as? String == "dir-sch-005" && reports.first?["done"] as? String == "2026-09-08")
    }
}
