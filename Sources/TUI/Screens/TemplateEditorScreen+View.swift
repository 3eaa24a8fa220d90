import Model

// MARK: - Drawing: the heading, the list, the panel (the selected part, or its form), the lint

extension TemplateEditorScreen {
    /// Rows of the lint at the bottom: a rule with the counts, then up to three findings.
    static let lintHeight = 4

    /// Rows of the panel under the list: the form, or the selected part in full.
    func panelHeight(_ ctx: ScreenContext) -> Int { 1 + (form.map { $0.fields.height } ?? 3) }

    func listRect(_ ctx: ScreenContext) -> Rect {
        let b = ctx.body
        return Rect(row: b.row + 1, col: b.col, width: b.width,
                    height: max(b.height - 1 - panelHeight(ctx) - Self.lintHeight, 1))
    }

    func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let b = ctx.body
        let t = draft.template
        let changed = draft.isChanged ? "изменено: \(draft.changeSummary)" : "изменений нет"
        canvas.putTruncated("\(t.id): версия \(draft.base.template.version) → новая версия \(draft.nextVersion) · \(changed)",
                            row: b.row, col: 1, width: b.width - 2, style: CellStyle.title.emphasized)
        drawList(on: &canvas, ctx)
        drawPanel(on: &canvas, ctx)
        drawLint(on: &canvas, ctx)
    }

    private func drawList(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let rect = listRect(ctx)
        let all = lines
        let sections = Dictionary(draft.sections.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let width = rect.width - 2
        for (i, line) in all.dropFirst(offset).prefix(rect.height).enumerated() {
            let row = rect.row + i
            let selected = line == cursor
            var (text, style, right, rightStyle) = describe(line, sections: sections)
            if selected { style = form == nil ? .highlight : CellStyle.highlight.emphasized }
            if selected { rightStyle = style }
            let rw = right.isEmpty ? 0 : min(TextWidth.width(of: right) + 1, width / 2)
            canvas.putTruncated(text, row: row, col: rect.col + 1, width: width - rw, style: style)
            if rw > 0 { canvas.putRightAligned(right, row: row, col: rect.col + 1 + width - rw, width: rw, style: rightStyle) }
        }
    }

    /// A line of the list: its text, style, and what goes at the right end.
    private func describe(_ line: Line, sections: [Int: TemplateDraft.Section]) -> (String, CellStyle, String, CellStyle) {
        switch line {
        case .template:
            switch draft.template {
            case .card(let c):
                let sum = c.indicators.reduce(0) { $0 + $1.rule.maxPoints }
                return ("Карта: \(DisplayText.sanitize(c.title))", CellStyle.normal.emphasized,
                        "макс. \(c.declaredMax) · сумма \(sum) · уровни \(c.levels.high)/\(c.levels.medium)",
                        sum == c.declaredMax ? .muted : .warn)
            case .programme(let p):
                return ("Программа: \(DisplayText.sanitize(p.title))", CellStyle.normal.emphasized,
                        "показателей \(p.indicators.count)", .muted)
            }
        case .section(let n):
            let s = sections[n]
            let title = "\(n). \(DisplayText.sanitize(s?.title ?? ""))"
            if let max = s?.declaredMax, let sum = s?.points {
                return (title, CellStyle.normal.emphasized, "макс. \(max) · сумма \(sum)", sum == max ? .muted : .warn)
            }
            return (title, CellStyle.normal.emphasized, "показателей \(s?.indicators.count ?? 0)", .muted)
        case .indicator(let id):
            let text: String, kind: String
            switch draft.template {
            case .card(let c):
                let i = c.indicator(id)
                text = i?.text ?? ""; kind = i?.rule.kindRussian ?? ""
            case .programme(let p):
                let m = p.indicator(id)
                text = m?.text ?? ""
                kind = (m.map { Self.shortKind($0.kind) } ?? "") + (m?.reporter == .municipality ? ", муниципалитет" : "")
            }
            let shown = text.isEmpty ? "(нет текста)" : DisplayText.sanitize(text)
            return ("  \(TextWidth.pad(id, to: 6)) \(shown)", text.isEmpty ? .bad : .normal, kind, .muted)
        case .retired(let id):
            let text = draft.retired.first { $0.id == id }?.text ?? ""
            return ("  \(TextWidth.pad(id, to: 6)) \(DisplayText.sanitize(text))", .muted, "выведен", .muted)
        }
    }

    private func drawPanel(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let b = ctx.body
        let top = listRect(ctx).bottom
        let width = b.width - 2
        if let f = form {
            canvas.hline(row: top, col: 0, width: b.width, style: .accent)
            canvas.put(" \(f.caption) · Enter — готово, Esc — отменить ", row: top, col: 2, style: CellStyle.accent.emphasized)
            f.fields.draw(on: &canvas, row: top + 1, col: 1, width: width, labelWidth: min(26, width / 3))
            return
        }
        canvas.hline(row: top, col: 0, width: b.width, style: .muted)
        canvas.put(" u / d — выше / ниже · r — вывести · ? — помощь ", row: top, col: 2, style: .muted)
        var text: [String] = []
        var extra = ""
        switch cursor {
        case .template:
            text = [draft.template.title]
            extra = "Источник: \(draft.template.source)"
        case .section(let n):
            text = [draft.sections.first { $0.number == n }?.title ?? ""]
            if case .programme(let p) = draft.template, let s = p.sections.first(where: { $0.number == n }), !s.goal.isEmpty { extra = "Цель: \(s.goal)" }
        case .indicator(let id):
            switch draft.template {
            case .card(let c):
                if let i = c.indicator(id) {
                    text = [i.text]
                    extra = "Методика: \(i.ruleText) · источник: \(i.evidenceSource)"
                }
            case .programme(let p):
                if let m = p.indicator(id) {
                    text = [m.text]
                    extra = "Источник: \(m.evidence) · метод: \(m.method)"
                }
            }
        case .retired(let id):
            text = ["Выведен из новой версии: \(draft.retired.first { $0.id == id }?.text ?? "")"]
            extra = "Прежние версии и кампании, открытые с ними, его сохраняют. r — вернуть."
        }
        let wrapped = TextWrap.lines(DisplayText.sanitize(text.joined()), width: width, maxLines: 2)
        for (i, l) in wrapped.enumerated() { canvas.putTruncated(l, row: top + 1 + i, col: 1, width: width) }
        canvas.putTruncated(DisplayText.sanitize(extra), row: top + 3, col: 1, width: width, style: .muted)
    }

    private func drawLint(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let b = ctx.body
        let top = b.bottom - Self.lintHeight
        let f = draft.findings
        let heading: String
        let style: CellStyle
        if f.isEmpty {
            heading = " Проверка: всё сходится "
            style = .good
        } else {
            heading = " Проверка: ошибок \(f.errors.count), предупреждений \(f.warnings.count) "
            style = f.errors.isEmpty ? CellStyle.warn.emphasized : CellStyle.bad.emphasized
        }
        canvas.hline(row: top, col: 0, width: b.width, style: .muted)
        canvas.put(heading, row: top, col: 2, style: style)
        let items = f.errors.map { ("✗ " + $0, CellStyle.bad) } + f.warnings.map { ("! " + $0, CellStyle.warn) }
        let room = Self.lintHeight - 1
        for (i, item) in items.prefix(room).enumerated() {
            canvas.putTruncated(DisplayText.sanitize(item.0), row: top + 1 + i, col: 1, width: b.width - 2, style: item.1)
        }
        if items.isEmpty {
            canvas.putTruncated(draft.template.kind == .card ? "Максимумы направлений и карты сходятся с суммой баллов; ошибок нет."
                                : "Ошибок нет: у каждого показателя есть текст и источник.", row: top + 1, col: 1,
                                width: b.width - 2, style: .muted)
        }
    }

    /// A programme indicator's kind in a word, for the list.
    static func shortKind(_ k: MeasureKind) -> String {
        switch k {
        case .percent: return "процент"
        case .share: return "доля"
        case .presence: return "наличие"
        case .count: return "количество"
        case .undefined: return "не определён"
        }
    }
}
