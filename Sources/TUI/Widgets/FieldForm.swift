import Model

/// A form of labelled fields, one a line: text, whole numbers, dates, and choices cycled with Space or ←/→.
/// Tab/↓ and Shift+Tab/↑ move between the fields that take part; the rest of the keys edit the focused one.
/// Used by the template editor and the new campaign form (each reads the fields into its own Model values).
public struct FieldForm: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text
        /// Digits only.
        case number
        /// `ДД.ММ.ГГГГ`: digits and dots.
        case date
        /// An identifier (a person's sign-in code, an organisation's code): Latin letters, digits, `-`, `_`, `.`.
        case identifier
        /// One of these, cycled.
        case choice([String])
    }

    public struct Field: Equatable, Sendable {
        /// What the screen knows the field by.
        public var key: String
        public var label: String
        public var kind: Kind
        public var input: TextField
        /// The chosen option of a choice.
        public var choice = 0
        /// Whether the field takes part now (a threshold only for rules that have one).
        public var isActive = true
        /// Shown beside the field: what to type, or (`isError`) what is wrong.
        public var note = ""
        /// What to type, shown while there is no note (a note that is cleared brings it back).
        public var hint = ""
        public var isError = false
        /// Why the last key typed was not taken (a letter in a number), until the next key.
        public var refusal: String?

        public init(_ key: String, _ label: String, _ kind: Kind = .text, text: String = "", maxLength: Int = FieldLimit.templateText.maxLength, choice: Int = 0) {
            self.key = key; self.label = label; self.kind = kind
            input = TextField(text, maxLength: maxLength)
            self.choice = choice
        }

        /// The text typed, or the option chosen.
        public var value: String {
            if case .choice(let options) = kind { return options.indices.contains(choice) ? options[choice] : "" }
            return input.trimmed
        }

        func accepts(_ c: Character) -> Bool {
            switch kind {
            case .number: return c.isASCII && c.isNumber
            case .date: return (c.isASCII && c.isNumber) || c == "."
            case .identifier: return c.isASCII && (c.isLetter || c.isNumber || "-_.".contains(c))
            case .text, .choice: return true
            }
        }
    }

    public var fields: [Field]
    public var focus = 0
    /// What the fields held when the form opened (`isDirty`).
    let initial: [String]

    public init(_ fields: [Field]) {
        self.fields = fields
        initial = fields.map { "\($0.choice)|\($0.input.text)" }
    }

    /// Whether anything was typed or chosen since the form opened (closing would lose it).
    public var isDirty: Bool { fields.map { "\($0.choice)|\($0.input.text)" } != initial }

    public subscript(key: String) -> Field? {
        get { fields.first { $0.key == key } }
    }

    /// The typed text (or the option chosen) of a field.
    public func value(_ key: String) -> String { self[key]?.value ?? "" }

    /// The option index of a choice.
    public func choice(_ key: String) -> Int { self[key]?.choice ?? 0 }

    public mutating func setActive(_ key: String, _ active: Bool) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].isActive = active }
    }

    public mutating func setNote(_ key: String, _ note: String, isError: Bool = false) {
        if let i = fields.firstIndex(where: { $0.key == key }) { fields[i].note = note; fields[i].isError = isError }
    }

    public var focused: Field { fields[min(focus, fields.count - 1)] }

    public mutating func move(_ step: Int) {
        var i = focus
        for _ in 0..<fields.count {
            i = (i + step + fields.count) % fields.count
            if fields[i].isActive { focus = i; return }
        }
    }

    /// Applies a key to the focused field; false for keys the form leaves to the screen (Enter, Esc, F-keys).
    /// A letter typed into a number refuses itself with a note.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .tab, .down: move(1); return true
        case .backTab, .up: move(-1); return true
        default: break
        }
        guard fields.indices.contains(focus) else { return false }
        var f = fields[focus]
        defer { fields[focus] = f }
        if case .choice(let options) = f.kind {
            switch key {
            case .char(" "), .right: f.choice = (f.choice + 1) % max(options.count, 1)
            case .left: f.choice = (f.choice + max(options.count, 1) - 1) % max(options.count, 1)
            default: return key.isPrintable
            }
            return true
        }
        f.refusal = nil
        if case .char(let c) = key, !f.accepts(c) {
            f.refusal = f.kind == .date ? "только цифры и точки" : f.kind == .identifier ? "только латиница, цифры, - _ ." : "только цифры"
            return true
        }
        return f.input.handle(key)
    }

    /// Rows the form takes.
    public var height: Int { fields.count }

    /// Draws one field a row: label, the field, its note.
    /// `hasFocus` false: no field is shown focused (the keys are elsewhere on the screen).
    public func draw(on canvas: inout some Canvas, row: Int, col: Int, width: Int, labelWidth: Int = 24, hasFocus: Bool = true) {
        let fieldCol = col + labelWidth + 1
        for (i, f) in fields.enumerated() {
            let r = row + i
            let focused = hasFocus && i == focus
            let labelStyle: CellStyle = !f.isActive ? .muted : focused ? CellStyle.accent.emphasized : .normal
            canvas.putTruncated(f.label, row: r, col: col, width: labelWidth, style: labelStyle)
            let note = f.refusal ?? (f.note.isEmpty ? f.hint : f.note)
            let noteWidth = note.isEmpty ? 0 : min(TextWidth.width(of: note) + 1, max(width - labelWidth - 1 - 12, 0))
            let fieldWidth = max(width - labelWidth - 1 - noteWidth, 1)
            if !f.isActive {
                canvas.putTruncated("—", row: r, col: fieldCol, width: fieldWidth, style: .muted)
            } else if case .choice(let options) = f.kind {
                let shown = "◀ " + (options.indices.contains(f.choice) ? options[f.choice] : "") + " ▶"
                canvas.putTruncated(shown, row: r, col: fieldCol, width: fieldWidth,
                                    style: focused ? CellStyle.highlight.emphasized : .normal)
            } else if focused {
                f.input.draw(on: &canvas, row: r, col: fieldCol, width: fieldWidth, focused: true)
            } else {
                // Not being typed into: from its beginning, where the field's own scrolling would show the end.
                canvas.putTruncated(f.input.text, row: r, col: fieldCol, width: fieldWidth, style: CellStyle.normal.underlined)
            }
            if noteWidth > 0 {
                canvas.putTruncated(" " + note, row: r, col: fieldCol + fieldWidth, width: noteWidth,
                                    style: f.isError || f.refusal != nil ? .bad : .muted)
            }
        }
    }
}

extension Key {
    /// A character key (typed text), as opposed to Enter, arrows and function keys.
    var isPrintable: Bool {
        if case .char = self { return true }
        return false
    }
}
