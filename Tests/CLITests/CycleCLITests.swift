import Foundation
import Testing
import Model
import TestSupport

/// The management cycle's commands the TUI shares its Model path with: a decision's status, a report with the date
/// it was done, and a principal's own programme values — each refused in Russian where the policy says no.
@Suite struct CycleCLITests {
    @Test func theMethodistSetsAStatusAndAPrincipalReportsWithADate() async throws {
        let dir = try await Binary.demo()
        let bad = try await Binary.run(["decisions", "status", "r1", "finished"], data: dir)
        #expect(bad.status == 2 && bad.stderr.contains("Статус: planned, in-progress, done или cancelled"), "\(bad.stderr)")
        let set = try await Binary.run(["decisions", "status", "r1", "done"], data: dir)
        #expect(set.status == 0 && set.stdout.contains("r1: статус «выполнено»."), "\(set.stderr)")
        let list = try await Binary.run(["decisions", "list"], data: dir)
        #expect(list.stdout.contains("срок 31.05.2026 · выполнено"))
        let csv = try await Binary.run(["decisions", "list", "--format", "csv"], data: dir)
        #expect(csv.stdout.split(separator: "\n").first?.contains("after_period;verdict;status") == true)

        let r1 = try await Binary.run(["decisions", "list", "--format", "json"], data: dir)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r1.stdout.utf8)) as? [[String: Any]])
        let target = try #require(((json.first?["decision"] as? [String: Any])?["target"] as? [String: Any])?["id"] as? String)
        let principal = "dir-\(target)"
        // A principal may not set a status, nor date a report in the future.
        let denied = try await Binary.run(["decisions", "status", "r1", "planned", "--as", principal], data: dir)
        #expect(denied.status == 3 && denied.stderr.contains("Руководителю это недоступно"), "\(denied.stderr)")
        let future = try await Binary.run(["decisions", "report", "r1", "--text", "Сделано", "--date", "2026-09-11", "--as", principal], data: dir)
        #expect(future.status == 2 && future.stderr.contains("Дата выполнения 11.09.2026 ещё не наступила"), "\(future.stderr)")
        let ok = try await Binary.run(["decisions", "report", "r1", "--text", "Сделано", "--date", "2026-09-01", "--as", principal], data: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try await Binary.run(["decisions", "list"], data: dir).stdout.contains("Отчёт \(principal) (\(target)), выполнено 01.09.2026: Сделано"))
        // The journal says who changed the status and who reported.
        let journal = try String(contentsOfFile: (dir as NSString).appendingPathComponent("journal.jsonl"), encoding: .utf8)
        #expect(journal.contains("\"action\":\"decision.status\",\"actor\":\"metodist\",\"after\":\"done\",\"before\":\"planned\""))
        #expect(journal.contains("\"action\":\"decision.report\",\"actor\":\"\(principal)\""))
    }

    @Test func aPrincipalSetsOnlyTheirOwnRequestedValues() async throws {
        let dir = try await Binary.demo()
        let ws = try Workspace(root: dir)
        let m = try ws.monitoring(period: "2025-26", template: "quality-mechanisms")
        let p = try ws.programme(m.template)
        let requested = try #require(p.indicators.first { $0.isRequested && $0.kind == .count })
        let department = try #require(p.indicators.first { !$0.isRequested && $0.reporter == .organisation && $0.kind != .undefined })
        let own = "sch-002", other = "sch-003"
        let mine = try await Binary.run(["monitoring", "set", "2025-26", "quality-mechanisms", own, requested.id, "4", "--as", "dir-\(own)"], data: dir)
        #expect(mine.status == 0, "\(mine.stderr)")
        #expect(try ws.monitoring(period: "2025-26", template: "quality-mechanisms").values[own]?[requested.id] == .count(4))
        let theirs = try await Binary.run(["monitoring", "set", "2025-26", "quality-mechanisms", other, requested.id, "4", "--as", "dir-\(own)"], data: dir)
        #expect(theirs.status == 3 && theirs.stderr.contains("Вносить можно только данные вашей организации"), "\(theirs.stderr)")
        let dept = try await Binary.run(["monitoring", "set", "2025-26", "quality-mechanisms", own, department.id, "1/2", "--as", "dir-\(own)"], data: dir)
        #expect(dept.status == 3 && dept.stderr.contains("Это значение вносит управление образования"), "\(dept.stderr)")
        let late = try await Binary.run(["monitoring", "set", "2025-26", "quality-mechanisms", own, requested.id, "5", "--as", "dir-\(own)"],
                                        data: dir, today: m.closes.adding(days: 1).description)
        #expect(late.status == 3 && late.stderr.contains("Сбор данных завершён \(m.closes.russian)"), "\(late.stderr)")
        // The aggregated tables stay the department's.
        let show = try await Binary.run(["monitoring", "show", "2025-26", "quality-mechanisms", "--as", "dir-\(own)"], data: dir)
        #expect(show.status == 3, "\(show.stderr)")
    }
}
