/// The canvas of a live ncurses screen; obtained inside `CursesTerminal.draw`. It draws into a `CellGrid` (as
/// `MemoryCanvas` does); the terminal then sends ncurses the cells that differ from the frame before.
public struct CursesCanvas: Canvas {
    public var width: Int { grid.width }
    public var height: Int { grid.height }
    /// Where the cursor should be after this frame; nil hides it.
    private(set) var cursorPosition: CursorPosition?

    var grid: CellGrid

    init(grid: CellGrid) {
        self.grid = grid
    }

    public mutating func put(_ text: String, row: Int, col: Int, style: CellStyle) {
        grid.put(text, row: row, col: col, style: style)
    }

    public mutating func fill(row: Int, col: Int, width: Int, style: CellStyle) {
        grid.fill(row: row, col: col, count: width, style: style)
    }

    public mutating func cursor(row: Int, col: Int, visible: Bool) {
        cursorPosition = grid.cursor(row: row, col: col, visible: visible)
    }
}
