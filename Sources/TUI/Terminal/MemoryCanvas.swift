/// A canvas kept in memory as a grid of cells, for tests: compare `lines` with the expected screen.
public struct MemoryCanvas: Canvas {
    public let width: Int
    public let height: Int
    /// Where the text cursor was put with `cursor(row:col:visible: true)`; nil when hidden.
    public private(set) var cursorPosition: CursorPosition?

    private struct Cell: Hashable {
        var text: String = " "
        var style: CellStyle = .normal
        /// The right half of a wide character.
        var isContinuation = false
    }

    private var cells: [Cell]

    /// A blank canvas of `width` × `height` cells.
    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    // MARK: - Canvas

    public mutating func put(_ text: String, row: Int, col: Int, style: CellStyle) {
        guard row >= 0, row < height else { return }
        for (x, cell) in TextWidth.placed(text, col: col, limit: width) {
            set(row: row, col: x, text: cell.text, width: cell.width, style: style)
        }
    }

    public mutating func fill(row: Int, col: Int, width: Int, style: CellStyle) {
        guard row >= 0, row < height, width > 0 else { return }
        let start = max(col, 0)
        let end = min(col + width, self.width)
        guard start < end else { return }
        for x in start..<end { set(row: row, col: x, text: " ", width: 1, style: style) }
    }

    public mutating func cursor(row: Int, col: Int, visible: Bool) {
        if visible, row >= 0, row < height, col >= 0, col < width {
            cursorPosition = CursorPosition(row: row, col: col)
        } else {
            cursorPosition = nil
        }
    }

    // MARK: - Reading back

    /// Each row as text (wide characters once, not twice), trailing spaces trimmed.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for col in 0..<width {
                let cell = cells[row * width + col]
                if !cell.isContinuation { line += cell.text }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// All rows joined with newlines.
    public var text: String { lines.joined(separator: "\n") }

    /// The style of the cell at (`row`, `col`); nil outside the canvas.
    public func styleAt(row: Int, col: Int) -> CellStyle? {
        guard row >= 0, row < height, col >= 0, col < width else { return nil }
        return cells[row * width + col].style
    }

    /// The text of the cell at (`row`, `col`): a character with its combining marks,
    /// "" for the right half of a wide character, nil outside the canvas.
    public func textAt(row: Int, col: Int) -> String? {
        guard row >= 0, row < height, col >= 0, col < width else { return nil }
        let cell = cells[row * width + col]
        return cell.isContinuation ? "" : cell.text
    }

    // MARK: - Private

    /// Writes one character like ncurses does: halves of a wide character that get
    /// overwritten leave blanks behind, never half a glyph.
    private mutating func set(row: Int, col: Int, text: String, width w: Int, style: CellStyle) {
        let base = row * width
        if cells[base + col].isContinuation, col > 0 {
            cells[base + col - 1] = Cell(text: " ", style: cells[base + col - 1].style)
        }
        cells[base + col] = Cell(text: text, style: style)
        var next = col + 1
        if w == 2, next < width {
            cells[base + next] = Cell(text: "", style: style, isContinuation: true)
            next += 1
        }
        if next < width, cells[base + next].isContinuation {
            cells[base + next] = Cell(text: " ", style: cells[base + next].style)
        }
    }
}
