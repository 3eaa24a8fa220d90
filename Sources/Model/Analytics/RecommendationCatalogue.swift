import Foundation

/// One measure of the catalogue: its text and what it answers.
public struct CatalogueEntry: Codable, Equatable, Sendable, Identifiable {
    /// Stable id, e.g. `002-dpp` (seed and measure).
    public var id: String
    /// The recommendation as addressed to an organisation, in Russian.
    public var text: String
    /// Where the measure comes from: `002 3.6`, `001 7`, `001 8`.
    public var source: String
    /// The measure as printed in the seed, for tracing the recommendation back to the regulation.
    public var basis: String
    /// Directions (1…5) it answers: recommended when the direction earns under 60 % of its maximum.
    public var directions: [Int]
    /// Indicators it answers, by template type (indicator ids repeat across templates):
    /// recommended when one of them earns 0.
    public var indicators: [String: [String]]
    /// Levels it answers: recommended to every organisation at one of these levels.
    public var levels: [Level]

    public init(id: String, text: String, source: String, basis: String = "", directions: [Int] = [],
                indicators: [String: [String]] = [:], levels: [Level] = []) {
        self.id = id; self.text = text; self.source = source; self.basis = basis
        self.directions = directions; self.indicators = indicators; self.levels = levels
    }

    enum CodingKeys: String, CodingKey { case id, text, source, basis, directions, indicators, levels }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        text = try c.decode(String.self, forKey: .text)
        source = try c.decode(String.self, forKey: .source)
        basis = try c.decodeIfPresent(String.self, forKey: .basis) ?? ""
        directions = try c.decodeIfPresent([Int].self, forKey: .directions) ?? []
        indicators = try c.decodeIfPresent([String: [String]].self, forKey: .indicators) ?? [:]
        levels = try c.decodeIfPresent([Level].self, forKey: .levels) ?? []
    }

    /// The indicator ids it answers in a template of `type`.
    public func indicators(for type: OrgType) -> [String] { indicators[type.rawValue] ?? [] }
}

/// `recommendations.json`: the catalogue of targeted measures (seed 002, 3.6; seed 001, systems 7 and 8).
///
/// Shipped in `data/recommendations.json`. A workspace keeps a frozen copy at `WORKSPACE/recommendations.json`,
/// made (and journaled) the first time recommendations are read, as templates are frozen by `init`: a later
/// profrost with a different catalogue does not change what an organisation was told, and the methodist may
/// adapt the workspace's copy to the municipality.
public struct RecommendationCatalogue: Codable, Equatable, Sendable {
    public var formatVersion: Int
    public var revision: Int
    public var recommendations: [CatalogueEntry]

    public static let currentFormat = 1
    public static let fileName = "recommendations.json"

    public init(recommendations: [CatalogueEntry]) {
        formatVersion = Self.currentFormat; revision = 0; self.recommendations = recommendations
    }

    public func entry(_ id: String) -> CatalogueEntry? { recommendations.first { $0.id == id } }

    /// The catalogue shipped with profrost (`data/recommendations.json`, found as `BundledData` finds templates).
    public static func bundled() throws -> RecommendationCatalogue {
        let p = (try BundledData.directory() as NSString).appendingPathComponent(fileName)
        guard let data = try AtomicFile.read(p) else { throw StoreError.notFound(what: "file", id: p) }
        return try JSONFiles.decode(RecommendationCatalogue.self, from: data, path: p)
    }

    /// Entries that name an indicator the template of that type does not have, or a direction outside 1…5:
    /// "general:d9.9", "direction 7 in 002-plan".
    public func problems(against templates: [Template]) -> [String] {
        var out: [String] = []
        let byType = Dictionary(templates.map { ($0.orgType.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        for e in recommendations {
            if !seen.insert(e.id).inserted { out.append("duplicate id \(e.id)") }
            for d in e.directions where !(1...5).contains(d) { out.append("direction \(d) in \(e.id)") }
            for (type, ids) in e.indicators {
                guard let t = byType[type] else { out.append("unknown type \(type) in \(e.id)"); continue }
                for id in ids where t.indicator(id) == nil { out.append("\(type):\(id) in \(e.id)") }
            }
        }
        return out
    }
}

extension RecommendationCatalogue: Revisioned {}

extension Workspace {
    public var cataloguePath: String { path(RecommendationCatalogue.fileName) }

    /// The workspace's catalogue; on first use, a frozen copy of the bundled one is saved (journaled as
    /// `recommendations.copy` by `actor`).
    public func recommendationCatalogue(actor: String, at time: Date = Date()) throws -> RecommendationCatalogue {
        if let c = try read(RecommendationCatalogue.self, at: cataloguePath) { return c }
        let bundled = try RecommendationCatalogue.bundled()
        var created = false
        return try update(RecommendationCatalogue.self, at: cataloguePath, actor: actor, at: time,
                          initial: { created = true; return bundled }) { c in
            created ? [Change("recommendations.copy", target: "recommendations", after: .int(c.recommendations.count))] : []
        }
    }
}
