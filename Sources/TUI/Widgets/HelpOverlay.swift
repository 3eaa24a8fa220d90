/// The help box `?` and F1 open: what each key does on the current screen. ↑/↓ scroll it when it is longer
/// than the screen; any other key closes it.
public enum HelpOverlay {
    /// Width of the box on a screen `width` cells wide.
    static func boxWidth(_ width: Int) -> Int { min(width - 4, 100) }

    /// Lines the box holds at that width: (key, text) pairs, intro paragraphs with an empty key.
    public static func lines(intro: [String], entries: [KeyHint], width: Int) -> [(key: String, text: String)] {
        let w = boxWidth(width)
        let keyWidth = keyColumn(entries)
        let textWidth = w - 4 - keyWidth - 2
        var out: [(key: String, text: String)] = []
        for para in intro {
            for l in TextWrap.lines(para, width: w - 4) { out.append(("", l)) }
        }
        if !intro.isEmpty { out.append(("", "")) }
        for e in entries {
            for (i, l) in TextWrap.lines(e.label, width: textWidth).enumerated() { out.append((i == 0 ? e.key : "", l)) }
        }
        return out
    }

    /// Rows of text that fit in the box on a screen `height` lines tall.
    public static func visibleRows(height: Int) -> Int { max(height - 2 - 4, 1) }

    /// The furthest the box can be scrolled.
    public static func maxScroll(intro: [String], entries: [KeyHint], width: Int, height: Int) -> Int {
        max(lines(intro: intro, entries: entries, width: width).count - visibleRows(height: height), 0)
    }

    static func keyColumn(_ entries: [KeyHint]) -> Int { min(entries.map { TextWidth.width(of: $0.key) }.max() ?? 0, 18) }

    /// Draws the box over the screen, scrolled down by `scroll` lines.
    public static func draw(title: String, intro: [String], entries: [KeyHint], scroll: Int = 0,
                            on canvas: inout some Canvas, width: Int, height: Int) {
        let w = boxWidth(width)
        let all = lines(intro: intro, entries: entries, width: width)
        let keyWidth = keyColumn(entries)
        let textWidth = w - 4 - keyWidth - 2
        let visible = min(all.count, visibleRows(height: height))
        let first = min(max(scroll, 0), max(all.count - visible, 0))
        let h = visible + 4
        let top = max((height - h) / 2, 0)
        let left = max((width - w) / 2, 0)
        for r in top..<(top + h) { canvas.fill(row: r, col: left, width: w, style: .normal) }
        canvas.box(row: top, col: left, width: w, height: h, title: "Помощь: " + title, style: .title,
                   titleStyle: CellStyle.title.emphasized)
        let introCount = intro.isEmpty ? 0 : (all.firstIndex { $0.key.isEmpty && $0.text.isEmpty } ?? 0)
        for (n, i) in (first..<(first + visible)).enumerated() {
            let row = top + 1 + n
            if i < introCount {
                canvas.putTruncated(all[i].text, row: row, col: left + 2, width: w - 4)
            } else {
                canvas.putTruncated(all[i].key, row: row, col: left + 2, width: keyWidth, style: CellStyle.accent.emphasized)
                canvas.putTruncated(all[i].text, row: row, col: left + 2 + keyWidth + 2, width: textWidth)
            }
        }
        let more = all.count > visible
        let hint = more ? "↑↓ — листать (\(first + visible) из \(all.count)), другая клавиша — закрыть"
            : "Любая клавиша — закрыть помощь"
        canvas.putCentered(hint, row: top + h - 2, col: left + 1, width: w - 2, style: .muted)
    }
}
