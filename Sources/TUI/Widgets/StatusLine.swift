/// One key and what it does, as shown on the bottom line: `F1 Помощь`.
public struct KeyHint: Equatable, Sendable {
    public var key: String
    public var label: String
    public init(_ key: String, _ label: String) { self.key = key; self.label = label }
}

/// The bottom line of every screen: the keys that work there, in the manner of Midnight Commander.
public enum StatusLine {
    /// Draws as many hints as fit in `width` cells from `col`; the last one (the way out) is always shown,
    /// at the right end when the others leave no room for it in line.
    public static func draw(_ hints: [KeyHint], on canvas: inout some Canvas, row: Int, col: Int = 0, width: Int) {
        canvas.fill(row: row, col: col, width: width, style: .normal)
        guard let last = hints.last else { return }
        var x = col
        let lastWidth = TextWidth.width(of: last.key) + 1 + TextWidth.width(of: last.label)
        let end = col + width - lastWidth - 2
        for hint in hints.dropLast() {
            let kw = TextWidth.width(of: hint.key)
            let lw = TextWidth.width(of: hint.label)
            guard x + kw + 1 + lw <= end else { break }
            canvas.put(hint.key, row: row, col: x, style: CellStyle.accent.emphasized)
            canvas.put(hint.label, row: row, col: x + kw + 1, style: .highlight)
            x += kw + 1 + lw + 2
        }
        let lx = min(x, col + width - lastWidth)
        canvas.put(last.key, row: row, col: lx, style: CellStyle.accent.emphasized)
        canvas.put(last.label, row: row, col: lx + TextWidth.width(of: last.key) + 1, style: .highlight)
    }

    /// The text the hints make (what `draw` shows when everything fits), for tests and help.
    public static func text(_ hints: [KeyHint]) -> String {
        hints.map { $0.key + " " + $0.label }.joined(separator: "  ")
    }
}
