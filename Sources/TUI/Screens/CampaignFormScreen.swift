import Model

/// Methodist: opens a new period, as `profrost campaign new` does and through the same `Session.openCampaign`: the
/// period, the three deadlines, the cluster scheme, and the templates — each pinned by id, version and hash; one
/// card per type of organisation, any programmes (each runs on its own timetable).
public struct CampaignFormScreen: ScreenPart, Equatable, Sendable {
    public var catalogue: TemplateCatalogue
    public var fields: FieldForm
    /// Template keys chosen.
    public var chosen: Set<String>
    /// The templates list has the keys (else the fields do).
    public var onList = false
    /// The template under the cursor in the list.
    public var listSelected = 0
    public var listOffset = 0
    /// The deadlines the form filled in for the period typed (replaced when the period changes, unless edited).
    var defaults: [String]

    static let schemes: [ClusterScheme] = [.type, .size]
    static let schemeLabels = ["по типу организаций", "по размеру школ"]

    public init(catalogue: TemplateCatalogue, today: Day) {
        self.catalogue = catalogue
        let next: String = {
            guard let last = catalogue.periods.last, let y = Campaign.fillYear(of: last) else {
                return Campaign.period(endingIn: today.month >= 9 ? today.year + 1 : today.year)
            }
            return Campaign.period(endingIn: y + 1)
        }()
        defaults = Self.defaultDates(next)
        typealias F = FieldForm.Field
        fields = FieldForm([F("period", "Период (учебный год)", text: next, maxLength: 7),
                            F("fill", "Заполнить карты до", .date, text: defaults[0], maxLength: 10),
                            F("check", "Проверить до", .date, text: defaults[1], maxLength: 10),
                            F("evaluate", "Оценить до", .date, text: defaults[2], maxLength: 10),
                            F("clusters", "Кластеры", .choice(Self.schemeLabels))])
        var newest: [OrgType: TemplateEntry] = [:]
        for e in catalogue.entries where e.template.kind == .card {
            if let t = e.template.orgTypes.first, e.template.version >= (newest[t]?.template.version ?? 0) { newest[t] = e }
        }
        chosen = Set(newest.values.map(\.template.key))
        refresh()
    }

    /// The deadlines of the regulation for a period (30 September, 15 October, 1 November of its autumn).
    static func defaultDates(_ period: String) -> [String] {
        guard let c = try? Campaign(period: period, templates: [:]) else { return ["", "", ""] }
        return [c.fillDeadline.russian, c.checkDeadline.russian, c.evaluateDeadline.russian]
    }

    var title: String { "Новая кампания" }
    var asScreen: Screen { .campaignForm(self) }
    var capturesText: Bool { !onList }
    var hasUnsavedInput: Bool { true }
    var isBusy: Bool { true }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Открытие нового периода: учебный год (вида 2026-27), сроки заполнения, проверки и оценки, схема кластеров "
         + "и шаблоны. Кампания закрепляет каждую карту по версии и контрольной сумме: правки шаблона потом "
         + "станут новой версией и эту кампанию не изменят. Для каждого типа организаций — одна карта; программы "
         + "мониторинга открываются со своими сроками.",
         "Tab переходит от полей к списку шаблонов, Пробел выбирает шаблон. Enter — открыть (спросит)."]
    }

    // MARK: - Keys

    func bindings(_ ctx: ScreenContext) -> [Binding<Self>] {
        [Binding([.enter, .function(2)], "Enter, F2", shown: "Enter", hint: "Открыть", help: "открыть кампанию (спросит)", whileTyping: true) { s, _ in
            s.askOpen()
         },
         Binding([.tab], "Tab", hint: "Дальше", help: "следующее поле, после последнего — список шаблонов", whileTyping: true) { s, ctx in
            s.tab(1, ctx); return []
         },
         Binding([.backTab], "Shift+Tab", help: "предыдущее поле", whileTyping: true) { s, ctx in
            s.tab(-1, ctx); return []
         },
         Binding([.char(" ")], "Пробел", hint: onList ? "Выбрать" : nil, help: "в списке: выбрать шаблон или снять выбор; в поле «Кластеры»: другая схема") { s, _ in
            s.toggle(); return []
         },
         Binding([.escape], "Esc", hint: "Отмена", help: "закрыть, ничего не открывая", whileTyping: true) { _, _ in [.pop] }]
    }

    /// Tab through the fields and on to the list of templates, and round again.
    mutating func tab(_ step: Int, _ ctx: ScreenContext) {
        let last = fields.fields.count - 1
        if onList {
            onList = false
            fields.focus = step > 0 ? 0 : last
        } else if (step > 0 && fields.focus == last) || (step < 0 && fields.focus == 0) {
            onList = true
            scroll(ctx)
        } else {
            fields.move(step)
        }
    }

    /// Moving in the list, typing into the fields (every key re-checks them).
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        if onList {
            let n = catalogue.entries.count
            switch key {
            case _ where Keys.isUp(key): listSelected = max(listSelected - 1, 0)
            case _ where Keys.isDown(key): listSelected = min(listSelected + 1, max(n - 1, 0))
            case .pageUp: listSelected = max(listSelected - 5, 0)
            case .pageDown: listSelected = min(listSelected + 5, max(n - 1, 0))
            default: return nil
            }
            scroll(ctx)
            return []
        }
        if key == .down && fields.focus == fields.fields.count - 1 { onList = true; scroll(ctx); return [] }
        guard fields.handle(key) else { return nil }
        refresh()
        return []
    }

    mutating func scroll(_ ctx: ScreenContext) {
        let h = max(listRect(ctx).height, 1)
        if listSelected < listOffset { listOffset = listSelected }
        if listSelected >= listOffset + h { listOffset = listSelected - h + 1 }
    }

    /// Space on the list: choose the template (dropping another card for the same type) or unchoose it.
    mutating func toggle() {
        guard onList, catalogue.entries.indices.contains(listSelected) else { return }
        let e = catalogue.entries[listSelected]
        let key = e.template.key
        if chosen.contains(key) { chosen.remove(key); return }
        for other in catalogue.entries where chosen.contains(other.template.key) {
            let sameCard = e.template.kind == .card && other.template.kind == .card && other.template.orgTypes == e.template.orgTypes
            if sameCard || other.template.id == e.template.id { chosen.remove(other.template.key) }
        }
        chosen.insert(key)
    }

    // MARK: - Reading the form

    /// The plan the fields and the choice make, or the problems (by field) that stop it.
    func plan() -> (CampaignPlan?, [String: String]) {
        var problems: [String: String] = [:]
        let period = fields.value("period")
        if Campaign.fillYear(of: period) == nil {
            problems["period"] = "вида 2026-27"
        } else if catalogue.periods.contains(period), chosenEntries.contains(where: { $0.template.kind == .card }) {
            problems["period"] = "кампания уже открыта"
        }
        // The dates as the stage dates form reads them, checked by the same rule (`DeadlineKind.problems`).
        var days: [String: Day] = [:]
        for kind in DeadlineKind.allCases {
            switch typedDay(fields.value(kind.rawValue), example: "30.09.2027") {
            case .success(let d): days[kind.rawValue] = d
            case .failure(let why): problems[kind.rawValue] = why.text
            }
        }
        if let f = days["fill"], let c = days["check"], let e = days["evaluate"], Campaign.fillYear(of: period) != nil {
            for (kind, e) in DeadlineKind.problems(fill: f, check: c, evaluate: e, period: period) { problems[kind.rawValue] = e.russian }
        }
        if chosen.isEmpty { problems["templates"] = "выберите хотя бы один шаблон" }
        guard problems.isEmpty else { return (nil, problems) }
        let scheme = Self.schemes[min(fields.choice("clusters"), Self.schemes.count - 1)]
        return (CampaignPlan(period: period, templates: chosenEntries.map(\.template.key), fill: days["fill"], check: days["check"],
                             evaluate: days["evaluate"], clusterScheme: scheme), [:])
    }

    var chosenEntries: [TemplateEntry] { catalogue.entries.filter { chosen.contains($0.template.key) } }

    /// Re-reads the fields: new default dates for a new period (unless typed over), the notes beside each field.
    mutating func refresh() {
        let period = fields.value("period")
        let fresh = Self.defaultDates(period)
        if Campaign.fillYear(of: period) != nil, fresh != defaults {
            for (i, k) in ["fill", "check", "evaluate"].enumerated() where fields.value(k) == defaults[i] {
                if let j = fields.fields.firstIndex(where: { $0.key == k }) { fields.fields[j].input.set(fresh[i]) }
            }
            defaults = fresh
        }
        let problems = plan().1
        for f in fields.fields {
            fields.setNote(f.key, problems[f.key] ?? "", isError: problems[f.key] != nil)
        }
    }

    mutating func askOpen() -> [ScreenCommand] {
        refresh()
        let (plan, problems) = self.plan()
        guard let plan else {
            let order = ["period", "fill", "check", "evaluate", "templates"]
            let first = order.first { problems[$0] != nil } ?? ""
            let label = fields[first]?.label ?? "Шаблоны"
            return [.message(StatusMessage("Кампания не открыта: «\(label)» — \(problems[first] ?? "")", .error))]
        }
        let cards = chosenEntries.filter { $0.template.kind == .card }.map { "\($0.template.key) (версия \($0.template.version))" }
        let programmes = chosenEntries.filter { $0.template.kind == .programme }.map(\.template.key)
        var lines = ["Открыть кампанию \(plan.period.replacingOccurrences(of: "-", with: "/"))?"]
        if !cards.isEmpty {
            lines.append("Карты: \(cards.joined(separator: ", ")). Сроки: заполнение до \(plan.fill?.russian ?? ""), "
                         + "проверка до \(plan.check?.russian ?? ""), оценка до \(plan.evaluate?.russian ?? "").")
        }
        if !programmes.isEmpty { lines.append("Мониторинги (со своими сроками): \(programmes.joined(separator: ", ")).") }
        lines.append("Кластеры: \(fields.value("clusters")). Версии шаблонов закрепляются за кампанией.")
        return [.dialog(Dialog(title: "Новая кампания", lines: lines, action: .effects([.templates(.openCampaign(plan))])))]
    }

    // MARK: - Results

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        switch msg {
        case .templates(.campaignOpened(let period, let summary)):
            return [.pop, .effect(.loadOverview),
                    .message(StatusMessage("Кампания \(period.replacingOccurrences(of: "-", with: "/")) открыта: \(summary)"))]
        case .templates(.loaded(let c)):
            catalogue = c
            return []
        case .failed(let f):
            guard case .templates(.openCampaign) = f.effect else { return nil }
            return [.message(StatusMessage("Кампания не открыта: \(f.message)", .error))]
        default:
            return nil
        }
    }

    // MARK: - Drawing

    func listRect(_ ctx: ScreenContext) -> Rect {
        let b = ctx.body
        let top = b.row + 1 + fields.height + 2
        return Rect(row: top, col: b.col, width: b.width, height: max(b.bottom - top, 1))
    }

    func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let b = ctx.body
        let w = b.width - 2
        canvas.putTruncated("Новый период: сроки, кластеры и шаблоны. Версии шаблонов закрепятся за кампанией.",
                            row: b.row, col: 1, width: w, style: CellStyle.title.emphasized)
        fields.draw(on: &canvas, row: b.row + 1, col: 1, width: w, labelWidth: 22, hasFocus: !onList)
        let rect = listRect(ctx)
        let problem = plan().1["templates"]
        let heading = "Шаблоны: выбрано \(chosen.count)" + (problem.map { " — \($0)" } ?? "") + (onList ? " (Пробел — выбрать, снять)" : " (Tab — к списку)")
        canvas.putTruncated(heading, row: rect.row - 1, col: 1, width: w,
                            style: problem != nil ? CellStyle.bad.emphasized : onList ? CellStyle.accent.emphasized : CellStyle.normal.emphasized)
        for (i, e) in catalogue.entries.enumerated().dropFirst(listOffset).prefix(rect.height) {
            let t = e.template
            let row = rect.row + i - listOffset
            let mark = chosen.contains(t.key) ? "[x]" : "[ ]"
            let kind = t.kind == .card ? "карта \(t.orgTypes.first?.russianShort ?? "")" : "программа"
            let left = "\(mark) \(TextWidth.pad(t.key, to: 22)) \(TextWidth.pad(kind, to: 10)) в.\(TextWidth.pad("\(t.version)", to: 3)) "
            let style: CellStyle = onList && i == listSelected ? .highlight : chosen.contains(t.key) ? CellStyle.normal.emphasized : .normal
            canvas.putTruncated(left + DisplayText.sanitize(t.title), row: row, col: 1, width: w, style: style)
        }
    }
}
