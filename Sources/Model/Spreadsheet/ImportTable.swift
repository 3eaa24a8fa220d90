import Foundation
import Spreadsheet

/// The rows of a file given to an import, whichever way a department saved it: the first sheet of an .xlsx
/// workbook (recognised by its bytes, not its name; read by `XlsxSheet`), else a CSV (`CSVTable`: `;` or `,`,
/// UTF-8 or Windows-1251). Each row keeps the number the user sees: the line of the CSV, the row of the sheet.
public enum ImportTable {
    /// The rows, and the name to use in messages (`orgs.xlsx, лист «Организации»` for a workbook). A workbook that
    /// cannot be read is refused naming `name`.
    public static func read(_ data: Data, name: String) throws -> (rows: [CSVTable.Record], name: String) {
        guard isWorkbook(data) else { return (try CSVTable.parse(data, name: name), name) }
        let sheet: XlsxSheet.Sheet
        do { sheet = try XlsxSheet.firstSheet(data) } catch let u as XlsxSheet.Unreadable {
            throw StoreError.rejected(path: name, line: nil, InputError(
                "not a readable .xlsx workbook: \(u.reason)",
                russian: "файл не читается как книга Excel (.xlsx): он повреждён или сохранён в другом формате"))
        }
        let rows = sheet.rows.map { CSVTable.Record(line: $0.line, fields: $0.fields) }
        return (rows, sheet.name.isEmpty ? name : "\(name), лист «\(DisplayText.sanitize(sheet.name))»")
    }

    /// Whether the bytes are an .xlsx workbook (a zip archive), whatever the file is called.
    public static func isWorkbook(_ data: Data) -> Bool { XlsxSheet.isWorkbook(data) }
}
