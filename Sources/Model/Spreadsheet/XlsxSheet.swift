import Foundation

/// The cell values of an .xlsx workbook's first sheet, as rows of text numbered as the spreadsheet numbers them —
/// what the imports of organisations and of templates read, so that an error names the row the user sees.
/// Shared strings, inline strings, numbers (a whole number without `.0`), booleans and formulas' cached values;
/// styles, dates and other sheets are ignored. Pure Swift over `ZipArchive` and `XMLPull`: no library to install.
public enum XlsxSheet {
    public struct Sheet: Equatable, Sendable {
        /// The sheet's name as the workbook shows it on its tab.
        public var name: String
        /// The rows that hold anything, each with its sheet row number (`line`) and its cells from column A on
        /// (empty cells as "").
        public var rows: [CSVTable.Record]
    }

    /// Whether the bytes are a zip archive (what an .xlsx is), whatever the file is called.
    public static func isWorkbook(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The first sheet of the workbook; a file that is not a readable .xlsx is refused naming `name` and why.
    public static func firstSheet(_ data: Data, name: String) throws -> Sheet {
        do {
            return try read([UInt8](data))
        } catch let f as ZipArchive.Failure {
            throw unreadable(name, f.reason)
        } catch let f as XMLPull.Failure {
            throw unreadable(name, f.reason)
        }
    }

    static func unreadable(_ name: String, _ reason: String) -> StoreError {
        .rejected(path: name, line: nil, InputError("not a readable .xlsx workbook: \(reason)",
                                                    russian: "файл не читается как книга Excel (.xlsx): он повреждён или сохранён в другом формате"))
    }

    static func read(_ bytes: [UInt8]) throws -> Sheet {
        let zip = try ZipArchive(bytes)
        let workbookPath = try relationships(zip, "_rels/.rels", base: "").first { $0.type.hasSuffix("/officeDocument") }?.target
            ?? "xl/workbook.xml"
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let workbookFile = workbookPath.split(separator: "/").last.map(String.init) ?? ""
        let rels = try relationships(zip, (folder.isEmpty ? "" : folder + "/") + "_rels/" + workbookFile + ".rels", base: folder)
        var sheetName = "", sheetRel: String?
        var events = XMLPull(try zip.read(workbookPath))
        while let e = try events.next() {
            if case .start("sheet", let a, _) = e { sheetName = a["name"] ?? ""; sheetRel = a["id"]; break }
        }
        guard !sheetName.isEmpty || sheetRel != nil else { throw ZipArchive.Failure(reason: "the workbook has no sheet") }
        let sheetPath = rels.first { $0.id == sheetRel }?.target ?? folder + "/worksheets/sheet1.xml"
        let sharedPath = rels.first { $0.type.hasSuffix("/sharedStrings") }?.target ?? folder + "/sharedStrings.xml"
        let shared = zip.entries[sharedPath] == nil ? [] : try sharedStrings(try zip.read(sharedPath))
        return Sheet(name: sheetName, rows: try cells(try zip.read(sheetPath), shared: shared))
    }

    struct Relationship { var id: String; var type: String; var target: String }

    /// A part's relationships, targets made paths inside the archive; none when the part has no such file.
    static func relationships(_ zip: ZipArchive, _ path: String, base: String) throws -> [Relationship] {
        guard zip.entries[path] != nil else { return [] }
        var out: [Relationship] = []
        var events = XMLPull(try zip.read(path))
        while let e = try events.next() {
            guard case .start("Relationship", let a, _) = e, let id = a["Id"], let target = a["Target"] else { continue }
            let resolved = target.hasPrefix("/") ? String(target.dropFirst()) : (base.isEmpty ? target : base + "/" + target)
            out.append(Relationship(id: id, type: a["Type"] ?? "", target: normalised(resolved)))
        }
        return out
    }

    /// `xl/worksheets/../sharedStrings.xml` → `xl/sharedStrings.xml`.
    static func normalised(_ path: String) -> String {
        var parts: [Substring] = []
        for p in path.split(separator: "/") {
            if p == ".." { _ = parts.popLast() } else if p != "." { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }

    /// The texts of `<si>` items; rich-text runs joined, phonetic hints (`<rPh>`) left out.
    static func sharedStrings(_ bytes: [UInt8]) throws -> [String] {
        var out: [String] = []
        var events = XMLPull(bytes)
        var current: String?, inText = false, phonetic = 0
        while let e = try events.next() {
            switch e {
            case .start("si", _, let empty): if empty { out.append("") } else { current = "" }
            case .start("rPh", _, let empty): if !empty { phonetic += 1 }
            case .end("rPh"): phonetic -= 1
            case .start("t", _, let empty): inText = !empty
            case .end("t"): inText = false
            case .text(let t): if inText && phonetic == 0 { current? += t }
            case .end("si"): out.append(unescaped(current ?? "")); current = nil
            default: break
            }
        }
        return out
    }

    /// The sheet's rows: cells by their reference (`B3`), or in order when a cell has none.
    static func cells(_ bytes: [UInt8], shared: [String]) throws -> [CSVTable.Record] {
        var rows: [CSVTable.Record] = []
        var events = XMLPull(bytes)
        var rowNumber = 0, column = -1
        var fields: [String] = []
        var type = "", value = "", inline = "", inValue = false, inText = false
        func finishRow() {
            while let last = fields.last, last.isEmpty { fields.removeLast() }
            if !fields.isEmpty { rows.append(CSVTable.Record(line: rowNumber, fields: fields)) }
            fields = []
        }
        func finishCell() throws {
            let text: String
            switch type {
            case "s":
                guard let n = Int(value.trimmingCharacters(in: .whitespaces)), shared.indices.contains(n) else {
                    throw XMLPull.Failure(reason: "cell \(columnName(column))\(rowNumber) names a missing shared string")
                }
                text = shared[n]
            case "inlineStr": text = unescaped(inline)
            case "str", "e": text = unescaped(value)
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            default: text = number(value)
            }
            guard column < 16_384 else { throw XMLPull.Failure(reason: "a cell beyond the last column of a sheet") }
            if !text.isEmpty {
                if fields.count <= column { fields += [String](repeating: "", count: column + 1 - fields.count) }
                fields[column] = text
            }
        }
        while let e = try events.next() {
            switch e {
            case .start("row", let a, let empty):
                rowNumber = a["r"].flatMap { Int($0) } ?? rowNumber + 1
                column = -1
                if empty { fields = [] }
            case .end("row"): finishRow()
            case .start("c", let a, let empty):
                column = a["r"].flatMap(columnIndex) ?? column + 1
                type = a["t"] ?? "n"; value = ""; inline = ""
                if empty { try finishCell() }
            case .end("c"): try finishCell()
            case .start("v", _, let empty): inValue = !empty
            case .end("v"): inValue = false
            case .start("t", _, let empty): inText = !empty
            case .end("t"): inText = false
            case .text(let t):
                if inValue { value += t } else if inText { inline += t }
            default: break
            }
        }
        return rows
    }

    /// A number as a person reads it: `510` rather than `510.0`; other values as written.
    static func number(_ v: String) -> String {
        let t = v.trimmingCharacters(in: .whitespaces)
        if let d = Double(t), d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
        return t
    }

    /// `_x000D_` and the like (how Excel writes characters XML cannot hold) back to the characters.
    static func unescaped(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "_x") {
            out += rest[..<r.lowerBound]
            let hex = rest[r.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let v = UInt32(hex.dropLast(), radix: 16), let scalar = Unicode.Scalar(v) {
                out.unicodeScalars.append(scalar)
                rest = rest[rest.index(r.upperBound, offsetBy: 5)...]
            } else {
                out += "_x"
                rest = rest[r.upperBound...]
            }
        }
        return out + rest
    }

    /// `A1` → 0, `AB7` → 27; nil for a reference without letters.
    static func columnIndex(_ reference: String) -> Int? {
        var n = 0, letters = 0
        for ch in reference.uppercased().unicodeScalars {
            guard ch.value >= 65, ch.value <= 90 else { break }
            n = n * 26 + Int(ch.value - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }

    /// 0 → `A`, 27 → `AB`.
    static func columnName(_ index: Int) -> String {
        var n = index + 1, out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }
}
