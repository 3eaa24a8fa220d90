/// The help box `?` and F1 open: what each key does on the current screen.
public enum HelpOverlay {
    /// Draws `entries` (key, what it does) in a box over the screen; Any key closes it.
    public static func draw(title: String, intro: [String], entries: [KeyHint], on canvas: inout some Canvas,
                            width: Int, height: Int) {
        let w = min(max(width - 10, 60), 100)
        let keyWidth = min((entries.map { TextWidth.width(of: $0.key) }.max() ?? 0), 18)
        let textWidth = w - 4 - keyWidth - 2
        var lines: [(String, String)] = []
        for para in intro {
            for l in TextWrap.lines(para, width: w - 4) { lines.append(("", l)) }
        }
        if !intro.isEmpty { lines.append(("", "")) }
        for e in entries {
            let wrapped = TextWrap.lines(e.label, width: textWidth)
            for (i, l) in wrapped.enumerated() { lines.append((i == 0 ? e.key : "", l)) }
        }
        let h = min(lines.count + 4, height - 2)
        let top = max((height - h) / 2, 0)
        let left = max((width - w) / 2, 0)
        for r in top..<(top + h) { canvas.fill(row: r, col: left, width: w, style: .normal) }
        canvas.box(row: top, col: left, width: w, height: h, title: "Помощь: " + title, style: .title,
                   titleStyle: CellStyle.title.emphasized)
        var row = top + 1
        let introCount = intro.isEmpty ? 0 : lines.firstIndex { $0.0.isEmpty && $0.1.isEmpty } ?? 0
        for (i, (key, text)) in lines.enumerated() where row < top + h - 2 {
            if i < introCount {
                canvas.putTruncated(text, row: row, col: left + 2, width: w - 4)
            } else {
                canvas.putTruncated(key, row: row, col: left + 2, width: keyWidth, style: CellStyle.accent.emphasized)
                canvas.putTruncated(text, row: row, col: left + 2 + keyWidth + 2, width: textWidth)
            }
            row += 1
        }
        canvas.putCentered("Любая клавиша — закрыть помощь", row: top + h - 2, col: left + 1, width: w - 2, style: .muted)
    }
}
