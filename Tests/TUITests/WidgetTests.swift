import Testing
@testable import TUI

/// The widgets on their own: text field, table, wrapping, the key line, dialogs.
@Suite struct WidgetTests {
    @Test func aFieldTakesCyrillicAndMovesItsCursorByCharacters() {
        var f = TextField()
        for c in "Приказ" { f.handle(.char(c)) }
        #expect(f.text == "Приказ" && f.cursor == 6)
        f.handle(.backspace)
        f.handle(.home)
        f.handle(.char("№"))
        f.handle(.end)
        f.handle(.char("ы"))
        #expect(f.text == "№Прикаы")
        f.handle(.left); f.handle(.left); f.handle(.delete)
        #expect(f.text == "№Прикы")
        #expect(!f.handle(.enter) && !f.handle(.tab))
        f.handle(.ctrl("u"))
        #expect(f.text == "ы" && f.cursor == 0)
    }

    /// A «й» typed as «и» and a combining breve (some keyboards and pastes send it so) is one character: the cursor
    /// stays after it and the field draws (the cursor used to run past the end and the session died on the frame).
    @Test func aCombiningMarkTypedIntoAFieldJoinsTheLetterBeforeIt() {
        var f = TextField()
        for c in ["З", "а", "и", "\u{306}", "к", "а"] as [Character] { f.handle(.char(c)) }
        #expect(f.text == "Заи\u{306}ка" && f.text.count == 5 && f.cursor == 5)
        var canvas = MemoryCanvas(width: 10, height: 1)
        f.draw(on: &canvas, row: 0, col: 0, width: 10, focused: true)
        #expect(canvas.lines == ["Заи\u{306}ка"])
        #expect(canvas.cursorPosition == CursorPosition(row: 0, col: 5))
        f.handle(.backspace)
        #expect(f.text == "Заи\u{306}к")
    }

    @Test func aLongFieldScrollsToKeepTheCursorVisible() {
        var canvas = MemoryCanvas(width: 12, height: 1)
        let f = TextField("Распорядительный акт")
        f.draw(on: &canvas, row: 0, col: 0, width: 10, focused: true)
        #expect(canvas.lines[0] == "льный акт")  // the last cell is for the cursor
        #expect(canvas.cursorPosition == CursorPosition(row: 0, col: 9))
        #expect(canvas.styleAt(row: 0, col: 0)?.underline == true)
    }

    @Test func aTableDrawsOnlyTheRowsThatFitAndScrollsToTheSelection() {
        let rows = (1...50).map { TableRow(id: "\($0)", cells: [TableCell("\($0)"), TableCell("Организация № \($0)")]) }
        let cols = [TableColumn("№", width: 3, alignRight: true), TableColumn("Название", width: 10, flex: 1)]
        var state = TableState()
        for _ in 0..<12 { _ = state.handle(.down, rows: rows.count, visible: 5) }
        #expect(state.selected == 12 && state.offset == 8)
        var canvas = MemoryCanvas(width: 30, height: 7)
        Table.draw(rows, columns: cols, state: state, on: &canvas, in: Rect(row: 0, col: 0, width: 30, height: 7))
        #expect(canvas.lines == ["  № Название", "  9 Организация № 9", " 10 Организация № 10", " 11 Организация № 11",
                                 " 12 Организация № 12", " 13 Организация № 13", "/ — фильтр            13 из 50"])
        #expect(canvas.styleAt(row: 5, col: 5) == .highlight)
        #expect(state.handle(.enter, rows: rows.count, visible: 5) == .activate(12))
    }

    @Test func aCodeColumnWidensToTheLongestCodeInsteadOfCuttingIt() {
        // A region of 3,000 has four-digit codes; a cut «sch-12…» would name no school at all.
        let rows = [TableRow(id: "sch-007", cells: [TableCell("sch-007"), TableCell("Школа № 7")]),
                    TableRow(id: "sch-1204", cells: [TableCell("sch-1204"), TableCell("Школа № 1204")])]
        let cols = [TableColumn.code, TableColumn("Организация", width: 10, flex: 1)]
        var canvas = MemoryCanvas(width: 24, height: 4)
        Table.draw(rows, columns: cols, state: TableState(), on: &canvas, in: Rect(row: 0, col: 0, width: 24, height: 4))
        #expect(canvas.lines[0] == "Код      Организация")
        #expect(canvas.lines[1] == "sch-007  Школа № 7")
        #expect(canvas.lines[2] == "sch-1204 Школа № 1204")
    }

    @Test func slashFiltersRowsByEveryWordIgnoringCaseAndЁ() {
        let rows = [TableRow(id: "a", cells: [TableCell("Берёзка"), TableCell("высокая")]),
                    TableRow(id: "b", cells: [TableCell("Ромашка"), TableCell("низкая")])]
        #expect(Table.filtered(rows, by: "БЕРЕЗ").map(\.id) == ["a"])
        #expect(Table.filtered(rows, by: "ромашка низк").map(\.id) == ["b"])
        #expect(Table.filtered(rows, by: "ромашка высок").isEmpty)
        var state = TableState()
        _ = state.handle(.char("/"), rows: 2, visible: 5)
        #expect(state.isTypingFilter)
        for c in "рома" { _ = state.handle(.char(c), rows: 2, visible: 5) }
        #expect(state.filter == "рома")
        _ = state.handle(.escape, rows: 2, visible: 5)
        #expect(state.filter.isEmpty && !state.isTypingFilter)
    }

    @Test func wrappingBreaksAtSpacesAndMarksWhatWasLeftOut() {
        #expect(TextWrap.lines("Доля педагогических работников прошедших диагностику", width: 20)
                == ["Доля педагогических", "работников прошедших", "диагностику"])
        #expect(TextWrap.lines("Доля педагогических работников прошедших диагностику", width: 20, maxLines: 2)
                == ["Доля педагогических", "работников прошедши…"])
        #expect(TextWrap.lines("Сверхдлинноесловобезпробелов", width: 10) == ["Сверхдлинн", "оесловобез", "пробелов"])
    }

    @Test func theKeyLineAlwaysKeepsTheWayOut() {
        var canvas = MemoryCanvas(width: 40, height: 1)
        let hints = [KeyHint("F1", "Помощь"), KeyHint("Enter", "Отметить"), KeyHint("F5", "Принять"),
                     KeyHint("F8", "Вернуть"), KeyHint("F10", "Выход")]
        StatusLine.draw(hints, on: &canvas, row: 0, width: 40)
        #expect(canvas.lines[0] == "F1 Помощь  Enter Отметить  F10 Выход")
        #expect(canvas.styleAt(row: 0, col: 3) == .highlight)
    }

    @Test func aConfirmDialogTakesBothLayouts() {
        var d = Dialog(title: "Выход", lines: ["Выйти? (y/n)"], action: .quit)
        #expect(d.handle(.char("x")) == .pending)
        #expect(d.handle(.char("д")) == .yes(text: nil))
        #expect(d.handle(.char("Д")) == .yes(text: nil))
        #expect(d.handle(.char("н")) == .no)
        #expect(d.handle(.escape) == .no)
        var input = Dialog(title: "Вернуть", lines: ["Комментарий"], kind: .input(TextField("")), action: .quit)
        for c in "Нет приказа" { _ = input.handle(.char(c)) }
        #expect(input.handle(.enter) == .yes(text: "Нет приказа"))
    }
}
