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

        var isAnswer: Bool { [.toggle, .whole, .part, .lastYear, .retained, .current, .percent].contains(kind) }
        var isText: Bool { kind != .toggle && kind != .verdict }
    }

    public var indicator: String
    public var fields: [Field]
    /// The fields as the form opened with them (what Esc would go back to).
    public let initial: [Field]
    public var focus = 0
    /// Close the form once the save it started succeeds (Enter on the last field).
    public var closeAfterSave = false

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
        v.verdict = verdict ?? existing?.verdict ?? .confirmed
        let corrected = existing?.corrected ?? card.answers[ind.id]
        let hint: String
        switch ind.rule {
        case .fact: hint = "да / нет"
        case .share, .participation: hint = "например 8/10"
        case .retention: hint = "продолжили/в прошлом году"
        case .percent: hint = "0–100"
        }
        let c = Field(kind: .corrected, label: "Верное значение", input: TextField(corrected?.display ?? ""), hint: hint)
        let m = Field(kind: .comment, label: "Комментарий", input: TextField(existing?.comment ?? ""))
        var form = IndicatorForm(indicator: ind.id, fields: [v, c, m])
        if verdict == .notConfirmed { form.focus = 2 }
        if verdict == .corrected { form.focus = 1 }
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
        case .verdict:
            let all = Verdict.allCases
            let i = all.firstIndex(of: f.verdict) ?? 0
            switch key {
            case .char(" "), .right: f.verdict = all[(i + 1) % all.count]
            case .left: f.verdict = all[(i + all.count - 1) % all.count]
            case .char("1"): f.verdict = .confirmed
            case .char("2"): f.verdict = .notConfirmed
            case .char("3"): f.verdict = .corrected
            default: return false
            }
            return true
        default:
            return f.input.handle(key)
        }
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

    /// The answer the fields make, against the card's `current` answer.
    public enum AnswerInput: Equatable, Sendable {
        case unchanged
        case set(Answer?)
        /// A required number is missing: the field to fill.
        case incomplete(Int)
        case invalid(String)
    }

    /// Reads the answer fields; the parsing and checking is the Model's (`Answer.parse`).
    public func answer(rule: Rule, current: Answer?, knownLastYear: Int?) -> AnswerInput {
        func result(_ text: String) -> AnswerInput {
            switch Answer.parse(text, for: rule, knownLastYear: knownLastYear) {
            case .success(let a): return a == current ? .unchanged : .set(a)
            case .failure(let e): return .invalid(e.russian)
            }
        }
        let clear: AnswerInput = current == nil ? .unchanged : .set(nil)
        switch rule {
        case .fact:
            guard let flag = fields.first(where: { $0.kind == .toggle })?.flag else { return clear }
            let a = Answer.fact(flag)
            return a == current ? .unchanged : .set(a)
        case .share, .participation:
            let whole = text(.whole), part = text(.part)
            if whole.isEmpty && part.isEmpty { return clear }
            if whole.isEmpty { return .incomplete(index(of: .whole) ?? 0) }
            if part.isEmpty { return .incomplete(index(of: .part) ?? 0) }
            return result("\(part)/\(whole)")
        case .retention:
            let last = text(.lastYear), kept = text(.retained), now = text(.current)
            // Last year's number alone (filled in from last year's card) is not an answer yet.
            if kept.isEmpty && now.isEmpty { return clear }
            if last.isEmpty { return .incomplete(index(of: .lastYear) ?? 0) }
            if kept.isEmpty { return .incomplete(index(of: .retained) ?? 0) }
            return result(now.isEmpty ? "\(kept)/\(last)" : "\(kept)/\(last)/\(now)")
        case .percent:
            let v = text(.percent)
            return v.isEmpty ? clear : result(v)
        }
    }

    public enum EvidenceInput: Equatable, Sendable {
        case unchanged
        /// A document (an empty one clears the evidence).
        case set(Evidence)
        case invalid(String, Int)
    }

    /// Reads the evidence fields: a name is needed once a number or date is given; the date must be a real day.
    public func evidence(current: Evidence?) -> EvidenceInput {
        let doc = text(.document), number = text(.number), dateText = text(.date)
        if doc.isEmpty && number.isEmpty && dateText.isEmpty {
            return current == nil ? .unchanged : .set(Evidence(document: ""))
        }
        if doc.isEmpty { return .invalid("Укажите название документа", index(of: .document) ?? 0) }
        var date = dateText
        if !dateText.isEmpty {
            guard let d = Day(dateText) else {
                return .invalid("Дата документа — в виде ДД.ММ.ГГГГ, например 01.09.2026", index(of: .date) ?? 0)
            }
            date = d.russian
        }
        let e = Evidence(document: doc, number: number, date: date)
        return e == current ? .unchanged : .set(e)
    }

    /// The reviewer's fields: verdict, corrected answer (parsed by the Model), comment.
    public func verdict(rule: Rule, knownLastYear: Int?) -> Result<(Verdict, Answer?, String), InputError> {
        let v = fields.first { $0.kind == .verdict }?.verdict ?? .confirmed
        let comment = text(.comment)
        guard v == .corrected else { return .success((v, nil, comment)) }
        let t = text(.corrected)
        guard !t.isEmpty else {
            return .failure(InputError("a corrected value is needed", russian: "Для исправления укажите верное значение"))
        }
        return Answer.parse(t, for: rule, knownLastYear: knownLastYear).map { (v, $0, comment) }
    }
}
