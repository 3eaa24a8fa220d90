import ArgumentParser
import Foundation
import Model

/// `profrost report`: the department's analytic document of a period, Markdown and (through pandoc) .docx/.odt.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Составить аналитическую справку за период: всегда Markdown, а также .docx или .odt (через pandoc).",
        discussion: "Уровни и их распределение (с текстовой диаграммой), кластеры и места, проблемные зоны, динамика, эффективные практики, рекомендации по адресным группам, решения и их результат, другие мониторинги периода. С --out FILE.docx (или .odt) рядом записывается и FILE.md. --approve сначала записывает утверждение методистом, --draft возвращает справку в черновик.")
    @OptionGroup var global: GlobalOptions
    @Option(help: HelpText.period) var period: String
    @Option(help: "Куда записать: FILE.md, FILE.docx или FILE.odt.") var out: String
    @Option(help: HelpText.clusters) var clusters: String?
    @Flag(help: "Утвердить справку (методист) перед записью.") var approve = false
    @Flag(help: "Вернуть справку в черновик перед записью.") var draft = false

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
    static let configuration = CommandConfiguration(commandName: "practices", abstract: "Эффективные практики: кто получает баллы за показатель, по которому большинство кластера их не получает.")
    @OptionGroup var global: GlobalOptions
    @Option(help: HelpText.periodOrNewest) var period: String?
    @Option(help: HelpText.clusters) var clusters: String?
    @Option(help: HelpText.format) var format: OutputFormat = .table
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
