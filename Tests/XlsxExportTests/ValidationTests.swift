import Foundation
import Testing
@testable import XlsxExport

/// Checks that need no file reader: names, paths, passwords and error messages.
@Suite("xlsx validation")
struct ValidationTests {
    @Test("sheet names lose forbidden characters, are cut to 31 and made unique")
    func sheetNames() {
        var book = Workbook(path: "/tmp/unused.xlsx")
        #expect(book.addSheet(name: "a[b]c:d*e?f/g\\h") == "a_b_c_d_e_f_g_h")
        let long = String(repeating: "Ж", count: 40)
        #expect(book.addSheet(name: long) == String(repeating: "Ж", count: 31))
        #expect(book.addSheet(name: long) == String(repeating: "Ж", count: 27) + " (2)")
        #expect(book.addSheet(name: "Итоги") == "Итоги")
        #expect(book.addSheet(name: "ИТОГИ") == "ИТОГИ (2)")
        #expect(book.addSheet(name: "итоги") == "итоги (3)")
        #expect(book.addSheet(name: "  'quoted'  ") == "quoted")
        #expect(book.addSheet(name: "") == "Sheet")
        #expect(book.addSheet(name: "'''") == "Sheet (2)")
        #expect(book.addSheet(name: "history") == "history (2)")
        #expect(book.addSheet(name: "tab\there\u{0}") == "tab_here")
        let names = book.sheets.map(\.name)
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
        #expect(names.allSatisfy { $0.utf16.count <= 31 })
    }

    @Test("a missing directory gives a clear XlsxError, not a crash")
    func missingDirectory() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let missing = directory.appendingPathComponent("no-such-dir").path
        let path = missing + "/report.xlsx"
        var book = Workbook(path: path)
        book.addSheet(name: "S", columns: [Column(title: "x")], rows: [[.int(1)]])
        let error = #expect(throws: XlsxError.self) { try book.save() }
        #expect(error == .directoryNotFound(directory: missing, path: path))
        #expect(error?.message.contains("does not exist") == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("paths that cannot be files are rejected with XlsxError")
    func badPaths() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let regularFile = directory.appendingPathComponent("plain.txt").path
        #expect(FileManager.default.createFile(atPath: regularFile, contents: Data("x".utf8)))
        for path in ["", directory.path, directory.path + "/", regularFile + "/inside.xlsx"] {
            var book = Workbook(path: path)
            book.addSheet(name: "S")
            #expect(throws: XlsxError.self, "path \(path)") { try book.save() }
        }
    }

    /// A directory nobody may create files in, root included (CI runs as root, where chmod 0500 stops nobody):
    /// /proc refuses new files to everyone. The error names the path and nothing is left behind.
    @Test("a directory where files cannot be created gives XlsxError, as root too")
    func readOnlyDirectory() throws {
        let path = "/proc/profrost-\(getpid()).xlsx"
        var book = Workbook(path: path)
        book.addSheet(name: "S")
        let error = #expect(throws: XlsxError.self) { try book.save() }
        #expect(error?.message.contains(path) == true, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a workbook without sheets is an error")
    func noSheets() {
        #expect(throws: XlsxError.noSheets) { try Workbook(path: "/tmp/none.xlsx").save() }
    }

    @Test("passwords must be printable ASCII of at most 255 characters")
    func passwords() throws {
        var book = Workbook(path: "/tmp/unused.xlsx")
        try book.protect(password: "Pa55 word!")
        #expect(book.isProtected)
        #expect(throws: XlsxError.self) { try book.protect(password: "пароль") }
        #expect(throws: XlsxError.self) { try book.protect(password: String(repeating: "a", count: 256)) }
        try book.protect(password: nil)
        #expect(book.isProtected)
    }

    @Test("too many columns is reported before anything is written")
    func tooManyColumns() throws {
        let directory = try makeTemporaryDirectory()
        defer { removeDirectory(directory) }
        let path = directory.appendingPathComponent("wide.xlsx").path
        var book = Workbook(path: path)
        book.addSheet(name: "Wide", rows: [Array(repeating: Cell.int(1), count: Workbook.maxColumns + 1)])
        let error = #expect(throws: XlsxError.self) { try book.save() }
        if case .sheetTooLarge(let sheet, _) = error {
            #expect(sheet == "Wide")
        } else {
            Issue.record("expected sheetTooLarge, got \(String(describing: error))")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("column kinds map to Excel number formats")
    func numberFormats() {
        #expect(ColumnKind.text.numberFormat == nil)
        #expect(ColumnKind.integer.numberFormat == "0")
        #expect(ColumnKind.decimal(0).numberFormat == "0")
        #expect(ColumnKind.decimal(2).numberFormat == "0.00")
        #expect(ColumnKind.decimal(-3).numberFormat == "0")
        #expect(ColumnKind.percent.numberFormat == "0%")
        #expect(ColumnKind.percentage(places: 1).numberFormat == "0.0%")
        #expect(Column(title: "x", width: .nan).effectiveWidth == Column.defaultWidth)
        #expect(Column(title: "x", width: 1000).effectiveWidth == 255)
    }

    @Test("every error has an English sentence")
    func messages() {
        let errors: [XlsxError] = [
            .invalidPath(path: "p", reason: "r"), .directoryNotFound(directory: "/d", path: "/d/f.xlsx"),
            .cannotCreateFile(path: "p", reason: "r"), .invalidPassword(reason: "r"),
            .sheetTooLarge(sheet: "s", reason: "r"), .textTooLong(sheet: "s", row: 1, column: 1), .noSheets,
            .library(operation: "op", code: 2, message: "m"),
        ]
        // Each message names what went wrong where: the path, the sheet and cell, the operation and code.
        let details: [[String]] = [["\"p\"", "r"], ["\"/d/f.xlsx\"", "\"/d\"", "does not exist"], ["\"p\"", "r"], ["password", "r"],
                                   ["\"s\"", "r"], ["\"s\"", "row 1", "column 1"], ["no sheets"], ["op", "m", "error 2"]]
        for (error, words) in zip(errors, details) {
            for w in words { #expect(error.message.contains(w), "\(error): \(error.message)") }
            #expect(error.message.hasSuffix("."))
        }
        #expect(Set(errors.map(\.message)).count == errors.count)
    }
}
