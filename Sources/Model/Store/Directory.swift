import Foundation

/// What importing organisations would change in the workspace's list. Made for the preview the methodist confirms,
/// and made again by the import itself from the list under its lock, so that what is saved is what was shown (a
/// list changed in between is a revision conflict, not a surprise).
public struct OrganisationImportPlan: Equatable, Sendable {
    /// An organisation already in the list whose row differs.
    public struct Update: Equatable, Sendable {
        public var before: Organisation
        public var after: Organisation
        /// Whether its cards would be scored or ranked differently (another type or cluster).
        public var rescores: Bool
        /// Its cards that would be: `sch-001 (2025-26)`; empty when it has none yet.
        public var cards: [String]
    }

    public var added: [Organisation]
    public var updated: [Update]
    /// Rows that are already in the list as they are.
    public var unchanged: Int

    /// Updates that would re-score cards already filled: the import refuses them unless forced.
    public var rescoring: [Update] { updated.filter { $0.rescores && !$0.cards.isEmpty } }
    public var changesNothing: Bool { added.isEmpty && updated.isEmpty }

    /// Compares `incoming` with `current` (linear: organisations are found by id through a dictionary);
    /// `cards(org)` names the cards an organisation has, asked only for those whose type or cluster would change.
    public static func make(current: [Organisation], incoming: [Organisation], cards: (String) -> [String]) -> Self {
        var index: [String: Organisation] = [:]
        index.reserveCapacity(current.count)
        for o in current { index[o.id] = o }
        var plan = Self(added: [], updated: [], unchanged: 0)
        for o in incoming {
            guard let old = index[o.id] else { plan.added.append(o); continue }
            guard old != o else { plan.unchanged += 1; continue }
            let rescores = old.isScoredDifferently(than: o)
            plan.updated.append(Update(before: old, after: o, rescores: rescores, cards: rescores ? cards(o.id) : []))
        }
        return plan
    }
}

/// Organisations and people: importing, adding, revoking — the methodist's, through the policy; each validated,
/// saved atomically, revision-checked and journaled with the session's clock (`Session.update`). The CLI and the TUI
/// both call these.
extension Session {
    /// Reads a list of organisations (`OrganisationFile.read`: CSV or .xlsx) for the methodist alone: whoever may not import
    /// gets no line of a file read on their behalf.
    public func readOrganisations(path: String, name: String) throws -> [Organisation] {
        try require(.manageDirectory, campaign: nil)
        return try OrganisationFile.read(path: path, name: name)
    }

    /// What importing `incoming` would do now, and the revision of the list it was compared with (to pass back to
    /// `importOrganisations`).
    public func previewImport(_ incoming: [Organisation]) throws -> (plan: OrganisationImportPlan, revision: Int) {
        try require(.manageDirectory, campaign: nil)
        let list = try workspace.read(OrganisationList.self, at: workspace.path("organisations.json")) ?? OrganisationList()
        let periods = try workspace.campaigns().map(\.period)
        return (OrganisationImportPlan.make(current: list.organisations, incoming: incoming, cards: cards(in: periods)),
                list.revision)
    }

    /// Adds and updates organisations in one journaled save. An organisation that already has a card in any campaign
    /// keeps its type and its size cluster: a change that would re-score its cards under another template or move it
    /// to another cluster is refused, naming the cards, unless `force` (then journaled like any update).
    @discardableResult
    public func importOrganisations(_ incoming: [Organisation], force: Bool = false,
                                    expectedRevision: Int? = nil) throws -> OrganisationImportPlan {
        try require(.manageDirectory, campaign: nil)
        var seen = Set<String>()
        for o in incoming {
            guard Identifier.isValid(o.id) else {
                throw StoreError.invalid(InputError("\"\(DisplayText.sanitize(o.id))\" is not a valid id (letters, digits, - _ .)",
                                                    russian: "Недопустимый код организации «\(DisplayText.sanitize(o.id))»"))
            }
            guard seen.insert(o.id).inserted else {
                throw StoreError.invalid(InputError("organisation \(o.id) appears twice", russian: "Организация \(o.id) указана дважды"))
            }
            try FieldLimit.organisationName.check(o.name)
        }
        let periods = try workspace.campaigns().map(\.period)
        var plan = OrganisationImportPlan(added: [], updated: [], unchanged: 0)
        try update(OrganisationList.self, at: workspace.path("organisations.json"), expectedRevision: expectedRevision,
                   initial: { OrganisationList() }) { list in
            plan = OrganisationImportPlan.make(current: list.organisations, incoming: incoming, cards: cards(in: periods))
            let affected = plan.rescoring.flatMap(\.cards)
            if !force && !affected.isEmpty {
                let shown = affected.prefix(20).joined(separator: ", ") + (affected.count > 20 ? ", … (\(affected.count))" : "")
                throw StoreError.invalid(InputError(
                    "the import changes the type or cluster of organisations that have cards, which would re-score them: \(shown); nothing was imported (--force to change them anyway)",
                    russian: "Импорт меняет тип или кластер организаций, у которых уже есть карты (их баллы пересчитаются): \(shown); ничего не импортировано (--force — изменить всё равно)"))
            }
            var position: [String: Int] = [:]
            for (i, o) in list.organisations.enumerated() { position[o.id] = i }
            for u in plan.updated { if let i = position[u.after.id] { list.organisations[i] = u.after } }
            list.organisations += plan.added
            // Converted to journal values in three batches, not one encoder per organisation.
            let befores = JSONValue.list(plan.updated.map(\.before)), afters = JSONValue.list(plan.updated.map(\.after))
            var changes = zip(plan.updated, zip(befores, afters)).map { u, v in
                Change("org.update", target: "org:\(u.after.id)", before: v.0, after: v.1)
            }
            changes += zip(plan.added, JSONValue.list(plan.added)).map { Change("org.add", target: "org:\($0.id)", after: $1) }
            return changes
        }
        return plan
    }

    /// The cards an organisation has in `periods`: `sch-001 (2025-26)`.
    private func cards(in periods: [String]) -> (String) -> [String] {
        { org in periods.filter { FileManager.default.fileExists(atPath: workspace.cardPath(org: org, period: $0)) }
            .map { "\(org) (\($0))" } }
    }

    /// Adds a person who signs in: a valid id, a name, and for a principal an organisation that exists.
    public func addPerson(_ p: Person, expectedRevision: Int? = nil) throws {
        try require(.manageDirectory, campaign: nil)
        guard Identifier.isValid(p.id) else {
            throw StoreError.invalid(InputError("\"\(DisplayText.sanitize(p.id))\" is not a valid id (letters, digits, - _ .)",
                                                russian: "Недопустимый код: только латинские буквы, цифры и - _ . (не с точки)"))
        }
        guard !Whitespace.isBlank(p.name) else {
            throw StoreError.invalid(InputError("a person needs a name", russian: "Укажите ФИО"))
        }
        try FieldLimit.personName.check(p.name)
        if p.role == .principal {
            guard let org = p.org else {
                throw StoreError.invalid(InputError("a principal needs --org", russian: "Для руководителя укажите организацию"))
            }
            _ = try workspace.organisation(org)
        } else if let org = p.org {
            _ = try workspace.organisation(org)
        }
        try update(PeopleList.self, at: workspace.path("people.json"), expectedRevision: expectedRevision,
                   initial: { PeopleList() }) { list in
            if list.people.contains(where: { $0.id == p.id }) {
                throw StoreError.invalid(InputError("person \(p.id) already exists", russian: "Пользователь \(p.id) уже есть"))
            }
            list.people.append(p)
            return [Change("person.add", target: "person:\(p.id)", after: .from(p))]
        }
    }

    /// Disables a person at once: the TUI and CLI refuse them from their next action on, even in an open session.
    /// Nobody revokes themselves (a department must not lock its only methodist out by a slip).
    public func revokePerson(_ id: String, expectedRevision: Int? = nil) throws {
        try require(.manageDirectory, campaign: nil)
        if id == person.id {
            throw StoreError.invalid(InputError("you cannot revoke yourself", russian: "Нельзя отозвать собственный доступ"))
        }
        try update(PeopleList.self, at: workspace.path("people.json"), expectedRevision: expectedRevision,
                   initial: { PeopleList() }) { list in
            guard let i = list.people.firstIndex(where: { $0.id == id }) else { throw StoreError.notFound(what: "person", id: id) }
            guard list.people[i].revokedAt == nil else { return [] }
            let before = list.people[i]
            list.people[i].revokedAt = now()
            return [Change("person.revoke", target: "person:\(id)", before: .from(before), after: .from(list.people[i]))]
        }
    }

    /// People with the revision of their list (for `expectedRevision`), for the methodist.
    public func people() throws -> (people: [Person], revision: Int) {
        try require(.manageDirectory, campaign: nil)
        let list = try workspace.read(PeopleList.self, at: workspace.path("people.json")) ?? PeopleList()
        return (list.people, list.revision)
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
extension OrganisationFile {
    /// The largest file read (a region's list of 3,000 organisations is well under a megabyte).
    public static let maxBytes = 20_000_000

    /// Reads and parses the file at `path` (absolute), named `name` in messages; a path that is missing, a folder,
    /// unreadable or too large is refused with a message saying which.
    public static func read(path: String, name: String) throws -> [Organisation] {
        let shown = DisplayText.sanitize(name)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw StoreError.invalid(InputError("cannot read \(shown): no such file", russian: "Файла \(shown) нет"))
        }
        if isDir.boolValue {
            throw StoreError.invalid(InputError("\(shown) is a folder, not a file", russian: "\(shown) — это папка, а не файл"))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maxBytes {
            throw StoreError.invalid(InputError("\(shown) is too large for a list of organisations (\(size) bytes)",
                                                russian: "Файл \(shown) слишком велик для списка организаций (\(size / 1_000_000) МБ)"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.invalid(InputError("cannot read \(shown) (not readable)",
                                                russian: "Не удаётся прочитать файл \(shown): нет прав на чтение"))
        }
        return try parse(data, name: name)
    }
}
