import Foundation
import ChildProcess

/// A JSON scalar as printed by read_xlsx.py.
enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    var description: String {
        switch self {
        case let .string(text): return "\"\(text)\""
        case let .number(value): return "\(value)"
        case let .bool(value): return "\(value)"
        case .null: return "null"
        }
    }
}

/// What openpyxl reports about one sheet.
struct ReadSheet: Decodable {
    struct Protection: Decodable {
        var sheet: Bool
        var sortLocked: Bool
        var autoFilterLocked: Bool
        var hasPassword: Bool
    }

    var name: String
    var rows: [[JSONValue]]
    var types: [[String]]
    var fills: [[String?]]
    var numberFormats: [[String]]
    var freezePanes: String?
    var autoFilter: String?
    var protection: Protection
    var columnWidths: [String: Double]
    var headerBold: [Bool]
    var headerBottomBorder: [String?]

    /// Cell value by zero-based row and column (null when outside the used range).
    func value(_ row: Int, _ column: Int) -> JSONValue {
        guard row < rows.count, column < rows[row].count else { return .null }
        return rows[row][column]
    }
}

/// The whole workbook as read back by openpyxl.
struct ReadWorkbook: Decodable {
    var sheets: [ReadSheet]
}

/// Failure to read a workbook back; the message says what to fix.
struct ReadBackError: Error, CustomStringConvertible {
    var description: String
}

/// Runs `python3 read_xlsx.py FILE` and decodes its JSON. Throws (so the test fails,
/// never skips) when python3 or openpyxl is missing.
func readBack(_ path: String, filePath: String = #filePath) throws -> ReadWorkbook {
    let script = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("read_xlsx.py").path
    let run: Child.Outcome
    do {
        run = try Child.run("/usr/bin/env", ["python3", script, path], timeout: 120)
    } catch {
        throw ReadBackError(description: "Could not start python3 to read \(path): \(error). "
            + "Install python3 and openpyxl (pip install openpyxl).")
    }
    let outData = run.outputData
    let stderrText = run.error
    guard run.succeeded else {
        if run.status == 127 {
            throw ReadBackError(description: "python3 was not found on PATH; XlsxExportTests need python3 "
                + "with openpyxl (pip install openpyxl). " + stderrText)
        }
        if run.status == 3 {
            throw ReadBackError(description: "openpyxl is required by XlsxExportTests but is missing: "
                + stderrText)
        }
        throw ReadBackError(description: "read_xlsx.py failed with status \(run.status)\(run.timedOut ? " (no end in 120 s)" : ""): "
            + stderrText)
    }
    do {
        return try JSONDecoder().decode(ReadWorkbook.self, from: outData)
    } catch {
        throw ReadBackError(description: "read_xlsx.py printed unexpected JSON (\(error)): "
            + String(decoding: outData, as: UTF8.self))
    }
}

/// A fresh temporary directory, removed by the caller with `removeDirectory`.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("xlsx-export-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func removeDirectory(_ url: URL) {
    try? FileManager.default.removeItem(at: url)
}
