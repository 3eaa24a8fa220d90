import Testing
import CNcurses
@testable import TUI
import Model

// What the terminal is sent between two frames (`CellGrid.changes`): only the rows that changed, whole characters
// only, and everything after a resize. The terminal applies exactly these spans (`CursesTerminal.draw`), so a span
// that missed a changed cell would leave a stale cell on the user's screen.

private func frame(_ width: Int = 20, _ height: Int = 4, _ draw: (inout CellGrid) -> Void) -> CellGrid {
    var g = CellGrid(width: width, height: height)
    draw(&g)
    return g
}

/// `old` with each span copied over from `new`: what the screen shows after the terminal applied the changes.
private func applied(_ changes: [(row: Int, columns: Range<Int>)], from new: CellGrid, to old: CellGrid) -> [[String]] {
    var rows = (0..<old.height).map { r in (0..<old.width).map { old.text(row: r, col: $0) } }
    for c in changes { for x in c.columns { rows[c.row][x] = new.text(row: c.row, col: x) } }
    return rows
}

private func cells(_ g: CellGrid) -> [[String]] { (0..<g.height).map { r in (0..<g.width).map { g.text(row: r, col: $0) } } }

@Test func aFrameWhereOneRowChangesSendsThatRowOnly() {
    let draw = { (g: inout CellGrid, doc: String) in
        g.put("Карта организации", row: 0, col: 0, style: .title)
        g.put("Документ: \(doc)", row: 2, col: 0, style: .normal)
        g.put("Итого: 3 из 39", row: 3, col: 0, style: .normal)
    }
    let before = frame { draw(&$0, "Прика") }
    let after = frame { draw(&$0, "Приказ") }
    let changes = after.changes(from: before)
    #expect(changes.map(\.row) == [2])
    #expect(changes.first?.columns == 15..<16, "only the letter typed: \(changes)")
    #expect(after.changes(from: after).isEmpty, "an equal frame sends nothing")
}

@Test func aStyleChangeAloneIsSent() {
    let before = frame { $0.put("строка", row: 1, col: 2, style: .normal) }
    let after = frame { $0.put("строка", row: 1, col: 2, style: .highlight) }
    let changes = after.changes(from: before)
    #expect(changes.map(\.row) == [1])
    #expect(changes.first?.columns == 2..<8)
}

@Test func aResizeOrTheFirstFrameSendsEveryRowWhole() {
    let small = frame(20, 4) { $0.put("Окно", row: 0, col: 0, style: .normal) }
    let large = frame(30, 5) { $0.put("Окно", row: 0, col: 0, style: .normal) }
    #expect(large.changes(from: small).map(\.row) == [0, 1, 2, 3, 4])
    #expect(large.changes(from: small).allSatisfy { $0.columns == 0..<30 })
    #expect(small.changes(from: nil).count == 4)
}

@Test func spansNeverCutAWideCharacterOldOrNew() {
    // A wide character replaced by two narrow ones, and one shifted by a column: the span covers both halves.
    let before = frame { $0.put("ab漢字cd", row: 0, col: 0, style: .normal) }
    let after = frame { $0.put("ab漢жжcd", row: 0, col: 0, style: .normal) }
    let span = after.changes(from: before).first?.columns
    #expect(span == 4..<6)
    let shifted = frame { $0.put("abж漢字d", row: 0, col: 0, style: .normal) }
    let s2 = shifted.changes(from: before).first?.columns
    #expect(s2 == 2..<7, "from the old wide character's left half to the new one's right half: \(String(describing: s2))")
    #expect(applied(shifted.changes(from: before), from: shifted, to: before) == cells(shifted))
}

@Test func combiningMarksAreComparedByWhatTheyAre() {
    let before = frame { $0.put("и\u{306} x", row: 0, col: 0, style: .normal) }
    let same = frame { $0.put("и\u{306} x", row: 0, col: 0, style: .normal) }
    let other = frame { $0.put("и\u{308} x", row: 0, col: 0, style: .normal) }
    #expect(same.changes(from: before).isEmpty)
    #expect(other.changes(from: before).first?.columns == 0..<1)
    #expect(other.text(row: 0, col: 0) == "и\u{308}")
}

/// Random frames of Cyrillic, wide and combining text at random places: the changes sent always turn the old screen
/// into the new one, and start and end on whole characters of both.
@Test func changesAlwaysTurnTheOldScreenIntoTheNew() {
    var rng = SplitMix(seed: 14)
    let words = ["Приказ", "漢字", "и\u{306}", "ab", "№5", "«Теремок»", "—", "e\u{301}\u{302}", "字", " "]
    let styles: [CellStyle] = [.normal, .highlight, .bad, CellStyle.title.emphasized]
    func random() -> CellGrid {
        frame(12, 3) { g in
            for _ in 0..<Int(rng.next() % 8) {
                let text = (0..<Int(rng.next() % 4)).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined()
                g.put(text, row: Int(rng.next() % 3), col: Int(rng.next() % 14) - 2, style: styles[Int(rng.next() % 4)])
            }
        }
    }
    for _ in 0..<2000 {
        let old = random(), new = random()
        let changes = new.changes(from: old)
        #expect(applied(changes, from: new, to: old) == cells(new))
        for c in changes {
            #expect(!new[c.row, c.columns.lowerBound].isContinuation && !old[c.row, c.columns.lowerBound].isContinuation)
            if c.columns.upperBound < new.width {
                #expect(!new[c.row, c.columns.upperBound].isContinuation && !old[c.row, c.columns.upperBound].isContinuation)
            }
        }
    }
}

/// The widths answered without asking the C library are the C library's: otherwise ncurses (which asks it) would
/// place a character one column off from where the canvas put it, and the rest of the row with it.
@Test func knownWidthsAreTheCLibrarysWidths() throws {
    let loc = try #require(profrost_new_utf8_ctype_locale())
    var checked = 0
    for v in UInt32(0xA0)...0x25FF {
        guard let known = TextWidth.knownWidth(v), let wc = wchar_t(exactly: v) else { continue }
        let libc = Int(profrost_wcwidth_in(loc, wc))
        #expect(known == libc, "U+\(String(v, radix: 16, uppercase: true)): \(known) here, \(libc) in the C library")
        checked += 1
    }
    #expect(checked > 1500, "Cyrillic, Latin, punctuation and box drawing are answered from the ranges")
    #expect(TextWidth.knownWidth(0x25FD) == nil && TextWidth.width(of: Unicode.Scalar(0x25FD)!) == 2)
}

@Test func everyStyleSurvivesPacking() {
    for role in ColorRole.allCases {
        for bits in 0..<16 {
            let s = CellStyle(role, bold: bits & 1 != 0, reverse: bits & 2 != 0, underline: bits & 4 != 0, dim: bits & 8 != 0)
            #expect(CellStyle(packed: s.packed) == s)
        }
    }
}

/// A small deterministic generator (the same frames on every run).
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
