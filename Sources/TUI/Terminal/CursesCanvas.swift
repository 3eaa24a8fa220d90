import CNcurses

/// The canvas of a live ncurses screen; obtained inside `CursesTerminal.draw`.
public struct CursesCanvas: Canvas {
    public let width: Int
    public let height: Int
    /// Where the cursor should be after this frame; nil hides it.
    private(set) var cursorPosition: CursorPosition?

    private let window: UnsafeMutablePointer<WINDOW>
    private let palette: CursesPalette

    init(window: UnsafeMutablePointer<WINDOW>, palette: CursesPalette) {
        self.window = window
        self.palette = palette
        height = max(Int(profrost_getmaxy(window)), 0)
        width = max(Int(profrost_getmaxx(window)), 0)
    }

    public mutating func put(_ text: String, row: Int, col: Int, style: CellStyle) {
        guard row >= 0, row < height else { return }
        let (attrs, pair) = palette.attributes(for: style)
        var buffer: [wchar_t] = []
        buffer.reserveCapacity(8)
        for (x, cell) in TextWidth.placed(text, col: col, limit: width) {
            buffer.removeAll(keepingCapacity: true)
            for scalar in cell.text.unicodeScalars { buffer.append(wchar_t(bitPattern: scalar.value)) }
            buffer.append(0)
            _ = profrost_put_cell(window, Int32(row), Int32(x), buffer, attrs, pair)
        }
    }

    public mutating func fill(row: Int, col: Int, width: Int, style: CellStyle) {
        guard row >= 0, row < height, width > 0 else { return }
        let start = max(col, 0)
        let end = min(col + width, self.width)
        guard start < end else { return }
        put(String(repeating: " ", count: end - start), row: row, col: start, style: style)
    }

    public mutating func cursor(row: Int, col: Int, visible: Bool) {
        if visible, row >= 0, row < height, col >= 0, col < width {
            cursorPosition = CursorPosition(row: row, col: col)
        } else {
            cursorPosition = nil
        }
    }
}
