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
