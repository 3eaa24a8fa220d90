import Foundation

/// A card (seed 002's kind: points, levels) or a programme (counts and percentages, aggregated or scaled).
public enum AnyTemplate: Equatable, Sendable {
    case card(Template)
    case programme(Programme)

    public var id: String {
        switch self { case .card(let t): return t.id; case .programme(let p): return p.id }
    }
    /// 1 when the file names none.
    public var version: Int {
        switch self { case .card(let t): return t.version ?? 1; case .programme(let p): return p.version ?? 1 }
    }
    public var title: String {
        switch self { case .card(let t): return t.title; case .programme(let p): return p.title }
    }
    public var source: String {
        switch self { case .card(let t): return t.source; case .programme(let p): return p.source }
    }
    public var kind: TemplateKind {
        switch self { case .card: return .card; case .programme: return .programme }
    }
    /// Who reports: every organisation, the municipality, or both (per indicator).
    public var scope: String {
        switch self {
        case .card: return "organisation"
        case .programme(let p):
            let r = Set(p.indicators.filter { $0.kind != .undefined }.map(\.reporter))
            if r == [.municipality] { return "municipality" }
            if r.count > 1 { return "organisation+municipality" }
            return "organisation"
        }
    }
    public var orgTypes: [OrgType] {
        switch self { case .card(let t): return [t.orgType]; case .programme(let p): return p.respondents }
    }
    public var indicatorIDs: [String] {
        switch self { case .card(let t): return t.indicators.map(\.id); case .programme(let p): return p.indicators.map(\.id) }
    }
    /// The file name stem in the workspace: `<id>` for version 1, `<id>.v<N>` after.
    public var key: String { TemplateKey.make(id: id, version: version) }

    /// The same template as another version.
    public func with(version v: Int) -> AnyTemplate {
        switch self {
        case .card(var t): t.version = v == 1 ? nil : v; return .card(t)
        case .programme(var p): p.version = v; return .programme(p)
        }
    }

    /// The bytes stored (and pinned by sha256).
    public func encoded() throws -> Data {
        switch self { case .card(let t): return try JSONFiles.encode(t); case .programme(let p): return try JSONFiles.encode(p) }
    }

    /// Decodes a template file of either kind, naming `path` and the line on failure.
    public static func decode(_ data: Data, path: String) throws -> AnyTemplate {
        struct Probe: Decodable { let kind: String? }
        let probe = try? JSONDecoder().decode(Probe.self, from: data)
        if probe?.kind == Programme.kind { return .programme(try JSONFiles.decode(Programme.self, from: data, path: path)) }
        if let k = probe?.kind, k != TemplateKind.card.rawValue {
            throw StoreError.corrupt(path: path, line: 1, reason: "unknown template kind \"\(k)\" (card or programme)")
        }
        return .card(try JSONFiles.decode(Template.self, from: data, path: path))
    }
}

public enum TemplateKind: String, Codable, Sendable { case card, programme }

public enum TemplateKey {
    public static func make(id: String, version: Int) -> String { version <= 1 ? id : "\(id).v\(version)" }
    /// Template ids are file names: lower-case latin letters, digits and dashes, 1–40 long.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 40 && id.first != "-"
            && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// One line of `templates list`: JSON keys are stable.
public struct TemplateSummary: Codable, Equatable, Sendable {
    public var id: String
    public var version: Int
    public var title: String
    /// `organisation`, `municipality` or `organisation+municipality`: who reports.
    public var scope: String
    /// The regulation and clause it is printed in.
    public var source: String
    public var kind: TemplateKind
    /// File name stem in the workspace, as `campaign new --template` takes it.
    public var key: String
    public var orgTypes: [OrgType]
    public var indicators: Int
    public var sha256: String
}

/// A template stored in a workspace, with the sha256 of its bytes.
public struct TemplateEntry: Equatable, Sendable {
    public var template: AnyTemplate
    public var sha256: String
    public var summary: TemplateSummary {
        TemplateSummary(id: template.id, version: template.version, title: template.title, scope: template.scope,
                        source: template.source, kind: template.kind, key: template.key, orgTypes: template.orgTypes,
                        indicators: template.indicatorIDs.count, sha256: sha256)
    }
}

// A template file is frozen: written once through `Workspace.update` (locked, atomic, journaled), never changed,
// so it carries no revision of its own.
extension Template: Revisioned {
    public var revision: Int { get { 0 } set {} }
}
extension Programme: Revisioned {
    public var revision: Int { get { 0 } set {} }
}

extension BundledData {
    /// The programme templates shipped in `data/templates/programmes`, by id.
    public static func programmes() throws -> [Programme] {
        let dir = ((try directory() as NSString).appendingPathComponent("templates") as NSString).appendingPathComponent("programmes")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return try files.map { f in
            let p = (dir as NSString).appendingPathComponent(f)
            guard let data = try AtomicFile.read(p) else { throw StoreError.notFound(what: "template", id: p) }
            return try JSONFiles.decode(Programme.self, from: data, path: p)
        }
    }
}

extension Workspace {
    public func programmePath(_ key: String) -> String { path("programmes", "\(key).json") }
    public func templatePath(_ key: String) -> String { path("templates", "\(key).json") }

    /// Every template of the workspace, cards then programmes, each by id then version.
    public func templateEntries() throws -> [TemplateEntry] {
        var out: [TemplateEntry] = []
        for (dir, isProgramme) in [("templates", false), ("programmes", true)] {
            let d = path(dir)
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: d)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
            for f in files {
                let p = (d as NSString).appendingPathComponent(f)
                guard let data = try AtomicFile.read(p) else { continue }
                let t = try AnyTemplate.decode(data, path: p)
                if (t.kind == .programme) != isProgramme || "\(t.key).json" != f {
                    throw StoreError.corrupt(path: p, line: 1, reason: "holds template \(t.key) (\(t.kind.rawValue)); the file name must match")
                }
                out.append(TemplateEntry(template: t, sha256: Hashing.sha256(data)))
            }
        }
        return out.sorted {
            ($0.template.kind == .card ? 0 : 1, $0.template.id, $0.template.version)
                < ($1.template.kind == .card ? 0 : 1, $1.template.id, $1.template.version)
        }
    }

    /// A template by id (its newest version) or by id and version (`general.v2`; `general.v1` is the first).
    public func templateEntry(_ keyOrID: String) throws -> TemplateEntry {
        let all = try templateEntries()
        let id = TemplateKey.id(ofKey: keyOrID)
        if id != keyOrID, let v = Int(keyOrID.dropFirst(id.count + 2)),
           let e = all.first(where: { $0.template.id == id && $0.template.version == v }) { return e }
        if let e = all.filter({ $0.template.id == keyOrID }).max(by: { $0.template.version < $1.template.version }) { return e }
        throw StoreError.notFound(what: "template", id: keyOrID)
    }

    /// A programme a campaign pinned, checked against the pinned sha256.
    public func programme(_ ref: TemplateRef) throws -> Programme {
        let p = programmePath(ref.id)
        guard let data = try AtomicFile.read(p) else { throw StoreError.notFound(what: "template", id: ref.id) }
        let sha = Hashing.sha256(data)
        if sha != ref.sha256 {
            throw StoreError.corrupt(path: p, line: 1, reason: "the template changed after it was pinned (sha256 \(sha.prefix(12))… ≠ \(ref.sha256.prefix(12))…)")
        }
        return try JSONFiles.decode(Programme.self, from: data, path: p)
    }
}

extension Session {
    /// Methodist: stores `template` as a new version of its id (version 1 when the id is new). Never overwrites:
    /// a template identical to a stored version is reported as that version, not stored twice. `newest` is the
    /// newest version the editor started from: when someone stored another version since, nothing is stored
    /// (`StoreError.conflict`), as with a card saved from an old revision.
    @discardableResult
    public func addTemplate(_ template: AnyTemplate, newest: Int? = nil) throws -> (entry: TemplateEntry, added: Bool) {
        try require(.manageCampaign, campaign: nil)
        let problems = TemplateValidation.problems(template)
        if let first = problems.first { throw StoreError.invalid(first) }
        let existing = try workspace.templateEntries().filter { $0.template.id == template.id }
        if let expected = newest, let found = existing.map(\.template.version).max(), found != expected {
            throw StoreError.conflict(path: template.kind == .card ? "templates/\(template.id)" : "programmes/\(template.id)",
                                      expected: expected, found: found, by: nil)
        }
        if let k = existing.first?.template.kind, k != template.kind {
            throw StoreError.invalid(InputError("template \(template.id) is a \(k.rawValue), not a \(template.kind.rawValue)",
                                                russian: "Шаблон \(template.id) другого вида"))
        }
        for e in existing where try e.template.with(version: 1).encoded() == template.with(version: 1).encoded() {
            return (e, false)
        }
        let version = (existing.map(\.template.version).max() ?? 0) + 1
        let t = template.with(version: version)
        switch t {
        case .card(let c):
            try update(Template.self, at: workspace.templatePath(t.key), initial: { c }) { doc in
                guard doc == c else { throw StoreError.invalid(InputError("template file \(t.key) already exists", russian: "Шаблон \(t.key) уже есть")) }
                return [Change("template.add", target: "template:\(t.key)", after: .string(Hashing.sha256(try JSONFiles.encode(c))))]
            }
        case .programme(let p):
            try update(Programme.self, at: workspace.programmePath(t.key), initial: { p }) { doc in
                guard doc == p else { throw StoreError.invalid(InputError("template file \(t.key) already exists", russian: "Шаблон \(t.key) уже есть")) }
                return [Change("template.add", target: "template:\(t.key)", after: .string(Hashing.sha256(try JSONFiles.encode(p))))]
            }
        }
        return (try workspace.templateEntry(t.key), true)
    }
}
