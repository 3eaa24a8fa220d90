import Testing
import CNcurses
@testable import TUI
import Model

// MARK: - Text width

@Test func cyrillicAndAsciiTakeOneCellPerLetter() {
    #expect(TextWidth.width(of: "Карта") == 5)
    #expect(TextWidth.width(of: "Ёлка ёж") == 7)
    #expect(TextWidth.width(of: "Card 1") == 6)
    #expect(TextWidth.width(of: "") == 0)
}

@Test func cjkTakesTwoCellsAndCombiningMarksNone() {
    #expect(TextWidth.width(of: "漢字") == 4)
    #expect(TextWidth.width(of: "и\u{306}") == 1)   // й written as и + combining breve
    #expect(TextWidth.width(of: "e\u{301}") == 1)
    #expect(TextWidth.width(of: "\u{7}") == 0)
    #expect(TextWidth.width(of: "\u{1b}[31mКрасный\u{1b}[0m") == 7)
}

@Test func truncatingCyrillicEndsInEllipsisAndFits() {
    let name = "Муниципальное бюджетное учреждение"
    let cut = TextWidth.truncate(name, to: 10)
    #expect(cut == "Муниципал…")
    #expect(TextWidth.width(of: cut) == 10)
    #expect(TextWidth.truncate("Школа", to: 10) == "Школа")
    #expect(TextWidth.truncate("Школа", to: 5) == "Школа")
    #expect(TextWidth.truncate("Школа", to: 1) == "…")
    #expect(TextWidth.truncate("Школа", to: 0) == "")
}

@Test func truncatingWideTextNeverExceedsTheWidth() {
    let cut = TextWidth.truncate("漢字漢字", to: 4)
    #expect(cut == "漢…")
    #expect(TextWidth.width(of: cut) == 3)
    #expect(TextWidth.pad("漢字漢字", to: 4) == "漢… ")
}

@Test func paddingFillsToExactWidth() {
    #expect(TextWidth.pad("Карта", to: 8) == "Карта   ")
    #expect(TextWidth.pad("Образование", to: 6) == "Образ…")
}

// MARK: - Sanitising

@Test func sanitizeStripsEscapeSequencesAndBellKeepsCyrillic() {
    let typed = "\u{1b}[31mКрасный\u{1b}[0m\u{7} текст"
    let clean = DisplayText.sanitize(typed)
    #expect(clean == "Красный текст")
    #expect(!clean.unicodeScalars.contains { $0.value < 0x20 })
}

@Test func sanitizeStripsOtherControls() {
    #expect(DisplayText.sanitize("Ж\u{9B}Ш") == "ЖШ")                // C1 CSI
    #expect(DisplayText.sanitize("a\u{7F}b") == "ab")                // DEL
    #expect(DisplayText.sanitize("стр1\nстр2\tx") == "стр1стр2x")
    #expect(DisplayText.sanitize("\u{1b}]0;заголовок\u{7}Да") == "Да")   // OSC window title
    #expect(DisplayText.sanitize("\u{202E}Нет") == "Нет")            // right-to-left override
    #expect(DisplayText.sanitize("\u{1b}[Привет") == "Привет")        // broken CSI keeps the text
    #expect(DisplayText.sanitize("«Гимназия №5» — 100 %") == "«Гимназия №5» — 100 %")
}

// MARK: - MemoryCanvas

@Test func cyrillicTitleAlignsInsideABox() {
    var canvas = MemoryCanvas(width: 14, height: 3)
    canvas.box(row: 0, col: 0, width: 12, height: 3)
    canvas.put("Карта №1", row: 1, col: 1, style: .title)
    #expect(canvas.lines == [
        "┌──────────┐",
        "│Карта №1  │",
        "└──────────┘",
    ])
    #expect(canvas.styleAt(row: 1, col: 1) == .title)
    #expect(canvas.styleAt(row: 1, col: 11) == .normal)
}

@Test func boxTitleIsWrittenIntoTheTopEdge() {
    var canvas = MemoryCanvas(width: 12, height: 3)
    canvas.box(row: 0, col: 0, width: 12, height: 3, title: "Организации")
    #expect(canvas.lines[0] == "┌ Организа…┐")
    #expect(canvas.lines[2] == "└──────────┘")
}

@Test func textIsClippedAtTheRightEdge() {
    var canvas = MemoryCanvas(width: 10, height: 2)
    canvas.put("Муниципалитет Заречный", row: 0, col: 3)
    #expect(canvas.lines == ["   Муницип", ""])
}

@Test func textBelowOrLeftOfTheCanvasIsClipped() {
    var canvas = MemoryCanvas(width: 6, height: 1)
    canvas.put("Лишнее", row: 1, col: 0)
    canvas.put("Лишнее", row: -1, col: 0)
    canvas.put("Привет", row: 0, col: -3)
    #expect(canvas.lines == ["вет"])
}

@Test func wideCharacterAtTheLastColumnDoesNotOverflow() {
    var canvas = MemoryCanvas(width: 5, height: 1)
    canvas.put("ab漢", row: 0, col: 2)
    #expect(canvas.lines == ["  ab"])
    canvas.put("漢字", row: 0, col: 2)
    #expect(canvas.lines == ["  漢"])
    #expect(canvas.textAt(row: 0, col: 3) == "")
    #expect(canvas.textAt(row: 0, col: 4) == " ")
    canvas.put("漢", row: 0, col: -1)       // straddles the left edge
    #expect(canvas.textAt(row: 0, col: 0) == " ")
}

@Test func overwritingHalfAWideCharacterLeavesABlank() {
    var canvas = MemoryCanvas(width: 4, height: 1)
    canvas.put("漢", row: 0, col: 0)
    canvas.put("ж", row: 0, col: 1)
    #expect(canvas.lines == [" ж"])
}

@Test func combiningMarkJoinsThePreviousCell() {
    var canvas = MemoryCanvas(width: 4, height: 1)
    canvas.put("и\u{306}й|", row: 0, col: 0)
    #expect(canvas.textAt(row: 0, col: 0) == "и\u{306}")
    #expect(canvas.textAt(row: 0, col: 1) == "й")
    #expect(canvas.textAt(row: 0, col: 2) == "|")
}

@Test func userTextIsSanitisedWhenDrawn() {
    var canvas = MemoryCanvas(width: 20, height: 1)
    canvas.put("\u{1b}[31mОшибка\u{7}!", row: 0, col: 0, style: .bad)
    #expect(canvas.lines == ["Ошибка!"])
    #expect(canvas.styleAt(row: 0, col: 0) == .bad)
}

@Test func truncatedCellFillsItsWidthInStyle() {
    var canvas = MemoryCanvas(width: 16, height: 1)
    canvas.putTruncated("Средняя школа №12 им. Пушкина", row: 0, col: 1, width: 12, style: .highlight)
    canvas.put("|", row: 0, col: 13)
    #expect(canvas.lines == [" Средняя шко…|"])
    canvas.putTruncated("Лицей", row: 0, col: 1, width: 12, style: .highlight)
    #expect(canvas.lines == [" Лицей       |"])
    #expect(canvas.styleAt(row: 0, col: 12) == .highlight)
    #expect(canvas.styleAt(row: 0, col: 0) == .normal)
}

@Test func rightAlignedNumbersLineUp() {
    var canvas = MemoryCanvas(width: 10, height: 2)
    canvas.putRightAligned("100 %", row: 0, col: 0, width: 8)
    canvas.putRightAligned("7 %", row: 1, col: 0, width: 8)
    #expect(canvas.lines == ["   100 %", "     7 %"])
}

@Test func lineAndFillUseTheirStyle() {
    var canvas = MemoryCanvas(width: 6, height: 2)
    canvas.hline(row: 0, col: 1, width: 10, style: .muted)
    canvas.fill(row: 1, col: 0, width: 3, style: .highlight)
    #expect(canvas.lines == [" ─────", ""])
    #expect(canvas.styleAt(row: 0, col: 5) == .muted)
    #expect(canvas.styleAt(row: 1, col: 2) == .highlight)
    #expect(canvas.styleAt(row: 1, col: 3) == .normal)
}

@Test func cursorIsShownOnlyInsideTheCanvas() {
    var canvas = MemoryCanvas(width: 10, height: 2)
    canvas.cursor(row: 1, col: 4, visible: true)
    #expect(canvas.cursorPosition == CursorPosition(row: 1, col: 4))
    canvas.cursor(row: 1, col: 4, visible: false)
    #expect(canvas.cursorPosition == nil)
    canvas.cursor(row: 5, col: 4, visible: true)
    #expect(canvas.cursorPosition == nil)
}

/// The three levels look different on the screen, in colour and on a monochrome terminal alike (where the
/// roles become attributes): a methodist must tell a low level from a high one without reading the word.
@Test func levelsAreDrawnDistinctlyWithAndWithoutColour() {
    let levels: [Level] = [.high, .medium, .low]
    let mono = levels.map { CursesPalette.monochrome.attributes(for: Format.style(of: $0)) }
    #expect(Set(mono.map { "\($0.0)/\($0.1)" }).count == 3, "monochrome: \(mono)")
    let colourPairs = levels.map { Format.style(of: $0).role.rawValue }
    #expect(Set(colourPairs).count == 3 && !colourPairs.contains(ColorRole.normal.rawValue))
    // Low is the loudest without colour: bold and underlined.
    let low = CursesPalette.monochrome.attributes(for: Format.style(of: .low)).0
    #expect(low & profrost_a_underline() != 0 && low & profrost_a_bold() != 0)
}

@Test func nothingIsEverDrawnPastTheEdges() {
    let samples = ["Карта №1", "漢字漢字漢字", "a\u{301}b\u{301}", "\u{1b}[31mЖ\u{7}", "ж漢ж漢ж", "", "\u{306}\u{306}x"]
    for text in samples {
        for col in -6...12 {
            var canvas = MemoryCanvas(width: 7, height: 1)
            canvas.put(text, row: 0, col: col, style: .accent)
            let line = canvas.lines[0]
            #expect(TextWidth.width(of: line) <= 7, "\(text) at \(col): «\(line)»")
        }
    }
}
