import ArgumentParser
import Foundation
import Model
#if canImport(Glibc)
import Glibc
#endif

/// `profrost demo generate`: a deterministic fictional region of any size, for rehearsals and benchmarks.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Вымышленные рабочие папки для репетиций и замеров скорости.",
                                                    subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Создать в новой папке демонстрационную рабочую папку: заданное число организаций и ежегодных кампаний, всегда одинаковую.",
            discussion: "При одних и тех же --orgs, --years, --seed и --today получается одна и та же рабочая папка. Ход работы выводится в stderr, если это терминал.")

        @Option(help: "Число организаций (не меньше 6).") var orgs = 48
        @Option(help: "Число ежегодных кампаний, последняя из них — текущая.") var years = 2
        @Option(help: "Новая рабочая папка (её не должно быть, или она пуста).") var out: String
        @Option(help: "Начальное число генератора (при том же числе — те же данные).") var seed: UInt64 = 2026
        @Option(help: "Дата, вокруг которой строится текущая кампания, ГГГГ-ММ-ДД (также $PROFROST_TODAY).")
        var today: String?

        func validate() throws {
            guard (6...1_000_000).contains(orgs) else { throw StoreError.invalid(InputError("--orgs must be between 6 and 1000000", russian: "--orgs: от 6 до 1 000 000 организаций")) }
            guard (1...50).contains(years) else { throw StoreError.invalid(InputError("--years must be between 1 and 50", russian: "--years: от 1 до 50 кампаний")) }
        }

        func run() throws {
            let day = try DemoCommand.day(today)
            let root = DemoCommand.absolute(out)
            let generator = DemoGenerator(organisations: orgs, years: years, seed: seed, today: day)
            let meter = isatty(STDERR_FILENO) == 1 ? ProgressMeter(label: "Карты") : nil
            let started = Date()
            try generator.generate(at: root, templates: try BundledData.templates(), progress: meter.map { m in { m.show($0, $1) } })
            meter?.finish()
            let seconds = Date().timeIntervalSince(started)
            Output.print("Рабочая папка создана: \(root) — организаций \(orgs), кампаний \(years), за \(String(format: "%.1f", seconds)) с")
        }
    }

    static func day(_ text: String?) throws -> Day {
        let env = ProcessInfo.processInfo.environment["PROFROST_TODAY"].flatMap { $0.isEmpty ? nil : $0 }
        guard let t = text ?? env else { return Day.today() }
        guard let d = Day(t) else {
            throw StoreError.invalid(InputError("--today must be a date YYYY-MM-DD, got \"\(t)\"", russian: "--today: неверная дата «\(t)», нужна ГГГГ-ММ-ДД"))
        }
        return d
    }

    static func absolute(_ p: String) -> String {
        let e = (p as NSString).expandingTildeInPath
        return e.hasPrefix("/") ? e : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(e)
    }
}

/// A one-line progress counter on stderr, redrawn at most ten times a second.
final class ProgressMeter {
    let label: String
    private var last = Date.distantPast
    private var shown = false

    init(label: String) { self.label = label }

    func show(_ done: Int, _ total: Int) {
        let now = Date()
        guard done == total || now.timeIntervalSince(last) >= 0.1 else { return }
        last = now
        let pct = total > 0 ? done * 100 / total : 100
        FileHandle.standardError.write(Data("\r\(label) \(done)/\(total) (\(pct) %)\u{1B}[K".utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
