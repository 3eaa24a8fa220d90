import Foundation

/// A new version of a template being put together (the TUI's editor): the version it starts from, the template as it
/// would be saved, and the indicators retired from it. Retiring leaves an indicator out of the new version only; the
/// versions before keep it, and so do the campaigns that pinned them. Every edit is a pure function of the draft;
/// saving goes through `Session.addTemplate` like `templates import`.
public struct TemplateDraft: Equatable, Sendable {
    /// The stored version the draft started from.
    public let base: TemplateEntry
    /// The newest stored version of the id when the draft started: saving checks it is still the newest.
    public let newestVersion: Int
    /// What would be saved (retired indicators are not in it).
    public var template: AnyTemplate
    /// Indicators left out of the new version, in the order they were retired.
    public var retired: [RetiredIndicator] = []
    /// Every indicator id any stored version of this template used: a new indicator never reuses one, so that
    /// dynamics across versions never take a new indicator for an old one.
    public let usedIDs: Set<String>

    public init(base: TemplateEntry, versions: [TemplateEntry]) {
        self.base = base
        template = base.template
        let same = versions.filter { $0.template.id == base.template.id }
        newestVersion = same.map(\.template.version).max() ?? base.template.version
        usedIDs = Set(same.flatMap(\.template.indicatorIDs) + base.template.indicatorIDs)
    }

    /// The version saving would make.
    public var nextVersion: Int { newestVersion + 1 }

    /// Whether anything differs from the version it started from.
    public var isChanged: Bool { template != base.template }

    // MARK: - The list

    /// A direction (card) or a section (programme) as the editor lists it.
    public struct Section: Equatable, Sendable {
        public var number: Int
        public var title: String
        /// The declared maximum of a card's direction; nil for a programme's section.
        public var declaredMax: Int?
        public var indicators: [String]
        /// Points the indicators add up to (cards); nil for a programme.
        public var points: Int?
    }

    public var sections: [Section] {
        switch template {
        case .card(let c):
            return c.directions.map { d in
                Section(number: d.number, title: d.title, declaredMax: d.declaredMax, indicators: d.indicators.map(\.id),
                        points: d.indicators.reduce(0) { $0 + $1.rule.maxPoints })
            }
        case .programme(let p):
            return p.sections.map { Section(number: $0.number, title: $0.title, declaredMax: nil, indicators: $0.indicators.map(\.id), points: nil) }
        }
    }

    public func retired(in section: Int) -> [RetiredIndicator] { retired.filter { $0.section == section } }

    // MARK: - Edits

    /// Moves an indicator one place up (`-1`) or down (`1`) within its direction; false at either end.
    @discardableResult
    public mutating func move(_ id: String, by step: Int) -> Bool {
        switch template {
        case .card(var c):
            guard let d = c.directions.firstIndex(where: { $0.indicators.contains { $0.id == id } }),
                  let i = c.directions[d].indicators.firstIndex(where: { $0.id == id }),
                  c.directions[d].indicators.indices.contains(i + step) else { return false }
            c.directions[d].indicators.swapAt(i, i + step)
            template = .card(c)
        case .programme(var p):
            guard let s = p.sections.firstIndex(where: { $0.indicators.contains { $0.id == id } }),
                  let i = p.sections[s].indicators.firstIndex(where: { $0.id == id }),
                  p.sections[s].indicators.indices.contains(i + step) else { return false }
            p.sections[s].indicators.swapAt(i, i + step)
            template = .programme(p)
        }
        return true
    }

    /// Leaves an indicator out of the new version (the versions before keep it); false when there is none.
    @discardableResult
    public mutating func retire(_ id: String) -> Bool {
        switch template {
        case .card(var c):
            for d in c.directions.indices {
                if let i = c.directions[d].indicators.firstIndex(where: { $0.id == id }) {
                    retired.append(.card(section: c.directions[d].number, c.directions[d].indicators.remove(at: i)))
                    template = .card(c)
                    return true
                }
            }
        case .programme(var p):
            for s in p.sections.indices {
                if let i = p.sections[s].indicators.firstIndex(where: { $0.id == id }) {
                    retired.append(.programme(section: p.sections[s].number, p.sections[s].indicators.remove(at: i)))
                    template = .programme(p)
                    return true
                }
            }
        }
        return false
    }

    /// Puts a retired indicator back, at the end of its direction; false when it is not retired.
    @discardableResult
    public mutating func restore(_ id: String) -> Bool {
        guard let i = retired.firstIndex(where: { $0.id == id }) else { return false }
        let r = retired.remove(at: i)
        switch (template, r) {
        case (.card(var c), .card(let n, let ind)):
            guard let d = c.directions.firstIndex(where: { $0.number == n }) else { retired.insert(r, at: i); return false }
            c.directions[d].indicators.append(ind)
            template = .card(c)
        case (.programme(var p), .programme(let n, let m)):
            guard let s = p.sections.firstIndex(where: { $0.number == n }) else { retired.insert(r, at: i); return false }
            p.sections[s].indicators.append(m)
            template = .programme(p)
        default:
            retired.insert(r, at: i)
            return false
        }
        return true
    }

    /// A new indicator at the end of direction `section`, with the next id no version used (`d2.7`); its text and
    /// rule are for the methodist to fill (until then the lint says what is missing). Returns the id.
    @discardableResult
    public mutating func addIndicator(section: Int) -> String? {
        let taken = usedIDs.union(template.indicatorIDs).union(retired.map(\.id))
        let prefix = "d\(section)."
        let n = (taken.filter { $0.hasPrefix(prefix) }.compactMap { Int($0.dropFirst(prefix.count)) }.max() ?? 0) + 1
        let id = "\(prefix)\(n)"
        switch template {
        case .card(var c):
            guard let d = c.directions.firstIndex(where: { $0.number == section }) else { return nil }
            c.directions[d].indicators.append(Indicator(id: id, text: "", rule: .fact(points: 1), ruleText: "факт наличия – 1 балл",
                                                        periodicity: "ежегодно", evidenceSource: ""))
            template = .card(c)
        case .programme(var p):
            guard let s = p.sections.firstIndex(where: { $0.number == section }) else { return nil }
            p.sections[s].indicators.append(Measure(id: id, text: "", kind: .share, reporter: .organisation, evidence: "", method: ""))
            template = .programme(p)
        }
        return id
    }

    /// Replaces a card's indicator (same id).
    public mutating func set(_ indicator: Indicator) {
        guard case .card(var c) = template else { return }
        for d in c.directions.indices {
            if let i = c.directions[d].indicators.firstIndex(where: { $0.id == indicator.id }) { c.directions[d].indicators[i] = indicator }
        }
        template = .card(c)
    }

    /// Replaces a programme's indicator (same id).
    public mutating func set(_ measure: Measure) {
        guard case .programme(var p) = template else { return }
        for s in p.sections.indices {
            if let i = p.sections[s].indicators.firstIndex(where: { $0.id == measure.id }) { p.sections[s].indicators[i] = measure }
        }
        template = .programme(p)
    }

    // MARK: - What the lint says

    /// What stops a save (errors: `TemplateValidation`) and what the methodist is asked about first (warnings: a
    /// declared maximum its indicators do not add up to, `TemplateLint`), each as a Russian sentence.
    public struct Findings: Equatable, Sendable {
        public var errors: [String]
        public var warnings: [String]
        public var isEmpty: Bool { errors.isEmpty && warnings.isEmpty }
    }

    public var findings: Findings {
        let errors = TemplateValidation.problems(template).map(\.russian)
        var warnings: [String] = []
        if case .card(let c) = template {
            warnings = TemplateLint.check(c).map(\.editorRussian)
            warnings += c.directions.filter { $0.indicators.isEmpty }.map { "Направление \($0.number): нет ни одного показателя" }
            warnings += c.indicators.filter { Whitespace.isBlank($0.evidenceSource) }
                .map { "\($0.id): не указан источник информации (подтверждающий документ)" }
        }
        if case .programme(let p) = template {
            warnings += p.indicators.filter { $0.kind != .undefined && Whitespace.isBlank($0.evidence) }
                .map { "\($0.id): не указан источник информации" }
        }
        return Findings(errors: errors, warnings: warnings)
    }

    /// What changed against the version it started from, for the question before saving.
    public var changeSummary: String {
        let before = Set(base.template.indicatorIDs), after = template.indicatorIDs
        let added = after.filter { !before.contains($0) }
        let removed = base.template.indicatorIDs.filter { !after.contains($0) }
        var changed: [String] = []
        switch (base.template, template) {
        case (.card(let o), .card(let n)):
            changed = n.indicators.filter { i in o.indicator(i.id).map { $0 != i } ?? false }.map(\.id)
        case (.programme(let o), .programme(let n)):
            changed = n.indicators.filter { m in o.indicator(m.id).map { $0 != m } ?? false }.map(\.id)
        default: break
        }
        var parts: [String] = []
        if !changed.isEmpty { parts.append("изменены \(changed.joined(separator: ", "))") }
        if !added.isEmpty { parts.append("добавлены \(added.joined(separator: ", "))") }
        if !removed.isEmpty { parts.append("выведены \(removed.joined(separator: ", "))") }
        let order = base.template.indicatorIDs.filter { after.contains($0) } != after.filter { before.contains($0) }
        if order { parts.append("изменён порядок") }
        if parts.isEmpty { parts.append(isChanged ? "изменены названия, максимумы или пороги" : "изменений нет") }
        return parts.joined(separator: "; ")
    }
}

/// An indicator left out of a new version, with the direction (section) it was in.
public enum RetiredIndicator: Equatable, Sendable {
    case card(section: Int, Indicator)
    case programme(section: Int, Measure)

    public var id: String {
        switch self { case .card(_, let i): return i.id; case .programme(_, let m): return m.id }
    }
    public var section: Int {
        switch self { case .card(let s, _), .programme(let s, _): return s }
    }
    public var text: String {
        switch self { case .card(_, let i): return i.text; case .programme(_, let m): return m.text }
    }
}

extension LintFinding {
    /// The finding as the editor says it, without the card's name (the editor shows one card).
    public var editorRussian: String {
        switch scope {
        case .card: return "Карта: заявлен максимум \(declared), сумма баллов показателей \(computed)"
        case .direction: return "Направление \(direction ?? 0): заявлен максимум \(declared), сумма баллов \(computed)"
        case .levels: return "Порог уровня \(declared) не совпадает с расчётным \(computed)"
        }
    }
}

extension Workspace {
    /// The periods that pinned each template version (key → periods, oldest first): campaigns pin cards, programme
    /// runs pin programmes. A version pinned by a campaign keeps scoring that campaign whatever versions follow.
    public func templatePins() throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for c in try campaigns() {
            for ref in c.templates.values { out[ref.id, default: []].append(c.period) }
        }
        for m in try allMonitorings() { out[m.template.id, default: []].append(m.period) }
        return out.mapValues { Array(Set($0)).sorted() }
    }
}
