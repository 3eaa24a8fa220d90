import Foundation
import Model

/// A column of a `Table`: a title, a minimum width, and a share of the width left over.
public struct TableColumn: Equatable, Sendable {
    public var title: String
    public var width: Int
    /// 0: exactly `width`; otherwise the column takes this share of the spare width too.
    public var flex: Int
    public var alignRight: Bool
    /// Widen to the widest cell of the column (up to `maxFitWidth`), for codes that must never be cut
    /// (`sch-1204` in a region of 3,000 is wider than `sch-007` in a town).
    public var fitsContent: Bool

    public static let maxFitWidth = 16

    public init(_ title: String, width: Int, flex: Int = 0, alignRight: Bool = false, fitsContent: Bool = false) {
        self.title = title; self.width = width; self.flex = flex; self.alignRight = alignRight
        self.fitsContent = fitsContent
    }

    /// The organisation code column: 7 cells, wider when a code is longer.
    public static let code = TableColumn("Код", width: 7, fitsContent: true)
}

/// One cell: text and, optionally, its own style (a level in colour).
public struct TableCell: Equatable, Sendable {
    public var text: String
    public var style: CellStyle?
    /// What to show instead when `text` does not fit its column (an organisation's short name).
    public var short: String?
    public init(_ text: String, short: String? = nil, style: CellStyle? = nil) { self.text = text; self.short = short; self.style = style }

    /// The text for a column `width` cells wide.
    func fitting(_ width: Int) -> String {
        guard let s = short, TextWidth.width(of: text) > width else { return text }
        return s
    }
}

/// One row of a table; `id` is what Enter opens (an organisation id).
public struct TableRow: Equatable, Sendable {
    public var id: String
    public var cells: [TableCell]
    public init(id: String, cells: [TableCell]) { self.id = id; self.cells = cells }

    /// The row's text for `/` filtering: all cells, lower-cased, ё as е.
    var searchText: String { Table.fold(cells.map { $0.text + ($0.short.map { " " + $0 } ?? "") }.joined(separator: " ")) }
}

/// What a key did to a table.
public enum TableEvent: Equatable, Sendable {
    /// The key moved the selection or changed the filter.
    case handled
    /// Enter on a row: its index among the filtered rows.
    case activate(Int)
    /// Not a table key.
    case unhandled
}

/// A table's order: by which column, which way.
public struct TableSort: Equatable, Sendable {
    public var column: Int
    public var descending: Bool
    public init(column: Int, descending: Bool) { self.column = column; self.descending = descending }
}

/// Selection, scroll position and `/` filter of a table; the rows themselves are computed from the data.
public struct TableState: Equatable, Sendable {
    public var selected: Int = 0
    public var offset: Int = 0
    public var filter: String = ""
    /// The filter being typed after `/`; nil when not typing.
    public var filterField: TextField?
    /// The column the rows are ordered by; nil: as the screen gives them.
    public var sort: TableSort?

    public init() {}

    /// Orders by the next column (none, the first, the second… none again), keeping the direction.
    public mutating func nextSortColumn(columns: Int) {
        guard columns > 0 else { return }
        let next = (sort?.column ?? -1) + 1
        sort = next < columns ? TableSort(column: next, descending: sort?.descending ?? false) : nil
        selected = 0
        offset = 0
    }

    /// Reverses the order (sorting by the first column when unsorted).
    public mutating func reverseSort() {
        sort = TableSort(column: sort?.column ?? 0, descending: !(sort?.descending ?? false))
        selected = 0
        offset = 0
    }

    /// Whether keys go to the filter field.
    public var isTypingFilter: Bool { filterField != nil }

    /// Moves, scrolls, filters. `rows` are the filtered rows, `visible` how many fit on screen.
    public mutating func handle(_ key: Key, rows: Int, visible: Int) -> TableEvent {
        if var field = filterField {
            switch key {
            case .enter:
                filterField = nil
            case .escape:
                filterField = nil
                filter = ""
            case .up, .down, .pageUp, .pageDown:
                filterField = nil
                return handle(key, rows: rows, visible: visible)
            default:
                guard field.handle(key) else { return .unhandled }
                filterField = field
                filter = field.text
                selected = 0
                offset = 0
            }
            return .handled
        }
        let page = max(visible - 1, 1)
        switch key {
        case .up, .char("k"), .char("л"): selected -= 1
        case .down, .char("j"), .char("о"): selected += 1
        case .pageUp: selected -= page
        case .pageDown: selected += page
        case .home: selected = 0
        case .end: selected = rows - 1
        case .char("/"):
            filterField = TextField(filter)
            return .handled
        case .escape where !filter.isEmpty:
            filter = ""
            selected = 0
            offset = 0
            return .handled
        case .enter:
            clamp(rows: rows, visible: visible)
            return rows > 0 ? .activate(selected) : .handled
        default:
            return .unhandled
        }
        clamp(rows: rows, visible: visible)
        return .handled
    }

    /// Keeps the selection inside the rows and on screen.
    public mutating func clamp(rows: Int, visible: Int) {
        selected = min(max(selected, 0), max(rows - 1, 0))
        offset = Table.offset(selected: selected, offset: offset, rows: rows, visible: visible)
    }
}

/// Draws a table: header, the visible rows (only those), selection, and a footer with the filter and position.
public enum Table {
    /// Lower-cased with ё as е, for filtering.
    static func fold(_ s: String) -> String { s.lowercased().replacingOccurrences(of: "ё", with: "е") }

    /// The rows that contain every word of `filter`.
    public static func filtered(_ rows: [TableRow], by filter: String) -> [TableRow] {
        let words = fold(filter).split(separator: " ")
        guard !words.isEmpty else { return rows }
        return rows.filter { row in
            let text = row.searchText
            return words.allSatisfy { text.contains($0) }
        }
    }

    /// Data rows that fit in a table of `height` lines (one header, one footer).
    public static func visibleRows(height: Int) -> Int { max(height - 2, 1) }

    /// The first row shown: the stored offset, moved just enough to show the selection.
    static func offset(selected: Int, offset: Int, rows: Int, visible: Int) -> Int {
        var o = min(offset, max(rows - visible, 0))
        if selected < o { o = selected }
        if selected >= o + visible { o = selected - visible + 1 }
        return max(o, 0)
    }

    /// Widths of the columns in `width` cells (one blank between columns).
    public static func widths(_ columns: [TableColumn], width: Int) -> [Int] {
        let fixed = columns.reduce(0) { $0 + $1.width } + max(columns.count - 1, 0)
        var spare = max(width - fixed, 0)
        let shares = columns.reduce(0) { $0 + $1.flex }
        var out = columns.map(\.width)
        guard shares > 0 else { return out }
        let total = spare
        for (i, c) in columns.enumerated() where c.flex > 0 {
            let add = total * c.flex / shares
            out[i] += add
            spare -= add
        }
        if let last = columns.lastIndex(where: { $0.flex > 0 }) { out[last] += spare }
        return out
    }

    /// The columns with code columns widened to their widest cell.
    static func fitted(_ columns: [TableColumn], to rows: [TableRow]) -> [TableColumn] {
        var columns = columns
        for i in columns.indices where columns[i].fitsContent {
            let widest = rows.reduce(columns[i].width) { w, r in
                i < r.cells.count ? max(w, TextWidth.width(of: r.cells[i].text)) : w
            }
            columns[i].width = min(widest, max(TableColumn.maxFitWidth, columns[i].width))
        }
        return columns
    }

    /// Draws the column titles on `row` from `col`; the sorted column gets ▲ or ▼.
    public static func drawHeader(_ columns: [TableColumn], widths: [Int], sort: TableSort? = nil,
                                  on canvas: inout some Canvas, row: Int, col: Int) {
        var x = col
        for (i, c) in columns.enumerated() {
            var title = c.title
            if let sort, sort.column == i { title += sort.descending ? "▼" : "▲" }
            let cell = TableCell(title, style: CellStyle.title.emphasized)
            drawCell(cell, column: c, width: widths[i], on: &canvas, row: row, col: x, selected: false)
            x += widths[i] + 1
        }
    }

    /// Draws one row of cells on `row` from `col` (the one row drawer every table and list uses): each cell in its
    /// column's width and alignment; a selected row is painted in `selectedStyle` over `fill` cells first.
    public static func drawRow(_ cells: [TableCell], columns: [TableColumn], widths: [Int], on canvas: inout some Canvas,
                               row: Int, col: Int, selected: Bool = false, selectedStyle: CellStyle = .highlight,
                               fill: Int? = nil) {
        if selected { canvas.fill(row: row, col: col, width: fill ?? (widths.reduce(0, +) + widths.count - 1), style: selectedStyle) }
        var x = col
        for (i, c) in columns.enumerated() {
            let cell = i < cells.count ? cells[i] : TableCell("")
            drawCell(cell, column: c, width: widths[i], on: &canvas, row: row, col: x, selected: selected)
            x += widths[i] + 1
        }
    }

    private static func drawCell(_ cell: TableCell, column: TableColumn, width: Int, on canvas: inout some Canvas,
                                 row: Int, col: Int, selected: Bool) {
        var style = cell.style ?? .normal
        if selected { style = cell.style.map { $0.inverted } ?? .highlight }
        let text = cell.fitting(width)
        if column.alignRight {
            canvas.putRightAligned(text, row: row, col: col, width: width, style: style)
        } else {
            canvas.putTruncated(text, row: row, col: col, width: width, style: style)
        }
    }

    /// Draws `rows` (already filtered and sorted) in `rect`: header line, rows, footer line.
    public static func draw(_ rows: [TableRow], columns: [TableColumn], state: TableState,
                            on canvas: inout some Canvas, in rect: Rect, focused: Bool = true,
                            total: Int? = nil, empty: String = "Нет строк") {
        guard rect.height >= 3, rect.width > 0 else { return }
        let columns = fitted(columns, to: rows)
        let widths = widths(columns, width: rect.width)
        drawHeader(columns, widths: widths, sort: state.sort, on: &canvas, row: rect.row, col: rect.col)
        let visible = visibleRows(height: rect.height)
        let selected = min(max(state.selected, 0), max(rows.count - 1, 0))
        let first = offset(selected: selected, offset: state.offset, rows: rows.count, visible: visible)
        if rows.isEmpty {
            canvas.put(empty, row: rect.row + 1, col: rect.col, style: .muted)
        }
        for (n, index) in (first..<min(first + visible, rows.count)).enumerated() {
            drawRow(rows[index].cells, columns: columns, widths: widths, on: &canvas, row: rect.row + 1 + n, col: rect.col,
                    selected: focused && index == selected, fill: rect.width)
        }
        drawFooter(rows: rows.count, total: total, selected: selected, state: state, on: &canvas,
                   row: rect.row + rect.height - 1, col: rect.col, width: rect.width)
    }

    /// The rows that pass the filter, in the chosen order.
    public static func arranged(_ rows: [TableRow], _ state: TableState) -> [TableRow] {
        let shown = filtered(rows, by: state.filter)
        guard let sort = state.sort else { return shown }
        let keyed = shown.map { row in (row, sortKey(sort.column < row.cells.count ? row.cells[sort.column].text : "")) }
        let ordered = keyed.enumerated().sorted { a, b in
            let (x, y) = (a.element.1, b.element.1)
            if x == y { return a.offset < b.offset }  // stable: equal keys keep their order
            return sort.descending ? y < x : x < y
        }
        return ordered.map(\.element.0)
    }

    /// How a cell sorts: dates by day, numbers (`23/39`, `59,0 %`, `3 дн.`) by value, other text alphabetically;
    /// numbers before text.
    static func sortKey(_ text: String) -> SortKey {
        let t = Whitespace.trimmed(text)
        let parts = t.split(separator: ".")
        if parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }), parts[2].count == 4,
           let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) {
            return .number(Double(y * 10_000 + m * 100 + d))
        }
        var digits = ""
        var sign = 1.0
        for (i, ch) in t.enumerated() {
            if i == 0, ch == "+" || ch == "−" || ch == "-" { sign = ch == "+" ? 1 : -1; continue }
            if ch.isNumber { digits.append(ch) } else if ch == "," || ch == "." { digits.append(".") } else { break }
        }
        if let v = Double(digits), !digits.isEmpty { return .number(sign * v) }
        return .text(fold(t))
    }

    enum SortKey: Comparable {
        case number(Double)
        case text(String)
    }

    private static func drawFooter(rows: Int, total: Int?, selected: Int, state: TableState,
                                   on canvas: inout some Canvas, row: Int, col: Int, width: Int) {
        let position = rows == 0 ? "" : "\(selected + 1) из \(rows)"
        let all = total.map { $0 != rows ? " (всего \($0))" : "" } ?? ""
        let right = position + all
        let rw = TextWidth.width(of: right)
        canvas.putRightAligned(right, row: row, col: col + width - rw, width: rw, style: .muted)
        let room = max(width - rw - 2, 0)
        if let field = state.filterField {
            let label = "Фильтр: "
            canvas.put(label, row: row, col: col, style: .accent)
            field.draw(on: &canvas, row: row, col: col + TextWidth.width(of: label),
                       width: max(room - TextWidth.width(of: label), 1), focused: true)
        } else if !state.filter.isEmpty {
            canvas.putTruncated("Фильтр: \(state.filter)  (/ — изменить, Esc — сбросить)", row: row, col: col,
                                width: room, style: .accent)
        } else {
            canvas.putTruncated("/ — фильтр", row: row, col: col, width: room, style: .muted)
        }
    }
}
