import Foundation
import Model

/// Methodist: the people who sign in — id, name, role, organisation, access — with `a` to add one and `r` to revoke
/// one's access at once (the same Session functions as `profrost people add|revoke`).
public struct PeopleScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    var people: [Person]?
    /// The revision of the list shown: a revocation or an addition is refused if it changed since.
    var revision = 0
    public init() {}

    var title: String { "Люди" }
    var asScreen: Screen { .people(self) }
    var loadEffects: [Effect] { [.loadPeople] }
    var usesOverview: Bool { false }
    func isLoaded(_ ctx: ScreenContext) -> Bool { people != nil }
    var emptyText: String { "Никого нет" }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Кто входит в профрост: методисты, руководители организаций и эксперты. Отозванный доступ действует сразу, "
         + "даже в уже открытой сессии; запись о человеке остаётся (в журнале — кто и когда отозвал). "
         + "Ключ SSH нового человека администратор сервера добавляет командой profrost ssh-line."]
    }

    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { nil }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        let selected = selectedPerson(ctx)
        let why: String? = selected == nil ? "никто не выбран"
            : selected?.id == ctx.person.id ? "нельзя отозвать собственный доступ"
            : selected?.isActive == false ? "доступ уже отозван" : nil
        return [
            Binding(letters("aф"), "a", hint: "Добавить", help: "добавить человека: код, ФИО, роль, организация руководителя") { s, _ in
                [.push(.personForm(PersonFormScreen(taken: Set((s.people ?? []).map(\.id)), revision: s.revision)))]
            },
            Binding([.delete] + letters("rк"), "r, Del", shown: "r", hint: why == nil ? "Отозвать" : nil, help: "отозвать доступ выбранного (с вопросом)",
                    disabled: why) { s, ctx in
                guard let p = s.selectedPerson(ctx) else { return [] }
                return [.dialog(Dialog(title: "Отозвать доступ", lines: [
                    "Отозвать доступ \(p.id) (\(p.role.russian), \(p.name))? Профрост перестанет его пускать сразу, "
                    + "и в открытой сессии тоже. Отменить это нельзя — только добавить человека заново под другим кодом. (y/n)",
                ], action: .effects([.revokePerson(id: p.id, expectedRevision: s.revision)])))]
            },
        ]
    }

    func selectedPerson(_ ctx: ScreenContext) -> Person? {
        guard let id = selectedRow(ctx)?.id else { return nil }
        return people?.first { $0.id == id }
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        let all = people ?? []
        let active = all.filter(\.isActive)
        let count = { (r: Role) in active.filter { $0.role == r }.count }
        return [("Доступ есть у \(active.count): методистов \(count(.methodist)), руководителей \(count(.principal)), "
                 + "экспертов \(count(.reviewer)) · отозван у \(all.count - active.count)", .normal)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Код", width: 12), TableColumn("ФИО", width: 16, flex: 1), TableColumn("Роль", width: 12),
         TableColumn("Организация", width: 11), TableColumn("Доступ", width: 18)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        (people ?? []).map { p in
            TableRow(id: p.id, cells: [
                TableCell(p.id), TableCell(p.name, short: Format.shortName(p.name)), TableCell(p.role.russian),
                TableCell(p.org ?? "—", style: p.org == nil ? .muted : .normal),
                p.revokedAt.map { TableCell("отозван \(Format.day($0))", style: .bad) } ?? TableCell("есть", style: .good),
            ])
        }
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        if case .peopleLoaded(let list, let rev) = msg {
            people = list
            revision = rev
            return []
        }
        return nil
    }
}

/// Methodist: a new person — code (their sign-in id), full name, role, and for a principal their organisation.
public struct PersonFormScreen: FormScreen, Equatable, Sendable {
    public var form: FieldForm
    public var saving = false
    /// Ids already in the list (a code is refused at once, before the Session refuses it too).
    let taken: Set<String>
    /// The list's revision shown (nil after a conflict).
    var revision: Int?

    static let idField = "id", nameField = "name", roleField = "role", orgField = "org"
    static let roles: [Role] = [.principal, .reviewer, .methodist]

    init(taken: Set<String>, revision: Int?) {
        self.taken = taken
        self.revision = revision
        form = FieldForm([
            .form(Self.idField, "Код (для входа)", .identifier, maxLength: 64, hint: "латиница, цифры, - _ ."),
            .form(Self.nameField, "ФИО", maxLength: FieldLimit.personName.maxLength, hint: "полностью"),
            .form(Self.roleField, "Роль", .choice(Self.roles.map(\.russian)), maxLength: 0, hint: "Пробел, ← → — другая"),
            .form(Self.orgField, "Организация", .identifier, maxLength: 64, hint: "код, напр. sch-001"),
        ])
    }

    var title: String { "Новый пользователь" }
    var asScreen: Screen { .personForm(self) }
    var labelWidth: Int { 16 }
    var saveHint: String { "Добавить" }

    var role: Role { Self.roles[min(form.choice(Self.roleField), Self.roles.count - 1)] }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Новый человек: код, под которым он входит (латиница, цифры, - _ .), ФИО, роль (Пробел, ← → — выбрать) "
         + "и для руководителя — код его организации. Ключ SSH добавляет администратор сервера (profrost ssh-line)."]
    }

    func intro(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        [("Добавление в список тех, кто входит в профрост", CellStyle.title.emphasized)]
    }

    func outro(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        var out: [(String, CellStyle)] = []
        if role == .principal {
            let id = form.value(Self.orgField)
            if let o = ctx.overview?.organisation(id) {
                out.append(("Организация: \(o.name)", .accent))
            } else if !id.isEmpty {
                out.append(("Организации «\(id)» нет в списке (раздел 1 — все организации)", .warn))
            }
        }
        if revision == nil { out.append(("Список изменили, пока форма была открыта; Enter — добавить ещё раз.", .warn)) }
        out.append(("Tab — следующее поле; Пробел или ← → — роль; Enter — добавить; Esc — закрыть.", .muted))
        return out
    }

    /// The organisation takes part only for a principal.
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard form.handle(key) else { return nil }
        form.setActive(Self.orgField, role == .principal)
        return []
    }

    mutating func submit(_ ctx: ScreenContext) -> [ScreenCommand] {
        let id = form.value(Self.idField), name = form.value(Self.nameField), org = form.value(Self.orgField)
        var notes: [String: FieldNote] = [:]
        if id.isEmpty {
            notes[Self.idField] = FieldNote("укажите код", isError: true)
        } else if !Identifier.isValid(id) {
            notes[Self.idField] = FieldNote("недопустимый код: латиница, цифры, - _ ., не с точки, до 64 знаков", isError: true)
        } else if taken.contains(id) {
            notes[Self.idField] = FieldNote("код \(id) уже занят", isError: true)
        }
        if name.isEmpty { notes[Self.nameField] = FieldNote("укажите ФИО", isError: true) }
        if let e = FieldLimit.personName.problem(name) { notes[Self.nameField] = FieldNote(e.russian, isError: true) }
        if role == .principal {
            if org.isEmpty {
                notes[Self.orgField] = FieldNote("руководителю нужна организация", isError: true)
            } else if ctx.overview?.organisation(org) == nil {
                notes[Self.orgField] = FieldNote("нет такой организации", isError: true)
            }
        }
        form.mark(notes)
        guard notes.isEmpty else { return [.message(StatusMessage("Не добавлено: исправьте отмеченное", .warning))] }
        return save(.addPerson(Person(id: id, name: name, role: role, org: role == .principal ? org : nil),
                               expectedRevision: revision))
    }

    mutating func rebase() -> [Effect] {
        revision = nil
        return [.loadPeople]
    }
}
