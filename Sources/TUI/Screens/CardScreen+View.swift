import Model

// MARK: - Drawing

extension CardScreen {
    func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let b = ctx.body
        guard let d = data, let card = previewCard else {
            if let e = loadError {
                canvas.putTruncated("Карта \(org) не открылась: \(e)", row: b.row + 1, col: 1, width: b.width - 2, style: .bad)
            } else {
                canvas.put("Загрузка карты \(org)…", row: b.row + 1, col: 1, style: .muted)
            }
            return
        }
        let mode = self.mode(ctx)
        let w = b.width - 2
        // Header: who, status; total, percent, level; a notice.
        let status = "Статус: \(Format.status(of: d.card))" + " · " + progress(d.card, template: d.template)
        let sw = TextWidth.width(of: status)
        canvas.putTruncated(TableCell("\(d.org) · \(d.organisation.name)", short: "\(d.org) · \(d.shortName)")
                                .fitting(w - sw - 2), row: b.row, col: 1, width: w - sw - 2, style: CellStyle.title.emphasized)
        canvas.put(status, row: b.row, col: 1 + w - sw, style: Format.style(of: d.card.status).emphasized)
        let s = Scoring.score(card, template: d.template)
        var total = "Итого: \(s.points) из \(s.max) · \(Format.percent(s.percent)) · "
        if s.claimedPoints != s.points { total = "Итого после проверки: \(s.points) из \(s.max) (заявлено \(s.claimedPoints)) · \(Format.percent(s.percent)) · " }
        canvas.put(total, row: b.row + 1, col: 1)
        canvas.put(s.level.russian, row: b.row + 1, col: 1 + TextWidth.width(of: total), style: Format.style(of: s.level).emphasized)
        let right = dateNote(d, ctx)
        let rw = TextWidth.width(of: right)
        if TextWidth.width(of: total) + 10 + rw < w { canvas.put(right, row: b.row + 1, col: 1 + w - rw, style: .muted) }
        let style = notice(ctx).1
        for (i, line) in noticeLines(ctx).enumerated() {
            canvas.putTruncated(line, row: b.row + 2 + i, col: 1, width: w, style: style)
        }
        // The layout once per frame: it wraps the notice and measures the panel, which the list and the panel both
        // need (asking each time cost more than drawing the rows).
        let list = listRect(ctx)
        drawList(d, card: card, mode: mode, rect: list, on: &canvas, ctx)
        drawDetail(d, card: card, list: list, on: &canvas, ctx)
    }

    /// `заполнено 20 из 39` for the principal and the methodist; `отмечено 12 из 34` (of the answered) for a reviewer.
    func progress(_ card: ExpertCard, template: Template) -> String {
        let ids = template.indicators.map(\.id)
        let answered = ids.filter { card.answers[$0] != nil }
        if purpose == .review { return ReviewProgress(card).russian }
        return "заполнено \(answered.count) из \(ids.count)"
    }

    private func dateNote(_ d: CardData, _ ctx: ScreenContext) -> String {
        if purpose == .fill, d.card.status == .draft || d.card.status == .returned {
            let last = d.card.status == .draft ? d.campaign.fillDeadline(for: d.org)
                : max(d.campaign.checkDeadline, d.campaign.fillDeadline(for: d.org))
            return "срок \(last.russian), \(Format.remaining(from: ctx.today, to: last))"
        }
        if let at = d.card.submittedAt { return "подана \(Format.day(at))" }
        return ""
    }

    /// The line under the total: why the card is read-only, what the reviewer asked, what is missing, or the keys.
    func notice(_ ctx: ScreenContext) -> (String, CellStyle) {
        guard let d = data else { return ("", .normal) }
        let mode = self.mode(ctx)
        if case .readOnly(let why) = mode {
            // A returned card says what the reviewer asked, to whoever looks at it.
            if d.card.status == .returned, let r = d.card.history.last(where: { $0.status == .returned }) {
                return ("Только просмотр · возвращена (\(r.by)): «\(r.comment ?? "")»", CellStyle.warn.emphasized)
            }
            // The methodist sees an organisation's extension and why it was given.
            if purpose == .view, let until = d.campaign.extensions[org] {
                let reason = d.campaign.extensionReason(for: org).map { ": «\($0)»" } ?? ""
                return ("Только просмотр · срок продлён до \(until.russian)\(reason)", CellStyle.warn.emphasized)
            }
            return ("Только просмотр: \(why)", CellStyle.warn.emphasized)
        }
        if mode == .edit, d.card.status == .returned {
            let why = d.card.history.last { $0.status == .returned }?.comment ?? ""
            let marks = marked.isEmpty ? "" : " · отмечено: \(marked.count) (n — следующий)"
            return ("Возвращена экспертом: «\(why)»\(marks)", CellStyle.warn.emphasized)
        }
        if mode == .review, !changed.isEmpty {
            return ("Исправлена после возврата: изменено показ.: \(changed.count) (отмечены *, n — следующий)", .accent)
        }
        if mode == .edit {
            let missing = d.card.claimedWithoutEvidence(d.template).count
            if missing > 0 { return ("Без подтверждающего документа: \(missing) показ. — отмечены «нет» в колонке «Док.»", .bad) }
            return ("Enter — заполнить показатель, Tab — следующее направление, F5 — подать карту", .muted)
        }
        return ("Enter — отметка, 1 — подтвердить, F5 — принять, F8 — вернуть на исправление", .muted)
    }

    private func columns(_ width: Int, verdicts: Bool) -> [TableColumn] {
        var c = [TableColumn("", width: 1), TableColumn("№", width: 5), TableColumn("Показатель", width: 10, flex: 1),
                 TableColumn("Ответ", width: 8), TableColumn("Балл", width: 4, alignRight: true), TableColumn("Док.", width: 4)]
        if verdicts { c.append(TableColumn("Проверка", width: 11)) }
        return c
    }

    private func drawList(_ d: CardData, card: ExpertCard, mode: Mode, rect: Rect, on canvas: inout some Canvas,
                          _ ctx: ScreenContext) {
        let b = ctx.body
        let width = b.width - 2
        let showVerdicts = mode == .review || !card.reviews.isEmpty
        let cols = columns(width, verdicts: showVerdicts)
        let widths = Table.widths(cols, width: width)
        Table.drawHeader(cols, widths: widths, on: &canvas, row: rect.row - 1, col: 1)
        let all = lines
        let first = min(scrolledOffset(ctx, list: rect), max(all.count - 1, 0))
        let inds = d.template.indicators
        for (n, line) in all[first...].prefix(rect.height).enumerated() {
            let row = rect.row + n
            switch line {
            case .direction(let di):
                let dir = d.template.directions[di]
                let pts = dir.indicators.reduce(0) { acc, ind in acc + (card.reviewedAnswers[ind.id].map { Scoring.points(for: $0, rule: ind.rule) } ?? 0) }
                let right = "\(pts) из \(dir.declaredMax)"
                let rw = TextWidth.width(of: right)
                canvas.putTruncated("\(dir.number). \(dir.title)", row: row, col: 1, width: width - rw - 1, style: CellStyle.title.emphasized)
                canvas.put(right, row: row, col: 1 + width - rw, style: .title)
            case .indicator(let i):
                let ind = inds[i]
                Table.drawRow(cellsFor(ind, card: card, verdicts: showVerdicts), columns: cols, widths: widths, on: &canvas,
                              row: row, col: 1, selected: i == selected,
                              selectedStyle: form == nil ? .highlight : CellStyle.normal.inverted, fill: width)
            }
        }
    }

    private func cellsFor(_ ind: Indicator, card: ExpertCard, verdicts: Bool) -> [TableCell] {
        let answer = card.answers[ind.id]
        let points = answer.map { Scoring.points(for: $0, rule: ind.rule) } ?? 0
        var mark = TableCell("")
        if purpose == .fill, card.status == .returned, marked.contains(ind.id) { mark = TableCell("!", style: CellStyle.bad.emphasized) }
        if purpose != .fill, changed.contains(ind.id) { mark = TableCell("*", style: CellStyle.accent.emphasized) }
        let hasDoc = !(card.evidence[ind.id]?.isEmpty ?? true)
        let doc = hasDoc ? TableCell("есть") : points > 0 ? TableCell("нет", style: CellStyle.bad.emphasized) : TableCell("—", style: .muted)
        var cells = [mark, TableCell(ind.id), TableCell(ind.text), TableCell(Format.answer(answer), style: answer == nil ? .muted : nil),
                     TableCell("\(points)/\(ind.rule.maxPoints)", style: points > 0 ? .good : nil), doc]
        if verdicts { cells.append(verdictCell(card.reviews[ind.id])) }
        if purpose != .fill, changed.contains(ind.id) {
            for k in 2..<cells.count where cells[k].style == nil { cells[k].style = .accent }
        }
        return cells
    }

    func verdictCell(_ r: IndicatorReview?) -> TableCell {
        guard let r else { return TableCell("—", style: .muted) }
        switch r.verdict {
        case .confirmed: return TableCell("подтв.", style: .good)
        case .notConfirmed: return TableCell("не подтв.", style: .bad)
        case .corrected: return TableCell("испр. \(r.corrected?.display ?? "")", style: .warn)
        }
    }
}
