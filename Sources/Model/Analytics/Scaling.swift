import Foundation

/// One organisation's percent indicators (seed 003, Таблица 1), by indicator id.
public struct ScalingInput: Equatable, Sendable {
    public var org: String
    public var name: String
    public var values: [String: Double]
    public init(org: String, name: String, values: [String: Double]) {
        self.org = org; self.name = name; self.values = values
    }
}

/// One organisation's line in a scaled rating: raw percents, scaled values, their sum and its rank.
public struct ScaledRow: Codable, Equatable, Sendable {
    public var rank: Int
    public var org: String
    public var name: String
    /// The percents as entered (missing or invalid read as 0), by indicator id.
    public var values: [String: Double]
    /// (x − min) / (max − min) within the cluster, 0…1, by indicator id.
    public var scaled: [String: Double]
    /// Sum of the scaled values, rounded to 3 decimals.
    public var rating: Double
}

/// Scaling of seed 003 (3.3 "шкалирование, ранжирование").
///
/// For each indicator, within one cluster: `scaled = (x − min) / (max − min)`, where min and max are the
/// lowest and highest value of that indicator in the cluster, so the weakest organisation gets 0 and the
/// strongest 1. When every organisation has the same value (max = min) the indicator does not tell them apart
/// and every organisation gets 0 for it — never a division by zero, never NaN. The rating is the sum of an
/// organisation's scaled values (0…number of indicators), rounded to 3 decimals, and is ranked "1224".
/// A missing answer, a value that is not a finite number, or one outside 0–100 is read as 0 % (or clamped):
/// nothing reported counts as nothing done.
public enum Scaling {
    /// Scaled values per organisation, then per indicator.
    public static func scale(_ inputs: [ScalingInput], indicators: [String]) -> [String: [String: Double]] {
        var out: [String: [String: Double]] = [:]
        for i in inputs { out[i.org] = [:] }
        for ind in indicators {
            let xs = inputs.map { value($0, ind) }
            guard let lo = xs.min(), let hi = xs.max() else { continue }
            let range = hi - lo
            for (i, x) in zip(inputs, xs) {
                out[i.org, default: [:]][ind] = range > 0 ? (x - lo) / range : 0
            }
        }
        return out
    }

    /// The scaled rating of a cluster, ranked "1224" (rows by rank, then name).
    public static func rank(_ inputs: [ScalingInput], indicators: [String]) -> [ScaledRow] {
        let scaled = scale(inputs, indicators: indicators)
        let rows = inputs.map { i -> ScaledRow in
            let s = scaled[i.org] ?? [:]
            let sum = indicators.reduce(0.0) { $0 + (s[$1] ?? 0) }
            return ScaledRow(rank: 0, org: i.org, name: i.name,
                             values: Dictionary(uniqueKeysWithValues: indicators.map { ($0, value(i, $0)) }),
                             scaled: s, rating: (sum * 1000).rounded() / 1000)
        }
        return Ranking.competition(rows, score: { $0.rating }, name: { $0.name }, id: { $0.org }).map {
            var r = $0.item; r.rank = $0.rank; return r
        }
    }

    /// The value of one indicator, made safe: missing or non-finite → 0, clamped to 0…100.
    static func value(_ i: ScalingInput, _ ind: String) -> Double {
        guard let v = i.values[ind], v.isFinite else { return 0 }
        return Swift.min(Swift.max(v, 0), 100)
    }
}
