import Model

/// The form under a card's list while one indicator is edited: input shaped by the indicator's rule
/// (a toggle for a fact, two counts for a share or participation, three for retention, a number for percent)
/// and the evidence document's name, number and date; or, for a reviewer, a verdict, a corrected value and a comment.
public struct IndicatorForm: Equatable, Sendable {
    /// Which part of an answer or review a field holds.
    public enum Kind: Equatable, Sendable {
        case toggle
        case whole, part, lastYear, retained, current, percent
        case document, number, date
        case verdict, corrected, comment
    }

    public struct Field: Equatable, Sendable {
        public var kind: Kind
        public var label: String
        public var input = TextField()
        /// A fact's toggle: yes, no, or not answered.
        public var flag: Bool?
        public var verdict: Verdict = .confirmed
        /// What to type, shown beside the field.
        public var hint = ""
        /// What is wrong with the field (or looks wrong), shown beside it instead of the hint.
        public var note: FieldNote?

        /// Fields that take a whole number: digits only.
        var isCount: Bool { [.whole, .part, .lastYear, .retained, .current].contains(kind) }

        /// Whether `c` may be typed into the field (digits into counts, a decimal into a percent, a date's digits and dots).
        func accepts(_ c: Character) -> Bool {
            switch kind {
            case .whole, .part, .lastYear, .retained, .current: return c.isASCII && c.isNumber
            case .percent: return (c.isASCII && c.isNumber) || c == "," || c == "."
            case .date: return (c.isASCII && c.isNumber) || c == "."
            default: return true
            }
        }

        var isAnswer: Bool { [.toggle, .whole, .part, .lastYear, .retained, .current, .percent].contains(kind) }
        var isText: Bool { kind != .toggle && kind != .verdict }
    }

    public var indicator: String
    public var fields: [Field]
    /// The fields as the form opened with them (what Esc would go back to).
    public let initial: [Field]
    public var focus = 0
    /// Close the form once the save it started succeeds.
    public var closeAfterSave = false
    /// The user said yes to the warnings shown (a date in the future…): the next save goes through with them.
    public var warningsConfirmed = false
    /// What the save under way changes (`ответ и документ`), for the message once it is through.
    public var saving = ""

    public init(indicator: String, fields: [Field]) {
        self.indicator = indicator
        self.fields = fields
        initial = fields
    }

    public var focused: Field { fields[focus] }
    public var isReview: Bool { fields.contains { $0.kind == .verdict } }

    func index(of kind: Kind) -> Int? { fields.firstIndex { $0.kind == kind } }
    func text(_ kind: Kind) -> String { index(of: kind).map { fields[$0].input.trimmed } ?? "" }

    // MARK: - Building

    /// The principal's form for `indicator`, filled with what the card holds.
    public static func fill(_ ind: Indicator, card: ExpertCard, lastYearYoung: Int?) -> IndicatorForm {
        let answer = card.answers[ind.id]
        var fields: [Field] = []
        func count(_ kind: Kind, _ label: String, _ value: Int?) {
            fields.append(Field(kind: kind, label: label, input: TextField(value.map(String.init) ?? "", maxLength: 7)))
        }
        switch ind.rule {
        case .fact:
            var f = Field(kind: .toggle, label: "Выполнено")
            if case .fact(let p)? = answer { f.flag = p }
            fields.append(f)
        case .share:
            var whole: Int?, part: Int?
            if case .ratio(let p, let w)? = answer { whole = w; part = p }
            count(.whole, "Всего педагогических работников", whole)
            count(.part, "Из них соответствуют показателю", part)
        case .participation:
            var whole: Int?, part: Int?
            if case .ratio(let p, let w)? = answer { whole = w; part = p }
            count(.whole, "Запланировано событий за год", whole)
            count(.part, "Из них с участием", part)
        case .retention:
            var last = lastYearYoung, kept: Int?, now: Int?
            if case .retention(let r, let l, let c)? = answer { last = l; kept = r; now = c }
            count(.lastYear, "Молодых специалистов в прошлом году", last)
            count(.retained, "Из них продолжили работу", kept)
            count(.current, "Молодых специалистов в этом году", now)
        case .percent:
            var text = ""
            if case .percent(let v)? = answer { text = v.rounded() == v ? "\(Int(v))" : "\(v)" }
            fields.append(Field(kind: .percent, label: "Процент (0–100)", input: TextField(text, maxLength: 6)))
        }
        let ev = card.evidence[ind.id]
        fields.append(Field(kind: .document, label: "Документ (название)", input: TextField(ev?.document ?? "")))
        fields.append(Field(kind: .number, label: "Номер документа", input: TextField(ev?.number ?? "", maxLength: 40)))
        fields.append(Field(kind: .date, label: "Дата документа (ДД.ММ.ГГГГ)", input: TextField(ev?.date ?? "", maxLength: 10)))
        return IndicatorForm(indicator: ind.id, fields: fields)
    }

    /// The reviewer's form: verdict, corrected value (only for "исправлено"), comment.
    public static func review(_ ind: Indicator, card: ExpertCard, verdict: Verdict? = nil) -> IndicatorForm {
        let existing = card.reviews[ind.id]
        var v = Field(kind: .verdict, label: "Отметка")
        v.verdict = existing?.verdict ?? .confirmed   // a verdict chosen on the card is set by `choose` below
        let corrected = existing?.corrected ?? card.answers[ind.id]
        let hint: String
        switch ind.rule {
        case .fact: hint = "да / нет"
        case .share, .participation: hint = "например 8/10"
        case .retention: hint = "продолжили/было/сейчас, напр. 2/3/4"
        case .percent: hint = "0–100"
        }
        let c = Field(kind: .corrected, label: "Верное значение", input: TextField(corrected?.display ?? ""), hint: hint)
        let m = Field(kind: .comment, label: "Комментарий", input: TextField(existing?.comment ?? ""))
        var form = IndicatorForm(indicator: ind.id, fields: [v, c, m])
        if let verdict { form.choose(verdict) }
        return form
    }

    // MARK: - Keys

    /// Tab/↓ and Shift+Tab/↑ move between fields (the corrected value only when the verdict asks for it);
    /// the toggle takes Space, y/д, n/н; the verdict Space, ←/→ and 1/2/3; text fields edit.
    /// Returns false for keys the form leaves to the screen (Enter, Esc, function keys).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .tab, .down: move(1); return true
        case .backTab, .up: move(-1); return true
        default: break
        }
        if fields[focus].kind == .verdict { return handleVerdict(key) }
        var f = fields[focus]
        defer { fields[focus] = f }
        switch f.kind {
        case .toggle:
            switch key {
            case .char(" "), .left, .right: f.flag = !(f.flag ?? false)
            case .char("y"), .char("Y"), .char("д"), .char("Д"), .char("1"), .char("+"): f.flag = true
            case .char("n"), .char("N"), .char("н"), .char("Н"), .char("0"), .char("-"): f.flag = false
            case .backspace, .delete: f.flag = nil
            default: return false
            }
            return true
        default:
            if case .char(let c) = key, !f.accepts(c) {
                f.note = FieldNote(f.kind == .date ? "только цифры и точки: ДД.ММ.ГГГГ"
                                   : f.kind == .percent ? "только число от 0 до 100" : "только цифры", isError: true)
                return true
            }
            let before = f.input.text
            let used = f.input.handle(key)
            if f.input.text != before { f.note = nil }
            return used
        }
    }

    /// The verdict field: Space and ←/→ step through the verdicts; 1, 2, 3 choose one and go where it needs
    /// typing (2: the comment, 3: the corrected value), as the same keys do on the card. Any other letter starts the
    /// comment: a reviewer who tabbed round past the comment and typed «Нет подписи» used to have the verdict
    /// field take the text, and its Space turn «не подтверждено» into «исправлено».
    private mutating func handleVerdict(_ key: Key) -> Bool {
        let all = Verdict.allCases
        let i = all.firstIndex(of: fields[focus].verdict) ?? 0
        switch key {
        case .char(" "), .right: fields[focus].verdict = all[(i + 1) % all.count]
        case .left: fields[focus].verdict = all[(i + all.count - 1) % all.count]
        case .char("1"): choose(.confirmed)
        case .char("2"): choose(.notConfirmed)
        case .char("3"): choose(.corrected)
        case .char(let c) where !c.isWhitespace:
            guard focusField(.comment) else { return false }
            return handle(key)
        default: return false
        }
        return true
    }

    /// Sets the verdict and goes where it needs typing: «не подтверждено» the comment, «исправлено» the corrected
    /// value (the same for 1/2/3 on the card, which open the form with the verdict chosen).
    mutating func choose(_ verdict: Verdict) {
        guard let v = fields.firstIndex(where: { $0.kind == .verdict }) else { return }
        fields[v].verdict = verdict
        switch verdict {
        case .confirmed: break
        case .notConfirmed: focusField(.comment)
        case .corrected: focusField(.corrected)
        }
    }

    /// Moves the focus to the field of `kind`, if the form has one.
    @discardableResult
    private mutating func focusField(_ kind: Kind) -> Bool {
        guard let i = fields.firstIndex(where: { $0.kind == kind }) else { return false }
        focus = i
        return true
    }

    /// Whether a field takes part now (the corrected value only for "исправлено").
    func isActive(_ i: Int) -> Bool {
        fields[i].kind != .corrected || fields.first { $0.kind == .verdict }?.verdict == .corrected
    }

    mutating func move(_ step: Int) {
        var i = focus
        for _ in 0..<fields.count {
            i = (i + step + fields.count) % fields.count
            if isActive(i) { focus = i; return }
        }
    }

    /// Whether the focus is on the last field that takes part.
    var isOnLastField: Bool { !(focus + 1..<fields.count).contains { isActive($0) } }

    // MARK: - What the form says

    /// The fields read together: what a save would change, what stops it (errors) and what the user should
    /// confirm first (warnings), each by field.
    public struct Check: Equatable, Sendable {
        /// The new answer (`.some(nil)`: cleared); nil when the answer stays as it is.
        public var answer: Answer??
        /// The new evidence (an empty one clears it); nil when it stays as it is.
        public var evidence: Evidence?
        public var errors: [Int: String] = [:]
        public var warnings: [Int: String] = [:]

        public var changesSomething: Bool { answer != nil || evidence != nil }

        /// What the save changes, for the message after it: `ответ и документ`.
        public var what: String {
            var parts: [String] = []
            if let a = answer { parts.append(a == nil ? "ответ очищен" : "ответ") }
            if let e = evidence { parts.append(e.isEmpty ? "документ удалён" : "документ") }
            return parts.joined(separator: " и ")
        }
    }

    /// Reads every field of the principal's form against the card (`current` answer and evidence); the parsing of
    /// the answer is the Model's (`Answer.parse`). `today` and `period` tell a document date that makes no sense.
    public func check(rule: Rule, current: Answer?, evidence currentEvidence: Evidence?, knownLastYear: Int?,
                      today: Day, period: String) -> Check {
        var c = Check()
        func need(_ kind: Kind, _ text: String) {
            if let i = index(of: kind) { c.errors[i] = text }
        }
        func parsed(_ text: String, errorAt kind: Kind) {
            switch Answer.parse(text, for: rule, knownLastYear: knownLastYear) {
            case .success(let a): if a != current { c.answer = .some(a) }
            case .failure(let e): need(kind, e.russian)
            }
        }
        let clear: Answer?? = current == nil ? nil : .some(nil)
        switch rule {
        case .fact:
            if let flag = fields.first(where: { $0.kind == .toggle })?.flag {
                if Answer.fact(flag) != current { c.answer = .some(.fact(flag)) }
            } else {
                c.answer = clear
            }
        case .share, .participation:
            let whole = text(.whole), part = text(.part)
            if whole.isEmpty && part.isEmpty {
                c.answer = clear
            } else if whole.isEmpty {
                need(.whole, "заполните и это поле")
            } else if part.isEmpty {
                need(.part, "заполните и это поле")
            } else {
                parsed("\(part)/\(whole)", errorAt: .part)
            }
        case .retention:
            let last = text(.lastYear), kept = text(.retained), now = text(.current)
            // Last year's number alone (filled in from last year's card) is not an answer yet.
            if kept.isEmpty && now.isEmpty {
                c.answer = clear
            } else if last.isEmpty {
                need(.lastYear, "заполните и это поле")
            } else if kept.isEmpty {
                need(.retained, "заполните и это поле")
            } else {
                parsed(now.isEmpty ? "\(kept)/\(last)" : "\(kept)/\(last)/\(now)", errorAt: .retained)
            }
        case .percent:
            let v = text(.percent)
            if v.isEmpty { c.answer = clear } else { parsed(v, errorAt: .percent) }
        }
        let doc = text(.document), number = text(.number), dateText = text(.date)
        if doc.isEmpty && number.isEmpty && dateText.isEmpty {
            if currentEvidence != nil && currentEvidence?.isEmpty == false { c.evidence = Evidence(document: "") }
        } else {
            if doc.isEmpty { need(.document, "укажите название документа") }
            var date = dateText
            if !dateText.isEmpty {
                switch Self.documentDate(dateText, today: today, period: period) {
                case .failure(let why): need(.date, why.text)
                case .success(let (day, warning)):
                    date = day.russian
                    if let w = warning, let i = index(of: .date) { c.warnings[i] = w }
                }
            }
            let e = Evidence(document: doc, number: number, date: date)
            if e != currentEvidence { c.evidence = e }
        }
        if !c.errors.isEmpty { c.answer = nil; c.evidence = nil }
        return c
    }

    /// A document's date: a real day in the form ДД.ММ.ГГГГ, with a warning when it is after today or years
    /// before the campaign's period (a typo, most likely, but the user may know better).
    static func documentDate(_ text: String, today: Day, period: String) -> Result<(Day, String?), DateProblem> {
        let day: Day
        switch typedDay(text, example: "01.09.2026") {
        case .success(let d): day = d
        case .failure(let why): return .failure(why)
        }
        if day > today { return .success((day, "позже сегодня, \(today.russian)")) }
        if let start = Int(period.prefix(4)), let earliest = Day(year: start - 1, month: 1, day: 1), day < earliest {
            return .success((day, "раньше \(earliest.russian): точно за этот период?"))
        }
        return .success((day, nil))
    }

    /// The reviewer's fields read together: verdict, corrected answer (parsed by the Model), comment — a verdict
    /// other than "confirmed" needs a comment, "corrected" a value too.
    public func verdict(rule: Rule, knownLastYear: Int?) -> (review: (Verdict, Answer?, String)?, errors: [Int: String]) {
        let v = fields.first { $0.kind == .verdict }?.verdict ?? .confirmed
        let comment = text(.comment)
        var errors: [Int: String] = [:]
        var corrected: Answer?
        if v == .corrected {
            let t = text(.corrected)
            if t.isEmpty {
                if let i = index(of: .corrected) { errors[i] = "укажите верное значение" }
            } else {
                switch Answer.parse(t, for: rule, knownLastYear: knownLastYear) {
                case .success(let a): corrected = a
                case .failure(let e): if let i = index(of: .corrected) { errors[i] = e.russian }
                }
            }
        }
        if v != .confirmed, comment.isEmpty, let i = index(of: .comment) {
            errors[i] = v == .notConfirmed ? "напишите, почему не подтверждено" : "напишите, что и почему исправлено"
        }
        return (errors.isEmpty ? (v, corrected, comment) : nil, errors)
    }

    /// Puts the check's errors and warnings beside their fields (clearing the old ones) and focuses the first error.
    mutating func mark(errors: [Int: String], warnings: [Int: String] = [:]) {
        for i in fields.indices {
            fields[i].note = errors[i].map { FieldNote($0, isError: true) } ?? warnings[i].map { FieldNote($0, isError: false) }
        }
        if let first = errors.keys.min() { focus = first }
    }
}

extension Day {
    /// A day after every real one: reading a form "as of" it gives no warnings about dates in the future.
    static let distantFuture = Day(year: 9999, month: 12, day: 31) ?? Day.today()
}
