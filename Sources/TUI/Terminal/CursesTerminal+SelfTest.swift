// MARK: - Terminal self-test (`profrost debug-terminal`)

extension CursesTerminal {
    /// Starts the terminal, draws a Cyrillic test card and echoes decoded keys until q, Esc or Ctrl+C.
    /// For checking a user's terminal (locale, colours, box drawing, key codes) by hand.
    public static func selfTest() throws {
        let terminal = try CursesTerminal.start()
        defer { terminal.stop() }
        var keys: [String] = []
        while true {
            terminal.draw { canvas in
                drawSelfTest(on: &canvas, terminal: terminal, keys: keys)
            }
            guard let key = terminal.readKey(timeoutMs: -1) else { continue }
            if key == .escape || key == .char("q") || key == .char("й") || key == .ctrl("c") { return }
            keys.append(String(describing: key))
            if keys.count > 5 { keys.removeFirst() }
        }
    }

    static func drawSelfTest(on canvas: inout some Canvas, terminal: CursesTerminal, keys: [String]) {
        let w = canvas.width
        let h = canvas.height
        canvas.box(row: 0, col: 0, width: w, height: h, title: "Проверка терминала — профрост")
        let inner = max(w - 4, 0)
        var row = 2
        func line(_ text: String, _ style: CellStyle = .normal) {
            guard row < h - 1 else { return }
            canvas.putTruncated(text, row: row, col: 2, width: inner, style: style)
            row += 1
        }
        line("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
        line("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
        line("Карта №1 · «Гимназия» — 100 %; 漢字; й = и\u{306}")
        row += 1
        if row < h - 1 {
            var col = 2
            let samples: [(String, CellStyle)] = [
                ("обычный", .normal), ("заголовок", .title), ("выделение", .highlight),
                ("высокий", .good), ("средний", .warn), ("низкий", .bad),
                ("приглушённый", .muted), ("акцент", .accent), ("жирный", CellStyle.normal.emphasized),
            ]
            for (text, style) in samples where col + TextWidth.width(of: text) < w - 1 {
                canvas.put(text, row: row, col: col, style: style)
                col += TextWidth.width(of: text) + 1
            }
            row += 2
        }
        line("Размер: \(terminal.size.cols)×\(terminal.size.rows); локаль: \(terminal.localeName); "
             + "цвета: \(terminal.usesColor ? "да" : "нет")")
        line("Клавиши: " + (keys.isEmpty ? "—" : keys.joined(separator: ", ")), .accent)
        line("Обрезка: " + String(repeating: "Длинная строка ", count: 10), .muted)
        let hint = " q или Esc — выход "
        canvas.put(hint, row: h - 1, col: max(w - 2 - TextWidth.width(of: hint), 1), style: .title)
        canvas.put("◢", row: h - 1, col: w - 1, style: .accent)  // bottom-right cell must not scroll
    }
}
