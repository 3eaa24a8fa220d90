import Foundation
import ChildProcess
import Testing
import Model
import TestSupport

/// End to end: a demo workspace made by the built `profrost`, exported to .xlsx, read back with openpyxl
/// (`read_workbook.py` beside this file) and compared with `profrost rank --format json`.
@Suite struct ExportAnalyticsTests {
    @Test func exportedWorkbookAgreesWithRank() throws {
        let dir = Fixture.tempDir("export")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        try CLI.ok(["init", "--demo", "--data", ws])
        // An organisation whose name would be a formula in Excel, with exactly 500 pupils.
        let csv = dir + "/orgs.csv"
        try Data("id;name;type;pupils;level\nsch-eq;=1+2 «Школа»;general;500;secondary\n".utf8).write(to: URL(fileURLWithPath: csv))
        try CLI.ok(["orgs", "import", csv, "--data", ws])

        let out = dir + "/итоги.xlsx"
        try CLI.ok(["export", "--data", ws, "--clusters", "size", "--out", out, "--password", "s3cret"])
        let ranked = try JSONDecoder().decode([RankedCluster].self,
                                              from: try CLI.ok(["rank", "--data", ws, "--clusters", "size", "--format", "json"]))
        let book = try ReadBook.read(out)

        // One sheet per cluster, in rank's order, then the summaries.
        let clusterSheets = ranked.map { ClusterKind(rawValue: $0.id)?.shortName ?? "?" }
        #expect(book.sheets.map(\.name) == clusterSheets + ["Уровни", "Проблемные зоны", "Рекомендации"])
        #expect(ranked.map(\.id).contains("general-500-or-fewer"))

        let fills = ["high": "FFC6EFCE", "medium": "FFFFEB9C", "low": "FFFFC7CE"]
        for c in ranked {
            let sheet = try #require(book.sheet(ClusterKind(rawValue: c.id)?.shortName ?? ""))
            #expect(Array(sheet.header.prefix(7)) == [.s("Место"), .s("Код"), .s("Организация"), .s("Баллы"), .s("Максимум"), .s("Процент"), .s("Уровень")])
            #expect(sheet.rows.count == c.rows.count, "rows of \(c.cluster)")
            for (row, (cells, fill)) in zip(c.rows, zip(sheet.rows, sheet.fills)) {
                let level = Level(rawValue: row.level)
                #expect(cells.count >= 10)
                guard cells.count >= 10, fill.count >= 7 else { continue }
                #expect(cells[0] == .n(Double(row.rank)))
                #expect(cells[1] == .s(row.org))
                #expect(cells[2] == .s(row.name))
                #expect(cells[3] == .n(Double(row.points)))
                #expect(cells[4] == .n(Double(row.max)))
                #expect(cells[5] == .n(row.percent))
                #expect(cells[6] == .s(level?.russian ?? "?"))
                #expect(fill[6] == fills[row.level], "level colour of \(row.org)")
                #expect(cells[9] == .s(c.cluster))
            }
        }
        // The 500-pupil schools sit in «500 и менее», and a name starting with "=" is text, not a formula.
        let small = try #require(book.sheet("Средние 500 и менее"))
        let eq = try #require(small.rows.firstIndex { $0.count > 2 && $0[1] == .s("sch-eq") })
        #expect(small.rows[eq][2] == .s("=1+2 «Школа»"))
        #expect(small.types[eq][2] == "s")
        #expect(small.rows.contains { $0.count > 1 && $0[1] == .s("sch-002") })

        // Bold frozen header, filter, widths, protection with the password — on every sheet.
        for s in book.sheets {
            #expect(s.headerBold && s.freeze == "A2" && s.autoFilter != nil, "header of \(s.name)")
            #expect(s.protected && s.hasPassword, "protection of \(s.name)")
            #expect(!s.widths.isEmpty)
        }

        // The levels summary counts what rank shows, per type.
        let levels = try #require(book.sheet("Уровни"))
        func type(_ id: String) -> OrgType { id == "preschool" ? .preschool : id == "additional" ? .additional : .general }
        for t in OrgType.allCases {
            let rows = ranked.filter { type($0.id) == t }.flatMap(\.rows)
            let line = try #require(levels.rows.first { $0.first == .s(t.russianName) })
            let counts: [Int] = ["high", "medium", "low"].map { l in rows.filter { $0.level == l }.count } + [rows.count]
            let expected: [WorkbookValue] = counts.map { .n(Double($0)) }
            #expect(Array(line.dropFirst()) == expected, "levels of \(t.rawValue)")
        }
        // Every organisation below the high level has recommendations (at least the plan of 002 3.6),
        // and the zones cover the municipality.
        let recs = try #require(book.sheet("Рекомендации"))
        let withRecs = Set(recs.rows.compactMap { $0.first?.text })
        let all = ranked.flatMap(\.rows)
        #expect(withRecs.isSubset(of: Set(all.map(\.org))))
        #expect(Set(all.filter { $0.level != "high" }.map(\.org)).isSubset(of: withRecs))
        #expect(try #require(book.sheet("Проблемные зоны")).rows.contains { $0.first == .s("Муниципалитет (все организации)") })
    }

    @Test func csvIsSemicolonUTF8WithBOMAndPrincipalsCannotExport() throws {
        let dir = Fixture.tempDir("export")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ws = dir + "/ws"
        try CLI.ok(["init", "--demo", "--data", ws])
        let csv = try CLI.ok(["rank", "--data", ws, "--format", "csv"])
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("cluster_id;cluster;rank;org;name;points;max;percent;level;trend;status\r\n"))
        #expect(text.contains("preschool;Дошкольные образовательные организации;1;"))

        let out = dir + "/p.xlsx"
        let refused = try CLI.run(["export", "--data", ws, "--as", "dir-sch-001", "--out", out])
        #expect(refused.status == 3)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

}

/// `rank --format json` as the test reads it.
struct RankedCluster: Decodable {
    struct Row: Decodable { var rank: Int; var org: String; var name: String; var points: Int; var max: Int; var percent: Double; var level: String }
    var id: String
    var cluster: String
    var rows: [Row]
}

/// A cell as openpyxl reports it.
enum WorkbookValue: Decodable, Equatable, CustomStringConvertible {
    case s(String), n(Double), null

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let d = try? c.decode(Double.self) { self = .n(d) } else { self = .s(try c.decode(String.self)) }
    }
    var text: String? { if case .s(let t) = self { return t }; return nil }
    var description: String {
        switch self { case .s(let t): return "\"\(t)\""; case .n(let d): return "\(d)"; case .null: return "null" }
    }
}

/// The workbook as `read_workbook.py` prints it.
struct ReadBook: Decodable {
    struct Sheet: Decodable {
        var name: String
        var header: [WorkbookValue]
        var headerBold: Bool
        var rows: [[WorkbookValue]]
        var types: [[String]]
        var fills: [[String?]]
        var freeze: String?
        var autoFilter: String?
        var `protected`: Bool
        var hasPassword: Bool
        var widths: [String: Double]
    }
    var sheets: [Sheet]

    func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

    /// Runs the helper with python3; fails (never skips) when python3 or openpyxl is missing.
    static func read(_ path: String, filePath: String = #filePath) throws -> ReadBook {
        let script = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("read_workbook.py").path
        let r = try CLI.run(["python3", script, path], executable: "/usr/bin/env")
        guard r.status == 0 else { throw CLIFailure(description: "read_workbook.py failed (\(r.status)): \(r.err)") }
        return try JSONDecoder().decode(ReadBook.self, from: r.out)
    }
}

struct CLIFailure: Error, CustomStringConvertible { var description: String }

/// Runs the built `profrost` (next to the test runner, or in .build/debug of the package).
enum CLI {
    static func binary() throws -> String {
        var candidates: [String] = []
        if let runner = CommandLine.arguments.first {
            var url = URL(fileURLWithPath: runner).resolvingSymlinksInPath()
            // Linux: …/debug/profrostPackageTests.xctest; macOS: …/debug/X.xctest/Contents/MacOS/X.
            for _ in 0..<4 {
                url.deleteLastPathComponent()
                candidates.append(url.appendingPathComponent("profrost").path)
            }
        }
        candidates.append(Fixture.repoRoot + "/.build/debug/profrost")
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CLIFailure(description: "the profrost binary was not found (run `swift build` first); looked in \(candidates)")
        }
        return found
    }

    /// Runs a command (at most 300 s) with PROFROST_TODAY fixed; stdout as bytes.
    static func run(_ args: [String], executable: String? = nil) throws -> (status: Int32, out: Data, err: String) {
        var env = ProcessInfo.processInfo.environment
        env["SSH_ORIGINAL_COMMAND"] = nil
        env["PROFROST_TODAY"] = "2026-09-10"
        let r = try Child.run(try executable ?? binary(), args, environment: env, timeout: 300)
        return (r.timedOut ? 124 : r.status, r.outputData, r.error)
    }

    /// Runs `profrost ARGS` and returns its stdout; a non-zero exit is an error with stderr.
    @discardableResult
    static func ok(_ args: [String]) throws -> Data {
        let r = try run(args)
        guard r.status == 0 else { throw CLIFailure(description: "profrost \(args.joined(separator: " ")) exited \(r.status): \(r.err)") }
        return r.out
    }
}
