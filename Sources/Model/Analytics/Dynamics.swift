import Foundation

/// Up, down or the same as the period before.
public enum Trend: String, Codable, Sendable, CaseIterable {
    case up, down, same

    /// ↑ ↓ → for tables and the TUI.
    public var arrow: String {
        switch self {
        case .up: return "↑"
        case .down: return "↓"
        case .same: return "→"
        }
    }

    public var russian: String {
        switch self {
        case .up: return "рост"
        case .down: return "снижение"
        case .same: return "без изменений"
        }
    }

    /// Compares two comparable values.
    public static func from<T: Comparable>(_ previous: T, to current: T) -> Trend {
        current > previous ? .up : current < previous ? .down : .same
    }
}

/// One direction's points in one period and the change since the period before.
public struct DirectionChange: Codable, Equatable, Sendable {
    public var direction: Int
    public var points: Int
    public var max: Int
    /// Points minus the previous period's; nil for the first period.
    public var delta: Int?
}

/// One period in an organisation's history.
public struct DynamicsEntry: Codable, Equatable, Sendable {
    public var period: String
    public var status: CardStatus
    public var points: Int
    public var max: Int
    public var percent: Double
    public var level: Level
    /// Points minus the previous period's; nil for the first period.
    public var pointsDelta: Int?
    /// Percent minus the previous period's, to 0.1; nil for the first period.
    public var percentDelta: Double?
    /// Percent up, down or the same (percent, so that a change of template maximum does not mislead).
    public var trend: Trend?
    /// Level up (e.g. low → medium), down or the same.
    public var levelMove: Trend?
    public var directions: [DirectionChange]
    /// False when the organisation saved nothing in that period's card (`ScoreRow.started`); not in JSON.
    public var started = true

    enum CodingKeys: String, CodingKey {
        case period, status, points, max, percent, level, pointsDelta, percentDelta, trend, levelMove, directions
    }
}

/// An organisation's results over every campaign in the workspace, oldest first.
public struct OrgDynamics: Codable, Equatable, Sendable {
    public var org: String
    public var name: String
    public var entries: [DynamicsEntry]
    /// The last entry, whose deltas compare the newest period with the one before.
    public var latest: DynamicsEntry? { entries.last }
    /// Percents in order, for a sparkline.
    public var percents: [Double] { entries.map(\.percent) }
}

/// Year-over-year change (seed 002, 1.5 "выявление динамики").
public enum Dynamics {
    /// An organisation's history from its score rows per period (given oldest first, as `Workspace.scoreHistory`).
    public static func history(org: String, name: String, _ rows: [(period: String, row: ScoreRow)]) -> OrgDynamics {
        var entries: [DynamicsEntry] = []
        var previous: ScoreRow?
        for (period, r) in rows.sorted(by: { $0.period < $1.period }) {
            let prevDirs = Dictionary((previous?.directions ?? []).map { ($0.direction, $0.points) }, uniquingKeysWith: { a, _ in a })
            let dirs = r.directions.map { d in
                DirectionChange(direction: d.direction, points: d.points, max: d.max,
                                delta: previous == nil ? nil : prevDirs[d.direction].map { d.points - $0 })
            }
            entries.append(DynamicsEntry(
                period: period, status: r.status, points: r.points, max: r.max, percent: r.percent, level: r.level,
                pointsDelta: previous.map { r.points - $0.points },
                percentDelta: previous.map { ((r.percent - $0.percent) * 10).rounded() / 10 },
                trend: previous.map { Trend.from($0.percent, to: r.percent) },
                levelMove: previous.map { Trend.from($0.level, to: r.level) },
                directions: dirs, started: r.started))
            previous = r
        }
        return OrgDynamics(org: org, name: name, entries: entries)
    }

    /// Per organisation, the arrow of its percent against the previous period; organisations that have no row
    /// in `previous` get none.
    public static func trends(current: [ScoreRow], previous: [ScoreRow]) -> [String: Trend] {
        let before = Dictionary(previous.map { ($0.org, $0.percent) }, uniquingKeysWith: { a, _ in a })
        var out: [String: Trend] = [:]
        for r in current {
            if let p = before[r.org] { out[r.org] = Trend.from(p, to: r.percent) }
        }
        return out
    }
}
