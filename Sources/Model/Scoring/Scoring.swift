import Foundation

/// Level of effectiveness (Приложение 1): high 80–100 %, medium 60–79 %, low under 60 % of the declared maximum.
public enum Level: String, Codable, Sendable, CaseIterable, Comparable {
    case low, medium, high

    public var russian: String {
        switch self {
        case .high: return "высокая"
        case .medium: return "средняя"
        case .low: return "низкая"
        }
    }

    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    private var rank: Int { switch self { case .low: return 0; case .medium: return 1; case .high: return 2 } }
}

/// Points of one direction.
public struct DirectionScore: Codable, Equatable, Sendable {
    public var direction: Int
    public var points: Int
    /// Declared maximum of the direction (as printed).
    public var max: Int
}

/// A card's result: points after review, points the principal claimed, percent and level.
public struct CardScore: Codable, Equatable, Sendable {
    /// Points that stand after the reviewer's verdicts (equal to `claimedPoints` before any review).
    public var points: Int
    /// Points that follow from the principal's own answers.
    public var claimedPoints: Int
    /// The declared maximum of Приложение 1.
    public var max: Int
    /// `points / max × 100`, rounded to one decimal.
    public var percent: Double
    public var level: Level
    public var directions: [DirectionScore]
}

/// Pure scoring functions: answers in, points out. Every rule of Приложение 1 and 2 lives here.
public enum Scoring {
    /// Points one answer earns under `rule`; an answer of the wrong shape earns nothing.
    public static func points(for answer: Answer, rule: Rule) -> Int {
        switch (rule, answer) {
        case (.fact(let p), .fact(let present)):
            return present ? p : 0
        case (.share(let t, let p), .ratio(let part, let whole)),
             (.participation(let t, let p), .ratio(let part, let whole)):
            return meets(part: part, whole: whole, thresholdPercent: t) ? p : 0
        case (.retention(let t, let p), .retention(let retained, let lastYear, _)):
            // No young specialists last year: there is no share to keep, so no point (documented in README).
            return meets(part: retained, whole: lastYear, thresholdPercent: t) ? p : 0
        case (.percent, _):
            return 0
        default:
            return 0
        }
    }

    /// `part / whole ≥ threshold %`, in integers (no rounding surprises at exactly 80 % or 50 %).
    static func meets(part: Int, whole: Int, thresholdPercent: Int) -> Bool {
        whole > 0 && part >= 0 && part <= whole && part * 100 >= thresholdPercent * whole
    }

    /// The level of `points` on a template's level table.
    public static func level(points: Int, table: LevelTable) -> Level {
        points >= table.high ? .high : points >= table.medium ? .medium : .low
    }

    /// The thresholds Приложение 1 implies for a declared maximum: ceil(0.8·max), ceil(0.6·max).
    public static func impliedLevels(declaredMax max: Int) -> LevelTable {
        LevelTable(high: (8 * max + 9) / 10, medium: (6 * max + 9) / 10)
    }

    /// Sum of `answers` over `template`, per direction and in all.
    static func sum(_ answers: [String: Answer], _ template: Template) -> (Int, [DirectionScore]) {
        var total = 0
        var dirs: [DirectionScore] = []
        dirs.reserveCapacity(template.directions.count)
        // Through buffer pointers, touching only `id` and `rule`: iterating `Indicator` values copies all six of
        // their strings, and two cores scoring at once then fight over those strings' reference counts (this was
        // a quarter of `rank` at 30,000 organisations).
        template.directions.withUnsafeBufferPointer { ds in
            for d in ds.indices {
                var p = 0
                ds[d].indicators.withUnsafeBufferPointer { inds in
                    for i in inds.indices {
                        if let a = answers[inds[i].id] { p += points(for: a, rule: inds[i].rule) }
                    }
                }
                dirs.append(DirectionScore(direction: ds[d].number, points: p, max: ds[d].declaredMax))
                total += p
            }
        }
        return (total, dirs)
    }

    /// Scores a card: claimed points from the principal's answers, points after the reviewer's verdicts.
    public static func score(_ card: ExpertCard, template: Template) -> CardScore {
        score(answers: card.answers, reviewed: card.reviewedAnswers, template: template)
    }

    /// The one scoring of a card: `answers` give the claimed points, `reviewed` (the answers the verdicts leave
    /// standing) the points, level and directions.
    public static func score(answers: [String: Answer], reviewed: [String: Answer], template: Template) -> CardScore {
        let (claimed, _) = sum(answers, template)
        let (points, dirs) = sum(reviewed, template)
        return CardScore(points: points, claimedPoints: claimed, max: template.declaredMax,
                         percent: percent(points, of: template.declaredMax),
                         level: level(points: points, table: template.levels), directions: dirs)
    }

    /// `points / max × 100` to one decimal; 0 when max is 0.
    public static func percent(_ points: Int, of max: Int) -> Double {
        guard max > 0 else { return 0 }
        return (Double(points) * 1000 / Double(max)).rounded() / 10
    }
}
