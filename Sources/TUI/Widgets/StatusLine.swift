/// One key and what it does, as shown on the bottom line: `F1 Помощь`.
public struct KeyHint: Equatable, Sendable {
    public var key: String
    public var label: String
    public init(_ key: String, _ label: String) { self.key = key; self.label = label }
}

/// The bottom line of every screen: the keys that work there, in the manner of Midnight Commander.
public enum StatusLine {
    /// Draws as many hints as fit in `width` cells from `col`; the rest of the line is left blank.
    public static func draw(_ hints: [KeyHint], on canvas: inout some Canvas, row: Int, col: Int = 0, width: Int) {
        canvas.fill(row: row, col: col, width: width, style: .normal)
        var x = col
        let end = col + width
        for hint in hints {
            let kw = TextWidth.width(of: hint.key)
            let lw = TextWidth.width(of: hint.label)
            guard x + kw + 1 + lw <= end else { break }
            canvas.put(hint.key, row: row, col: x, style: CellStyle.accent.emphasized)
            canvas.put(hint.label, row: row, col: x + kw + 1, style: .highlight)
            x += kw + 1 + lw + 2
        }
    }

    /// The text the hints make (what `draw` shows when everything fits), for tests and help.
    public static func text(_ hints: [KeyHint]) -> String {
        hints.map { $0.key + " " + $0.label }.joined(separator: "  ")
    }
}
