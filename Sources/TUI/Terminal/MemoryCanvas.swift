/// A canvas kept in memory as a grid of cells, for tests: compare `lines` with the expected screen.
/// It draws with the same `CellGrid` as the terminal's `CursesCanvas`, so a test sees the cells the terminal gets.
public struct MemoryCanvas: Canvas {
    public var width: Int { grid.width }
    public var height: Int { grid.height }
    /// Where the text cursor was put with `cursor(row:col:visible: true)`; nil when hidden.
    public private(set) var cursorPosition: CursorPosition?

    private var grid: CellGrid

    /// A blank canvas of `width` × `height` cells.
    public init(width: Int, height: Int) {
        grid = CellGrid(width: width, height: height)
    }

    // MARK: - Canvas

    public mutating func put(_ text: String, row: Int, col: Int, style: CellStyle) {
        grid.put(text, row: row, col: col, style: style)
    }

    public mutating func fill(row: Int, col: Int, width: Int, style: CellStyle) {
        grid.fill(row: row, col: col, count: width, style: style)
    }

    public mutating func cursor(row: Int, col: Int, visible: Bool) {
        cursorPosition = grid.cursor(row: row, col: col, visible: visible)
    }

    // MARK: - Reading back

    /// Each row as text (wide characters once, not twice), trailing spaces trimmed.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for col in 0..<width { line += grid.text(row: row, col: col) }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// All rows joined with newlines.
    public var text: String { lines.joined(separator: "\n") }

    /// The style of the cell at (`row`, `col`); nil outside the canvas.
    public func styleAt(row: Int, col: Int) -> CellStyle? {
        guard row >= 0, row < height, col >= 0, col < width else { return nil }
        return CellStyle(packed: grid[row, col].style)
    }

    /// The text of the cell at (`row`, `col`): a character with its combining marks,
    /// "" for the right half of a wide character, nil outside the canvas.
    public func textAt(row: Int, col: Int) -> String? {
        guard row >= 0, row < height, col >= 0, col < width else { return nil }
        return grid.text(row: row, col: col)
    }
}
