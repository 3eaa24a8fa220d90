import ArgumentParser
import Foundation
import Model

/// `profrost orgs list|import`.
struct Orgs: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "orgs", abstract: "Организации муниципалитета.",
                                                    subcommands: [List.self, Import.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Список организаций.")
        @OptionGroup var global: GlobalOptions
        @Option(help: HelpText.format) var format: OutputFormat = .table

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
            abstract: "Добавить или обновить организации из файла CSV или книги Excel (.xlsx).",
            discussion: "Файл CSV (разделитель `;` или `,`, кодировка UTF-8 с BOM или без него либо Windows-1251, кавычки как в Excel) или первый лист книги .xlsx. Если есть строка заголовков, столбцы находятся по названию, русскому или английскому: код/id, наименование/name, тип/type, учащихся/pupils, уровень/level, краткое наименование/short_name (остальные не читаются); без заголовков порядок такой: id;name;type;pupils;level;short_name. Тип — ДОО, ОО или ДО (или preschool, general, additional); уровень для школ — secondary (средняя) или basic (основная); краткое наименование (СОШ № 1) показывается в узких столбцах, а если оно пусто, составляется из полного. Если хоть одна строка неверна или у организации, по которой уже есть карты, изменится тип или кластер, ничего не загружается (кроме случая --force).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Файл CSV или .xlsx.") var file: String
        @Flag(help: "Изменить тип или кластер организаций, по которым уже есть карты (их карты будут пересчитаны по новому типу).")
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
    static let configuration = CommandConfiguration(abstract: "Пользователи: методисты, руководители, эксперты.",
                                                    subcommands: [Add.self, List.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Добавить пользователя.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Код пользователя (латинские буквы, цифры, - _ .).") var id: String
        @Option(help: "Роль: methodist — методист, principal — руководитель, reviewer — эксперт.") var role: String
        @Option(help: "Организация, которой руководит руководитель (код).") var org: String?
        @Option(help: "ФИО.") var name: String

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
        static let configuration = CommandConfiguration(abstract: "Список пользователей.")
        @OptionGroup var global: GlobalOptions
        @Option(help: HelpText.format) var format: OutputFormat = .table

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
