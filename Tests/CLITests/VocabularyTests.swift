import Foundation
import Testing
import Model
import TestSupport

/// One vocabulary: every table and message the CLI prints for people is Russian, with the same word for a status
/// or a level as the screens (`CardStatus.russian`, `Level.russian`); `--format csv|json` keep the English codes.
/// A regression (a new table with English headers, a status printed by its code) is caught here.
@Suite struct VocabularyTests {
    /// English words that a table or message for people must not hold: statuses, levels, verdicts, headers and
    /// the words of the old one-liners. Codes users type (template keys such as `general`, ids, `--options`,
    /// file names) are not words of the interface and are not listed.
    static let forbidden: Set<String> = [
        "draft", "submitted", "returned", "accepted", "unreadable", "high", "medium", "low", "confirmed", "corrected",
        "org", "organisation", "organisations", "name", "type", "status", "points", "claimed", "max", "percent", "level",
        "score", "rank", "rating", "scaled", "cluster", "clusters", "zone", "zones", "where", "zero", "title",
        "direction", "period", "campaign", "campaigns", "change", "trend", "edited", "removed",
        "deadline", "extension", "overdue", "version", "kind", "scope", "indicators", "declared", "computed",
        "wrote", "imported", "recorded", "stored", "added", "identical", "revoked", "opened", "monitoring", "reported",
        "value", "text", "earning", "seq", "time", "actor", "action", "target", "before", "after", "workspace", "created",
        "nothing", "no", "yes", "all", "templates", "add", "up", "of", "the", "by", "for", "and", "in", "to", "with",
    ]

    /// The Latin words of `text` that are forbidden, lower-cased. A word inside a path, an option (`--force`), an id
    /// (`sch-001`, `general.v2`) or a key (`method-activity`) is not a word of the interface.
    static func englishWords(_ text: String) -> Set<String> {
        var found: Set<String> = []
        for token in text.split(whereSeparator: { $0.isWhitespace || "()[],;:«»\"'—–=|".contains($0) }) {
            let t = String(token)
            if t.contains("/") || t.contains("-") || t.contains("_") || t.contains(".") && !t.hasSuffix(".") { continue }
            let word = t.trimmingCharacters(in: CharacterSet(charactersIn: ".!?")).lowercased()
            if forbidden.contains(word) { found.insert(word) }
        }
        return found
    }

    @Test func everyTableAndMessageIsRussian() async throws {
        let dir = Fixture.tempDir("words")
        var offences: [String] = []
        func check(_ args: [String], as who: String? = nil, status expected: Int32 = 0) async throws {
            let r = try await Binary.run(args + (who.map { ["--as", $0] } ?? []), data: dir)
            #expect(r.status == expected, "\(args): \(r.stderr)")
            // The Russian part of an error is its first line; the English line after it is for logs and scripts.
            let errorRussian = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("profrost: error:") && !$0.hasPrefix("Error:")
                && !$0.hasPrefix("Help:") && !$0.hasPrefix("Usage:") && !$0.hasPrefix("  See ") && !$0.hasPrefix("       ") }.joined(separator: "\n")
            let words = Self.englishWords(r.stdout + "\n" + errorRussian)
            if !words.isEmpty { offences.append("\(args.joined(separator: " ")): \(words.sorted().joined(separator: ", "))") }
            #expect(!r.stdout.isEmpty || !r.stderr.isEmpty, "\(args) printed nothing")
        }
        try await check(["init", "--demo"])
        let org = try Fixture.draftGeneral(try Workspace(root: dir))
        // Tables.
        for args in [["score"], ["rank"], ["rank", "--clusters", "size"], ["zones"], ["zones", "--all"], ["dynamics", "sch-001"],
                     ["recommend", "sch-001"], ["recommend", org], ["deadlines"], ["orgs", "list"], ["people", "list"], ["templates", "list"],
                     ["templates", "show", "general"], ["templates", "show", "quality-mechanisms"], ["templates", "check"],
                     ["card", "show", "sch-001"], ["card", "show", org], ["audit", "show", "--limit", "40"], ["audit", "verify"],
                     ["monitoring", "list"], ["monitoring", "show", "2025-26", "method-activity"],
                     ["monitoring", "show", "2025-26", "quality-mechanisms"], ["decisions", "list"], ["practices"]] {
            try await check(args)
        }
        // One-liners of every command that changes something, as its user runs it.
        let principal = "dir-\(org)"
        try await check(["card", "set", org, "d1.3", "yes", "--evidence", "Приказ", "--doc-number", "1", "--doc-date", "01.09.2026"], as: principal)
        try await check(["card", "submit", org, "--without-evidence"], as: principal)
        try await check(["card", "review", org, "d1.3", "confirmed"], as: "expert1")
        try await check(["card", "return", org, "--comment", "Приложите приказ"], as: "expert1")
        try await check(["campaign", "extend", org, "--until", "2026-10-10", "--reason", "Карантин"])
        try await check(["campaign", "extend", org, "--until", "none"])
        try await check(["campaign", "dates", "--fill", "2026-09-30"])
        try await check(["people", "add", "ivanova", "--role", "reviewer", "--name", "Иванова Анна"])
        try await check(["people", "revoke", "ivanova"])
        let csv = dir + "-orgs.csv"
        try Data("код;наименование;тип;краткое наименование\nsch-950;МБОУ «Лицей № 950»;ОО;Лицей\n".utf8).write(to: URL(fileURLWithPath: csv))
        try await check(["orgs", "import", csv])
        let xlsx = dir + "-general.xlsx"
        try await check(["templates", "export", "general", "--out", xlsx])
        try await check(["templates", "import", xlsx, "--base", "general"])
        try await check(["monitoring", "set", "2025-26", "quality-mechanisms", "sch-001", "d1.1", "5/10"])
        try await check(["decisions", "add", "--period", "2025-26", "--target", "org:sch-001", "--indicator", "general:d1.1",
                         "--what", "Семинар", "--responsible", "Методист", "--due", "2026-12-01"])
        try await check(["export", "--out", dir + "-a.xlsx"])
        // Errors: unknown organisation, bad period, bad values, missing arguments, unknown options.
        for (args, code) in [(["card", "show", "nope-1"], Int32(2)), (["score", "--period", "2031-32"], 2), (["rank", "--period", "../x"], 2),
                             (["dynamics", "nope-1"], 2), (["zones", "--threshold", "7"], 2), (["card", "set", "sch-001", "d1.1", "eleven"], 2),
                             (["card", "show"], 64), (["score", "--format", "xml"], 64), (["ssh-line", "x", "--key", "k", "--kee", "z"], 64),
                             (["templates", "import", csv], 2), (["orgs", "import", dir + "-nothing.csv"], 2)] {
            try await check(args, status: code)
        }
        #expect(offences.isEmpty, "English words where people read Russian:\n\(offences.joined(separator: "\n"))")
    }

    /// The same word for a status and a level in the table, the screens' vocabulary and the workbook; the codes
    /// stay in CSV and JSON.
    @Test func oneWordPerStatusAndLevelAndCodesForPrograms() async throws {
        let dir = try await Binary.demo()
        let table = try await Binary.run(["score"], data: dir).stdout
        for s in CardStatus.allCases where s != .draft { #expect(table.contains(s.russian), "\(s)") }
        for l in Level.allCases { #expect(table.contains(l.russian), "\(l)") }
        // A card nobody saved anything in is «не начата», as on the dashboard.
        let ws = try Workspace(root: dir)
        let c = try ws.campaign(orLatest: nil)
        let untouched = try ws.organisations().first { !FileManager.default.fileExists(atPath: ws.cardPath(org: $0.id, period: c.period)) }
        let o = try #require(untouched, "the demo has organisations that have not started their card")
        for args in [["score"], ["rank"], ["deadlines"]] {
            let line = try await Binary.run(args, data: dir).stdout.split(separator: "\n").first { $0.contains(" \(o.id) ") || $0.hasPrefix("\(o.id) ") }
            #expect(line?.contains(CardStatus.notStartedRussian) == true, "\(args): \(line ?? "no row")")
        }
        let csv = try await Binary.run(["score", "--format", "csv"], data: dir).stdout
        #expect(csv.hasPrefix("\u{FEFF}org;type;status;points;claimed;max;percent;level;name"))
        #expect(csv.contains(";submitted;") && csv.contains(";high;") && !csv.contains("на проверке"))
    }

    /// Moments in human tables are read the Russian way, in the server's local time (`06.09.2026 12:42`), as the
    /// TUI shows them; JSON and CSV keep ISO 8601 UTC for programs.
    @Test func momentsInTablesAreRussianAndProgramsKeepISO() async throws {
        let dir = try await Binary.demo()
        let json = try await Binary.run(["deadlines", "--format", "json"], data: dir).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let row = try #require(rows.first { $0["submittedAt"] is String }, "the demo has submitted cards")
        let org = try #require(row["org"] as? String), iso = try #require(row["submittedAt"] as? String)
        let at = try #require(Timestamp.parse(iso))
        let table = try await Binary.run(["deadlines"], data: dir).stdout
        let line = try #require(table.split(separator: "\n").first { $0.hasPrefix("\(org) ") })
        #expect(line.contains(Timestamp.russian(at)) && !line.contains(iso), "\(line)")
        #expect(Timestamp.russian(at).wholeMatch(of: #/\d\d\.\d\d\.\d{4} \d\d:\d\d/#) != nil)
        let csv = try await Binary.run(["deadlines", "--format", "csv"], data: dir).stdout
        #expect(csv.contains(";\(iso);"))
        let log = try await Binary.run(["audit", "show", "--limit", "1"], data: dir).stdout
        #expect(log.contains(#/\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d/#) && !log.contains("Z "), "\(log)")
    }

    /// The parser's own errors (a missing argument, an unknown option, a value not in the list) get a Russian line
    /// first; the exit status stays 64.
    @Test func commandLineMistakesAreExplainedInRussian() async throws {
        let dir = try await Binary.demo()
        let cases: [([String], String)] = [
            (["card", "show"], "не указан аргумент <org>"),
            (["score", "--format", "xml"], "недопустимое значение «xml» для --format <format> — допустимо: table, csv, json"),
            // A command with no CSV refuses it rather than printing its table as if it had understood.
            (["card", "show", "sch-001", "--format", "csv"], "недопустимое значение «csv» для --format <format> — допустимо: table, json"),
            (["ssh-line", "x", "--key", "k", "--kee", "z"], "неизвестный параметр --kee"),
            (["dynamics", "sch-001", "extra"], "лишний аргумент extra"),
        ]
        for (args, russian) in cases {
            let r = try await Binary.run(args, data: dir)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.hasPrefix("profrost: ошибка: \(russian)"), "\(args): \(r.stderr)")
            #expect(r.stderr.contains("Usage:"), "the usage stays: \(r.stderr)")
        }
        let help = try await Binary.run(["score", "--help"], data: dir)
        #expect(help.status == 0 && help.stdout.contains("--format"))
    }
}

/// Templates and organisations through spreadsheets, as the methodist and the departments use them.
@Suite struct SpreadsheetImportTests {
    /// Export → import of the .xlsx gives the same template (nothing stored); a cell edited in openpyxl makes a new
    /// version; a wrong cell is named by its sheet row, and nothing is stored.
    @Test func aTemplateGoesThroughExcelAndBack() async throws {
        let dir = try await Binary.demo()
        let xlsx = dir + "-general.xlsx"
        var r = try await Binary.run(["templates", "export", "general", "--out", xlsx], data: dir)
        #expect(r.status == 0 && r.stdout.contains("Записан"), "\(r.stderr)")
        r = try await Binary.run(["templates", "import", xlsx, "--base", "general"], data: dir)
        #expect(r.status == 0 && r.stdout.contains("Совпадает с сохранённым шаблоном general (версия 1)"), "\(r.stdout)\(r.stderr)")
        // Edited as a department would: openpyxl rewrites the workbook (its own shared strings, its own layout).
        let edited = dir + "-edited.xlsx", bad = dir + "-bad.xlsx"
        _ = try await python("""
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
        assert [c.value for c in ws[1]][:6] == ["direction", "direction_title", "direction_max", "id", "text", "rule"]
        ws["E2"] = ws["E2"].value + " (уточнено)"
        ws.delete_rows(4)
        wb.save(sys.argv[2])
        ws["F6"] = "fakt"
        wb.save(sys.argv[3])
        """, [xlsx, edited, bad])
        let before = Fixture.snapshot(dir)
        r = try await Binary.run(["templates", "import", bad, "--base", "general"], data: dir)
        #expect(r.status == 5, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("profrost: ошибка: Файл \(bad), лист «general», строка 6: rule: одно из fact"), "\(r.stderr)")
        #expect(Fixture.snapshot(dir) == before)
        r = try await Binary.run(["templates", "import", edited, "--base", "general"], data: dir)
        #expect(r.status == 0 && r.stdout.contains("general.v2"), "\(r.stdout)\(r.stderr)")
        let v2 = try await Binary.run(["templates", "export", "general.v2", "--format", "csv"], data: dir).stdout
        let v1 = try await Binary.run(["templates", "export", "general.v1", "--format", "csv"], data: dir).stdout
        #expect(v2.components(separatedBy: "\r\n").count == v1.components(separatedBy: "\r\n").count - 1)
        #expect(v2.contains("(уточнено)") && !v1.contains("(уточнено)"))
    }

    /// The organisations' CSV carries the short name both ways; an .xlsx of organisations imports.
    @Test func organisationsWithShortNamesThroughCSVAndExcel() async throws {
        let dir = try await Binary.demo()
        var r = try await Binary.run(["orgs", "list", "--format", "csv"], data: dir)
        #expect(r.stdout.hasPrefix("\u{FEFF}id;type;pupils;level;short_name;name\r\n"))
        // Exported and imported back: nothing changes.
        let csv = dir + "-orgs.csv"
        try Data(r.stdout.utf8).write(to: URL(fileURLWithPath: csv))
        let before = Fixture.snapshot(dir).filter { !$0.key.hasPrefix("journal") }
        r = try await Binary.run(["orgs", "import", csv], data: dir)
        #expect(r.status == 0 && r.stdout.contains("новых 0, изменено 0"), "\(r.stdout)\(r.stderr)")
        #expect(Fixture.snapshot(dir).filter { !$0.key.hasPrefix("journal") } == before)
        let xlsx = dir + "-orgs.xlsx"
        _ = try await python("""
        import sys, openpyxl
        wb = openpyxl.Workbook(); ws = wb.active
        ws.append(["Код", "Наименование", "Тип", "Учащихся", "Уровень", "Краткое наименование"])
        ws.append(["sch-001", "МБОУ «Средняя общеобразовательная школа № 1 имени А. С. Пушкина»", "ОО", None, None, "СОШ № 1 им. Пушкина"])
        wb.save(sys.argv[1])
        """, [xlsx])
        r = try await Binary.run(["orgs", "import", xlsx, "--force"], data: dir)
        #expect(r.status == 0 && r.stdout.contains("изменено 1"), "\(r.stdout)\(r.stderr)")
        r = try await Binary.run(["orgs", "list"], data: dir)
        #expect(r.stdout.contains("СОШ № 1 им. Пушкина"), "\(r.stdout)")
    }
}

/// Runs a Python script (python3 with openpyxl, as CI installs it) through the bounded helper; its stdout.
func python(_ script: String, _ args: [String] = []) async throws -> String {
    try await Shell.run("/usr/bin/env", ["python3", "-c", script] + args)
}
