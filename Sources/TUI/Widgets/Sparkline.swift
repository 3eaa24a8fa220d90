/// Small charts drawn in text: a sparkline of percents (one character per period) and a share bar.
public enum Sparkline {
    /// The eight heights, lowest first.
    public static let levels: [Character] = Array("▁▂▃▄▅▆▇█")

    /// One character per value on a fixed 0–100 scale (▁ up to 12,5 %, █ from 87,5 %), so that two organisations'
    /// lines can be compared; a value that is not a finite number counts as 0.
    public static func percents(_ values: [Double]) -> String {
        String(values.map { v -> Character in
            let x = v.isFinite ? v : 0
            return levels[min(max(Int(x / 100 * Double(levels.count)), 0), levels.count - 1)]
        })
    }
}

/// A horizontal bar of a share: `█████░░░░░ 52 %`.
public enum ShareBar {
    /// The bar of `share` (0…1; anything else is clamped, NaN is 0) in `width` cells, then the whole percent
    /// right-aligned in 5 cells: `width + 6` cells in all.
    public static func text(_ share: Double, width: Int) -> String {
        let s = share.isFinite ? min(max(share, 0), 1) : 0
        let w = max(width, 1)
        let filled = min(Int((s * Double(w)).rounded()), w)
        let pct = "\(Int((s * 100).rounded())) %"
        return String(repeating: "█", count: filled) + String(repeating: "░", count: w - filled) + " "
            + String(repeating: " ", count: max(5 - pct.count, 0)) + pct
    }

    /// The bar's width for a table `tableWidth` cells wide: 10 at 80 columns, 20 at 120, up to 40.
    public static func width(forTable tableWidth: Int) -> Int { min(max((tableWidth - 38) / 4, 10), 40) }
}
