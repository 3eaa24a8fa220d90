import ArgumentParser
import Foundation
import Model

/// `profrost ssh-line ID --key FILE.pub`: the authorized_keys line that signs a person in by their key.
struct SSHLine: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh-line",
        abstract: "Print the authorized_keys line that opens profrost as this person.",
        discussion: "All people may share one Unix account; each key gets its own line whose forced command carries the identity.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The person's id.") var id: String
    @Option(help: "The person's public key file (e.g. id_ed25519.pub).") var key: String
    @Option(help: "Absolute path of the profrost binary on the server (default: this one).") var binary: String?

    func run() throws {
        let s = try global.session()
        try s.require(.manageDirectory, campaign: nil)
        let person = try s.workspace.person(id)
        guard person.isActive else {
            throw StoreError.invalid(InputError("\(id) is revoked", russian: "Доступ \(id) отозван"))
        }
        guard let text = FileManager.default.contents(atPath: global.absolute(key)).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw StoreError.io(path: key, reason: "cannot read the public key")
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
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Disable a person at once (their key stops working in profrost).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The person's id.") var id: String
    func run() throws {
        let s = try global.session()
        try s.require(.manageDirectory, campaign: nil)
        if id == s.person.id { throw StoreError.invalid(InputError("you cannot revoke yourself", russian: "Нельзя отозвать собственный доступ")) }
        try s.workspace.revokePerson(id, actor: s.person.id, at: s.now())
        Output.print("Access of \(id) revoked.")
    }
}

/// `profrost audit verify|show`: the hash-chained journal.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The journal of every change.", subcommands: [Verify.self, Show.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check that no entry was edited, removed or reordered.")
        @OptionGroup var global: GlobalOptions
        func run() throws {
            let ws = try global.workspace()
            switch ws.journal.verify() {
            case .intact(let n):
                Output.print("journal intact: \(n) entries")
            case .broken(let line, let seq, let reason):
                Output.warn("profrost: journal broken at line \(line)\(seq.map { " (entry \($0))" } ?? ""): \(reason)")
                throw ExitCode(6)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Read the journal: who changed what, when, before and after.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only changes of this organisation's card.") var org: String?
        @Option(help: "Only changes by this person.") var actor: String?
        @Option(help: "Only changes on or after this day, YYYY-MM-DD.") var since: String?
        @Option(help: "At most this many entries (the newest).") var limit: Int?
        @Option(help: "table or json.") var format: OutputFormat = .table

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
                        rows: entries.map { ["\($0.seq)", Timestamp.format($0.time), $0.actor, $0.action, $0.target,
                                             String($0.before.compact.prefix(40)), String($0.after.compact.prefix(60))] }, right: [0])
        }
    }
}
