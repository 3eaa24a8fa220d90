import Model

/// A small form of the management cycle, on a screen of its own: the methodist records a decision or a plan of
/// measures, or sets where one stands; a principal (or the methodist) reports what was done; a principal enters one
/// of their organisation's programme values. Enter checks the whole form and saves through the Session (journaled,
/// revision-checked); the form closes once the save is through. A refusal or a conflict keeps what was typed.
public struct CycleFormScreen: ScreenPart {
    public enum Purpose: Equatable, Sendable {
        /// A new decision; `period` is the period offered (the newest campaign's), `target` and `indicators` (as typed:
        /// `general:d2.3`) chosen beforehand, from the screen it was asked on.
        case newDecision(period: String, target: DecisionTarget?, indicators: String)
        case status(ManagementDecision)
        case report(ManagementDecision)
        /// One value of an organisation's answers to a programme run.
        case value(OrganisationAnswers, OrganisationAnswers.Item)
    }

    public var purpose: Purpose
    public var form: FieldForm
    /// The save under way or last tried, to know which failure is this form's.
    public var pending: CycleEffect?
    /// Esc was pressed once over unsaved input: a second Esc closes without saving.
    var closeAsked = false
    /// What each field says beside it when nothing is wrong (a field's note is its hint or its error).
    var hints: [String: String]
    /// The fields' values as the form opened (to tell whether anything was typed).
    let initialValues: [String]

    public init(_ purpose: Purpose, today: Day) {
        self.purpose = purpose
        form = FieldForm(Self.fields(purpose, today: today))
        hints = Dictionary(form.fields.map { ($0.key, $0.note) }, uniquingKeysWith: { a, _ in a })
        initialValues = form.fields.map(\.value)
    }

    var asScreen: Screen { .cycleForm(self) }
    var isBusy: Bool { true }
    /// Printable keys are always the form's (`q`, digits and `?` never leave it; F1 is the help).
    var capturesText: Bool { true }
    var hasUnsavedInput: Bool { isChanged }
    var isChanged: Bool { form.fields.map(\.value) != initialValues }

    var title: String {
        switch purpose {
        case .newDecision: return "Новое решение"
        case .status(let d): return "Статус решения \(d.id)"
        case .report(let d): return "Отчёт по решению \(d.id)"
        case .value(let a, _): return "Мониторинг \(a.russianPeriod): значение"
        }
    }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        switch purpose {
        case .newDecision:
            return ["Управленческое решение или план мероприятий по итогам года: для организации, кластера или проблемной "
                    + "зоны (организаций кластера или муниципалитета, не получивших баллов по выбранным показателям). Что "
                    + "сделать, кто отвечает, срок и показатели, на которые оно направлено: «general:d1.2» (карта общеобразовательных "
                    + "организаций), «method-activity:d1.3» (мониторинг); для организации или кластера — просто «d1.2». "
                    + "В следующем году экран «Решения» покажет, сдвинулись ли эти показатели."]
        case .status:
            return ["Где решение сейчас: запланировано, выполняется, выполнено или отменено. ← → или пробел — выбрать."]
        case .report:
            return ["Что сделано по решению и когда. Отчёт видят методист и руководители организаций, которых решение касается."]
        case .value:
            return ["Значение показателя вашей организации, как просит программа мониторинга: доля — два числа (сколько и из "
                    + "скольких), наличие — да/нет, количество — число. Пустое поле удаляет значение."]
        }
    }

    // MARK: - Fields

    static let kindChoices = ManagementDecision.Kind.allCases.map(\.russian)
    static let targetChoices = DecisionTargetKind.allCases.map(\.russian)
    /// Clusters a decision may address: the type clusters, then the size clusters of general schools.
    static let clusters: [ClusterKind] = ClusterKind.allCases.sorted()
    static let statusChoices = DecisionStatus.allCases.map(\.russian)

    /// A text field (`kind`: text, number or date) with what to type beside it.
    static func field(_ key: String, _ label: String, _ kind: FieldForm.Kind = .text, text: String = "", maxLength: Int,
                      hint: String = "") -> FieldForm.Field {
        var f = FieldForm.Field(key, label, kind, text: text, maxLength: maxLength)
        f.note = hint
        return f
    }

    static func choice(_ key: String, _ label: String, _ options: [String], chosen: Int = 0) -> FieldForm.Field {
        FieldForm.Field(key, label, .choice(options), choice: min(max(chosen, 0), max(options.count - 1, 0)))
    }

    static func fields(_ purpose: Purpose, today: Day) -> [FieldForm.Field] {
        switch purpose {
        case .newDecision(let period, let target, let indicators):
            let kind = target.map { DecisionTargetKind.allCases.firstIndex(of: $0.kind) ?? 0 } ?? 0
            return [choice("kind", "Вид", kindChoices),
                    choice("targetKind", "Адресат", targetChoices, chosen: kind),
                    targetField(DecisionTargetKind.allCases[kind], id: target?.id ?? ""),
                    field("period", "По итогам года", text: period, maxLength: 7, hint: "например 2025-26"),
                    field("what", "Что сделать", maxLength: 2000, hint: "до 2000 знаков"),
                    field("responsible", "Ответственный", maxLength: 200),
                    field("due", "Срок", .date, maxLength: 10, hint: "ДД.ММ.ГГГГ"),
                    field("indicators", "Показатели", text: indicators, maxLength: 300, hint: "через запятую: d1.2, general:d2.8")]
        case .status(let d):
            return [choice("status", "Статус", statusChoices, chosen: DecisionStatus.allCases.firstIndex(of: d.currentStatus) ?? 0)]
        case .report:
            return [field("text", "Что сделано", maxLength: 2000, hint: "до 2000 знаков"),
                    field("done", "Когда", .date, text: today.russian, maxLength: 10, hint: "ДД.ММ.ГГГГ")]
        case .value(_, let item):
            return valueFields(item)
        }
    }

    /// The addressee's field: an organisation's code typed, or a cluster (for a zone: also the whole municipality) chosen.
    static func targetField(_ kind: DecisionTargetKind, id: String) -> FieldForm.Field {
        switch kind {
        case .organisation:
            return field("target", "Организация", text: id, maxLength: 40, hint: "код, например sch-001")
        case .cluster:
            return choice("target", "Кластер", clusters.map(\.russianName), chosen: clusters.map(\.id).firstIndex(of: id) ?? 0)
        case .zone:
            let names = ["Весь муниципалитет"] + clusters.map(\.russianName)
            let ids = [ProblemZones.municipalityID] + clusters.map(\.id)
            return choice("target", "Зона в", names, chosen: ids.firstIndex(of: id) ?? 0)
        }
    }

    static func valueFields(_ item: OrganisationAnswers.Item) -> [FieldForm.Field] {
        switch (item.measure.kind, item.value) {
        case (.share, let v):
            var part = "", whole = ""
            if case .counts(let a, let b)? = v { part = "\(a)"; whole = "\(b)" }
            return [field("part", "Сколько", .number, text: part, maxLength: 7, hint: item.measure.numerator ?? "числитель доли"),
                    field("whole", "Из скольких", .number, text: whole, maxLength: 7, hint: item.measure.denominator ?? "знаменатель доли")]
        case (.presence, let v):
            let chosen: Int
            switch v { case .presence(true)?: chosen = 1; case .presence(false)?: chosen = 2; default: chosen = 0 }
            return [choice("yes", "Есть ли", ["— (нет ответа)", "да", "нет"], chosen: chosen)]
        case (.count, let v):
            var t = ""
            if case .count(let n)? = v { t = "\(n)" }
            return [field("value", "Количество", .number, text: t, maxLength: 7)]
        default:
            return [field("value", "Значение", text: item.value?.typed ?? "", maxLength: 12, hint: "процент 0–100 или «часть/целое»")]
        }
    }

    // MARK: - Keys

    func bindings(_ ctx: ScreenContext) -> [Binding<Self>] {
        [Binding([.enter], "Enter", hint: "Сохранить", help: "проверить и сохранить форму целиком; ошибки — рядом с полем",
                 whileTyping: true) { s, ctx in s.commit(ctx) },
         Binding([.tab, .down], "Tab, ↓", shown: "Tab", hint: "Поле", help: "следующее поле", whileTyping: true) { s, _ in
             s.form.move(1); return []
         },
         Binding([.backTab, .up], "Shift+Tab, ↑", help: "предыдущее поле", whileTyping: true) { s, _ in s.form.move(-1); return [] },
         Binding([.escape], "Esc", hint: "Закрыть", help: "закрыть форму (введённое не сохранится: Esc дважды)", whileTyping: true) { s, _ in
             guard s.isChanged, !s.closeAsked else { return [.pop] }
             s.closeAsked = true
             return [.message(StatusMessage("Введённое не сохранено: Esc ещё раз — закрыть без сохранения, Enter — сохранить", .warning))]
         }]
    }

    /// Typing into the fields; a choice takes ← →, the space bar and the first letter of a choice.
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        closeAsked = false
        let focus = form.focus
        let before = form.choice("targetKind")
        if case .char(let c) = key, c != " ", case .choice(let options) = form.focused.kind {
            let n = options.count
            let chosen = form.focused.choice
            let letter = String(c).lowercased()
            if let step = (1...max(n, 1)).first(where: { options[(chosen + $0) % n].lowercased().hasPrefix(letter) }) {
                form.fields[focus].choice = (chosen + step) % n
            }
        } else if !form.handle(key) {
            return nil
        }
        let after = form.choice("targetKind")
        if form.fields[focus].key == "targetKind", after != before {
            replace("target", with: Self.targetField(DecisionTargetKind.allCases[after], id: ""))
        }
        if form.fields[focus].key == "target", form.fields[focus].kind == .text {
            // The organisation the typed code names, as soon as it names one.
            let code = form.value("target")
            hints["target"] = ctx.overview?.organisation(code).map { DisplayText.sanitize($0.displayShortName) }
                ?? (code.isEmpty ? "код, например sch-001" : "нет такой организации")
            if !form.fields[focus].isError { form.fields[focus].note = hints["target"] ?? "" }
        }
        return []
    }

    /// Puts another field in the place of `key` (the addressee's field follows the kind of addressee).
    mutating func replace(_ key: String, with field: FieldForm.Field) {
        guard let i = form.fields.firstIndex(where: { $0.key == key }) else { return }
        form.fields[i] = field
        hints[key] = field.note
    }

    /// Marks a field wrong: the reason beside it, in red.
    mutating func fail(_ key: String, _ why: String) { form.setNote(key, "✗ " + why, isError: true) }

    // MARK: - Saving

    /// Checks the form; with no errors, the effect that saves it.
    mutating func commit(_ ctx: ScreenContext) -> [ScreenCommand] {
        for f in form.fields { form.setNote(f.key, hints[f.key] ?? "") }
        closeAsked = false
        guard let effect = checked(ctx) else {
            if let i = form.fields.firstIndex(where: \.isError) { form.focus = i }
            return [.message(StatusMessage("Исправьте отмеченные поля: ничего не сохранено", .warning))]
        }
        if case .setStatus(_, let st, _) = effect, case .status(let d) = purpose, st == d.currentStatus {
            return [.pop, .message(StatusMessage("Статус не изменился"))]
        }
        pending = effect
        return [.effect(.cycle(effect))]
    }

    /// The effect the form asks for, or nil with notes on the fields that are wrong.
    mutating func checked(_ ctx: ScreenContext) -> CycleEffect? {
        switch purpose {
        case .newDecision:
            return checkedDecision(ctx)
        case .status(let d):
            return .setStatus(id: d.id, status: DecisionStatus.allCases[form.choice("status")], expectedRevision: d.currentRevision)
        case .report(let d):
            let text = form.value("text")
            if text.isEmpty { fail("text", "напишите, что сделано") }
            let done = Day(form.value("done"))
            if done == nil { fail("done", "дата в виде ДД.ММ.ГГГГ") }
            if let day = done, day > ctx.today { fail("done", "эта дата ещё не наступила") }
            guard !text.isEmpty, let day = done, day <= ctx.today else { return nil }
            return .report(id: d.id, text: text, done: day, expectedRevision: d.currentRevision)
        case .value(let a, let item):
            let text: String
            switch item.measure.kind {
            case .share:
                let (p, w) = (form.value("part"), form.value("whole"))
                if p.isEmpty != w.isEmpty { fail(p.isEmpty ? "part" : "whole", "нужны оба числа (или ни одного)"); return nil }
                if let a = Int(p), let b = Int(w), b == 0 || a > b {
                    fail(b == 0 ? "whole" : "part", b == 0 ? "из нуля долю не считают" : "больше, чем «из скольких»")
                    return nil
                }
                text = p.isEmpty ? "" : "\(p)/\(w)"
            case .presence:
                text = ["", "да", "нет"][form.choice("yes")]
            default:
                text = form.value("value")
            }
            if !text.isEmpty, case .failure(let e) = MonitoringValue.parse(text, kind: item.measure.kind) {
                fail(form.fields.last?.key ?? "value", e.russian)
                return nil
            }
            return .setValue(period: a.period, template: a.template, org: a.org, indicator: item.measure.id, text: text, expected: item.value)
        }
    }

    mutating func checkedDecision(_ ctx: ScreenContext) -> CycleEffect? {
        let targetKind = DecisionTargetKind.allCases[form.choice("targetKind")]
        var targetID = ""
        var defaultTemplate: String?
        switch targetKind {
        case .organisation:
            targetID = form.value("target")
            if targetID.isEmpty {
                fail("target", "код организации")
            } else if let o = ctx.overview?.organisation(targetID) {
                defaultTemplate = o.type.rawValue
            } else if ctx.overview != nil {
                fail("target", "нет такой организации")
            }
        case .cluster:
            let k = Self.clusters[form.choice("target")]
            targetID = k.id
            defaultTemplate = ClusterScreen.family(k).rawValue
        case .zone:
            let c = form.choice("target")
            targetID = c == 0 ? ProblemZones.municipalityID : Self.clusters[c - 1].id
            defaultTemplate = c == 0 ? nil : ClusterScreen.family(Self.clusters[c - 1]).rawValue
        }
        let period = form.value("period")
        if Campaign.fillYear(of: period) == nil { fail("period", "год в виде 2025-26") }
        let what = form.value("what"), responsible = form.value("responsible")
        if what.isEmpty { fail("what", "что сделать") }
        if responsible.isEmpty { fail("responsible", "кто отвечает") }
        let due = Day(form.value("due"))
        if due == nil { fail("due", "дата в виде ДД.ММ.ГГГГ") }
        var indicators: [IndicatorTarget] = []
        let words = form.value("indicators").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map(String.init)
        for w in words {
            let full = w.contains(":") ? w : defaultTemplate.map { "\($0):\(w)" } ?? w
            guard let t = IndicatorTarget(full) else {
                fail("indicators", w.contains(":") || defaultTemplate != nil ? "не понимаю «\(DisplayText.sanitize(w))»"
                                                 : "укажите шаблон: general:\(DisplayText.sanitize(w))")
                break
            }
            if !indicators.contains(t) { indicators.append(t) }
        }
        if words.isEmpty { fail("indicators", "хотя бы один показатель") }
        guard !form.fields.contains(where: \.isError), let day = due else { return nil }
        return .recordDecision(DecisionDraft(period: period, kind: ManagementDecision.Kind.allCases[form.choice("kind")],
                                             target: DecisionTarget(kind: targetKind, id: targetID), what: what,
                                             responsible: responsible, due: day, indicators: indicators))
    }

    // MARK: - Results

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        switch msg {
        case .cycleSaved:
            guard pending != nil else { return nil }
            pending = nil
            return [.pop]
        case .failed(let f):
            guard let p = pending, f.effect == .cycle(p) else { return nil }
            pending = nil
            // What was typed stays; after a conflict the fresh data comes in and the next Enter saves over it.
            var out: [ScreenCommand] = [.message(StatusMessage(f.message, .error))]
            if f.isConflict { out.append(.effect(reload)) }
            return out
        case .decisionsLoaded(let all):
            switch purpose {
            case .status(let d): if let fresh = all.first(where: { $0.decision.id == d.id })?.decision { purpose = .status(fresh) }
            case .report(let d): if let fresh = all.first(where: { $0.decision.id == d.id })?.decision { purpose = .report(fresh) }
            default: break
            }
            return []
        case .cycleLoaded(.answers(let org, let runs)):
            guard case .value(let a, let item) = purpose, a.org == org,
                  let run = runs.first(where: { $0.template == a.template && $0.period == a.period }),
                  let fresh = run.items.first(where: { $0.measure.id == item.measure.id }) else { return nil }
            purpose = .value(run, fresh)
            return []
        default:
            return nil
        }
    }

    /// What brings the form's data up to date after a conflict.
    var reload: Effect {
        if case .value(let a, _) = purpose { return .cycle(.loadAnswers(org: a.org)) }
        return .loadDecisions
    }

    // MARK: - Drawing

    /// The lines above the fields: what the form is about.
    func context(_ ctx: ScreenContext, width: Int) -> [(String, CellStyle)] {
        func wrapped(_ text: String, _ style: CellStyle, max: Int) -> [(String, CellStyle)] {
            TextWrap.lines(DisplayText.sanitize(text), width: width, maxLines: max).map { ($0, style) }
        }
        switch purpose {
        case .newDecision:
            return wrapped("Решение или план мероприятий по итогам года: адресат, что сделать, ответственный, срок и показатели, "
                           + "на которые оно направлено.", .muted, max: 2)
        case .status(let d), .report(let d):
            var out = wrapped("\(d.id): \(d.what)", CellStyle.normal.emphasized, max: 3)
            out.append(("\(d.kind.russian) · \(d.target.kind.russian) \(d.target.id) · срок \(d.due.russian) · сейчас: \(d.currentStatus.russian)", .muted))
            if case .report = purpose, let last = d.reports.last {
                out += wrapped("Последний отчёт (\(last.by), \(last.done.map(\.russian) ?? Format.day(last.at))): \(last.text)", .muted, max: 2)
            }
            return out
        case .value(let a, let item):
            var out = wrapped("\(item.measure.id). \(item.measure.text)", CellStyle.normal.emphasized, max: 4)
            out += wrapped("\(item.section). \(item.sectionTitle)", .muted, max: 1)
            out.append(("Вид: \(item.measure.kind.russian) · сейчас записано: \(item.value?.display ?? "нет") · сбор до \(a.closes.russian)", .muted))
            return out
        }
    }

    func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let b = ctx.body
        let width = b.width - 2
        var row = b.row + 1
        for (text, style) in context(ctx, width: width) where row < b.bottom {
            canvas.putTruncated(text, row: row, col: 1, width: width, style: style)
            row += 1
        }
        row += 1
        let labelWidth = min(max(form.fields.map { TextWidth.width(of: $0.label) }.max() ?? 10, 10) + 1, 20)
        form.draw(on: &canvas, row: row, col: 1, width: width, labelWidth: labelWidth)
        let tips = row + form.fields.count + 1
        if tips < b.bottom {
            let tip: String
            if case .choice = form.focused.kind { tip = "← → или пробел — выбрать; первая буква — сразу к варианту" }
            else { tip = "Enter — проверить и сохранить всю форму; Tab — следующее поле" }
            canvas.putTruncated(tip, row: tips, col: 1, width: width, style: .muted)
        }
    }
}
