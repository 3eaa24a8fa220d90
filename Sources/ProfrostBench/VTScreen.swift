/// The screen a terminal would show for the bytes a session writes: enough of xterm (the terminfo entry
/// `xterm-256color` that the sessions get) for ncurses' output — cursor addressing, erasing, inserting and
/// deleting characters and lines, scroll regions, repeat — so the bench can tell when a key's change is on the
/// screen and read the status line. Colours and attributes are kept only as a number per cell, so a moved
/// highlight counts as a change.
struct VTScreen {
    let rows: Int
    let cols: Int
    private var chars: [UInt32]
    private var attrs: [Int]
    private var row = 0, col = 0
    private var wrapPending = false
    private var top = 0, bottom: Int
    private var saved = (0, 0)
    private var attr = 0
    private var sgr: [Int] = []
    private var lastChar: UInt32 = 32
    /// Counts the cell changes so far; a caller compares it before and after feeding bytes.
    private(set) var changes = 0
    /// Escape sequences the emulator does not know, by their final byte (reported, never silently wrong).
    private(set) var unknown: [String: Int] = [:]

    private enum State { case ground, escape, csi, osc, oscEscape, charset }
    private var state = State.ground
    private var params: [UInt8] = []
    private var utf8: [UInt8] = []
    private var utf8Need = 0

    init(rows: Int, cols: Int) {
        self.rows = rows; self.cols = cols
        chars = Array(repeating: 32, count: rows * cols)
        attrs = Array(repeating: 0, count: rows * cols)
        bottom = rows - 1
    }

    /// The text of row `r`, trailing blanks dropped.
    func line(_ r: Int) -> String {
        var s = String.UnicodeScalarView()
        for c in 0..<cols { s.append(Unicode.Scalar(chars[r * cols + c]) ?? " ") }
        var out = String(s)
        while out.last == " " { out.removeLast() }
        return out
    }

    var text: String { (0..<rows).map(line).joined(separator: "\n") }

    func contains(_ s: String) -> Bool { (0..<rows).contains { line($0).contains(s) } }

    mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        for b in bytes { step(b) }
    }

    // MARK: - Parsing

    private mutating func step(_ b: UInt8) {
        switch state {
        case .ground:
            if utf8Need > 0 {
                if b & 0xC0 == 0x80 {
                    utf8.append(b)
                    utf8Need -= 1
                    if utf8Need == 0 { put(decodeUTF8()) }
                    return
                }
                utf8Need = 0; utf8 = []; put(0xFFFD)
            }
            switch b {
            case 0x1B: state = .escape
            case 0x0D: col = 0; wrapPending = false
            case 0x0A, 0x0B, 0x0C: lineFeed()
            case 0x08: if col > 0 { col -= 1 }; wrapPending = false
            case 0x09: col = min((col / 8 + 1) * 8, cols - 1)
            case 0x00..<0x20, 0x7F: break  // BEL, SO/SI and the rest: nothing to draw
            case 0x20..<0x80: put(UInt32(b))
            case 0xC0..<0xE0: utf8 = [b]; utf8Need = 1
            case 0xE0..<0xF0: utf8 = [b]; utf8Need = 2
            case 0xF0..<0xF8: utf8 = [b]; utf8Need = 3
            default: put(0xFFFD)
            }
        case .escape:
            state = .ground
            switch b {
            case UInt8(ascii: "["): state = .csi; params = []
            case UInt8(ascii: "]"): state = .osc
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"): state = .charset
            case UInt8(ascii: "7"): saved = (row, col)
            case UInt8(ascii: "8"): (row, col) = saved; wrapPending = false
            case UInt8(ascii: "M"): reverseIndex()
            case UInt8(ascii: "D"): lineFeed()
            case UInt8(ascii: "E"): col = 0; lineFeed()
            case UInt8(ascii: "c"): reset()
            case UInt8(ascii: "="), UInt8(ascii: ">"): break
            default: unknown["ESC \(Character(Unicode.Scalar(b)))", default: 0] += 1
            }
        case .charset:
            state = .ground
        case .osc:
            if b == 0x07 { state = .ground } else if b == 0x1B { state = .oscEscape }
        case .oscEscape:
            state = b == UInt8(ascii: "\\") ? .ground : .osc
        case .csi:
            if b >= 0x40 && b <= 0x7E {
                state = .ground
                csi(b)
            } else if b == 0x1B {
                state = .escape
            } else {
                params.append(b)
            }
        }
    }

    private mutating func decodeUTF8() -> UInt32 {
        defer { utf8 = [] }
        var v: UInt32
        switch utf8.count {
        case 2: v = UInt32(utf8[0] & 0x1F)
        case 3: v = UInt32(utf8[0] & 0x0F)
        default: v = UInt32(utf8[0] & 0x07)
        }
        for b in utf8.dropFirst() { v = v << 6 | UInt32(b & 0x3F) }
        return v
    }

    private mutating func csi(_ final: UInt8) {
        let isPrivate = params.first.map { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "=") } ?? false
        let text = String(decoding: params.filter { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ":") },
                          as: UTF8.self)
        let ps = text.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        func p(_ i: Int, _ d: Int) -> Int { i < ps.count ? (ps[i].map { $0 == 0 ? d : $0 } ?? d) : d }
        if isPrivate { return }  // modes (cursor visibility, keypad, alternate screen): nothing to draw
        switch final {
        case UInt8(ascii: "H"), UInt8(ascii: "f"): moveTo(p(0, 1) - 1, p(1, 1) - 1)
        case UInt8(ascii: "A"): moveTo(max(row - p(0, 1), 0), col)
        case UInt8(ascii: "B"): moveTo(min(row + p(0, 1), rows - 1), col)
        case UInt8(ascii: "C"): moveTo(row, col + p(0, 1))
        case UInt8(ascii: "D"): moveTo(row, col - p(0, 1))
        case UInt8(ascii: "E"): moveTo(row + p(0, 1), 0)
        case UInt8(ascii: "F"): moveTo(row - p(0, 1), 0)
        case UInt8(ascii: "G"), UInt8(ascii: "`"): moveTo(row, p(0, 1) - 1)
        case UInt8(ascii: "d"): moveTo(p(0, 1) - 1, col)
        case UInt8(ascii: "J"):
            switch ps.first.flatMap({ $0 }) ?? 0 {
            case 0: erase(from: row * cols + col, to: rows * cols)
            case 1: erase(from: 0, to: row * cols + col + 1)
            default: erase(from: 0, to: rows * cols)
            }
        case UInt8(ascii: "K"):
            switch ps.first.flatMap({ $0 }) ?? 0 {
            case 0: erase(from: row * cols + col, to: row * cols + cols)
            case 1: erase(from: row * cols, to: row * cols + col + 1)
            default: erase(from: row * cols, to: row * cols + cols)
            }
        case UInt8(ascii: "X"): erase(from: row * cols + col, to: row * cols + min(col + p(0, 1), cols))
        case UInt8(ascii: "@"): shiftRow(insert: p(0, 1))
        case UInt8(ascii: "P"): shiftRow(insert: -p(0, 1))
        case UInt8(ascii: "L"): if row >= top && row <= bottom { scroll(from: row, to: bottom, by: -p(0, 1)) }
        case UInt8(ascii: "M"): if row >= top && row <= bottom { scroll(from: row, to: bottom, by: p(0, 1)) }
        case UInt8(ascii: "S"): scroll(from: top, to: bottom, by: p(0, 1))
        case UInt8(ascii: "T"): scroll(from: top, to: bottom, by: -p(0, 1))
        case UInt8(ascii: "r"):
            top = max(p(0, 1) - 1, 0); bottom = min(p(1, rows) - 1, rows - 1)
            if top >= bottom { top = 0; bottom = rows - 1 }
            moveTo(0, 0)
        case UInt8(ascii: "b"): for _ in 0..<min(p(0, 1), rows * cols) { put(lastChar) }
        case UInt8(ascii: "m"): setAttributes(ps)
        case UInt8(ascii: "h"), UInt8(ascii: "l"), UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "c"), UInt8(ascii: "q"):
            break
        case UInt8(ascii: "s"): saved = (row, col)
        case UInt8(ascii: "u"): (row, col) = saved
        default: unknown["CSI \(Character(Unicode.Scalar(final)))", default: 0] += 1
        }
    }

    // MARK: - Effects

    private mutating func setAttributes(_ ps: [Int?]) {
        for v in ps.isEmpty ? [0] : ps.map({ $0 ?? 0 }) {
            if v == 0 { sgr = [] } else { sgr.append(v) }
        }
        var h = Hasher()
        h.combine(sgr)
        attr = sgr.isEmpty ? 0 : h.finalize()
    }

    private mutating func set(_ i: Int, _ c: UInt32, _ a: Int) {
        if chars[i] != c || attrs[i] != a { chars[i] = c; attrs[i] = a; changes += 1 }
    }

    private mutating func put(_ c: UInt32) {
        if wrapPending { col = 0; lineFeed(); wrapPending = false }
        set(row * cols + col, c, attr)
        lastChar = c
        if col == cols - 1 { wrapPending = true } else { col += 1 }
    }

    private mutating func moveTo(_ r: Int, _ c: Int) {
        row = min(max(r, 0), rows - 1); col = min(max(c, 0), cols - 1); wrapPending = false
    }

    private mutating func lineFeed() {
        wrapPending = false
        if row == bottom { scroll(from: top, to: bottom, by: 1) } else if row < rows - 1 { row += 1 }
    }

    private mutating func reverseIndex() {
        if row == top { scroll(from: top, to: bottom, by: -1) } else if row > 0 { row -= 1 }
    }

    private mutating func erase(from: Int, to: Int) {
        guard from < to else { return }
        for i in max(from, 0)..<min(to, rows * cols) { set(i, 32, attr) }
    }

    /// Rows `from…to` move up by `n` (down when negative); the rows uncovered are blank.
    private mutating func scroll(from: Int, to: Int, by n: Int) {
        guard from <= to, n != 0 else { return }
        let height = to - from + 1
        let k = min(abs(n), height)
        var newChars = Array(chars[from * cols..<(to + 1) * cols])
        var newAttrs = Array(attrs[from * cols..<(to + 1) * cols])
        for r in 0..<height {
            let src = n > 0 ? r + k : r - k
            for c in 0..<cols {
                let inside = src >= 0 && src < height
                newChars[r * cols + c] = inside ? chars[(from + src) * cols + c] : 32
                newAttrs[r * cols + c] = inside ? attrs[(from + src) * cols + c] : attr
            }
        }
        for i in 0..<newChars.count { set(from * cols + i, newChars[i], newAttrs[i]) }
    }

    /// Inserts `n` blanks at the cursor (deletes when negative), within the cursor's row.
    private mutating func shiftRow(insert n: Int) {
        let base = row * cols
        var rowChars = Array(chars[base..<base + cols]), rowAttrs = Array(attrs[base..<base + cols])
        if n > 0 {
            let k = min(n, cols - col)
            rowChars.insert(contentsOf: repeatElement(UInt32(32), count: k), at: col)
            rowAttrs.insert(contentsOf: repeatElement(attr, count: k), at: col)
        } else {
            let k = min(-n, cols - col)
            rowChars.removeSubrange(col..<col + k); rowAttrs.removeSubrange(col..<col + k)
            rowChars += repeatElement(32, count: k); rowAttrs += repeatElement(attr, count: k)
        }
        for c in 0..<cols { set(base + c, rowChars[c], rowAttrs[c]) }
    }

    private mutating func reset() {
        erase(from: 0, to: rows * cols)
        row = 0; col = 0; top = 0; bottom = rows - 1; attr = 0; sgr = []; wrapPending = false
    }
}
