import Foundation

/// Who put a recommendation on an organisation's list.
public enum RecommendationOrigin: String, Codable, Sendable {
    /// Followed from the organisation's gaps and the catalogue.
    case catalogue
    /// Added by the methodist.
    case methodist
}

/// One targeted recommendation on an organisation's list.
public struct Recommendation: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var text: String
    /// `002 3.6`, `001 7`, … for catalogue measures; `методист` for added ones.
    public var source: String
    /// Why it is on the list, in Russian: the gaps it answers.
    public var reasons: [String]
    public var origin: RecommendationOrigin
    /// The methodist changed the catalogue's text.
    public var edited: Bool

    public init(id: String, text: String, source: String, reasons: [String], origin: RecommendationOrigin, edited: Bool = false) {
        self.id = id; self.text = text; self.source = source; self.reasons = reasons; self.origin = origin; self.edited = edited
    }
}

/// What an organisation lacks: directions under 60 % of their maximum, indicators that earn 0, its level.
public struct Gaps: Equatable, Sendable {
    public var directions: [DirectionScore]
    public var indicators: [Indicator]
    public var level: Level
}

/// Targeted recommendations (seed 002, 3.5–3.6): from an organisation's gaps to the catalogue's measures.
public enum Recommendations {
    /// A direction is a gap when it earns less than this share of its declared maximum (the "low" boundary of 2.4).
    public static let directionGapPercent = 60

    /// The gaps of one result against its template.
    public static func gaps(_ result: OrgResult, template: Template) -> Gaps {
        let dirs = result.row.directions.filter { $0.max > 0 && $0.points * 100 < directionGapPercent * $0.max }
        let inds = template.indicators.filter { $0.rule.maxPoints > 0 && (result.indicatorPoints[$0.id] ?? 0) == 0 }
        return Gaps(directions: dirs, indicators: inds, level: result.row.level)
    }

    /// The catalogue's measures that answer the organisation's gaps, in catalogue order, each with its reasons.
    public static func generate(for result: OrgResult, template: Template, catalogue: RecommendationCatalogue) -> [Recommendation] {
        let g = gaps(result, template: template)
        let type = result.row.type
        var out: [Recommendation] = []
        for e in catalogue.recommendations {
            var reasons: [String] = []
            if e.levels.contains(g.level) {
                reasons.append("Уровень эффективности: \(g.level.russian) (\(format(result.row.percent)) %)")
            }
            for d in g.directions where e.directions.contains(d.direction) {
                reasons.append("Направление \(d.direction): \(d.points) из \(d.max) баллов (менее \(directionGapPercent) %)")
            }
            let wanted = Set(e.indicators(for: type))
            for ind in g.indicators where wanted.contains(ind.id) {
                reasons.append("Показатель \(ind.id) «\(ind.text)»: 0 баллов")
            }
            if !reasons.isEmpty {
                out.append(Recommendation(id: e.id, text: e.text, source: e.source, reasons: reasons, origin: .catalogue))
            }
        }
        return out
    }

    /// The list after the methodist's changes: removed ones dropped, edited texts applied, added ones appended.
    public static func apply(_ overrides: RecommendationOverrides?, to generated: [Recommendation]) -> [Recommendation] {
        guard let o = overrides else { return generated }
        let removed = Set(o.removed)
        var out = generated.filter { !removed.contains($0.id) }.map { r -> Recommendation in
            var r = r
            if let t = o.edited[r.id] { r.text = t; r.edited = true }
            return r
        }
        out += o.added.map { Recommendation(id: $0.id, text: $0.text, source: "методист", reasons: [], origin: .methodist) }
        return out
    }

    /// `30`, `51,6` (a decimal comma, as everywhere in Russian text).
    static func format(_ d: Double) -> String {
        d.rounded() == d ? String(Int(d)) : String(format: "%.1f", d).replacingOccurrences(of: ".", with: ",")
    }
}

/// A recommendation the methodist wrote for one organisation.
public struct AddedRecommendation: Codable, Equatable, Sendable {
    /// `own-1`, `own-2`, … (never reused within the organisation's list).
    public var id: String
    public var text: String
    public var by: String
    public var at: Date
    public init(id: String, text: String, by: String, at: Date) { self.id = id; self.text = text; self.by = by; self.at = at }
}

/// `campaigns/<period>/recommendations/<org>.json`: the methodist's changes to one organisation's list.
/// The list itself is always derived from the card and the catalogue, so a corrected card changes it too.
public struct RecommendationOverrides: Codable, Equatable, Sendable, Revisioned {
    public var formatVersion: Int
    public var revision: Int
    public var org: String
    public var period: String
    /// Catalogue recommendations taken off the list.
    public var removed: [String]
    /// New texts of catalogue recommendations, by id.
    public var edited: [String: String]
    /// Recommendations the methodist wrote.
    public var added: [AddedRecommendation]
    /// Highest number used for an added id, so that a removed `own-2` is never reused.
    public var lastAddedNumber: Int

    public static let currentFormat = 1

    public init(org: String, period: String) {
        formatVersion = Self.currentFormat; revision = 0; self.org = org; self.period = period
        removed = []; edited = [:]; added = []; lastAddedNumber = 0
    }
}

/// One organisation's recommendations for a period, as the methodist and the principal see them.
public struct OrgRecommendations: Codable, Equatable, Sendable {
    public var org: String
    public var name: String
    public var period: String
    public var points: Int
    public var max: Int
    public var percent: Double
    public var level: Level
    /// The list in force.
    public var items: [Recommendation]
    /// Catalogue recommendations the methodist took off (they can be restored).
    public var removed: [Recommendation]
    /// Revision of the overrides file (0: never changed); pass it back to detect a concurrent change.
    public var revision: Int
}
