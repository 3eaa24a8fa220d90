import ArgumentParser
import Foundation
import Model

/// `profrost report`: the department's analytic document of a period, Markdown and (through pandoc) .docx/.odt.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write the analytic report of a period: Markdown always, .docx or .odt through pandoc.",
        discussion: "Levels and their distribution (with a text bar chart), clusters and ranks, problem zones, dynamics, effective practices, recommendations per target group, decisions and their effect, the period's other monitorings. --out FILE.docx (or .odt) also writes FILE.md beside it. --approve records the methodist's approval first; --draft takes it back.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Period, e.g. 2025-26.") var period: String
    @Option(help: "FILE.md, FILE.docx or FILE.odt.") var out: String
    @Option(help: "type or size (default: the campaign's).") var clusters: String?
    @Flag(help: "Approve the report (methodist) before writing it.") var approve = false
    @Flag(help: "Return the report to draft before writing it.") var draft = false

    func run() throws {
        let s = try global.session()
        if approve && draft { throw StoreError.invalid(InputError("--approve and --draft exclude each other", russian: "Либо --approve, либо --draft")) }
        if approve || draft { try s.approveReport(period: period, approved: approve) }
        let path = global.absolute(out)
        let ext = (path as NSString).pathExtension.lowercased()
        guard ["md", "docx", "odt"].contains(ext) else {
            throw StoreError.invalid(InputError("--out must end in .md, .docx or .odt", russian: "Файл отчёта: .md, .docx или .odt"))
        }
        let md = try s.analyticDocument(period: period, scheme: try parseScheme(clusters))
        let mdPath = ext == "md" ? path : (path as NSString).deletingPathExtension + ".md"
        try AtomicFile.write(Data(md.utf8), to: mdPath)
        if ext == "md" { return Output.print("Записан \(mdPath).") }
        try Pandoc.convert(markdown: mdPath, to: path, format: ext)
        Output.print("Записаны \(mdPath) и \(path).")
    }
}

/// Runs Debian's `pandoc` to turn Markdown into .docx or .odt.
enum Pandoc {
    static func convert(markdown: String, to out: String, format: String) throws {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let exe = paths.map({ ($0 as NSString).appendingPathComponent("pandoc") }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw StoreError.io(path: out, reason: "pandoc is not installed (apt-get install pandoc); the Markdown was written to \(markdown)")
        }
        let tmp = out + ".tmp-\(getpid()).\(format)"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["-f", "markdown", "-t", format, "-o", tmp, markdown]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let msg = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            try? FileManager.default.removeItem(atPath: tmp)
            throw StoreError.io(path: out, reason: "pandoc failed: \(String(decoding: msg, as: UTF8.self).prefix(300))")
        }
        guard let data = try AtomicFile.read(tmp) else { throw StoreError.io(path: out, reason: "pandoc wrote nothing") }
        try? FileManager.default.removeItem(atPath: tmp)
        try AtomicFile.write(data, to: out)
    }
}

/// `profrost practices`: organisations that earn an indicator where most of their cluster does not.
struct PracticesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "practices", abstract: "Effective practices: who earns an indicator where most of the cluster does not.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Period (default: the newest campaign).") var period: String?
    @Option(help: "type or size (default: the campaign's).") var clusters: String?
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    func run() throws {
        let found = try global.session().effectivePractices(period: period, scheme: try parseScheme(clusters)).practices
        if format == .json { return try Output.json(found) }
        Output.emit(format, header: ["cluster", "indicator", "org", "earning", "name", "text"],
                    russianHeader: ["кластер", "показатель", "код", "получили", "организация", "содержание"]) { ru in
            found.map { f in
                [ru ? Sanitize.line(f.clusterName, limit: 30) : f.cluster, ru ? (f.indicator.map { "\(f.orgType.russianShort) \($0)" } ?? "\(f.orgType.russianShort), направление \(f.direction)")
                              : "\(f.orgType.rawValue):" + (f.indicator ?? "direction \(f.direction)"),
                 f.org, "\(f.earning)/\(f.members)", ru ? Sanitize.line(f.name, limit: 40) : f.name, ru ? Sanitize.line(f.text, limit: 70) : f.text]
            }
        }
    }
}
