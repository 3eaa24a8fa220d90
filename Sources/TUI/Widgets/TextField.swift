import Model

/// A one-line text input: Cyrillic and any printable text through `Key.char`, a cursor,
/// Backspace/Delete, ←/→, Home/End (also Ctrl+A/E), Ctrl+U clears to the start, Ctrl+K to the end.
public struct TextField: Equatable, Sendable {
    /// The text typed so far (control characters never get in).
    public private(set) var text: String
    /// Cursor position in characters, 0…count.
    public private(set) var cursor: Int
    /// At most this many characters are accepted.
    public var maxLength: Int

    public init(_ text: String = "", maxLength: Int = 300) {
        let clean = DisplayText.sanitize(text)
        self.text = clean
        self.cursor = clean.count
        self.maxLength = maxLength
    }

    /// Replaces the text and puts the cursor at its end.
    public mutating func set(_ newText: String) {
        text = DisplayText.sanitize(newText)
        cursor = text.count
    }

    /// The text without leading and trailing spaces.
    public var trimmed: String { Whitespace.trimmed(text) }

    // MARK: - Keys

    /// Applies an editing key; returns false for keys a field does not use (Enter, Tab, arrows up/down…).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c):
            insert(c)
            return true
        case .backspace:
            if cursor > 0 {
                let i = text.index(text.startIndex, offsetBy: cursor - 1)
                text.remove(at: i)
                cursor -= 1
            }
            return true
        case .delete, .ctrl("d"):
            if cursor < text.count {
                text.remove(at: text.index(text.startIndex, offsetBy: cursor))
            }
            return true
        case .left:
            cursor = max(cursor - 1, 0)
            return true
        case .right:
            cursor = min(cursor + 1, text.count)
            return true
        case .home, .ctrl("a"):
            cursor = 0
            return true
        case .end, .ctrl("e"):
            cursor = text.count
            return true
        case .ctrl("u"):
            text = String(text.dropFirst(cursor))
            cursor = 0
            return true
        case .ctrl("k"):
            text = String(text.prefix(cursor))
            return true
        default:
            return false
        }
    }

    private mutating func insert(_ c: Character) {
        // Typed text is shown and stored without control characters (escape sequences, bidi overrides).
        let clean = DisplayText.sanitize(String(c))
        guard !clean.isEmpty, text.count + clean.count <= maxLength else { return }
        let i = text.index(text.startIndex, offsetBy: cursor)
        let before = text.count
        text.insert(contentsOf: clean, at: i)
        // By what the text grew, not by what was typed: a combining mark (the breve of a decomposed «й») joins the
        // character before it and adds no character; counting it put the cursor past the end, and the next frame
        // trapped on it (the session died).
        cursor += text.count - before
    }

    // MARK: - Drawing

    /// Draws the field in `width` cells (scrolled so the cursor stays visible); shows the cursor when focused.
    public func draw(on canvas: inout some Canvas, row: Int, col: Int, width: Int, focused: Bool) {
        guard width > 0 else { return }
        let style = focused ? CellStyle.normal.underlined.emphasized : CellStyle.normal.underlined
        canvas.fill(row: row, col: col, width: width, style: style)
        let chars = Array(text)
        // Each character's width once: scrolling measured the whole rest again per step, which a 1,000-character
        // field (a pasted text) made a second's work per key.
        let widths = chars.map { TextWidth.width(of: String($0)) }
        var start = 0
        var used = widths[0..<cursor].reduce(0, +)   // the cells from `start` to the cursor
        while start < cursor && used > width - 1 { used -= widths[start]; start += 1 }
        var shown = ""
        var filled = 0
        for (ch, w) in zip(chars[start...], widths[start...]) {
            if filled + w > width { break }
            shown.append(ch)
            filled += w
        }
        canvas.put(shown, row: row, col: col, style: style)
        if focused {
            canvas.cursor(row: row, col: col + min(used, width - 1), visible: true)
        }
    }
}
