import ArgumentParser
import Foundation
import Model

/// `profrost orgs list|import`.
struct Orgs: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "orgs", abstract: "Organisations of the municipality.",
                                                    subcommands: [List.self, Import.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List organisations.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let s = try global.session()
            try s.require(.viewAnalytics, campaign: nil)
            let orgs = try s.workspace.organisations()
            if format == .json { return try Output.json(orgs) }
            // The CSV imports back as it is (`orgs import` finds the columns by their names).
            Output.emit(format, header: ["id", "type", "pupils", "level", "short_name", "name"],
                        russianHeader: ["код", "тип", "учащихся", "уровень", "кратко", "организация"], right: [2]) { ru in
                orgs.map { [$0.id, ru ? $0.type.russianShort : $0.type.rawValue, $0.pupils.map(String.init) ?? "",
                            (ru ? $0.schoolLevel?.russian : $0.schoolLevel?.rawValue) ?? "", $0.displayShortName, $0.name] }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or update organisations from a CSV file or an .xlsx workbook.",
            discussion: "A CSV (`;` or `,`, UTF-8 with or without BOM or Windows-1251, quoted as Excel quotes) or the first sheet of an .xlsx. With a header line, columns are found by name, Russian or English: код/id, наименование/name, тип/type, учащихся/pupils, уровень/level, краткое наименование/short_name (others are ignored); without one, they are id;name;type;pupils;level;short_name. type is preschool|general|additional (or ДОО|ОО|ДО); level is secondary|basic for general schools; the short name (СОШ № 1) is shown where columns are narrow, and derived from the name when empty. Nothing is imported if any line is wrong, or if an organisation that has cards would change its type or cluster (unless --force).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV or .xlsx file.") var file: String
        @Flag(help: "Change the type or cluster of organisations that already have cards (their cards are then scored under the new type).")
        var force = false

        func run() throws {
            let s = try global.session()
            let imported = try s.readOrganisations(path: global.absolute(file), name: file)
            let plan = try s.importOrganisations(imported, force: force)
            Output.print("Импортировано организаций: \(imported.count) (новых \(plan.added.count), изменено \(plan.updated.count)).")
        }
    }
}

/// `profrost people add|list`.
struct People: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "People who sign in: methodists, principals, reviewers.",
                                                    subcommands: [Add.self, List.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a person.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The person's id (letters, digits, - _ .).") var id: String
        @Option(help: "methodist, principal or reviewer.") var role: String
        @Option(help: "Organisation a principal heads.") var org: String?
        @Option(help: "Full name.") var name: String

        func run() throws {
            let s = try global.session()
            guard let r = Role(rawValue: role) else {
                throw StoreError.invalid(InputError("--role must be methodist, principal or reviewer, got \"\(role)\"", russian: "Роль: methodist (методист), principal (руководитель) или reviewer (эксперт), а указано «\(role)»"))
            }
            let p = Person(id: id, name: name, role: r, org: org)
            try s.addPerson(p)
            Output.print("Добавлен пользователь \(id): \(r.russian).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List people.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let people = try global.session().people().people
            if format == .json { return try Output.json(people) }
            Output.emit(format, header: ["id", "role", "org", "active", "name"],
                        russianHeader: ["код", "роль", "организация", "доступ", "ФИО"]) { ru in
                people.map { [$0.id, ru ? $0.role.russian : $0.role.rawValue, $0.org ?? "",
                              $0.isActive ? (ru ? "есть" : "yes") : (ru ? "отозван" : "revoked"), $0.name] }
            }
        }
    }
}
