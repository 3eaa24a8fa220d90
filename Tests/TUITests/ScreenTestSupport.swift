import Foundation
import Testing
import Model
@testable import TUI

// Every screen at 80×24 and 120×40 on the demo of 10.09.2026 is checked row by row for the title line,
// the header, the first rows, the panel where there is one, and the key line, Cyrillic included; every
// row of every screen for fitting the width with no replacement or control characters.

func keys(_ text: String) -> [Key] { text.map { Key.char($0) } }

func screen(_ person: String?, _ keys: [Key], cols: Int, rows: Int) throws -> TUIDriver {
    let d = try TUIDriver.demo(as: person, cols: cols, rows: rows)
    for k in keys { d.press(k) }
    return d
}

func expectRows(_ d: TUIDriver, _ expected: [Int: String], sourceLocation: SourceLocation = #_sourceLocation) {
    let lines = d.lines
    #expect(lines.count == d.state.size.rows, sourceLocation: sourceLocation)
    for (i, line) in expected.sorted(by: { $0.key < $1.key }) {
        #expect(lines[i] == line, "row \(i)", sourceLocation: sourceLocation)
    }
    #expect(isClean(d.canvas), sourceLocation: sourceLocation)
}
