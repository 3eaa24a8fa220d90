import Model

/// A frame as a grid of cells in memory: what every canvas draws into (`MemoryCanvas` in tests, `CursesCanvas` on the
/// terminal), so that the screen the tests read and the screen the terminal gets are made by the same code.
///
/// Why a grid of our own rather than drawing straight into ncurses: a key changes a few cells of an 80×24 screen, but
/// the view draws the whole screen from the state (it is pure, and simple that way). Drawing into ncurses cost an
/// ncurses call, a `setcchar` and a `wcwidth` per cell — about 1.5 ms of CPU a key, which 300 principals typing at
/// once on two cores cannot afford. Into this grid a cell is a store of 8 bytes; `CursesTerminal` then compares the
/// frame with the previous one and hands ncurses only the cells that changed (`changedSpan`).
///
/// A cell is 8 bytes (the scalar, its style packed in a byte, its width, an index of its combining marks), so that a
/// frame and the previous one take 30 KB per session at 80×24, not the 90 KB cells holding a `String` would.
struct CellGrid {
    /// One cell: a spacing character (a blank by default) in a style.
    struct Cell: Equatable {
        /// The character's scalar value; 0 in the right half of a wide character.
        var scalar: UInt32
        /// 1 for most characters, 2 for the left half of a wide one, 0 for its right half.
        var width: UInt8
        /// `CellStyle.packed`.
        var style: UInt8
        /// 1 + the index in `marks` of the combining marks that join this character; 0 for none (nearly always).
        var marks: UInt16

        static let blank = Cell(scalar: 0x20, width: 1, style: 0, marks: 0)

        static func blank(_ style: UInt8) -> Cell { Cell(scalar: 0x20, width: 1, style: style, marks: 0) }

        var isContinuation: Bool { width == 0 }
    }

    let width: Int
    let height: Int
    private(set) var cells: [Cell]
    /// The combining marks of the cells that have some, as typed (at most `TextWidth.maxCombining` per cell).
    private(set) var marks: [String] = []

    init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// Every cell blank in the normal style, as a new grid would be (the buffer is kept: no allocation per frame).
    mutating func reset() {
        for i in cells.indices { cells[i] = .blank }
        marks.removeAll(keepingCapacity: true)
    }

    subscript(row: Int, col: Int) -> Cell { cells[row * width + col] }

    /// The cell's text: the character with its combining marks; "" for the right half of a wide character.
    func text(row: Int, col: Int) -> String {
        let cell = self[row, col]
        if cell.isContinuation { return "" }
        var s = String(Unicode.Scalar(cell.scalar) ?? "\u{FFFD}")
        if cell.marks > 0 { s += marks[Int(cell.marks) - 1] }
        return s
    }

    /// The combining marks of a cell ("" for none).
    func marks(of cell: Cell) -> String { cell.marks > 0 ? marks[Int(cell.marks) - 1] : "" }

    // MARK: - Drawing (the `Canvas` operations)

    /// Draws `text` from (`row`, `col`), clipped at the edges, sanitised; see `Canvas`.
    ///
    /// Walks the text's scalars once, without making a cell list or a `String` per cell: text that needs no
    /// sanitising (nearly all of it) is not copied, and the width of ASCII, Cyrillic, Latin, punctuation and box
    /// drawing is known without asking the C library (`TextWidth.width(of:)`).
    mutating func put(_ text: String, row: Int, col: Int, style: CellStyle) {
        guard row >= 0, row < height, width > 0 else { return }
        let packed = style.packed
        let clean = DisplayText.isClean(text) ? text : DisplayText.sanitize(text)
        var x = col
        /// The cell the previous character went to (nil when it was clipped or blanked): where marks join.
        var previous: Int?
        var seenCharacter = false
        var markCount = 0
        for scalar in clean.unicodeScalars {
            let w = TextWidth.width(of: scalar)
            if w == 0 {
                // A combining mark joins the character before it (dropped when there is none, or it was clipped).
                if seenCharacter && markCount < TextWidth.maxCombining {
                    markCount += 1
                    if let p = previous { appendMark(scalar, at: row * width + p) }
                }
                continue
            }
            if x >= width { break }
            seenCharacter = true
            markCount = 0
            // A scalar the C library cannot print is shown as U+FFFD, one cell.
            let (value, cw) = w < 0 ? (UInt32(0xFFFD), 1) : (scalar.value, w)
            let end = x + cw
            if x >= 0 && end <= width {
                set(row: row, col: x, Cell(scalar: value, width: UInt8(cw), style: packed, marks: 0))
                previous = x
            } else {
                // A wide character across the left or right edge: blanks where it would have been.
                previous = nil
                if end > 0 {
                    for b in max(x, 0)..<min(end, width) { set(row: row, col: b, .blank(packed)) }
                }
            }
            x = end
        }
    }

    /// Paints `count` blank cells in `style` from (`row`, `col`), clipped at the edges.
    mutating func fill(row: Int, col: Int, count: Int, style: CellStyle) {
        guard row >= 0, row < height, count > 0 else { return }
        let start = max(col, 0)
        let end = min(col + count, width)
        guard start < end else { return }
        let blank = Cell.blank(style.packed)
        for x in start..<end { set(row: row, col: x, blank) }
    }

    /// Where the text cursor goes for `Canvas.cursor`: the position when visible and inside the grid, else nil.
    func cursor(row: Int, col: Int, visible: Bool) -> CursorPosition? {
        guard visible, row >= 0, row < height, col >= 0, col < width else { return nil }
        return CursorPosition(row: row, col: col)
    }

    // MARK: - Comparing frames

    /// What must be sent to a screen that shows `old` (nil: nothing known, a new or resized screen) for it to show
    /// this grid: per row, the columns that changed (`changedSpan`); every row whole when `old` is nil or of another
    /// size. Rows that did not change are not listed.
    func changes(from old: CellGrid?) -> [(row: Int, columns: Range<Int>)] {
        guard let old, old.width == width, old.height == height else {
            return width > 0 ? (0..<height).map { ($0, 0..<width) } : []
        }
        return (0..<height).compactMap { row in changedSpan(row: row, from: old).map { (row, $0) } }
    }

    /// The columns of `row` that differ from `old`'s (nil when none do), widened so that no wide character, old or
    /// new, is cut at either end: sending the span rewrites whole characters only. `old` must be of the same size.
    func changedSpan(row: Int, from old: CellGrid) -> Range<Int>? {
        let base = row * width
        var first = -1
        for x in 0..<width where !same(cells[base + x], old, old.cells[base + x]) { first = x; break }
        guard first >= 0 else { return nil }
        var last = first
        for x in stride(from: width - 1, to: first, by: -1) where !same(cells[base + x], old, old.cells[base + x]) {
            last = x
            break
        }
        while first > 0 && (cells[base + first].isContinuation || old.cells[base + first].isContinuation) { first -= 1 }
        while last + 1 < width && (cells[base + last + 1].isContinuation || old.cells[base + last + 1].isContinuation) {
            last += 1
        }
        return first..<(last + 1)
    }

    private func same(_ a: Cell, _ other: CellGrid, _ b: Cell) -> Bool {
        guard a == b else {
            // Equal but for where their marks are kept.
            return a.marks > 0 && b.marks > 0 && a.scalar == b.scalar && a.width == b.width && a.style == b.style
                && marks(of: a) == other.marks(of: b)
        }
        return a.marks == 0 || marks(of: a) == other.marks(of: b)
    }

    // MARK: - Private

    /// Writes one character as ncurses does: the halves of a wide character that get overwritten leave blanks
    /// behind (in the style they had), never half a glyph.
    private mutating func set(row: Int, col: Int, _ cell: Cell) {
        let base = row * width
        if cells[base + col].isContinuation, col > 0 {
            cells[base + col - 1] = .blank(cells[base + col - 1].style)
        }
        cells[base + col] = cell
        var next = col + 1
        if cell.width == 2, next < width {
            cells[base + next] = Cell(scalar: 0, width: 0, style: cell.style, marks: 0)
            next += 1
        }
        if next < width, cells[base + next].isContinuation {
            cells[base + next] = .blank(cells[base + next].style)
        }
    }

    private mutating func appendMark(_ scalar: Unicode.Scalar, at index: Int) {
        let m = cells[index].marks
        if m > 0 {
            marks[Int(m) - 1].unicodeScalars.append(scalar)
        } else if marks.count < Int(UInt16.max) {
            marks.append(String(scalar))
            cells[index].marks = UInt16(marks.count)
        }
    }
}
