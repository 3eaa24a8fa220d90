/// A modal box over the screen: a question answered y/д or n/н, or a line of text to type.
public struct Dialog: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Answered with y/д (yes) or n/н/Esc (no).
        case confirm
        /// A text field; Enter accepts, Esc cancels.
        case input(TextField)
    }

    public var title: String
    public var lines: [String]
    public var kind: Kind
    /// What a "yes" (or Enter in an input) does.
    public var action: DialogAction
    /// What a "no" does (nothing but closing, by default).
    public var onNo: DialogAction?

    public init(title: String, lines: [String], kind: Kind = .confirm, action: DialogAction, onNo: DialogAction? = nil) {
        self.title = title; self.lines = lines; self.kind = kind; self.action = action; self.onNo = onNo
    }

    /// The answer a key gives.
    public enum Answer: Equatable, Sendable {
        case yes(text: String?)
        case no
        case cancel
        case pending
    }

    /// Applies a key: y/Y/д/Д yes, n/N/н/Н no, Esc cancel; in an input, Enter yes and other keys edit.
    public mutating func handle(_ key: Key) -> Answer {
        switch kind {
        case .confirm:
            switch key {
            case .char("y"), .char("Y"), .char("д"), .char("Д"): return .yes(text: nil)
            case .char("n"), .char("N"), .char("н"), .char("Н"): return .no
            case .escape: return onNo == nil ? .no : .cancel
            default: return .pending
            }
        case .input(var field):
            switch key {
            case .enter: return .yes(text: field.text)
            case .escape: return .cancel
            default:
                field.handle(key)
                kind = .input(field)
                return .pending
            }
        }
    }

    /// The keys that answer it, as the bottom of the box (and the too-small screen) says them.
    public var prompt: String {
        switch kind {
        case .confirm: return onNo == nil ? "y (д) — да    n (н) — нет" : "y (д) — да    n (н) — нет    Esc — отмена"
        case .input: return "Enter — готово    Esc — отмена"
        }
    }

    /// Draws the dialog as plain lines from `row` down, in `width` columns (a screen too small for the box): the
    /// title, the text wrapped, the field being typed in, the keys. Returns the row after the last one drawn.
    @discardableResult
    public func drawPlain(on canvas: inout some Canvas, row first: Int, width: Int, height: Int) -> Int {
        var row = first
        func line(_ text: String, _ style: CellStyle = .normal) {
            for part in TextWrap.lines(text, width: width) where row < height {
                canvas.put(part, row: row, col: 0, style: style)
                row += 1
            }
        }
        line("── \(title) ──", CellStyle.accent.emphasized)
        for l in lines { line(l) }
        if case .input(let field) = kind, row < height {
            field.draw(on: &canvas, row: row, col: 0, width: width, focused: true)
            row += 1
        }
        line(prompt, .muted)
        return row
    }

    /// Draws the box centred in a `width`×`height` screen.
    public func draw(on canvas: inout some Canvas, width: Int, height: Int) {
        let inner = min(max(lines.map { TextWidth.width(of: $0) }.max() ?? 0, TextWidth.width(of: title) + 4, 40), width - 8)
        var body: [String] = []
        for line in lines { body += TextWrap.lines(line, width: inner).isEmpty ? [""] : TextWrap.lines(line, width: inner) }
        let fieldRows = (kind == .confirm) ? 0 : 1
        let h = min(body.count + fieldRows + 4, height - 2)
        let w = inner + 4
        let top = max((height - h) / 2, 0)
        let left = max((width - w) / 2, 0)
        for r in top..<(top + h) { canvas.fill(row: r, col: left, width: w, style: .normal) }
        canvas.box(row: top, col: left, width: w, height: h, title: title, style: .accent, titleStyle: CellStyle.accent.emphasized)
        var row = top + 1
        for line in body where row < top + h - 2 {
            canvas.putTruncated(line, row: row, col: left + 2, width: inner)
            row += 1
        }
        if case .input(let field) = kind {
            row += 1
            field.draw(on: &canvas, row: top + h - 3, col: left + 2, width: inner, focused: true)
        }
        canvas.putCentered(prompt, row: top + h - 2, col: left + 1, width: w - 2, style: .muted)
    }
}
