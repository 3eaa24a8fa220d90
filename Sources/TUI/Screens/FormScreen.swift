import Model

/// A screen that is one small form (`FieldForm`): lines about what is edited, the fields, lines under them. Enter
/// reads every field together and either marks what is wrong beside it (and in full under the fields) or saves; the
/// save's result closes the form (`Msg.changed`), a refusal stays in it. Esc closes it, asking first when something
/// was typed.
protocol FormScreen: ScreenPart {
    var form: FieldForm { get set }
    /// A save (or a check) is under way: its result is this form's.
    var saving: Bool { get set }
    /// What Enter is called on the bottom line: «Сохранить», «Далее», «Выгрузить».
    var saveHint: String { get }
    var saveHelp: String { get }
    /// Lines above the fields.
    func intro(_ ctx: ScreenContext) -> [(String, CellStyle)]
    /// Lines under the fields.
    func outro(_ ctx: ScreenContext) -> [(String, CellStyle)]
    /// Cells for the labels.
    var labelWidth: Int { get }
    /// Enter: reads the fields together; marks what is wrong, or says what to do (an effect, a dialog).
    mutating func submit(_ ctx: ScreenContext) -> [ScreenCommand]
    /// The field a refusal belongs beside, by key (nil: the message line says it).
    func field(for failure: EffectFailure) -> String?
    mutating func receiveOther(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]?
    mutating func rebase() -> [Effect]
    /// The screen's keys besides Enter and Esc.
    func keys(_ ctx: ScreenContext) -> [Binding<Self>]
}

extension FormScreen {
    var saveHint: String { "Сохранить" }
    var saveHelp: String { "проверить все поля и сохранить (что не так — будет сказано рядом с полем)" }
    func outro(_ ctx: ScreenContext) -> [(String, CellStyle)] { [] }
    var labelWidth: Int { 26 }
    func field(for failure: EffectFailure) -> String? { nil }
    func keys(_ ctx: ScreenContext) -> [Binding<Self>] { [] }
    var capturesText: Bool { true }
    var hasUnsavedInput: Bool { form.isDirty }
    var isBusy: Bool { true }

    func bindings(_ ctx: ScreenContext) -> [Binding<Self>] {
        var out = [Binding<Self>([.enter], "Enter", hint: saveHint, help: saveHelp, whileTyping: true) { s, ctx in
            s.submit(ctx)
        }]
        out += keys(ctx)
        out.append(Binding([.escape], "Esc", hint: "Отмена", help: "закрыть форму без сохранения (спросит, если что-то введено)",
                           whileTyping: true) { s, _ in
            guard s.form.isDirty else { return [.pop] }
            return [.dialog(Dialog(title: "Закрыть форму", lines: ["Введённое не сохранено и пропадёт. Закрыть? (y/n)"],
                                   action: .closeScreen))]
        })
        return out
    }

    /// Typing into a field: an error beside it goes (its hint comes back) until Enter reads the form again.
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        let i = form.focus, before = form.fields.indices.contains(i) ? form.fields[i].input.text : ""
        guard form.handle(key) else { return nil }
        if form.fields.indices.contains(i), form.fields[i].input.text != before, form.fields[i].isError {
            form.fields[i].note = ""
            form.fields[i].isError = false
        }
        return []
    }

    /// Starts a save: the effect, with the form waiting for its result.
    mutating func save(_ effect: Effect) -> [ScreenCommand] {
        saving = true
        return [.effect(effect)]
    }

    /// The save's result: done closes the form; a refusal is shown beside its field, or on the message line.
    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard saving else { return nil }
        guard let result = SaveResult(msg) else { return receiveOther(msg, ctx) }
        saving = false
        guard case .refused(let f) = result else { return [.pop] }
        var out: [ScreenCommand] = [.message(StatusMessage(f.message, .error))]
        if f.isConflict {
            out += rebase().map { .effect($0) }
        } else if let key = field(for: f) {
            form.mark([key: FieldNote(f.message, isError: true)])
        }
        return out
    }

    /// Results besides done and refused (a preview, a checked path); nil: not this form's.
    mutating func receiveOther(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? { nil }

    /// Someone else saved the same document meanwhile: what to reload (the form keeps what was typed, and the next
    /// Enter saves against what is on disk now — after the user has seen it).
    mutating func rebase() -> [Effect] { [.loadOverview] }

    func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let b = ctx.body.inset(1)
        var row = b.row
        for (text, style) in intro(ctx) {
            for line in TextWrap.lines(text, width: b.width, maxLines: 3) where row < b.bottom {
                canvas.putTruncated(line, row: row, col: b.col, width: b.width, style: style)
                row += 1
            }
        }
        row += 1
        form.draw(on: &canvas, row: row, col: b.col, width: b.width, labelWidth: labelWidth)
        row += form.height + 1
        // Each error whole (beside its field it may be cut at 80 columns).
        for f in form.fields where f.isError && f.isActive {
            for line in TextWrap.lines("\(f.label): \(f.note)", width: b.width, maxLines: 2) where row < b.bottom {
                canvas.putTruncated(line, row: row, col: b.col, width: b.width, style: .bad)
                row += 1
            }
        }
        for (text, style) in outro(ctx) {
            for line in TextWrap.lines(text, width: b.width, maxLines: 4) where row < b.bottom {
                canvas.putTruncated(line, row: row, col: b.col, width: b.width, style: style)
                row += 1
            }
        }
    }
}

/// What a screen that started a save makes of a message: the save is done (the screen closes) or refused (it says
/// why); nil for any other message.
enum SaveResult {
    case done
    case refused(EffectFailure)

    init?(_ msg: Msg) {
        switch msg {
        case .changed: self = .done
        case .failed(let f): self = .refused(f)
        default: return nil
        }
    }
}

/// A date typed in a form: a real day written ДД.ММ.ГГГГ, or what is wrong with it.
func typedDay(_ text: String, example: String = "30.09.2026") -> Result<Day, DateProblem> {
    let t = Whitespace.trimmed(text)  // (not trimmingCharacters: the open indicator form reads its date on every frame)
    let parts = t.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }), parts[2].count == 4 else {
        return .failure(DateProblem("дата — в виде ДД.ММ.ГГГГ, например \(example)"))
    }
    guard let day = Day(t) else { return .failure(DateProblem("такой даты нет: \(t)")) }
    return .success(day)
}

/// What is wrong with a typed date, said beside its field.
struct DateProblem: Error, Equatable {
    let text: String
    init(_ text: String) { self.text = text }
    var note: FieldNote { FieldNote(text, isError: true) }
}

/// A problem with a field: an error stops the save; a warning is shown and the user may go on.
public struct FieldNote: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool) { self.text = text; self.isError = isError }
}

extension FieldForm.Field {
    /// A field of the methodist's forms: the key the screen reads it by, the label, what to type beside it.
    static func form(_ key: String, _ label: String, _ kind: FieldForm.Kind = .text, text: String = "", maxLength: Int,
                     hint: String = "") -> Self {
        var f = Self(key, label, kind, text: text, maxLength: maxLength)
        f.hint = hint
        return f
    }
}

extension FieldForm {
    /// Puts the notes beside their fields, by key (✗ an error, ⚠ a warning), clears the others, and moves to the
    /// first field with an error.
    mutating func mark(_ notes: [String: FieldNote]) {
        for i in fields.indices {
            let n = notes[fields[i].key]
            fields[i].note = n.map { ($0.isError ? "✗ " : "⚠ ") + $0.text } ?? ""
            fields[i].isError = n?.isError ?? false
        }
        if let first = fields.firstIndex(where: { $0.isError }) { focus = first }
    }
}
