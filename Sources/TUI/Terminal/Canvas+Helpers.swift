import Model

// MARK: - Drawing helpers shared by every canvas

extension Canvas {
    /// Draws `text` in the normal style.
    public mutating func put(_ text: String, row: Int, col: Int) {
        put(text, row: row, col: col, style: .normal)
    }

    /// Draws `text` in exactly `width` cells: cut with "…" when longer, padded with spaces when shorter.
    public mutating func putTruncated(_ text: String, row: Int, col: Int, width: Int,
                                      style: CellStyle = .normal) {
        guard width > 0 else { return }
        put(TextWidth.pad(text, to: width), row: row, col: col, style: style)
    }

    /// Draws `text` right-aligned in the `width` cells starting at `col` (cut with "…" when longer).
    public mutating func putRightAligned(_ text: String, row: Int, col: Int, width: Int,
                                         style: CellStyle = .normal) {
        guard width > 0 else { return }
        let cut = TextWidth.truncate(text, to: width)
        let used = TextWidth.width(of: cut)
        put(String(repeating: " ", count: width - used) + cut, row: row, col: col, style: style)
    }

    /// Draws `text` centred in the `width` cells starting at `col` (cut with "…" when longer).
    public mutating func putCentered(_ text: String, row: Int, col: Int, width: Int,
                                     style: CellStyle = .normal) {
        guard width > 0 else { return }
        let cut = TextWidth.truncate(text, to: width)
        let left = (width - TextWidth.width(of: cut)) / 2
        let line = String(repeating: " ", count: left) + cut
        put(TextWidth.pad(line, to: width), row: row, col: col, style: style)
    }

    /// A horizontal line of `width` cells.
    public mutating func hline(row: Int, col: Int, width: Int, style: CellStyle = .normal,
                               char: Character = "─") {
        guard width > 0 else { return }
        put(String(repeating: String(char), count: width), row: row, col: col, style: style)
    }

    /// A vertical line of `height` cells.
    public mutating func vline(row: Int, col: Int, height: Int, style: CellStyle = .normal,
                               char: Character = "│") {
        guard height > 0 else { return }
        for r in row..<(row + height) { put(String(char), row: r, col: col, style: style) }
    }

    /// A single-line frame; `title`, if any, is written into the top edge (cut with "…").
    /// The inside is left as it is.
    public mutating func box(row: Int, col: Int, width: Int, height: Int,
                             title: String? = nil, style: CellStyle = .normal,
                             titleStyle: CellStyle = .title) {
        guard width >= 2, height >= 2 else { return }
        let inner = width - 2
        put("┌" + String(repeating: "─", count: inner) + "┐", row: row, col: col, style: style)
        vline(row: row + 1, col: col, height: height - 2, style: style)
        vline(row: row + 1, col: col + width - 1, height: height - 2, style: style)
        put("└" + String(repeating: "─", count: inner) + "┘", row: row + height - 1, col: col, style: style)
        if let title, inner > 2 {
            let text = TextWidth.truncate(" " + DisplayText.sanitize(title) + " ", to: inner)
            put(text, row: row, col: col + 1, style: titleStyle)
        }
    }

    /// Blanks the whole canvas in `style`.
    public mutating func clearAll(style: CellStyle = .normal) {
        for r in 0..<max(height, 0) { fill(row: r, col: 0, width: width, style: style) }
    }
}
