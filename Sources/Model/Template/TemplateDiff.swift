import Foundation

/// Which indicators two versions of a card share unchanged: dynamics across versions compare only those.
public struct TemplateDiff: Codable, Equatable, Sendable {
    /// Same id, text and rule in both.
    public var same: [String]
    /// Same id, different text or rule: not comparable.
    public var changed: [String]
    public var added: [String]
    public var removed: [String]
    public var isIdentical: Bool { changed.isEmpty && added.isEmpty && removed.isEmpty }

    public init(old: Template, new: Template) {
        let o = Dictionary(old.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let n = Dictionary(new.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let same = new.indicators.map(\.id).filter { id in o[id].map { $0.text == n[id]?.text && $0.rule == n[id]?.rule } ?? false }
        self.same = same
        changed = new.indicators.map(\.id).filter { o[$0] != nil && !same.contains($0) }
        added = new.indicators.map(\.id).filter { o[$0] == nil }
        removed = old.indicators.map(\.id).filter { n[$0] == nil }
    }

    /// Russian sentence for the report and the CLI.
    public var russian: String {
        if isIdentical { return "показатели не менялись" }
        var parts = ["сравниваются \(same.count) неизменных показателей"]
        if !changed.isEmpty { parts.append("изменены (не сравниваются): \(changed.joined(separator: ", "))") }
        if !added.isEmpty { parts.append("добавлены: \(added.joined(separator: ", "))") }
        if !removed.isEmpty { parts.append("исключены: \(removed.joined(separator: ", "))") }
        return parts.joined(separator: "; ")
    }
}

/// Points on the indicators two versions share, so a year on version 1 and a year on version 2 compare fairly.
public enum ComparableDynamics {
    public struct Line: Codable, Equatable, Sendable {
        public var org: String
        public var name: String
        public var before: Int
        public var after: Int
        public var trend: Trend
    }

    /// Per organisation of `type` present in both periods: points on the shared unchanged indicators.
    public static func compare(previous: PeriodResults, current: PeriodResults, type: OrgType) -> (diff: TemplateDiff, lines: [Line])? {
        guard let old = previous.templates[type], let new = current.templates[type] else { return nil }
        let diff = TemplateDiff(old: old, new: new)
        let prev = Dictionary(previous.results.map { ($0.org, $0) }, uniquingKeysWith: { a, _ in a })
        let lines = current.results.filter { $0.row.type == type }.compactMap { r -> Line? in
            guard let p = prev[r.org] else { return nil }
            let b = diff.same.reduce(0) { $0 + (p.indicatorPoints[$1] ?? 0) }
            let a = diff.same.reduce(0) { $0 + (r.indicatorPoints[$1] ?? 0) }
            return Line(org: r.org, name: r.row.name, before: b, after: a, trend: a > b ? .up : a < b ? .down : .same)
        }
        return (diff, lines)
    }
}
