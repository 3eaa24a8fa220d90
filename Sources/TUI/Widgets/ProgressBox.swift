import Model

/// A box over the screen while long work runs: what it is doing, a bar and how many of how many.
enum ProgressBox {
    static func draw(_ p: WorkProgress, title: String, on canvas: inout some Canvas, width: Int, height: Int) {
        let w = min(max(width - 20, 40), 60)
        let h = 6
        let top = max((height - h) / 2, 0)
        let left = max((width - w) / 2, 0)
        for r in top..<(top + h) { canvas.fill(row: r, col: left, width: w, style: .normal) }
        canvas.box(row: top, col: left, width: w, height: h, title: title, style: .accent, titleStyle: CellStyle.accent.emphasized)
        let inner = w - 4
        canvas.putTruncated(p.step + (p.total > 0 ? ": \(p.done) из \(p.total)" : "…"),
                            row: top + 1, col: left + 2, width: inner)
        if let f = p.fraction {
            let filled = Int((Double(inner) * f).rounded(.down))
            canvas.put(String(repeating: "█", count: filled), row: top + 2, col: left + 2, style: .good)
            canvas.put(String(repeating: "░", count: inner - filled), row: top + 2, col: left + 2 + filled, style: .muted)
        }
        canvas.putCentered("клавиши подождут до конца", row: top + 4, col: left + 1, width: w - 2, style: .muted)
    }
}
