import CXlsxWriter

/// Sheet protection settings applied to every sheet.
struct Protection: Sendable, Equatable {
    var password: String?
}

/// The only code that talks to libxlsxwriter (through `XlsxLibrary`, loaded on first use). Every C string is passed inside
/// `withCString`, so it lives for the whole call; libxlsxwriter copies what it keeps.
enum XlsxWriter {
    /// Writes `sheets` to the file `temporaryPath`; errors name `reportedPath`.
    /// `progress` hears of the rows written so far (of all sheets) and, with every row written, once more before the
    /// file is compressed and written, which is the longest part of a large workbook.
    static func write(sheets: [Sheet], protection: Protection?, to temporaryPath: String,
                      reportedPath: String, progress: ((_ rows: Int, _ of: Int) -> Void)? = nil) throws(XlsxError) {
        let lib = try XlsxLibrary.loaded()
        guard let workbook = temporaryPath.withCString({ lib.workbookNew($0) }) else {
            throw .library(operation: "creating the workbook", code: Int(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue),
                           message: "out of memory")
        }
        do {
            var formats = FormatCache(lib: lib, workbook: workbook)
            let total = sheets.reduce(0) { $0 + $1.rows.count }
            var done = 0
            progress?(0, total)
            for sheet in sheets {
                try writeSheet(sheet, into: workbook, lib: lib, formats: &formats, protection: protection) { written in
                    progress?(done + written, total)
                }
                done += sheet.rows.count
            }
            progress?(total, total)
        } catch {
            lib.workbookFree(workbook)
            throw error
        }
        // workbook_close frees the workbook whether or not it succeeds.
        let status = lib.workbookClose(workbook)
        guard status == LXW_NO_ERROR else {
            switch status {
            case LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_FILE_ADD,
                 LXW_ERROR_ZIP_CLOSE, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE:
                throw .cannotCreateFile(path: reportedPath, reason: XlsxError.describe(status))
            default:
                throw XlsxError.from(status, operation: "saving \"\(reportedPath)\"")
                    ?? .cannotCreateFile(path: reportedPath, reason: "unknown error")
            }
        }
    }

    private static func writeSheet(_ sheet: Sheet, into workbook: UnsafeMutablePointer<lxw_workbook>, lib: XlsxLibrary,
                                   formats: inout FormatCache, protection: Protection?,
                                   rowsWritten: (Int) -> Void) throws(XlsxError) {
        let validation = sheet.name.withCString { lib.validateSheetName(workbook, $0) }
        if let error = XlsxError.from(validation, operation: "naming sheet \"\(sheet.name)\"") { throw error }
        guard let worksheet = sheet.name.withCString({ lib.addWorksheet(workbook, $0) }) else {
            throw .library(operation: "adding sheet \"\(sheet.name)\"",
                           code: Int(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), message: "the sheet could not be created")
        }
        let columnCount = sheet.columnCount

        for (index, column) in sheet.columns.enumerated() {
            let col = lxw_col_t(index)
            let status = lib.setColumn(worksheet, col, col, column.effectiveWidth, nil)
            try check(status, "setting the width of column \(index + 1) in sheet \"\(sheet.name)\"")
        }

        let header = try formats.format(FormatKey(numberFormat: nil, fill: nil, isHeader: true))
        for (index, column) in sheet.columns.enumerated() {
            try writeCell(.text(column.title), row: 0, column: index, format: header, sheet: sheet.name,
                          worksheet: worksheet, lib: lib)
        }

        for (rowIndex, row) in sheet.rows.enumerated() {
            if rowIndex % 500 == 499 { rowsWritten(rowIndex + 1) }
            for (columnIndex, cell) in row.enumerated() {
                let kind = columnIndex < sheet.columns.count ? sheet.columns[columnIndex].kind : .text
                let key = FormatKey(numberFormat: kind.numberFormat, fill: cell.fill, isHeader: false)
                let format = key.isPlain ? nil : try formats.format(key)
                try writeCell(cell.unstyled, row: rowIndex + 1, column: columnIndex, format: format,
                              sheet: sheet.name, worksheet: worksheet, lib: lib)
            }
        }

        if columnCount > 0 {
            lib.freezePanes(worksheet, 1, 0)
            let status = lib.autofilter(worksheet, 0, 0, lxw_row_t(sheet.rows.count),
                                              lxw_col_t(columnCount - 1))
            try check(status, "adding the filter to sheet \"\(sheet.name)\"")
        }

        if let protection {
            var options = lxw_protection()
            options.autofilter = 1  // 1 = allow using the filter despite protection
            options.sort = 1        // 1 = allow sorting despite protection
            if let password = protection.password {
                password.withCString { lib.protect(worksheet, $0, &options) }
            } else {
                lib.protect(worksheet, nil, &options)
            }
        }
    }

    /// Writes one value; `row` and `column` are zero-based and already range-checked by `save()`.
    private static func writeCell(_ cell: Cell, row: Int, column: Int, format: UnsafeMutablePointer<lxw_format>?,
                                  sheet: String, worksheet: UnsafeMutablePointer<lxw_worksheet>,
                                  lib: XlsxLibrary) throws(XlsxError) {
        let r = lxw_row_t(row)
        let c = lxw_col_t(column)
        let status: lxw_error
        switch cell {
        case let .text(text):
            // worksheet_write_string never creates a formula, whatever the text starts with.
            status = TextRules.cellText(text).withCString { lib.writeString(worksheet, r, c, $0, format) }
        case let .int(value):
            status = lib.writeNumber(worksheet, r, c, Double(value), format)
        case let .number(value) where value.isFinite:
            status = lib.writeNumber(worksheet, r, c, value, format)
        case .number, .empty, .styled:
            // Non-finite numbers are never written; a formatted blank keeps the fill visible.
            status = format == nil ? LXW_NO_ERROR : lib.writeBlank(worksheet, r, c, format)
        }
        if status == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED {
            throw .textTooLong(sheet: sheet, row: row + 1, column: column + 1)
        }
        try check(status, "writing row \(row + 1), column \(column + 1) of sheet \"\(sheet)\"")
    }

    private static func check(_ status: lxw_error, _ operation: String) throws(XlsxError) {
        if let error = XlsxError.from(status, operation: operation) { throw error }
    }
}

/// What distinguishes one cell format from another.
struct FormatKey: Hashable {
    var numberFormat: String?
    var fill: FillColor?
    var isHeader: Bool

    /// True when the cell needs no format at all.
    var isPlain: Bool { numberFormat == nil && fill == nil && !isHeader }
}

/// Creates each distinct format once; formats are owned and freed by the workbook.
struct FormatCache {
    let lib: XlsxLibrary
    let workbook: UnsafeMutablePointer<lxw_workbook>
    private var formats: [FormatKey: UnsafeMutablePointer<lxw_format>] = [:]

    init(lib: XlsxLibrary, workbook: UnsafeMutablePointer<lxw_workbook>) {
        self.lib = lib
        self.workbook = workbook
    }

    mutating func format(_ key: FormatKey) throws(XlsxError) -> UnsafeMutablePointer<lxw_format> {
        if let existing = formats[key] { return existing }
        guard let format = lib.addFormat(workbook) else {
            throw .library(operation: "creating a cell format", code: Int(LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue),
                           message: "out of memory")
        }
        if key.isHeader {
            lib.setBold(format)
            lib.setBottom(format, UInt8(LXW_BORDER_THIN.rawValue))
            lib.setTextWrap(format)
            lib.setAlign(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        }
        if let numberFormat = key.numberFormat {
            numberFormat.withCString { lib.setNumFormat(format, $0) }
        }
        if let fill = key.fill {
            lib.setPattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            lib.setBgColor(format, lxw_color_t(fill.rgb))
        }
        formats[key] = format
        return format
    }
}
