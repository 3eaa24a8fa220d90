import Model

// MARK: - Drawing

extension ProfileScreen {
    func draw(on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let b = ctx.body
        let w = b.width - 2
        guard let d = data else {
            if let e = loadError {
                canvas.putTruncated("Профиль \(org) не открылся: \(e)", row: b.row + 1, col: 1, width: w, style: CellStyle.bad.emphasized)
            } else {
                canvas.put("Загрузка профиля \(org)…", row: b.row + 1, col: 1, style: .muted)
            }
            return
        }
        let o = d.organisation
        canvas.putTruncated("\(o.id) · \(o.name)", row: b.row, col: 1, width: w, style: CellStyle.title.emphasized)
        // Level and pupils of a school: what puts it into a size cluster.
        var kind = "Тип: \(o.type.russianName)"
        if o.type == .general {
            if let l = o.schoolLevel { kind += " · \(l.russian) школа" }
            if let n = o.pupils { kind += " · учащихся: \(n)" }
        }
        canvas.putTruncated(kind, row: b.row + 1, col: 1, width: w)
        canvas.putTruncated("Кластер: \(d.cluster.russianName) (\(d.scheme.russian))", row: b.row + 2, col: 1, width: w)
        drawCurrent(d, on: &canvas, row: b.row + 3, width: w)
        drawSparkline(d, on: &canvas, row: b.row + 5, width: w)
        drawDirections(d, on: &canvas, row: b.row + 7, width: w)
        drawRecommendations(d, on: &canvas, ctx)
    }

    /// `2025/26: 12 из 39 · 30,8 % · низкая · ↓ −14,4 п.п. к 2024/25 (была средняя)`.
    private func drawCurrent(_ d: ProfileData, on canvas: inout some Canvas, row: Int, width: Int) {
        guard let c = d.current else {
            canvas.putTruncated("Результатов ещё нет", row: row, col: 1, width: width, style: .muted)
            return
        }
        if !c.status.isSubmittedOrLater {
            // Nothing submitted yet: no comparison with last year (a draft is not a result).
            let note = "\(Format.period(c.period)): карта не подана (\(c.points > 0 ? c.status.russian : Format.notStarted)) — "
                + "результата и сравнения с прошлым годом пока нет"
            canvas.putTruncated(note, row: row, col: 1, width: width, style: CellStyle.warn.emphasized)
            return
        }
        var parts: [(String, CellStyle)] = [("\(Format.period(c.period)): \(c.points) из \(c.max) · \(Format.percent(c.percent)) · ", .normal),
                                            (c.level.russian, Format.style(of: c.level).emphasized)]
        if let p = d.previous {
            let delta = c.percentDelta ?? (c.percent - p.percent)
            parts.append((" · ", .normal))
            parts.append(("\(Format.arrow(c.trend)) \(Self.signed(delta)) п.п.", Format.style(of: c.trend)))
            let was = c.level == p.level ? "" : " (была \(p.level.russian))"
            parts.append((" к \(Format.period(p.period))\(was)", .normal))
        } else {
            parts.append((" · прошлых кампаний нет", .muted))
        }
        Self.putSegments(parts, on: &canvas, row: row, col: 1, width: width)
    }

    /// `Процент по годам  ▁▃▆  2023/24 12,0 % · 2024/25 45,2 % · 2025/26 30,8 %`; the oldest labels give way first.
    private func drawSparkline(_ d: ProfileData, on canvas: inout some Canvas, row: Int, width: Int) {
        let entries = d.dynamics.entries
        let label = "Процент по годам  "
        canvas.put(label, row: row, col: 1, style: CellStyle.normal.emphasized)
        guard !entries.isEmpty else { canvas.put("нет данных", row: row, col: 1 + TextWidth.width(of: label), style: .muted); return }
        let spark = Sparkline.percents(entries.map(\.percent))
        let x = 1 + TextWidth.width(of: label)
        canvas.putTruncated(spark, row: row, col: x, width: max(width - x + 1, 0), style: CellStyle.accent.emphasized)
        let room = width - (x - 1) - TextWidth.width(of: spark) - 2
        var labels = entries.map { "\(Format.period($0.period)) \(Format.percent($0.percent))" }
        while labels.count > 1, TextWidth.width(of: labels.joined(separator: " · ")) > room { labels.removeFirst() }
        let text = (labels.count < entries.count ? "… " : "") + labels.joined(separator: " · ")
        canvas.putTruncated(text, row: row, col: x + TextWidth.width(of: spark) + 2, width: max(room, 0), style: .muted)
    }

    /// Each direction's points last year and this year, and the change.
    private func drawDirections(_ d: ProfileData, on canvas: inout some Canvas, row: Int, width: Int) {
        let cols = [TableColumn("Направление", width: 20, flex: 1), TableColumn(d.previous.map { Format.period($0.period) } ?? "—", width: 8, alignRight: true),
                    TableColumn(d.current.map { Format.period($0.period) } ?? "", width: 8, alignRight: true),
                    TableColumn("Изм.", width: 4, alignRight: true)]
        let widths = Table.widths(cols, width: width)
        Table.drawHeader(cols, widths: widths, on: &canvas, row: row, col: 1)
        let now = Dictionary((d.current?.directions ?? []).map { ($0.direction, $0) }, uniquingKeysWith: { a, _ in a })
        let before = Dictionary((d.previous?.directions ?? []).map { ($0.direction, $0) }, uniquingKeysWith: { a, _ in a })
        for (n, number) in Self.directionNumbers(d).enumerated() {
            let title = d.directionTitles[number].map { "\(number). \($0)" } ?? "Направление \(number)"
            var change = TableCell("—", style: .muted)
            if let a = now[number], let p = before[number] {
                let delta = a.points - p.points
                change = TableCell(delta == 0 ? "0" : Self.signed(Double(delta), decimals: false),
                                   style: Format.style(of: Trend.from(p.points, to: a.points)))
            }
            Table.drawRow([TableCell(title),
                           TableCell(before[number].map { "\($0.points) из \($0.max)" } ?? "—", style: before[number] == nil ? .muted : nil),
                           TableCell(now[number].map { "\($0.points) из \($0.max)" } ?? "—"), change],
                          columns: cols, widths: widths, on: &canvas, row: row + 1 + n, col: 1)
        }
    }

    private func drawRecommendations(_ d: ProfileData, on canvas: inout some Canvas, _ ctx: ScreenContext) {
        let rect = recommendationsRect(ctx)
        let lines = Self.recommendationLines(d, width: rect.width)
        let first = min(max(scroll, 0), max(lines.count - rect.height, 0))
        let title = "Рекомендации на \(Format.period(d.recommendations.period)): \(Self.shownRecommendations(d).count)"
        canvas.putTruncated(title, row: rect.row - 1, col: rect.col, width: rect.width, style: CellStyle.normal.emphasized)
        if lines.count > rect.height {
            let pos = "строки \(first + 1)–\(min(first + rect.height, lines.count)) из \(lines.count) · ↑↓"
            let pw = TextWidth.width(of: pos)
            if TextWidth.width(of: title) + 2 + pw <= rect.width {
                canvas.put(pos, row: rect.row - 1, col: rect.col + rect.width - pw, style: .muted)
            }
        }
        for (n, line) in lines[first...].prefix(rect.height).enumerated() {
            canvas.putTruncated(line.0, row: rect.row + n, col: rect.col, width: rect.width, style: line.1)
        }
    }

    // MARK: - Helpers

    /// `+2,5` / `−1,0` (a Russian minus); whole numbers without decimals when `decimals` is false.
    static func signed(_ x: Double, decimals: Bool = true) -> String {
        let v = x.isFinite ? x : 0
        let sign = v > 0 ? "+" : v < 0 ? "−" : ""
        if !decimals { return sign + "\(Int(abs(v).rounded()))" }
        let tenths = Int((abs(v) * 10).rounded())
        return sign + "\(tenths / 10),\(tenths % 10)"
    }

    /// Draws pieces of text one after another in their styles, cut at `width`.
    static func putSegments(_ parts: [(String, CellStyle)], on canvas: inout some Canvas, row: Int, col: Int, width: Int) {
        var x = col
        for (text, style) in parts {
            let room = col + width - x
            guard room > 0 else { break }
            let cut = TextWidth.truncate(text, to: room)
            canvas.put(cut, row: row, col: x, style: style)
            x += TextWidth.width(of: cut)
        }
    }
}
