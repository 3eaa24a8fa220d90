import Foundation
import Testing
@testable import XlsxExport

/// Writes real files with libxlsxwriter and reads them back with openpyxl.
@Suite("xlsx round trip through openpyxl")
struct RoundTripTests {
    static let green = "FFC6EFCE"
    static let yellow = "FFFFEB9C"
    static let red = "FFFFC7CE"

    /// A two-sheet workbook like the one an export would produce.
    static func sampleWorkbook(path: String, protect: Bool) throws -> Workbook {
        var book = Workbook(path: path)
        book.addSheet(
            name: "Рейтинг",
            columns: [
                Column(title: "Ранг", width: 6, kind: .integer),
                Column(title: "Организация", width: 40),
                Column(title: "Баллы", width: 10, kind: .decimal(1)),
                Column(title: "%", width: 8, kind: .percent),
                Column(title: "Уровень", width: 14),
            ],
            rows: [
                [.int(1), .text("Школа № 1 «Ёлочка»"), .number(87.5), .number(0.875),
                 .styled(.text("высокий"), fill: .green)],
                [.int(2), .text("=1+1"), .number(.nan), .number(0.5),
                 .styled(.text("средний"), fill: .yellow)],
                [.int(3), .text("+7 (999) 123-45-67"), .number(.infinity), .number(0.25),
                 .styled(.text("низкий"), fill: .red)],
                [.int(4), .text("@SUM(A1:A3)"), .number(-.infinity), .text("-5"),
                 .styled(.empty, fill: .red)],
            ])
        book.addSheet(
            name: "Итоги: 2024/25?",
            columns: [Column(title: "Показатель", width: 30), Column(title: "Значение", kind: .decimal(2))],
            rows: [
                [.text("Всего"), .int(42)],
                [.text("-1"), .number(3.14159), .text("лишняя ячейка")],
            ])
        if protect { try book.protect(password: "secret") }
        return book
    }

    @Test("values, header, filter, protection, formula-safe text and fills survive a round trip")
    func fullRoundTrip() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let path = directory.appendingPathComponent("отчёт.xlsx").path
        try Self.sampleWorkbook(path: path, protect: true).save()

        let book = try readBack(path)
        #expect(book.sheets.map(\.name) == ["Рейтинг", "Итоги_ 2024_25_"])
        let rating = try #require(book.sheets.first)

        // Header: Cyrillic titles, bold, bottom border, frozen, filterable.
        #expect(rating.rows[0] == ["Ранг", "Организация", "Баллы", "%", "Уровень"].map(JSONValue.string))
        #expect(rating.types[0] == Array(repeating: "s", count: 5))
        #expect(rating.headerBold == Array(repeating: true, count: 5))
        #expect(rating.headerBottomBorder == Array(repeating: "thin", count: 5))
        #expect(rating.freezePanes == "A2")
        #expect(rating.autoFilter == "A1:E5")

        // Protected, but filtering and sorting stay allowed.
        #expect(rating.protection.sheet)
        #expect(rating.protection.hasPassword)
        #expect(!rating.protection.autoFilterLocked)
        #expect(!rating.protection.sortLocked)

        // Values, including Cyrillic text.
        #expect(rating.value(1, 0) == .number(1))
        #expect(rating.value(1, 1) == .string("Школа № 1 «Ёлочка»"))
        #expect(rating.value(1, 2) == .number(87.5))
        #expect(rating.value(1, 3) == .number(0.875))
        #expect(rating.value(1, 4) == .string("высокий"))

        // Formula-looking text is stored as plain text, never as a formula.
        for (row, text) in [(2, "=1+1"), (3, "+7 (999) 123-45-67"), (4, "@SUM(A1:A3)")] {
            #expect(rating.value(row, 1) == .string(text))
            #expect(rating.types[row][1] == "s", "row \(row) must be a string cell, not a formula")
        }
        #expect(rating.value(4, 3) == .string("-5"))
        #expect(rating.types[4][3] == "s")
        #expect(!rating.types.joined().contains("f"))

        // NaN and ±infinity are written as empty cells.
        for row in 2...4 { #expect(rating.value(row, 2) == .null, "row \(row) must be empty") }

        // Level fills in the last column only; the header has none.
        #expect(rating.fills.map { $0[4] } == [nil, Self.green, Self.yellow, Self.red, Self.red])
        for row in rating.fills { #expect(row[0..<4].allSatisfy { $0 == nil }) }

        // Number formats by column kind.
        #expect(rating.numberFormats[1][0] == "0")
        #expect(rating.numberFormats[1][2] == "0.0")
        #expect(rating.numberFormats[1][3] == "0%")

        // Column widths as requested (Excel stores a little padding).
        for (letter, width) in [("A", 6.0), ("B", 40.0), ("C", 10.0), ("D", 8.0), ("E", 14.0)] {
            let stored = try #require(rating.columnWidths[letter], "width of column \(letter)")
            #expect(abs(stored - width) < 1, "column \(letter): \(stored) vs \(width)")
        }

        let totals = book.sheets[1]
        #expect(totals.rows[0] == [.string("Показатель"), .string("Значение"), .null])
        #expect(totals.value(1, 0) == .string("Всего"))
        #expect(totals.value(1, 1) == .number(42))
        #expect(totals.value(2, 0) == .string("-1"))
        #expect(totals.types[2][0] == "s")
        #expect(totals.value(2, 1) == .number(3.14159))
        #expect(totals.value(2, 2) == .string("лишняя ячейка"))
        #expect(totals.numberFormats[1][1] == "0.00")
        #expect(totals.freezePanes == "A2")
        #expect(totals.autoFilter == "A1:C3")
        #expect(totals.protection.sheet)
    }

    @Test("an unprotected workbook has no sheet protection")
    func unprotected() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let path = directory.appendingPathComponent("open.xlsx").path
        try Self.sampleWorkbook(path: path, protect: false).save()
        let book = try readBack(path)
        #expect(book.sheets.allSatisfy { !$0.protection.sheet })
    }

    @Test("protection without a password still protects every sheet")
    func protectionWithoutPassword() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let path = directory.appendingPathComponent("nopass.xlsx").path
        var book = try Self.sampleWorkbook(path: path, protect: false)
        try book.protect(password: "")
        try book.save()
        let read = try readBack(path)
        #expect(read.sheets.allSatisfy { $0.protection.sheet && !$0.protection.hasPassword })
    }

    @Test("tricky text is stored exactly: escape-like sequences, control characters, NUL")
    func trickyText() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let path = directory.appendingPathComponent("tricky.xlsx").path
        var book = Workbook(path: path)
        let texts = ["_x0041_", "a_X00e9_b", "tab\there", "line\nbreak", "  spaced  ",
                     "emoji 🎓 and ё", "'quoted"]
        book.addSheet(name: "T", columns: [Column(title: "=HYPERLINK(\"x\")")],
                      rows: texts.map { [.text($0)] } + [[.text("nul\u{0}dropped")], [.text("bell\u{7}")]])
        try book.save()
        let sheet = try #require(try readBack(path).sheets.first)
        #expect(sheet.value(0, 0) == .string("=HYPERLINK(\"x\")"))
        #expect(sheet.types[0][0] == "s")
        for (index, text) in texts.enumerated() {
            #expect(sheet.value(index + 1, 0) == .string(text))
        }
        #expect(sheet.value(texts.count + 1, 0) == .string("nuldropped"))
        // Other control characters use the OOXML escape, which Excel decodes back to
        // U+0007; openpyxl shows the escape literally.
        #expect(sheet.value(texts.count + 2, 0) == .string("bell_x0007_"))
    }

    @Test("saving over an existing file replaces it; a failed save leaves it untouched")
    func replaceAndFailSafely() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let path = directory.appendingPathComponent("report.xlsx").path
        var first = Workbook(path: path)
        first.addSheet(name: "A", columns: [Column(title: "v")], rows: [[.text("old")]])
        try first.save()
        var second = Workbook(path: path)
        second.addSheet(name: "A", columns: [Column(title: "v")], rows: [[.text("new")]])
        try second.save()
        #expect(try readBack(path).sheets[0].value(1, 0) == .string("new"))

        var failing = Workbook(path: path)
        failing.addSheet(name: "A", columns: [Column(title: "v")],
                         rows: [[.text(String(repeating: "я", count: 32_768))]])
        #expect(throws: XlsxError.textTooLong(sheet: "A", row: 2, column: 1)) { try failing.save() }
        #expect(try readBack(path).sheets[0].value(1, 0) == .string("new"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["report.xlsx"], "no temporary files may remain")
    }
}
