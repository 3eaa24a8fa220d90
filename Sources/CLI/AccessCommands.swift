import ArgumentParser
import Foundation
import Model

/// `profrost ssh-line ID --key FILE.pub`: the authorized_keys line that signs a person in by their key.
struct SSHLine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh-line",
        abstract: "Вывести строку для authorized_keys, по которой этот пользователь входит в profrost.",
        discussion: "Все пользователи могут входить под одной учётной записью сервера: у каждого ключа своя строка, и её команда (command=) определяет, кто вошёл.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Код пользователя (логин в profrost).") var id: String
    @Option(help: "Файл открытого ключа пользователя (например, id_ed25519.pub).") var key: String
    @Option(help: "Полный путь к программе profrost на сервере (по умолчанию — эта программа).") var binary: String?

    func run() throws {
        let s = try global.session()
        try s.require(.manageDirectory, campaign: nil)
        let person = try s.workspace.person(id)
        guard person.isActive else {
            throw StoreError.invalid(InputError("\(id) is revoked", russian: "Доступ \(id) отозван"))
        }
        guard let text = FileManager.default.contents(atPath: global.absolute(key)).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw StoreError.invalid(InputError("cannot read the public key \(key)", russian: "Не удаётся прочитать открытый ключ \(key)"))
        }
        let line = try AuthorizedKeys.line(personID: id, publicKey: text, binary: binary.map(global.absolute) ?? Self.currentBinary(),
                                           workspace: s.workspace.root)
        Output.print(line)
    }

    static func currentBinary() -> String {
        URL(fileURLWithPath: CommandLine.arguments.first ?? "profrost").resolvingSymlinksInPath().path
    }
}

/// `profrost people revoke ID`.
struct Revoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Сразу закрыть пользователю доступ (его ключ перестаёт открывать profrost).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Код пользователя (логин в profrost).") var id: String
    func run() throws {
        try global.session().revokePerson(id)
        Output.print("Доступ \(id) отозван.")
    }
}

/// `profrost audit verify|show|keygen|checkpoint`: the hash-chained journal and what it vouches for.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Журнал всех изменений.",
                                                     subcommands: [Verify.self, Show.self, Keygen.self, Checkpoint.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Проверить журнал, подписанные контрольные точки, каждый документ по журналу и кэш баллов.",
            discussion: """
            Код завершения 0 — всё цело, 6 — что-то не так (каждая находка отдельной строкой).
            Без --key контрольные точки проверяются по ключу, записанному в них самих; укажите файл своего ключа \
            (закрытого или .pub), чтобы проверить их по вашему ключу и прочитать копию контрольных точек, \
            хранящуюся рядом с ним.
            """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Файл вашего ключа аудита (закрытого или .pub), хранящийся вне рабочей папки.") var key: String?
        @Option(help: HelpText.tableOrJSON) var format: TableOrJSON = .table

        func run() throws {
            let ws = try global.workspace()
            let auditKey = try key.map { try AuditKey.load(global.absolute($0)) }
            let report = ws.audit(key: auditKey)
            if format == .json {
                try Output.json(report)
            } else {
                for p in report.problems { Output.print("НАРУШЕНИЕ [\(p.code)] \(p.message)") }
                Output.print("Записей в журнале: \(report.entries); документов проверено: \(report.documents); строк кэша баллов: \(report.indexLines)")
                if let last = report.lastCheckpointSeq {
                    let whose = report.keySupplied ? "вашим ключом \(auditKey?.fingerprint ?? "")"
                        : "ключом \(report.signers.joined(separator: ", ")) (сверьте отпечаток со своим или укажите --key)"
                    Output.print("Контрольных точек: \(report.checkpoints), последняя на записи \(last), подписаны \(whose)")
                    if report.entries > last {
                        Output.print("Записи \(last + 1)–\(report.entries) ещё не подписаны: их удаление или подмена обнаружимы только по цепочке")
                    }
                } else {
                    Output.print("Контрольных точек нет: удаление последних записей, очистка журнала или его согласованная перезапись не обнаружимы (profrost audit checkpoint --key …)")
                }
                Output.print(report.intact ? "Целостность подтверждена." : "Найдено нарушений: \(report.problems.count).")
            }
            if !report.intact { throw ExitCode(6) }
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Создать пару ключей аудита методиста (Ed25519): FILE\u{00A0}— закрытый, хранить вне рабочей папки, и FILE.pub — открытый.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Куда записать закрытый ключ (только вне рабочей папки).") var out: String

        func run() throws {
            let file = global.absolute(out)
            let root = (global.dataDirectory() as NSString).standardizingPath
            let std = (file as NSString).standardizingPath
            if std == root || std.hasPrefix(root + "/") {
                throw StoreError.invalid(InputError("keep the audit key outside the workspace (\(root)): whoever can edit the workspace must not be able to sign",
                                                    russian: "Храните ключ вне рабочей папки: тот, кто может править её файлы, не должен иметь ключа"))
            }
            let key = try AuditKey.generate(at: file)
            Output.print("Ключ создан: \(file) (закрытый) и \(file).pub (открытый)")
            Output.print("Отпечаток ключа: \(key.fingerprint) — запишите его")
        }
    }

    struct Checkpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Подписать текущее состояние журнала (число записей и последний хеш) своим ключом аудита.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Файл вашего закрытого ключа аудита.") var key: String

        func run() throws {
            let s = try global.session()
            try s.require(.viewJournal, campaign: nil)
            let k = try AuditKey.load(global.absolute(key))
            let cp = try s.workspace.checkpoint(key: k, at: s.now())
            Output.print("Контрольная точка: запись \(cp.seq), хеш \(cp.hash.prefix(16))…, ключ \(k.fingerprint)")
            if let copy = k.checkpointCopyPath { Output.print("Копия: \(copy)") }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Показать журнал: кто, что и когда изменил, как было и как стало.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Только изменения карты этой организации (код).") var org: String?
        @Option(help: "Только изменения этого пользователя (код).") var actor: String?
        @Option(help: "Только изменения с этого дня, ГГГГ-ММ-ДД.") var since: String?
        @Option(help: "Не больше стольких записей (самых новых).") var limit: Int?
        @Option(help: HelpText.format) var format: OutputFormat = .table

        func run() throws {
            let s = try global.session()
            try s.require(.viewJournal, campaign: nil)
            let from = try parseDay(since, "--since")
            var entries = try s.workspace.journal.entries().filter { e in
                (org == nil || e.target.hasSuffix("/\(org ?? "")") || e.target.contains("/\(org ?? "")#") || e.target == "org:\(org ?? "")")
                    && (actor == nil || e.actor == actor)
                    && (from.map { Day.today(now: e.time) >= $0 } ?? true)
            }
            if let l = limit, entries.count > l { entries = Array(entries.suffix(l)) }
            if format == .json { return try Output.json(entries) }
            Output.emit(format, header: ["seq", "time", "actor", "action", "target", "before", "after"],
                        russianHeader: ["№", "время", "кто", "действие", "что", "было", "стало"], right: [0]) { ru in entries.map { ["\($0.seq)", ru ? Timestamp.russian($0.time, seconds: true) : Timestamp.format($0.time), $0.actor, $0.action, $0.target,
                                             String($0.before.compact.prefix(40)), String($0.after.compact.prefix(60))] } }
        }
    }
}
