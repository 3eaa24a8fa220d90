import Foundation

/// Organisations and people: adding, importing, revoking — each validated, saved atomically and journaled.
extension Workspace {
    /// Adds and updates organisations in one journaled save. An organisation that already has a card in any
    /// campaign keeps its type and its size cluster: a change that would re-score its cards under another
    /// template or move it to another cluster is refused, naming the cards, unless `force` (then journaled
    /// like any update). Linear in the rows: organisations are found by id through a dictionary.
    public func importOrganisations(_ incoming: [Organisation], actor: String, force: Bool = false) throws -> (added: Int, changed: Int) {
        var added = 0, changed = 0
        let periods = try campaigns().map(\.period)
        try update(OrganisationList.self, at: path("organisations.json"), actor: actor, initial: { OrganisationList() }) { list in
            var index: [String: Int] = [:]
            index.reserveCapacity(list.organisations.count + incoming.count)
            for (i, o) in list.organisations.enumerated() { index[o.id] = i }
            var affected: [String] = []
            var updated: [(before: Organisation, after: Organisation)] = []
            var new: [Organisation] = []
            for o in incoming {
                if let i = index[o.id] {
                    let old = list.organisations[i]
                    guard old != o else { continue }
                    if !force && old.isScoredDifferently(than: o) {
                        affected += periods.filter { FileManager.default.fileExists(atPath: cardPath(org: o.id, period: $0)) }
                            .map { "\(o.id) (\($0))" }
                    }
                    updated.append((old, o))
                    list.organisations[i] = o; changed += 1
                } else {
                    new.append(o)
                    index[o.id] = list.organisations.count
                    list.organisations.append(o); added += 1
                }
            }
            if !affected.isEmpty {
                let shown = affected.prefix(20).joined(separator: ", ") + (affected.count > 20 ? ", … (\(affected.count))" : "")
                throw StoreError.invalid(InputError(
                    "the import changes the type or cluster of organisations that have cards, which would re-score them: \(shown); nothing was imported (--force to change them anyway)",
                    russian: "Импорт меняет тип или кластер организаций, у которых уже есть карты (их баллы пересчитаются): \(shown); ничего не импортировано (--force — изменить всё равно)"))
            }
            // Converted to journal values in three batches, not one encoder per organisation.
            let befores = JSONValue.list(updated.map(\.before)), afters = JSONValue.list(updated.map(\.after))
            var changes = zip(updated, zip(befores, afters)).map { u, v in
                Change("org.update", target: "org:\(u.after.id)", before: v.0, after: v.1)
            }
            changes += zip(new, JSONValue.list(new)).map { Change("org.add", target: "org:\($0.id)", after: $1) }
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
        try FieldLimit.personName.check(p.name)
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

extension Organisation {
    /// Whether `other` would score or rank this organisation's cards differently: another type (another
    /// template) or another cluster under either scheme (level, or pupils across the size boundary).
    public func isScoredDifferently(than other: Organisation) -> Bool {
        if type != other.type { return true }
        return ClusterScheme.allCases.contains { scheme in
            ClusterKind.of(type: type, pupils: pupils, schoolLevel: schoolLevel, scheme: scheme)
                != ClusterKind.of(type: other.type, pupils: other.pupils, schoolLevel: other.schoolLevel, scheme: scheme)
        }
    }
}

/// Reads organisations from a CSV file as departments keep them: `;` or `,` (whichever the first line uses),
/// fields quoted the way Excel quotes them (`"МБОУ ""СОШ № 1"""`), UTF-8 with or without BOM or, when the
/// bytes are not UTF-8, Windows-1251 (what Excel in a Russian Windows saves as «CSV (разделители — запятые)»).
public enum OrganisationCSV {
    public static func parse(_ data: Data, name: String) throws -> [Organisation] {
        var text = TextEncoding.decode(data)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        var out: [Organisation] = []
        var seen: [String: Int] = [:]
        var sep: Character?
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let separator = sep ?? (line.contains(";") ? ";" : ",")
            sep = separator
            let f = fields(of: line, separator: separator)
            if out.isEmpty && seen.isEmpty && f.first?.lowercased() == "id" { continue }
            func fail(_ why: String) -> StoreError { .corrupt(path: name, line: i + 1, reason: why) }
            guard f.count >= 3 else { throw fail("expected id;name;type[;pupils[;level]], got \(f.count) fields") }
            let id = f[0]
            guard Identifier.isValid(id) else { throw fail("\"\(DisplayText.sanitize(id))\" is not a valid id (letters, digits, - _ .)") }
            if let first = seen[id] { throw fail("id \(id) repeats line \(first)") }
            seen[id] = i + 1
            guard !f[1].isEmpty else { throw fail("the name is empty") }
            if let e = FieldLimit.organisationName.problem(f[1]) { throw fail(e.english) }
            guard let type = orgType(f[2]) else { throw fail("type must be preschool, general or additional, got \"\(DisplayText.sanitize(f[2]))\"") }
            var pupils: Int?
            if f.count > 3, !f[3].isEmpty {
                guard let p = Digits.int(f[3]), p < 100_000 else { throw fail("pupils must be a whole number, got \"\(DisplayText.sanitize(f[3]))\"") }
                pupils = p
            }
            var level: SchoolLevel?
            if f.count > 4, !f[4].isEmpty {
                switch f[4].lowercased() {
                case "secondary", "средняя", "сош": level = .secondary
                case "basic", "основная", "оош": level = .basic
                default: throw fail("level must be secondary or basic, got \"\(DisplayText.sanitize(f[4]))\"")
                }
            }
            if type == .general && level == nil { level = .secondary }
            out.append(Organisation(id: id, name: f[1], type: type, pupils: pupils, schoolLevel: type == .general ? level : nil))
        }
        if out.isEmpty { throw StoreError.corrupt(path: name, line: 1, reason: "no organisations in the file") }
        return out
    }

    /// One line's fields, trimmed; a field in double quotes may hold the separator and `""` for a quote.
    static func fields(of line: String, separator: Character) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && field.trimmingCharacters(in: .whitespaces).isEmpty {
                field = ""; quoted = true
            } else if c == separator {
                out.append(field.trimmingCharacters(in: .whitespaces)); field = ""
            } else {
                field.append(c)
            }
        }
        out.append(field.trimmingCharacters(in: .whitespaces))
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
