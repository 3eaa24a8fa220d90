import Foundation
import Testing
import Model
import TestSupport

/// The CLI attacked as issue reports did: escapes and megabytes in text fields, paths for ids, stale locks,
/// imports that rewrite history; and the README's commands run as written.
@Suite struct HostileCLITests {
    func demo() async throws -> String { try await Binary.demo() }
    func draft(_ dir: String) throws -> String { try Fixture.draftGeneral(try Workspace(root: dir)) }

    /// Nothing a terminal would act on: ESC (CSI, OSC 52 clipboard, OSC 0 title), BEL, NUL, C1, bidi overrides.
    func assertInert(_ text: String, _ what: String) {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let control = (v < 0x20 && v != 0x0A && v != 0x0D) || (0x7F..<0xA0).contains(v)
            let bidi = (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            if control || bidi { Issue.record("\(what) prints U+\(String(v, radix: 16))"); return }
        }
    }

    @Test func typedEscapesReachNoTerminalButJSONKeepsThem() async throws {
        let dir = try await demo()
        let org = try draft(dir)
        // (No NUL here: argv cannot carry one. The CSV below does.)
        let evil = "\u{1b}[2J\u{1b}]52;c;aGFjaw==\u{7}\u{1b}]0;pwned\u{7}\u{202E}Приказ\u{9b}"
        var r = try await Binary.run(["card", "set", org, "d1.3", "yes", "--evidence", evil, "--doc-number", "\u{1b}[31m7", "--as", "dir-\(org)"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = Fixture.tempDir("csv") + "/evil.csv"
        try Data("id;name;type;pupils;level\nevil-1;\"\u{1b}]0;title\u{7}Школа\u{202E}\u{0} № 1\";general;300;secondary\n".utf8).write(to: URL(fileURLWithPath: csv))
        r = try await Binary.run(["orgs", "import", csv], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try await Binary.run(["people", "add", "evil", "--role", "reviewer", "--name", "\u{1b}[8mИванов\u{7}"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")

        for args in [["card", "show", org], ["score"], ["rank"], ["deadlines"], ["people", "list"], ["orgs", "list"],
                     ["score", "--format", "csv"], ["people", "list", "--format", "csv"], ["card", "show", "evil-1"],
                     ["card", "show", "\u{1b}]0;x\u{7}"]] {
            let out = try await Binary.run(args, data: dir)
            assertInert(out.stdout, "\(args) stdout")
            assertInert(out.stderr, "\(args) stderr")
        }
        let shown = try await Binary.run(["card", "show", org], data: dir)
        #expect(shown.stdout.contains("Приказ № 7"), "\(shown.stdout)")
        // JSON keeps the exact data, escaped.
        let json = try await Binary.run(["card", "show", org, "--format", "json"], data: dir)
        #expect(json.stdout.contains("\\u001b]52;c;aGFjaw==\\u0007"))
        #expect(json.stdout.contains("\\u202e") && json.stdout.contains("\\u009b"), "bidi and C1 escaped, not dropped")
        assertInert(json.stdout, "json")
        let ws = try Workspace(root: dir)
        #expect(try ws.savedCard(org: org, period: "2025-26")?.evidence["d1.3"]?.document == evil)
    }

    @Test func longTextIsRefusedAtEntryAndCutInTables() async throws {
        let dir = try await demo()
        let org = try draft(dir)
        let path = dir + "/campaigns/2025-26/cards/\(org).json"
        let before = FileManager.default.contents(atPath: path)
        var r = try await Binary.run(["card", "set", org, "d1.3", "yes", "--evidence", String(repeating: "ж", count: 60_000), "--as", "dir-\(org)"], data: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("too long"), "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: path) == before)
        // The longest a document name may be: the table cuts it to its column with «…».
        let longest = String(repeating: "я", count: FieldLimit.document.maxLength)
        r = try await Binary.run(["card", "set", org, "d1.3", "yes", "--evidence", longest, "--as", "dir-\(org)"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try await Binary.run(["card", "show", org], data: dir)
        let row = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("d1.3 ") })
        #expect(row.contains("…") && !row.contains(Substring(longest)))
        let widest = r.stdout.split(separator: "\n").map(\.count).max() ?? 0
        #expect(widest < 320, "a table line of \(widest) characters")
        #expect(r.stdout.utf8.count < 16_000)
        r = try await Binary.run(["card", "show", org, "--format", "json"], data: dir)
        #expect(r.stdout.contains(longest))
    }

    /// README: `profrost --data /srv/profrost ssh-line ivanova --key …` as written; global options after the command too.
    @Test func globalOptionsWorkBeforeAndAfterTheCommand() async throws {
        let dir = try await demo()
        let key = Fixture.tempDir("key") + "/k.pub"
        try Data("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ3y5dQ0bL6hN2pQ6q8fZ0B4yqT8m1tQyq3b9jv6XlA ivanova@school\n".utf8)
            .write(to: URL(fileURLWithPath: key))
        var r = try await Binary.run(["--data", dir, "ssh-line", "metodist", "--key", key, "--binary", "/usr/local/bin/profrost"], data: nil)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("command=\"/usr/local/bin/profrost --data \(dir) --as metodist\""), "\(r.stdout)")
        let org = try draft(dir)
        r = try await Binary.run(["--data", dir, "--as", "dir-\(org)", "--today=2026-09-10", "card", "set", org, "d1.3", "yes"], data: nil, today: nil)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("d1.3 = да"))
        r = try await Binary.run(["card", "show", org, "--format", "json", "--data", dir], data: nil)
        #expect(r.status == 0 && r.stdout.contains("\"present\" : true"))
        r = try await Binary.run(["--as", "dir-\(org)", "score"], data: dir)
        #expect(r.status == 3, "a principal may not see the ranking: \(r.stderr)")
    }

    @Test func revokedPeopleAreRefusedOnTheCLI() async throws {
        let dir = try await demo()
        let org = try draft(dir)
        var r = try await Binary.run(["card", "set", org, "d1.3", "yes", "--as", "dir-\(org)"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try await Binary.run(["people", "revoke", "dir-\(org)"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try await Binary.run(["card", "set", org, "d1.3", "no", "--as", "dir-\(org)"], data: dir)
        #expect(r.status == 3 && r.stderr.contains("revoked"), "\(r.stderr)")
        r = try await Binary.run(["people", "list", "--format", "json"], data: dir)
        let people = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(people.first { $0["id"] as? String == "dir-\(org)" }?["revokedAt"] != nil)
        let journal = try String(contentsOfFile: dir + "/journal.jsonl", encoding: .utf8)
        #expect(journal.split(separator: "\n").last?.contains("\"action\":\"person.revoke\"") == true)
        #expect(try Workspace(root: dir).savedCard(org: org, period: "2025-26")?.answers["d1.3"] == .fact(true))
    }

    @Test func csvCellsThatExcelWouldRunAreText() async throws {
        let dir = try await demo()
        let csv = Fixture.tempDir("csv") + "/f.csv"
        try Data("id;name;type\nf-1;=1+2;general\nf-2;@SUM(A1);general\nf-3;+7 школа;general\nf-4;-1;general\n".utf8).write(to: URL(fileURLWithPath: csv))
        var r = try await Binary.run(["orgs", "import", csv], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try await Binary.run(["orgs", "list", "--format", "csv"], data: dir)
        let lines = r.stdout.components(separatedBy: "\r\n")
        #expect(lines.contains { $0.hasPrefix("f-1;") && $0.hasSuffix(";'=1+2") }, "\(lines.filter { $0.hasPrefix("f-") })")
        #expect(lines.contains { $0.hasPrefix("f-2;") && $0.hasSuffix(";'@SUM(A1)") })
        #expect(lines.contains { $0.hasPrefix("f-3;") && $0.hasSuffix(";'+7 школа") })
        #expect(lines.contains { $0.hasPrefix("f-4;") && $0.hasSuffix(";-1") }, "a number stays a number")
        r = try await Binary.run(["orgs", "list", "--format", "json"], data: dir)
        #expect(r.stdout.contains("\"name\" : \"=1+2\""))
    }

    @Test func anImportThatWouldRescoreCardsIsRefusedUnlessForced() async throws {
        let dir = try await demo()
        let csv = Fixture.tempDir("csv") + "/t.csv"
        // Windows-1251, as Excel in a Russian Windows saves it: «МБОУ СОШ № 1;ДОО».
        var bytes = Data("id;name;type\nsch-001;".utf8)
        bytes.append(contentsOf: [0xCC, 0xC1, 0xCE, 0xD3, 0x20, 0xD1, 0xCE, 0xD8, 0x20, 0xB9, 0x20, 0x31])
        bytes.append(contentsOf: Array(";".utf8) + [0xC4, 0xCE, 0xCE] + Array("\n".utf8))
        try bytes.write(to: URL(fileURLWithPath: csv))
        let before = Fixture.snapshot(dir)
        var r = try await Binary.run(["orgs", "import", csv], data: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("sch-001 (2025-26)") && r.stderr.contains("--force"), "\(r.stderr)")
        #expect(Fixture.snapshot(dir) == before)
        r = try await Binary.run(["orgs", "import", csv, "--force"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        r = try await Binary.run(["orgs", "list", "--format", "json"], data: dir)
        let orgs = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let school = try #require(orgs.first { $0["id"] as? String == "sch-001" })
        #expect(school["name"] as? String == "МБОУ СОШ № 1" && school["type"] as? String == "preschool")
    }

    /// A lock file naming pid 1 (alive for ever, as after a reboot) with no flock held is stale: the save goes
    /// through at once and the takeover is journaled. A lock whose flock is held refuses with exit 4.
    @Test func locksAreJudgedByFlock() async throws {
        let dir = try await demo()
        let org = try draft(dir)
        let lock = dir + "/campaigns/2025-26/cards/\(org).json.lock"
        try Data("1\n".utf8).write(to: URL(fileURLWithPath: lock))
        var r = try await Binary.run(["card", "set", org, "d1.3", "yes", "--as", "dir-\(org)"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let journal = try String(contentsOfFile: dir + "/journal.jsonl", encoding: .utf8)
        #expect(journal.contains("\"action\":\"lock.takeover\",\"actor\":\"dir-\(org)\",\"after\":") && journal.contains("\"before\":1,"))
        // Held: this test holds the flock of a lock file, as a live writer would.
        let fd = open(lock, O_WRONLY | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        defer { close(fd) }
        r = try await Binary.run(["card", "set", org, "d1.3", "no", "--as", "dir-\(org)"], data: dir)
        #expect(r.status == 4, "\(r.stderr)")
        #expect(try Workspace(root: dir).savedCard(org: org, period: "2025-26")?.answers["d1.3"] == .fact(true))
    }
}
