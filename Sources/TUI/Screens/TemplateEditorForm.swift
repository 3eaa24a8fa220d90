import Model

/// The editor's form for one part of a template — the template itself, a direction (section), or an indicator —
/// and how its fields read into the draft. The form is applied on every key, so the lint follows the typing;
/// `before` is the draft as it was when the form opened (what Esc goes back to).
public struct TemplateEditorForm: Equatable, Sendable {
    public enum Target: Equatable, Sendable {
        case template
        case section(Int)
        case indicator(String)
    }

    public var target: Target
    public var fields: FieldForm
    public let before: TemplateDraft

    static let ruleKinds: [Rule.Kind] = [.fact, .share, .retention, .participation, .percent]
    static let ruleLabels = ["факт (да/нет)", "доля педагогов", "сохранение молодых специалистов", "участие в мероприятиях",
                             "процент (без баллов)"]
    static let measureKinds: [MeasureKind] = [.share, .presence, .count, .percent, .undefined]
    static let reporters: [Reporter] = [.organisation, .municipality]
    static let reporterLabels = ["каждая организация", "муниципалитет"]

    /// The title of the panel: what is being edited.
    public var caption: String {
        switch target {
        case .template: return "шаблон"
        case .section(let n): return before.template.kind == .card ? "направление \(n)" : "раздел \(n)"
        case .indicator(let id): return "показатель \(id)"
        }
    }

    // MARK: - Building

    /// The form for `target`, filled from the draft; nil when the draft has no such part.
    public static func open(_ target: Target, in draft: TemplateDraft) -> TemplateEditorForm? {
        typealias F = FieldForm.Field
        var fields: [F] = []
        switch (target, draft.template) {
        case (.template, .card(let c)):
            fields = [F("title", "Название", text: c.title), F("source", "Источник (документ, пункт)", text: c.source),
                      F("max", "Максимум карты", .number, text: "\(c.declaredMax)", maxLength: 3),
                      F("high", "Высокий уровень от", .number, text: "\(c.levels.high)", maxLength: 3),
                      F("medium", "Средний уровень от", .number, text: "\(c.levels.medium)", maxLength: 3)]
        case (.template, .programme(let p)):
            fields = [F("title", "Название", text: p.title), F("source", "Источник (документ, пункт)", text: p.source)]
        case (.section(let n), .card(let c)):
            guard let d = c.directions.first(where: { $0.number == n }) else { return nil }
            fields = [F("title", "Название направления", text: d.title),
                      F("max", "Максимум направления", .number, text: "\(d.declaredMax)", maxLength: 3)]
        case (.section(let n), .programme(let p)):
            guard let s = p.sections.first(where: { $0.number == n }) else { return nil }
            fields = [F("title", "Название раздела", text: s.title), F("goal", "Цель", text: s.goal)]
        case (.indicator(let id), .card(let c)):
            guard let i = c.indicator(id) else { return nil }
            let (points, threshold): (Int?, Int?) = {
                switch i.rule {
                case .fact(let p): return (p, nil)
                case .share(let t, let p), .retention(let t, let p), .participation(let t, let p): return (p, t)
                case .percent: return (nil, nil)
                }
            }()
            fields = [F("text", "Текст показателя", text: i.text),
                      F("rule", "Правило", .choice(ruleLabels), choice: ruleKinds.firstIndex(of: i.rule.kind) ?? 0),
                      F("points", "Баллы (1–10)", .number, text: points.map(String.init) ?? "1", maxLength: 2),
                      F("threshold", "Порог, % (1–100)", .number, text: threshold.map(String.init) ?? "50", maxLength: 3),
                      F("ruleText", "Методика оценки", text: i.ruleText),
                      F("periodicity", "Периодичность", text: i.periodicity),
                      F("evidence", "Источник (документ)", text: i.evidenceSource)]
        case (.indicator(let id), .programme(let p)):
            guard let m = p.indicator(id) else { return nil }
            fields = [F("text", "Текст показателя", text: m.text), F("group", "Подзаголовок", text: m.group ?? ""),
                      F("kind", "Вид", .choice(measureKinds.map(\.russian)), choice: measureKinds.firstIndex(of: m.kind) ?? 0),
                      F("reporter", "Кто вносит", .choice(reporterLabels), choice: reporters.firstIndex(of: m.reporter) ?? 0),
                      F("numerator", "Числитель", text: m.numerator ?? ""), F("denominator", "Знаменатель", text: m.denominator ?? ""),
                      F("evidence", "Источник информации", text: m.evidence), F("method", "Метод сбора", text: m.method)]
        }
        var form = TemplateEditorForm(target: target, fields: FieldForm(fields), before: draft)
        form.refresh()
        return form
    }

    // MARK: - Reading

    /// A whole number typed, or 0 when the field is empty (the lint then says what is wrong).
    private func number(_ key: String) -> Int { Int(fields.value(key)) ?? 0 }

    /// The draft with the form's fields in it.
    public func applied(to draft: TemplateDraft) -> TemplateDraft {
        var d = draft
        switch (target, d.template) {
        case (.template, .card(var c)):
            c.title = fields.value("title"); c.source = fields.value("source"); c.declaredMax = number("max")
            c.levels = LevelTable(high: number("high"), medium: number("medium"))
            d.template = .card(c)
        case (.template, .programme(var p)):
            p.title = fields.value("title"); p.source = fields.value("source")
            d.template = .programme(p)
        case (.section(let n), .card(var c)):
            guard let i = c.directions.firstIndex(where: { $0.number == n }) else { return d }
            c.directions[i].title = fields.value("title"); c.directions[i].declaredMax = number("max")
            d.template = .card(c)
        case (.section(let n), .programme(var p)):
            guard let i = p.sections.firstIndex(where: { $0.number == n }) else { return d }
            p.sections[i].title = fields.value("title"); p.sections[i].goal = fields.value("goal")
            d.template = .programme(p)
        case (.indicator(let id), .card(let c)):
            guard var ind = c.indicator(id) else { return d }
            ind.text = fields.value("text"); ind.ruleText = fields.value("ruleText")
            ind.periodicity = fields.value("periodicity"); ind.evidenceSource = fields.value("evidence")
            let p = number("points"), t = number("threshold")
            switch Self.ruleKinds[min(fields.choice("rule"), Self.ruleKinds.count - 1)] {
            case .fact: ind.rule = .fact(points: p)
            case .share: ind.rule = .share(thresholdPercent: t, points: p)
            case .retention: ind.rule = .retention(thresholdPercent: t, points: p)
            case .participation: ind.rule = .participation(thresholdPercent: t, points: p)
            case .percent: ind.rule = .percent
            }
            d.set(ind)
        case (.indicator(let id), .programme(let p)):
            guard var m = p.indicator(id) else { return d }
            func optional(_ k: String) -> String? { fields.value(k).isEmpty ? nil : fields.value(k) }
            m.text = fields.value("text"); m.group = optional("group")
            m.kind = Self.measureKinds[min(fields.choice("kind"), Self.measureKinds.count - 1)]
            m.reporter = Self.reporters[min(fields.choice("reporter"), Self.reporters.count - 1)]
            m.numerator = optional("numerator"); m.denominator = optional("denominator")
            m.evidence = fields.value("evidence"); m.method = fields.value("method")
            d.set(m)
        }
        return d
    }

    /// Which fields take part (points and a threshold only where the rule has them) and the hints beside them.
    public mutating func refresh() {
        guard case .indicator = target, before.template.kind == .card else { return }
        let kind = Self.ruleKinds[min(fields.choice("rule"), Self.ruleKinds.count - 1)]
        fields.setActive("points", kind != .percent)
        fields.setActive("threshold", kind != .fact && kind != .percent)
        let p = Int(fields.value("points")), t = Int(fields.value("threshold"))
        fields.setNote("points", p.map { (1...10).contains($0) } ?? false ? "" : "от 1 до 10", isError: true)
        fields.setNote("threshold", t.map { (1...100).contains($0) } ?? false ? "" : "от 1 до 100", isError: true)
    }
}
