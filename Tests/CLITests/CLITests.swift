import Foundation
import Testing
import Model
import TestSupport

/// The CLI as a new user meets it: a fresh workspace, real processes, real files.
@Suite struct CLITests {
    func demo() async throws -> String {
        let dir = Fixture.tempDir("cli")
        let r = try await Binary.run(["init", "--demo"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    @Test func demoScoresAMunicipality() async throws {
        let dir = try await demo()
        let r = try await Binary.run(["score", "--format", "json"], data: dir)
        #expect(r.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count >= 40)
        #expect(Set(rows.compactMap { $0["type"] as? String }) == ["preschool", "general", "additional"])
        #expect(Set(rows.compactMap { $0["status"] as? String }) == ["draft", "submitted", "returned", "accepted"])
        let thresholds = ["preschool": (31, 25, 19), "general": (39, 32, 24), "additional": (18, 15, 11)]
        for row in rows {
            let type = try #require(row["type"] as? String)
            let (max, high, medium) = try #require(thresholds[type])
            let points = try #require(row["points"] as? Int)
            #expect(row["max"] as? Int == max)
            let level = points >= high ? "high" : points >= medium ? "medium" : "low"
            #expect(row["level"] as? String == level, "\(row)")
            let dirs = try #require(row["directions"] as? [[String: Any]])
            #expect(dirs.compactMap { $0["points"] as? Int }.reduce(0, +) == points)
            #expect(Set(row.keys).isSuperset(of: ["org", "name", "type", "status", "points", "claimedPoints", "max", "percent", "level", "directions"]))
        }
    }

    @Test func templatesCheckListsTheFourMismatches() async throws {
        let dir = try await demo()
        let r = try await Binary.run(["templates", "check", "--format", "json"], data: dir)
        let found = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let summary = found.map { "\($0["template"] ?? "")/\($0["scope"] ?? "")/\($0["direction"] is NSNull ? "null" : "\($0["direction"] ?? "")")/\($0["declared"] ?? "")/\($0["computed"] ?? "")" }
        #expect(summary == ["preschool/card/null/31/30", "preschool/direction/2/6/5", "additional/card/null/18/17", "additional/direction/3/4/3"])
    }

    @Test func refusedCommandsLeaveTheWorkspaceUnchanged() async throws {
        let dir = try await demo()
        // dou-007 has a draft card in the demo made on 2026-09-10? Use an org whose principal may edit: find a draft.
        let before = Fixture.snapshot(dir)
        // Each refusal for its own reason: 2 bad input, 3 refused by the policy (README, "A tour of the CLI").
        let refused: [([String], Int32)] = [
            (["card", "set", "nope-999", "d1.1", "yes"], 2),                       // unknown organisation
            (["card", "set", "sch-001", "d9.9", "yes"], 2),                        // unknown indicator
            (["card", "set", "sch-001", "d1.1", "eleven"], 2),                     // malformed value
            (["card", "set", "sch-001", "d1.1", "11/10"], 2),                      // impossible count
            (["card", "set", "sch-001", "d1.1", "8//10"], 2),                      // sloppy count
            (["card", "set", "sch-001", "d1.3", "yes", "--as", "ghost"], 2),       // unknown person
            (["card", "set", "sch-001", "d1.3", "yes", "--as", "dir-dou-001"], 3), // someone else's card
            (["card", "set", "sch-001", "d1.3", "yes", "--today", "2026-13-01"], 2), // date out of range
            (["card", "show", "sch-001", "--period", "2025-26/../2024-25"], 2),    // a path, not a period
            (["card", "set", "sch-001", "d1.3", "yes", "--period", "../../x"], 2),
            (["people", "add", "x", "--role", "wizard", "--name", "X"], 2),        // unknown role
            (["people", "add", "../x", "--role", "reviewer", "--name", "X"], 2),   // an id that is a path
            (["orgs", "import", "/nonexistent.csv"], 2),
            (["campaign", "dates", "--fill", "2026-11-01", "--check", "2026-10-01"], 2), // out of order
        ]
        for (args, code) in refused {
            let r = try await Binary.run(args, data: dir)
            #expect(r.status == code, "\(args) must be refused with \(code): \(r.stderr)")
            #expect(r.stderr.hasPrefix("profrost: ошибка: ") && r.stderr.contains("\nprofrost: error: "), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal") && !r.stderr.contains("\u{FFFD}"))
        }
        #expect(Fixture.snapshot(dir) == before)
    }

    @Test func aBrokenCardIsNamedAndLeftAsItIs() async throws {
        let dir = try await demo()
        let path = dir + "/campaigns/2025-26/cards/sch-001.json"
        let broken = Data("{\n  \"formatVersion\" : 1,\n  \"org\" : \"sch-001\",,\n}\n".utf8)
        try broken.write(to: URL(fileURLWithPath: path))
        for args in [["card", "show", "sch-001"], ["card", "set", "sch-001", "d1.3", "yes"], ["score"]] {
            let r = try await Binary.run(args, data: dir)
            #expect(r.status == 5, "\(args): \(r.status)")
            #expect(r.stderr.contains("campaigns/2025-26/cards/sch-001.json:3"), "\(args): \(r.stderr)")
        }
        #expect(FileManager.default.contents(atPath: path) == broken)
    }

    @Test func principalFillsAndSubmitsTheirCard() async throws {
        let dir = Fixture.tempDir("cli")
        _ = try await Binary.run(["init", "--demo"], data: dir, today: "2026-09-01")
        let ws = try Workspace(root: dir)
        let draft = try #require(try ws.scoreRows(try ws.campaign(orLatest: nil)).first { $0.status == .draft && $0.type == .general })
        let me = "dir-\(draft.org)"
        var r = try await Binary.run(["card", "set", draft.org, "d1.1", "9/10", "--evidence", "Справка ЦНПП", "--doc-number", "12", "--as", me], data: dir, today: "2026-09-01")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("d1.1 = 9/10"))
        r = try await Binary.run(["card", "show", draft.org, "--format", "json", "--as", me], data: dir, today: "2026-09-01")
        #expect(r.stdout.contains("\"document\" : \"Справка ЦНПП\""))
        // Claimed without evidence elsewhere? Submit with the flag either way, then the card is locked.
        r = try await Binary.run(["card", "submit", draft.org, "--without-evidence", "--as", me], data: dir, today: "2026-09-01")
        #expect(r.status == 0, "\(r.stderr)")
        r = try await Binary.run(["card", "set", draft.org, "d1.3", "yes", "--as", me], data: dir, today: "2026-09-01")
        #expect(r.status == 3)
        #expect(r.stderr.contains("submitted"))
    }

    @Test func importsOrganisationsFromExcelCSV() async throws {
        let dir = try await demo()
        let csv = Fixture.tempDir("csv") + "/orgs.csv"
        try Data("\u{FEFF}id;name;type;pupils;level\nsch-900;МБОУ «СОШ № 900»;general;812;secondary\ndou-900;Детский сад № 900;ДОО;120;\n".utf8)
            .write(to: URL(fileURLWithPath: csv))
        var r = try await Binary.run(["orgs", "import", csv], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("новых 2"), "\(r.stdout)")
        r = try await Binary.run(["orgs", "list", "--format", "json"], data: dir)
        #expect(r.stdout.contains("МБОУ «СОШ № 900»"))
        let bad = Fixture.tempDir("csv") + "/bad.csv"
        try Data("sch-901,Школа 901,general,300\nsch-902,Школа 902,school-ish,300\n".utf8).write(to: URL(fileURLWithPath: bad))
        let before = Fixture.snapshot(dir)
        r = try await Binary.run(["orgs", "import", bad], data: dir)
        #expect(r.status == 5)
        #expect(r.stderr.contains("bad.csv:2:") && r.stderr.contains("Файл \(bad), строка 2: тип должен быть"), "\(r.stderr)")
        #expect(Fixture.snapshot(dir) == before)
    }
}
