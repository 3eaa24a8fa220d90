import CXlsxWriter

/// An error raised while building or writing an `.xlsx` file, with a readable English message.
public enum XlsxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output path is empty or names a directory rather than a file.
    case invalidPath(path: String, reason: String)
    /// The directory that should contain the output file does not exist.
    case directoryNotFound(directory: String, path: String)
    /// The file could not be created or replaced (permissions, full disk, …).
    case cannotCreateFile(path: String, reason: String)
    /// The password cannot be used for sheet protection.
    case invalidPassword(reason: String)
    /// A sheet has more rows or columns than Excel allows.
    case sheetTooLarge(sheet: String, reason: String)
    /// A text cell is longer than Excel allows (32,767 characters).
    case textTooLong(sheet: String, row: Int, column: Int)
    /// The workbook has no sheets, so there is nothing to write.
    case noSheets
    /// libxlsxwriter could not be loaded (not installed, or too old).
    case libraryMissing(reason: String)
    /// Any other libxlsxwriter failure, with the operation that failed.
    case library(operation: String, code: Int, message: String)

    /// A sentence suitable for showing to a user.
    public var message: String {
        switch self {
        case let .invalidPath(path, reason):
            return "Cannot write the spreadsheet to \"\(path)\": \(reason)."
        case let .directoryNotFound(directory, path):
            return "Cannot create \"\(path)\": the directory \"\(directory)\" does not exist."
        case let .cannotCreateFile(path, reason):
            return "Cannot create \"\(path)\": \(reason)."
        case let .invalidPassword(reason):
            return "The sheet protection password cannot be used: \(reason)."
        case let .sheetTooLarge(sheet, reason):
            return "Sheet \"\(sheet)\" is too large for Excel: \(reason)."
        case let .textTooLong(sheet, row, column):
            return "Sheet \"\(sheet)\", row \(row), column \(column): the text is longer than "
                + "Excel's limit of 32,767 characters."
        case .noSheets:
            return "The workbook has no sheets; add at least one sheet before saving."
        case let .libraryMissing(reason):
            return "Cannot write .xlsx: libxlsxwriter could not be loaded (\(reason)); install the package libxlsxwriter4 "
                + "(apt-get install libxlsxwriter4). Не удалось загрузить библиотеку libxlsxwriter для записи .xlsx: "
                + "установите пакет libxlsxwriter4 (apt-get install libxlsxwriter4)."
        case let .library(operation, code, message):
            return "Spreadsheet writer failed while \(operation): \(message) (libxlsxwriter error \(code))."
        }
    }

    /// The same, in Russian, for the people who export (the terminal UI and the CLI's first line).
    public var russian: String {
        switch self {
        case let .invalidPath(path, _):
            return "Нельзя записать таблицу в «\(path)»: укажите имя файла .xlsx, а не папку"
        case let .directoryNotFound(directory, _):
            return "Папки «\(directory)» нет: укажите существующую папку"
        case let .cannotCreateFile(path, reason):
            return "Не удалось записать «\(path)»: нет прав на запись в папку или нет места на диске (\(reason))"
        case .invalidPassword:
            return "Пароль не подходит: только латинские буквы, цифры, пробел и знаки, не длиннее 255"
        case let .sheetTooLarge(sheet, _):
            return "Лист «\(sheet)» слишком велик для Excel"
        case let .textTooLong(sheet, row, column):
            return "Лист «\(sheet)», строка \(row), столбец \(column): текст длиннее 32 767 знаков, предела Excel"
        case .noSheets:
            return "В книге нет ни одного листа"
        case .libraryMissing:
            return "Не удалось загрузить библиотеку libxlsxwriter для записи .xlsx: попросите администратора установить "
                + "пакет libxlsxwriter4 (apt-get install libxlsxwriter4)"
        case let .library(operation, code, message):
            return "Ошибка записи таблицы (\(operation): \(message), код \(code))"
        }
    }

    public var description: String { message }

    /// Wraps a libxlsxwriter status code; returns nil for `LXW_NO_ERROR`.
    static func from(_ error: lxw_error, operation: String) -> XlsxError? {
        guard error != LXW_NO_ERROR else { return nil }
        return .library(operation: operation, code: Int(error.rawValue), message: describe(error))
    }

    /// An English description of a libxlsxwriter status code.
    static func describe(_ error: lxw_error) -> String {
        switch error {
        case LXW_ERROR_MEMORY_MALLOC_FAILED: return "out of memory"
        case LXW_ERROR_CREATING_XLSX_FILE:
            return "the output file could not be created (check that the directory exists and is writable)"
        case LXW_ERROR_CREATING_TMPFILE: return "a temporary file could not be created"
        case LXW_ERROR_READING_TMPFILE: return "a temporary file could not be read"
        case LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
            return "writing the compressed file failed (is the disk full?)"
        case LXW_ERROR_ZIP_PARAMETER_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE, LXW_ERROR_ZIP_INTERNAL_ERROR:
            return "the compressed file could not be assembled"
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED: return "a sheet name is longer than 31 characters"
        case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
            return "a sheet name contains one of the characters [ ] : * ? / \\"
        case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
            return "a sheet name starts or ends with an apostrophe"
        case LXW_ERROR_SHEETNAME_ALREADY_USED: return "a sheet name is used twice"
        case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: return "a text is longer than 32,767 characters"
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: return "a row or column is outside Excel's limits"
        case LXW_ERROR_PARAMETER_VALIDATION: return "an invalid parameter was given"
        default:
            if case .success(let lib) = XlsxLibrary.shared, let text = lib.strerror(error) { return String(cString: text) }
            return "unknown error"
        }
    }
}
