import Foundation
import ChildProcess
import Testing
import Model
import TestSupport

/// Templates, programme runs, decisions and the analytic report as the methodist meets them in the CLI.
@Suite struct ProgrammeCLITests {
    func demo(today: String = "2026-11-29") async throws -> String {
        let dir = Fixture.tempDir("prog")
        let r = try await Binary.run(["init", "--demo"], data: dir, today: today)
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    @Test func templatesListNamesTheCardsAndTheProgrammes() async throws {
        let dir = try await demo()
        let r = try await Binary.run(["templates", "list", "--format", "json"], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(list.compactMap { $0["id"] as? String } == ["additional", "general", "preschool", "method-activity", "prof-growth", "quality-mechanisms"])
        for t in list {
            #expect(Set(t.keys).isSuperset(of: ["id", "version", "title", "scope", "source"]))
            let source = try #require(t["source"] as? String)
            #expect(!source.lowercased().contains("seed") && !source.contains(".txt") && !source.contains(".json"))
        }
        #expect(list.first { $0["id"] as? String == "quality-mechanisms" }?["scope"] as? String == "organisation+municipality")
        let show = try await Binary.run(["templates", "show", "prof-growth"], data: dir)
        #expect(show.stdout.contains("Мониторинг кадровых потребностей") && show.stdout.contains("не напечатано"))
    }

    @Test func anEditedTemplateIsANewVersionAndTheImportErrorNamesTheLine() async throws {
        let dir = try await demo()
        let csv = (dir as NSString).appendingPathComponent("general.csv")
        #expect(try await Binary.run(["templates", "export", "general", "--format", "csv", "--out", csv], data: dir).status == 0)
        let scoreBefore = try await Binary.run(["score", "--period", "2025-26", "--format", "json"], data: dir).stdout
        var lines = try String(contentsOfFile: csv, encoding: .utf8).components(separatedBy: "\r\n")
        lines[5] = lines[5].replacingOccurrences(of: ";fact;", with: ";fakt;")
        try lines.joined(separator: "\r\n").write(toFile: csv + ".bad.csv", atomically: true, encoding: .utf8)
        let bad = try await Binary.run(["templates", "import", csv + ".bad.csv", "--base", "general"], data: dir)
        #expect(bad.status == 5 && bad.stderr.contains(":6") && bad.stderr.contains("rule must be one of"), "\(bad.stderr)")
        lines = try String(contentsOfFile: csv, encoding: .utf8).components(separatedBy: "\r\n")
        lines.remove(at: 3)                                                    // retire one indicator
        try lines.joined(separator: "\r\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let ok = try await Binary.run(["templates", "import", csv, "--base", "general"], data: dir)
        #expect(ok.status == 0 && ok.stdout.contains("general.v2"), "\(ok.stderr)")
        #expect(try await Binary.run(["score", "--period", "2025-26", "--format", "json"], data: dir).stdout == scoreBefore)
        let opened = try await Binary.run(["campaign", "new", "2026-27", "--template", "general", "--template", "preschool",
                                           "--template", "method-activity", "--fill", "2027-09-20", "--clusters", "size"], data: dir)
        #expect(opened.status == 0 && opened.stdout.contains("general.v2") && opened.stdout.contains("01.09.2027 – 20.12.2027"), "\(opened.stderr)")
    }

    @Test func theDemoRatingAndCollectionAndADecisionsEffect() async throws {
        let dir = try await demo()
        let rating = try await Binary.run(["monitoring", "show", "2024-25", "method-activity", "--format", "json"], data: dir)
        let clusters = try #require(try JSONSerialization.jsonObject(with: Data(rating.stdout.utf8)) as? [[String: Any]])
        #expect(clusters.compactMap { $0["id"] as? String } == ["general-over-500", "general-500-or-fewer", "general-basic"])
        // Every row re-computed by hand from its percents and the cluster's min and max.
        for c in clusters {
            let ranges = try #require(c["ranges"] as? [String: [Double]])
            for row in try #require(c["rows"] as? [[String: Any]]) {
                let values = try #require(row["values"] as? [String: Double])
                let sum = values.reduce(0.0) { acc, kv in
                    let r = ranges[kv.key] ?? [0, 0]
                    return acc + (r[1] > r[0] ? (kv.value - r[0]) / (r[1] - r[0]) : 0)
                }
                #expect(abs((row["rating"] as? Double ?? -1) - (sum * 1000).rounded() / 1000) < 1e-9)
            }
        }
        let collection = try await Binary.run(["monitoring", "show", "2025-26", "quality-mechanisms"], data: dir)
        #expect(collection.status == 0 && collection.stdout.contains("d1.1") && collection.stdout.contains(" = "))
        // The request to organisations comes back and imports as it went out: the recorded values, nothing else.
        let request = (dir as NSString).appendingPathComponent("request.csv")
        #expect(try await Binary.run(["monitoring", "request", "2025-26", "quality-mechanisms", "--out", request], data: dir).status == 0)
        let filled = try String(contentsOfFile: request, encoding: .utf8).components(separatedBy: "\r\n").dropFirst()
            .filter { $0.split(separator: ";", omittingEmptySubsequences: false).count > 2 && !$0.split(separator: ";", omittingEmptySubsequences: false)[2].isEmpty }
        let json = try await Binary.run(["monitoring", "show", "2025-26", "quality-mechanisms", "--format", "json"], data: dir).stdout
        let back = try await Binary.run(["monitoring", "import", "2025-26", "quality-mechanisms", request], data: dir)
        #expect(back.status == 0 && back.stdout.contains("Импортировано значений: \(filled.count)"), "\(back.stdout)\(back.stderr)")
        #expect(filled.count > 1000)
        #expect(try await Binary.run(["monitoring", "show", "2025-26", "quality-mechanisms", "--format", "json"], data: dir).stdout == json)
        let xlsx = (dir as NSString).appendingPathComponent("rating.xlsx")
        #expect(try await Binary.run(["monitoring", "export", "2024-25", "method-activity", "--out", xlsx], data: dir).status == 0)
        let sheets = try PythonDocx.run(["import sys, openpyxl", "wb = openpyxl.load_workbook(sys.argv[1])",
                                         "print('|'.join(wb.sheetnames)); print(wb.worksheets[0]['A2'].value, wb.worksheets[0]['C1'].value)"], xlsx)
        #expect(sheets.hasPrefix("Рейтинг Средние более 500|Рейтинг Средние 500 и менее|Рейтинг Основные школы|Ответы организаций"), "\(sheets)")
        #expect(sheets.contains("\n1 Организация"))
        let d = try await Binary.run(["decisions", "list", "--format", "json"], data: dir)
        let outcomes = try #require(try JSONSerialization.jsonObject(with: Data(d.stdout.utf8)) as? [[String: Any]])
        let plan = try #require(outcomes.first)
        #expect((plan["decision"] as? [String: Any])?["period"] as? String == "2024-25")
        let lines = try #require(plan["lines"] as? [[String: Any]])
        #expect(lines.allSatisfy { $0["afterPeriod"] as? String == "2025-26" && $0["before"] is Double && $0["after"] is Double })
        // A principal sees only the plans for their organisation.
        let org = try #require(((plan["decision"] as? [String: Any])?["target"] as? [String: Any])?["id"] as? String)
        let other = org == "sch-002" ? "sch-003" : "sch-002"
        let mine = try await Binary.run(["decisions", "list", "--format", "json", "--as", "dir-\(org)"], data: dir)
        #expect(mine.stdout.contains("\"r1\""))
        let theirs = try await Binary.run(["decisions", "list", "--format", "json", "--as", "dir-\(other)"], data: dir)
        #expect(!theirs.stdout.contains("\"r1\""))
    }

    @Test func theReportOpensInWordWithItsStatus() async throws {
        let dir = try await demo()
        let out = (dir as NSString).appendingPathComponent("справка.docx")
        let r = try await Binary.run(["report", "--period", "2025-26", "--out", out], data: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let draft = try await Binary.run(["report", "--period", "2025-26", "--out", out], data: dir)
        #expect(draft.status == 0)
        let text = try PythonDocx.read(out)
        #expect(text.contains("Статус: проект"))
        #expect(text.contains("1. Уровни и их распределение") && text.contains("7. Управленческие решения и их эффективность"))
        #expect(text.contains("TABLES ") && !text.contains("TABLES 0"))
        #expect(text.contains("█"))
        #expect(try await Binary.run(["report", "--period", "2025-26", "--out", out, "--approve"], data: dir).status == 0)
        let approved = try PythonDocx.read(out)
        #expect(approved.contains("Статус: утверждена — Смирнова Елена Викторовна"))
        let md = try String(contentsOfFile: (dir as NSString).appendingPathComponent("справка.md"), encoding: .utf8)
        #expect(md.contains("## 5. Эффективные практики"))
    }
}

/// Opens what profrost wrote as a user's tools do: python-docx for the report, openpyxl for workbooks.
enum PythonDocx {
    static func read(_ path: String) throws -> String {
        try run(["import sys, docx", "d = docx.Document(sys.argv[1])", "for x in d.paragraphs: print(x.text)",
                 "print('TABLES', len(d.tables))",
                 "for t in d.tables:\n    for r in t.rows: print(' | '.join(c.text for c in r.cells))"], path)
    }

    /// Runs a Python script (lines) on `path` and returns what it prints.
    static func run(_ lines: [String], _ path: String) throws -> String {
        let r = try Child.run("/usr/bin/env", ["python3", "-c", lines.joined(separator: "\n"), path], timeout: 120)
        guard r.succeeded else { throw StoreError.io(path: path, reason: "python could not open it: \(r.error)") }
        return r.output
    }
}
