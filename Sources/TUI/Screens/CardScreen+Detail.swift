import Model

// MARK: - The panel under the list: the selected indicator in full, or its form

extension CardScreen {
    func drawDetail(_ d: CardData, card: ExpertCard, list: Rect, on canvas: inout some Canvas, _ ctx: ScreenContext) {
        guard let ind = selectedIndicator else { return }
        let b = ctx.body
        let sepRow = list.bottom
        let title = " \(ind.id) · \(ind.rule.kindRussian) "
        canvas.hline(row: sepRow, col: 0, width: b.width, style: .muted)
        canvas.put(title, row: sepRow, col: 2, style: CellStyle.title.emphasized)
        let top = sepRow + 1
        let height = b.bottom - top
        let width = b.width - 2
        guard height > 0 else { return }
        if let f = form {
            drawForm(f, ind, d, on: &canvas, top: top, height: height, width: width)
            return
        }
        let extra = panelLines(ind, card: card, width: width)
        let textLines = TextWrap.lines(ind.text, width: width, maxLines: max(height - extra.count, 1))
        var row = top
        for l in textLines { canvas.putTruncated(l, row: row, col: 1, width: width, style: CellStyle.normal.emphasized); row += 1 }
        for (text, style) in extra where row < b.bottom {
            canvas.putTruncated(text, row: row, col: 1, width: width, style: style)
            row += 1
        }
    }

    /// The lines under the indicator's text, most important first: when the panel is short,
    /// the evidence source (last) is what gets left out.
    func panelLines(_ ind: Indicator, card: ExpertCard, width: Int) -> [(String, CellStyle)] {
        let points = card.answers[ind.id].map { Scoring.points(for: $0, rule: ind.rule) } ?? 0
        var extra: [(String, CellStyle)] = [("Баллов сейчас: \(points) из \(ind.rule.maxPoints) · методика: \(ind.ruleText)", .normal)]
        let answer = card.answers[ind.id]
        extra.append(("Ответ: \(Format.answer(answer))", answer == nil ? .muted : .normal))
        if let ev = card.evidence[ind.id], !ev.isEmpty {
            extra.append(("Документ: \(ev.display)", .normal))
        } else {
            extra.append(("Документ: не указан", points > 0 ? CellStyle.bad.emphasized : .muted))
        }
        if purpose != .fill, changed.contains(ind.id) {
            // The whole change, wrapped: at 80 columns a cut line hid exactly the part that changed.
            let before = card.answersAtReturn?[ind.id]
            let docBefore = card.evidenceAtReturn?[ind.id].flatMap { $0.isEmpty ? nil : $0.display } ?? "нет"
            let docNow = card.evidence[ind.id].flatMap { $0.isEmpty ? nil : $0.display } ?? "нет"
            let text = "Изменено после возврата. Было: ответ \(Format.answer(before)), документ \(docBefore). "
                + "Стало: ответ \(Format.answer(card.answers[ind.id])), документ \(docNow)."
            for line in TextWrap.lines(text, width: width, maxLines: 4) { extra.append((line, CellStyle.accent.emphasized)) }
        }
        if let r = card.reviews[ind.id] {
            var text = "Эксперт (\(r.reviewer)): \(r.verdict.russian)"
            if let c = r.corrected { text += ", верно: \(c.display)" }
            if !r.comment.isEmpty { text += " — \(r.comment)" }
            // The reviewer's comment is what the principal has to act on: wrapped, not cut.
            let style: CellStyle = r.verdict == .confirmed ? .good : r.verdict == .notConfirmed ? .bad : .warn
            for line in TextWrap.lines(text, width: width, maxLines: 3) { extra.append((line, style)) }
        }
        for line in TextWrap.lines("Источник: \(ind.evidenceSource)", width: width, maxLines: 2) { extra.append((line, .muted)) }
        return extra
    }

    /// Lines the panel would like: the whole text and every line under it (the form: its fields too).
    func naturalPanelHeight(width: Int) -> Int {
        guard let d = data, let ind = selectedIndicator else { return 0 }
        let text = min(TextWrap.lines(ind.text, width: width).count, 4)
        if let f = form { return text + 2 + f.fields.count }
        return text + panelLines(ind, card: previewCard ?? d.card, width: width).count
    }

    private func drawForm(_ f: IndicatorForm, _ ind: Indicator, _ d: CardData,
                          on canvas: inout some Canvas, top: Int, height: Int, width: Int) {
        var info: [(String, CellStyle)] = []
        if f.isReview {
            let ev = d.card.evidence[ind.id].flatMap { $0.isEmpty ? nil : $0.display } ?? "не указан"
            info.append(("Руководитель: ответ \(Format.answer(d.card.answers[ind.id])) · документ: \(ev)", .normal))
            info.append(("Источник по Порядку: \(ind.evidenceSource)", .muted))
        } else {
            let preview = previewCard?.answers[ind.id].map { Scoring.points(for: $0, rule: ind.rule) } ?? 0
            info.append(("Будет баллов: \(preview) из \(ind.rule.maxPoints) · методика: \(ind.ruleText)", .normal))
            info.append(("Источник: \(ind.evidenceSource)", .muted))
        }
        let room = height - f.fields.count
        let textLines = TextWrap.lines(ind.text, width: width, maxLines: max(room - info.count, 1))
        var row = top
        for l in textLines { canvas.putTruncated(l, row: row, col: 1, width: width, style: CellStyle.normal.emphasized); row += 1 }
        for (text, style) in info.prefix(max(room - textLines.count, 0)) {
            canvas.putTruncated(text, row: row, col: 1, width: width, style: style)
            row += 1
        }
        let labelWidth = f.isReview ? 16 : min(36, width / 2)
        let inputCol = 3 + labelWidth + 1
        for (i, field) in f.fields.enumerated() where row < top + height {
            let active = f.isActive(i)
            let focused = i == f.focus
            canvas.putTruncated(field.label, row: row, col: 3, width: labelWidth,
                                style: !active ? .muted : focused ? CellStyle.accent.emphasized : .normal)
            switch field.kind {
            case .toggle:
                let text = field.flag.map { $0 ? " да " : " нет " } ?? " — "
                canvas.put("[" + text + "]", row: row, col: inputCol, style: focused ? .highlight : CellStyle.normal.emphasized)
                canvas.put("Пробел — да/нет, Backspace — без ответа", row: row, col: inputCol + 8, style: .muted)
            case .verdict:
                var x = inputCol
                for (k, v) in Verdict.allCases.enumerated() {
                    let label = "\(k + 1) \(v.russian)"
                    let chosen = v == field.verdict
                    canvas.put(label, row: row, col: x, style: chosen ? (focused ? .highlight : CellStyle.normal.inverted) : .muted)
                    x += TextWidth.width(of: label) + 2
                }
            default:
                // Beside the field: what is wrong with it (red), what looks wrong (yellow), or what to type.
                let side = field.note.map { ($0.isError ? "✗ " : "⚠ ") + $0.text } ?? (field.hint.isEmpty ? "" : "(\(field.hint))")
                let sideStyle: CellStyle = field.note.map { $0.isError ? CellStyle.bad.emphasized : CellStyle.warn.emphasized } ?? .muted
                let room = width + 1 - inputCol
                let inputWidth = field.isCount ? min(9, room) : field.kind == .percent || field.kind == .date ? min(11, room)
                    : min(max(room - (side.isEmpty ? 0 : TextWidth.width(of: side) + 1), 12), 60)
                if active {
                    field.input.draw(on: &canvas, row: row, col: inputCol, width: inputWidth, focused: focused)
                    if !side.isEmpty {
                        canvas.putTruncated(side, row: row, col: inputCol + inputWidth + 1,
                                            width: max(width + 1 - inputCol - inputWidth - 1, 0), style: sideStyle)
                    }
                } else {
                    canvas.put("(только для «исправлено»)", row: row, col: inputCol, style: .muted)
                }
            }
            row += 1
        }
    }
}

extension Rule {
    /// What kind of input the rule takes, in Russian, for the panel's title.
    var kindRussian: String {
        switch self {
        case .fact(let p): return "факт — \(p) б."
        case .share(let t, let p): return "доля не менее \(t) % — \(p) б."
        case .retention(let t, let p): return "сохранение не менее \(t) % — \(p) б."
        case .participation(let t, let p): return "участие не менее чем в \(t) % событий — \(p) б."
        case .percent: return "процент"
        }
    }
}
