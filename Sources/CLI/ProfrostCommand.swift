import ArgumentParser
import Foundation
import Model

/// `profrost`: with no command, the terminal UI; otherwise one of the commands below.
///
/// Every abstract, discussion and argument help is Russian, for the methodists and principals who read it; command
/// and option names, value names and the values programs pass (`--format json`, `confirmed`) stay as they are.
/// The parser's own words (USAGE:, OPTIONS:, "Show help information.", "(default: …)") stay English: its help flag's
/// text is fixed inside swift-argument-parser, and replacing it (`helpNames: []` plus a flag of our own) would lose
/// the parser's help handling — `card set --help` would then fail for the missing <org> before printing anything.
/// The parser wraps help at spaces only, so a `\u{00A0}` (no-break space) keeps «п. 3.6» or «FILE — …» on one line.
public struct ProfrostCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "profrost",
        abstract: "Мониторинг профессионального развития педагогов: экспертные карты, проверка, рейтинг.",
        discussion: "Без команды открывает экранный интерфейс. Рабочая папка — из --data, иначе из $PROFROST_DATA, иначе $XDG_DATA_HOME/profrost.",
        subcommands: [UI.self, DebugTerminal.self, Init.self, Orgs.self, People.self, CardCommand.self, Score.self, Templates.self,
                      DeadlinesCommand.self, CampaignCommand.self, SSHLine.self, Audit.self, DemoCommand.self,
                      RankCommand.self, ZonesCommand.self, DynamicsCommand.self, RecommendCommand.self, ExportCommand.self,
                      MonitoringCommand.self, DecisionsCommand.self, PracticesCommand.self, ReportCommand.self],
        defaultSubcommand: UI.self)

    public init() {}

    /// Entry point: refuses commands smuggled through SSH, runs the command, and reports errors plainly.
    public static func runMain() -> Never {
        if let cmd = ProcessInfo.processInfo.environment["SSH_ORIGINAL_COMMAND"], !cmd.isEmpty {
            FileHandle.standardError.write(Data("profrost: по этому ключу открывается только profrost; команда отклонена.\nprofrost: this SSH key opens profrost only; the command \"\(DisplayText.sanitize(cmd))\" was refused.\n".utf8))
            Foundation.exit(1)
        }
        do {
            var command = try parseAsRoot(GlobalOptions.movedAfterCommand(Array(CommandLine.arguments.dropFirst())))
            try command.run()
            Foundation.exit(0)
        } catch let e as StoreError {
            Output.warn("profrost: ошибка: \(e.russian)\nprofrost: error: \(e.description)")
            Foundation.exit(e.exitCode)
        } catch let e as InputError {
            Output.warn("profrost: ошибка: \(e.russian)\nprofrost: error: \(e.english)")
            Foundation.exit(2)
        } catch {
            CommandLineErrors.exit(error)
        }
    }
}

extension StoreError {
    /// Exit status by kind: 2 bad input, 3 refused by policy, 4 conflict or lock, 5 corrupt file, 1 otherwise.
    var exitCode: Int32 {
        switch self {
        case .invalid, .notFound, .noWorkspace: return 2
        case .denied: return 3
        case .conflict, .locked: return 4
        case .corrupt, .rejected: return 5
        case .io: return 1
        }
    }
}

/// Options every command takes: where the workspace is, who acts, and what day the rules see.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Рабочая папка (по умолчанию — $PROFROST_DATA, иначе $XDG_DATA_HOME/profrost).")
    var data: String?

    @Option(name: .customLong("as"), help: "От чьего имени действовать (код пользователя). По умолчанию — методист рабочей папки.")
    var actor: String?

    @Option(name: .customLong("today"), help: "Какую дату считать сегодняшней, ГГГГ-ММ-ДД (также $PROFROST_TODAY).")
    var today: String?

    public init() {}

    /// The global options' names; each takes one value (`--data DIR` or `--data=DIR`).
    static let names: Set<String> = ["--data", "--as", "--today"]

    /// The arguments with global options given before the command moved after it, so that
    /// `profrost --data /srv/profrost ssh-line ivanova --key k.pub` means what it says (the parser
    /// would otherwise give every option before a command to the default `ui`). Nothing moves when
    /// no command follows them (`profrost --data DIR` opens the UI).
    public static func movedAfterCommand(_ args: [String]) -> [String] {
        var leading: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if names.contains(a) {
                guard i + 1 < args.count else { return args }
                leading += [a, args[i + 1]]; i += 2
            } else if let eq = a.firstIndex(of: "="), names.contains(String(a[..<eq])) {
                leading.append(a); i += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty, i < args.count, !args[i].hasPrefix("-") else { return args }
        var rest = Array(args[i...])
        let end = rest.firstIndex(of: "--") ?? rest.count
        rest.insert(contentsOf: leading, at: end)
        return rest
    }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Whether the workspace folder was chosen explicitly (flag or environment).
    var isDefaultLocation: Bool { data == nil && (environment["PROFROST_DATA"] ?? "").isEmpty }

    func dataDirectory() -> String {
        if let d = data { return absolute(d) }
        if let d = environment["PROFROST_DATA"], !d.isEmpty { return absolute(d) }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/share")
        return (base as NSString).appendingPathComponent("profrost")
    }

    func absolute(_ p: String) -> String {
        let e = (p as NSString).expandingTildeInPath
        return e.hasPrefix("/") ? e : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(e)
    }

    func day() throws -> Day {
        let text = today ?? environment["PROFROST_TODAY"].flatMap { $0.isEmpty ? nil : $0 }
        guard let t = text else { return Day.today() }
        guard let d = Day(t) else {
            throw StoreError.invalid(InputError("--today must be a date YYYY-MM-DD, got \"\(t)\"", russian: "--today: неверная дата «\(t)», нужна ГГГГ-ММ-ДД"))
        }
        return d
    }

    func workspace() throws -> Workspace { try Workspace(root: dataDirectory()) }

    func session() throws -> Session {
        let ws = try workspace()
        return try Session.open(ws, as: actor, today: try day())
    }
}
