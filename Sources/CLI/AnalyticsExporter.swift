import Foundation
import Model
import TUI
import XlsxExport

/// The results workbook (`AnalyticsWorkbook`) written with libxlsxwriter: what `profrost export` writes, and what
/// the terminal UI's export writes through the `WorkbookExporter` that `profrost ui` gives it.
struct AnalyticsExporter: WorkbookExporter {
    func write(_ report: AnalyticsReport, to path: String, password: String?,
               progress: @escaping ProgressReport) throws -> [String] {
        var book = AnalyticsWorkbook.build(report, path: path)
        let written = ExportCommand.write(&book, password: password) { rows, total in
            progress(rows < total ? WorkProgress("Запись строк в листы", done: rows, of: total) : WorkProgress("Сжатие и запись файла"))
        }
        if let e = written {
            if case .invalidPassword = e { throw ExportError(english: e.message, russian: e.russian, isBadInput: true) }
            throw ExportError(english: e.message, russian: e.russian)
        }
        return book.sheets.map(\.name)
    }
}
