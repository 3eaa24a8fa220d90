import Foundation

/// Organisations and people: adding, importing, revoking — each validated, saved atomically and journaled.
extension Workspace {
    public func importOrganisations(_ incoming: [Organisation], actor: String) throws -> (added: Int, changed: Int) {
        var added = 0, changed = 0
        try update(OrganisationList.self, at: path("organisations.json"), actor: actor, initial: { OrganisationList() }) { list in
            var changes: [Change] = []
            for o in incoming {
                if let i = list.organisations.firstIndex(where: { $0.id == o.id }) {
                    if list.organisations[i] != o {
                        changes.append(Change("org.update", target: "org:\(o.id)", before: .from(list.organisations[i]), after: .from(o)))
                        list.organisations[i] = o; changed += 1
                    }
                } else {
                    changes.append(Change("org.add", target: "org:\(o.id)", after: .from(o)))
                    list.organisations.append(o); added += 1
                }
            }
            return changes
        }
        return (added, changed)
    }

    public func addPerson(_ p: Person, actor: String) throws {
        guard Identifier.isValid(p.id) else {
            throw StoreError.invalid(InputError("\"\(p.id)\" is not a valid id (letters, digits, - _ .)", russian: "Недопустимый идентификатор"))
        }
        guard !p.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalid(InputError("a person needs a name", russian: "Укажите имя"))
        }
        if p.role == .principal {
            guard let org = p.org else {
                throw StoreError.invalid(InputError("a principal needs --org", russian: "Для руководителя укажите организацию"))
            }
            _ = try organisation(org)
        } else if p.org != nil {
            _ = try organisation(p.org ?? "")
        }
        try update(PeopleList.self, at: path("people.json"), actor: actor, initial: { PeopleList() }) { list in
            if list.people.contains(where: { $0.id == p.id }) {
                throw StoreError.invalid(InputError("person \(p.id) already exists", russian: "Пользователь \(p.id) уже есть"))
            }
            list.people.append(p)
            return [Change("person.add", target: "person:\(p.id)", after: .from(p))]
        }
    }

    /// Disables a person at once: the TUI and CLI refuse them from the next action on.
    public func revokePerson(_ id: String, actor: String, at date: Date = Date()) throws {
        try update(PeopleList.self, at: path("people.json"), actor: actor, initial: { PeopleList() }) { list in
            guard let i = list.people.firstIndex(where: { $0.id == id }) else { throw StoreError.notFound(what: "person", id: id) }
            guard list.people[i].revokedAt == nil else { return [] }
            let before = list.people[i]
            list.people[i].revokedAt = date
            return [Change("person.revoke", target: "person:\(id)", before: .from(before), after: .from(list.people[i]))]
        }
    }
}

/// Reads organisations from a CSV file as departments keep them: `;` or `,`, UTF-8 with or without BOM.
public enum OrganisationCSV {
    public static func parse(_ data: Data, name: String) throws -> [Organisation] {
        guard var text = String(data: data, encoding: .utf8) else {
            throw StoreError.corrupt(path: name, line: 1, reason: "not UTF-8 text (save the file as UTF-8)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.components(separatedBy: .newlines)
        var out: [Organisation] = []
        var seen: [String: Int] = [:]
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let sep: Character = line.contains(";") ? ";" : ","
            let f = line.split(separator: sep, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if out.isEmpty && seen.isEmpty && f.first?.lowercased() == "id" { continue }
            func fail(_ why: String) -> StoreError { .corrupt(path: name, line: i + 1, reason: why) }
            guard f.count >= 3 else { throw fail("expected id;name;type[;pupils[;level]], got \(f.count) fields") }
            let id = f[0]
            guard Identifier.isValid(id) else { throw fail("\"\(id)\" is not a valid id (letters, digits, - _ .)") }
            if let first = seen[id] { throw fail("id \(id) repeats line \(first)") }
            seen[id] = i + 1
            guard !f[1].isEmpty else { throw fail("the name is empty") }
            guard let type = orgType(f[2]) else { throw fail("type must be preschool, general or additional, got \"\(f[2])\"") }
            var pupils: Int?
            if f.count > 3, !f[3].isEmpty {
                guard let p = Int(f[3]), p >= 0, p < 100_000 else { throw fail("pupils must be a whole number, got \"\(f[3])\"") }
                pupils = p
            }
            var level: SchoolLevel?
            if f.count > 4, !f[4].isEmpty {
                switch f[4].lowercased() {
                case "secondary", "средняя", "сош": level = .secondary
                case "basic", "основная", "оош": level = .basic
                default: throw fail("level must be secondary or basic, got \"\(f[4])\"")
                }
            }
            if type == .general && level == nil { level = .secondary }
            out.append(Organisation(id: id, name: f[1], type: type, pupils: pupils, schoolLevel: type == .general ? level : nil))
        }
        if out.isEmpty { throw StoreError.corrupt(path: name, line: 1, reason: "no organisations in the file") }
        return out
    }

    static func orgType(_ s: String) -> OrgType? {
        switch s.lowercased() {
        case "preschool", "доо", "дошкольная": return .preschool
        case "general", "оо", "общеобразовательная", "школа": return .general
        case "additional", "до", "удо", "дополнительная": return .additional
        default: return nil
        }
    }
}
