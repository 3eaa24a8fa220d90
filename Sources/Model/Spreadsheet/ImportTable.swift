import Foundation

/// The rows of a file given to an import, whichever way a department saved it: the first sheet of an .xlsx
/// workbook (recognised by its bytes, not its name), else a CSV (`CSVTable`: `;` or `,`, UTF-8 or Windows-1251).
/// Each row keeps the number the user sees: the line of the CSV, the row of the sheet.
public enum ImportTable {
    /// The rows, and the name to use in messages (`orgs.xlsx, лист «Организации»` for a workbook).
    public static func read(_ data: Data, name: String) throws -> (rows: [CSVTable.Record], name: String) {
        guard XlsxSheet.isWorkbook(data) else { return (try CSVTable.parse(data, name: name), name) }
        let sheet = try XlsxSheet.firstSheet(data, name: name)
        return (sheet.rows, sheet.name.isEmpty ? name : "\(name), лист «\(DisplayText.sanitize(sheet.name))»")
    }
}
