import Foundation
import Testing
import ChildProcess
import Model
import TestSupport

/// README's "A tour of the CLI" as a new user would paste it: every line as written, in a fresh folder, with the
/// `profrost` of this checkout first on PATH. Each command must exit 0. (Its `campaign extend` example failed
/// once the demo's deadlines followed the real date; the tour now fixes the date with `PROFROST_TODAY`.)
@Suite struct ReadmeTourTests {
    @Test func everyTourCommandRunsAsWritten() throws {
        let readme = try String(contentsOfFile: Fixture.repoRoot + "/README.md", encoding: .utf8)
        let tour = try #require(readme.range(of: "## A tour of the CLI"))
        let rest = readme[tour.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        let lines = rest[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("profrost init --demo") })

        let work = Fixture.tempDir("tour")
        // The organisations file the tour imports, as a spreadsheet program writes it.
        let made = try Child.run("/usr/bin/env", ["python3", "-c", """
            import sys, openpyxl
            wb = openpyxl.Workbook(); ws = wb.active
            ws.append(["код", "наименование", "тип", "учащихся", "уровень", "краткое наименование"])
            ws.append(["sch-901", "МБОУ «СОШ № 901»", "ОО", 640, "средняя", "СОШ № 901"])
            wb.save(sys.argv[1])
            """, work + "/orgs.xlsx"])
        #expect(made.succeeded, "\(made.error)")

        // Each command line fails the script with its own text; comment lines are kept as bash reads them.
        var script = "set -u\nexport PATH='\((Binary.path as NSString).deletingLastPathComponent)':\"$PATH\"\ncd '\(work)'\n"
        for line in lines {
            let text = line.replacingOccurrences(of: "/tmp/town", with: work + "/town")
            let command = Whitespace.trimmed(text)
            if command.isEmpty || command.hasPrefix("#") { continue }
            let quoted = command.replacingOccurrences(of: "'", with: "'\\''")
            script += "\(text) || { echo 'README line failed: \(quoted)' >&2; exit 1; }\n"
        }
        var env = ProcessInfo.processInfo.environment
        for key in ["PROFROST_DATA", "PROFROST_TODAY", "SSH_ORIGINAL_COMMAND", "XDG_DATA_HOME"] { env[key] = nil }
        env["XDG_DATA_HOME"] = work + "/xdg"   // nothing may fall back to the user's own workspace
        let r = try Child.run("/bin/bash", ["-c", script], environment: env, timeout: 300)
        #expect(r.succeeded, "\(r.error)")
        #expect(r.output.contains("Целостность подтверждена"))
        #expect(r.output.contains("dou-004 может заполнять карту до 10.10.2026"))
        #expect(FileManager.default.fileExists(atPath: work + "/town/journal.jsonl"))
    }
}
