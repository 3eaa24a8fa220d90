/// A cell position on a canvas (0-based row and column).
public struct CursorPosition: Hashable, Sendable {
    public var row: Int
    public var col: Int

    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }
}

/// A grid of cells that screens draw into: `CursesCanvas` on the terminal, `MemoryCanvas` in tests.
///
/// All text is sanitised (`DisplayText.sanitize`) before it is drawn; wide characters take two
/// cells, combining marks join the previous cell, and everything past the right edge or the
/// bottom is clipped (a wide character that does not fit becomes a blank).
public protocol Canvas {
    var width: Int { get }
    var height: Int { get }
    /// Draws `text` from (`row`, `col`) to the right, clipped at the edges.
    mutating func put(_ text: String, row: Int, col: Int, style: CellStyle)
    /// Paints `width` blank cells in `style` from (`row`, `col`).
    mutating func fill(row: Int, col: Int, width: Int, style: CellStyle)
    /// Shows the text cursor at (`row`, `col`) when `visible` (a field being edited), hides it otherwise.
    mutating func cursor(row: Int, col: Int, visible: Bool)
}
