import ArgumentParser
import Foundation
import Model
import TUI

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json

    /// Each value explained in Russian under `--format` in `--help` (the parser then lists these instead of its
    /// English "(values: …)"). The values themselves stay the stable English words programs pass.
    static var allValueDescriptions: [String: String] {
        ["table": "таблица для чтения", "csv": "CSV для Excel (разделитель «;»)", "json": "JSON для программ"]
    }
}

/// `--format` of the commands that print a table for people or JSON for programs and have no CSV: `csv` is refused
/// by the parser («недопустимое значение»), not printed as a table as if it had been understood.
enum TableOrJSON: String, ExpressibleByArgument, CaseIterable {
    case table, json

    static var allValueDescriptions: [String: String] { OutputFormat.allValueDescriptions.filter { $0.key != "csv" } }
}

/// Printing helpers shared by every command: aligned tables, `;`-CSV with a BOM, sorted-key JSON.
/// Everything meant for people goes through `DisplayText.sanitize` (line by line), so that what someone typed
/// — `ESC[2J`, a clipboard write `ESC]52;…BEL`, a window title, NUL, U+202E — reaches nobody's terminal;
/// JSON keeps the exact data, escaped by its encoder.
enum Output {
    static func print(_ s: String) { FileHandle.standardOutput.write(Data((human(s) + "\n").utf8)) }
    static func warn(_ s: String) { FileHandle.standardError.write(Data((human(s) + "\n").utf8)) }

    /// Text for a terminal: each line sanitised, the line breaks kept.
    static func human(_ s: String) -> String {
        if DisplayText.linesAreClean(s) { return s }
        return s.split(separator: "\n", omittingEmptySubsequences: false).map { DisplayText.sanitize(String($0)) }.joined(separator: "\n")
    }

    /// The widest a table cell is shown, in terminal cells; longer text is cut with `…` (a 1 MB document name
    /// must not make a table of megabytes). JSON and CSV keep the whole text.
    static let maxCellWidth = 60

    /// Sorted-key JSON with the exact data. The encoder escapes C0 controls; DEL, C1 controls and the bidi
    /// overrides it would print raw are escaped here too (`\u202e`), so that JSON read in a terminal is inert
    /// and a program still gets every character back.
    static func json<T: Encodable>(_ value: T) throws {
        let data = try JSONFiles.encode(value)
        FileHandle.standardOutput.write(escapingInvisible(data))
    }

    static func escapingInvisible(_ data: Data) -> Data {
        // Their UTF-8 lead bytes: 0x7F, 0xC2 (U+0080…U+009F), 0xE2 (U+202A…, U+2066…). Most output has none.
        guard data.contains(where: { $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) else { return data }
        let text = String(decoding: data, as: UTF8.self)
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            if v == 0x7F || (0x80..<0xA0).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                out.append(contentsOf: String(format: "\\u%04x", v).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return Data(String(out).utf8)
    }

    /// An aligned text table; `right` marks columns aligned to the right (numbers). Cells are sanitised, cut to
    /// `maxCellWidth` with `…`, and aligned by terminal cells (Cyrillic one, CJK two).
    static func table(_ header: [String], _ rows: [[String]], right: Set<Int> = []) -> String {
        var all = ([header] + rows).map { $0.map(DisplayText.sanitize) }
        var cellWidths = all.map { $0.map { TextWidth.width(of: $0) } }
        for r in all.indices { for c in all[r].indices where cellWidths[r][c] > maxCellWidth {
            all[r][c] = TextWidth.truncate(all[r][c], to: maxCellWidth)
            cellWidths[r][c] = TextWidth.width(of: all[r][c])
        } }
        var widths = [Int](repeating: 0, count: header.count)
        for r in cellWidths { for (i, w) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], w) } }
        func line(_ r: [String], _ w: [Int]) -> String {
            r.enumerated().map { i, c in
                let pad = String(repeating: " ", count: max(0, (i < widths.count ? widths[i] : 0) - w[i]))
                return right.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ").trimmingTrailingWhitespace()
        }
        let body = zip(all.dropFirst(), cellWidths.dropFirst()).map { line($0, $1) }
        return ([line(all[0], cellWidths[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + body)
            .joined(separator: "\n")
    }

    /// `;`-separated UTF-8 with a BOM, so that Excel in a Russian locale opens it right. Text is sanitised
    /// (a CSV is opened by people too) and a cell that Excel would run as a formula is made text with `'`.
    static func csv(_ header: [String], _ rows: [[String]]) -> String {
        func field(_ s: String) -> String {
            var v = DisplayText.sanitize(s)
            // A cell starting with = + - @ would be a formula in Excel: make it text.
            if let f = v.first, "=+-@".contains(f), Double(v) == nil { v = "'" + v }
            return v.contains(";") || v.contains("\"") || v.contains("\n") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
        }
        return "\u{FEFF}" + ([header] + rows).map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n")
    }

    /// A table for people (Russian headers and words: `russian` is true) or a CSV for programs (stable English
    /// keys and codes): one list of rows, built for each.
    static func emit(_ format: OutputFormat, header: [String], russianHeader: [String], right: Set<Int> = [],
                     rows: (_ russian: Bool) -> [[String]]) {
        switch format {
        case .csv: emit(.csv, header: header, rows: rows(false))
        default: emit(.table, header: russianHeader, rows: rows(true), right: right)
        }
    }

    static func emit(_ format: OutputFormat, header: [String], rows: [[String]], right: Set<Int> = []) {
        switch format {
        case .csv: FileHandle.standardOutput.write(Data((csv(header, rows) + "\r\n").utf8))
        default: print(table(header, rows, right: right))
        }
    }

    static func number(_ d: Double) -> String { NumberText.short(d) }
}

extension String {
    /// The string without trailing spaces and tabs (what the regex `\s+$` removed; without ICU, which cost
    /// a tenth of `profrost rank` at 30,000 organisations).
    func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, let c = self[index(before: end)].unicodeScalars.first, CharacterSet.whitespacesAndNewlines.contains(c) {
            end = index(before: end)
        }
        return String(self[..<end])
    }
}
