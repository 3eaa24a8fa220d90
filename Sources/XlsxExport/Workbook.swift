import Foundation

/// One sheet: a bold, frozen, filterable header row built from `columns`, then `rows`.
public struct Sheet: Sendable, Equatable {
    /// The sheet name as it appears in the file (sanitised and unique in its workbook).
    public let name: String
    /// The columns; their titles form the header row.
    public var columns: [Column]
    /// Data rows below the header; a row may be shorter than `columns` (the rest stays empty).
    public var rows: [[Cell]]

    /// The number of columns that hold a title or a value.
    var columnCount: Int { max(columns.count, rows.map(\.count).max() ?? 0) }
}

/// An `.xlsx` workbook assembled in memory and written in one step by `save()`.
///
/// ```swift
/// var book = Workbook(path: "/tmp/report.xlsx")
/// book.addSheet(name: "Results", columns: [Column(title: "Name", width: 30)],
///               rows: [[.text("=not a formula")]])
/// try book.protect(password: nil)
/// try book.save()
/// ```
public struct Workbook: Sendable {
    /// Excel's maximum number of rows per sheet (including the header row).
    public static let maxRows = 1_048_576
    /// Excel's maximum number of columns per sheet.
    public static let maxColumns = 16_384
    /// The longest sheet-protection password accepted.
    public static let maxPasswordLength = 255

    /// Where `save()` writes the file (replaced atomically if it exists).
    public let path: String
    /// The sheets in the order they were added.
    public private(set) var sheets: [Sheet] = []
    /// Whether `protect(password:)` was called.
    public private(set) var isProtected = false
    private var password: String?

    /// Starts an empty workbook that will be written to `path`. Nothing touches the disk yet.
    public init(path: String) {
        self.path = path
    }

    /// Adds a sheet and returns its final name: forbidden characters `[]:*?/\` become `_`,
    /// the name is cut to 31 characters and made unique (`Name (2)`, …) if needed.
    @discardableResult
    public mutating func addSheet(name: String, columns: [Column] = [], rows: [[Cell]] = []) -> String {
        let unique = TextRules.uniqueSheetName(TextRules.sanitizeSheetName(name),
                                               taken: sheets.map(\.name))
        sheets.append(Sheet(name: unique, columns: columns, rows: rows))
        return unique
    }

    /// Protects every sheet against editing, leaving filtering and sorting allowed.
    ///
    /// `nil` or `""` protects without a password. Otherwise the password must be 1–255
    /// printable ASCII characters (Excel's legacy sheet password; it is a deterrent, not encryption).
    public mutating func protect(password: String?) throws(XlsxError) {
        if let password, !password.isEmpty {
            guard password.unicodeScalars.count <= Workbook.maxPasswordLength else {
                throw .invalidPassword(reason: "it is longer than \(Workbook.maxPasswordLength) characters")
            }
            guard password.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
                throw .invalidPassword(reason: "only Latin letters, digits, spaces and ASCII punctuation are allowed")
            }
            self.password = password
        } else {
            self.password = nil
        }
        isProtected = true
    }

    /// Writes the workbook to `path`, replacing any existing file only once writing succeeded. `progress` hears of
    /// the rows written so far, of all the sheets' rows; all of them written, the file is compressed and renamed.
    public func save(progress: ((_ rows: Int, _ of: Int) -> Void)? = nil) throws(XlsxError) {
        guard !sheets.isEmpty else { throw .noSheets }
        for sheet in sheets {
            if sheet.rows.count + 1 > Workbook.maxRows {
                throw .sheetTooLarge(sheet: sheet.name,
                                     reason: "\(sheet.rows.count) data rows; at most \(Workbook.maxRows - 1) fit")
            }
            if sheet.columnCount > Workbook.maxColumns {
                throw .sheetTooLarge(sheet: sheet.name,
                                     reason: "\(sheet.columnCount) columns; at most \(Workbook.maxColumns) fit")
            }
        }
        let directory = try Self.checkedDirectory(for: path)
        let temporary = directory + "/.xlsxexport-\(UInt64.random(in: 0...UInt64.max)).tmp"
        do {
            try XlsxWriter.write(sheets: sheets, protection: isProtected ? Protection(password: password) : nil,
                                 to: temporary, reportedPath: path, progress: progress)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotCreateFile(path: path, reason: reason)
        }
    }

    /// Validates `path` and returns the directory that will contain it.
    static func checkedDirectory(for path: String) throws(XlsxError) -> String {
        guard !path.isEmpty else { throw .invalidPath(path: path, reason: "no file name was given") }
        guard !path.utf8.contains(0) else {
            throw .invalidPath(path: path, reason: "the path contains a NUL character")
        }
        guard !path.hasSuffix("/") else {
            throw .invalidPath(path: path, reason: "the path names a directory, not a file")
        }
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .invalidPath(path: path, reason: "a directory with this name already exists")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw .directoryNotFound(directory: directory, path: path)
        }
        guard isDirectory.boolValue else {
            throw .invalidPath(path: path, reason: "\"\(directory)\" is a file, not a directory")
        }
        guard files.isWritableFile(atPath: directory) else {
            throw .cannotCreateFile(path: path, reason: "the directory \"\(directory)\" is not writable")
        }
        return directory
    }
}
