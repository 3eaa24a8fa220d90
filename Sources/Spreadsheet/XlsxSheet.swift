import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#endif

/// The cell values of an .xlsx workbook's first sheet, as rows of text numbered as the spreadsheet numbers them —
/// what the imports of organisations, templates and monitoring answers read, so that an error names the row the
/// user sees. Shared strings, inline strings, numbers (a whole number without `.0`), booleans and formulas' cached
/// values; styles, dates and other sheets are ignored. The zip container is ZIPFoundation's (inflate by the system
/// zlib, CRC-checked); the XML is `XMLPull`'s (see there why not Foundation's XMLParser).
public enum XlsxSheet {
    /// A row that holds anything: its sheet row number (`line`) and its cells from column A on (empty cells as "").
    public struct Row: Equatable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    public struct Sheet: Equatable, Sendable {
        /// The sheet's name as the workbook shows it on its tab.
        public var name: String
        public var rows: [Row]
    }

    /// Why the bytes are not a readable workbook (English; the caller tells the user in Russian and names the file).
    public struct Unreadable: Error, Equatable, Sendable {
        public let reason: String
    }

    /// The most one part of a workbook may expand to: a few kilobytes of a hostile file must not become gigabytes.
    /// A department's largest sheet (20,000 organisations) is about 3 MB.
    public static let partLimit = 200_000_000

    /// Whether the bytes are a zip archive (what an .xlsx is), whatever the file is called.
    public static func isWorkbook(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The first sheet of the workbook in `data`; anything that is not a readable .xlsx is `Unreadable`, never a crash.
    public static func firstSheet(_ data: Data) throws -> Sheet {
        try firstSheet(data, partLimit: partLimit)
    }

    static func firstSheet(_ data: Data, partLimit: Int) throws -> Sheet {
        do {
            return try read(Parts(data, limit: partLimit))
        } catch let f as XMLPull.Failure {
            throw Unreadable(reason: f.reason)
        }
    }

    /// The parts (files) of the workbook's zip archive, each read whole after its declared size was checked.
    struct Parts {
        let archive: Archive
        let limit: Int

        /// ZIPFoundation's in-memory archive (`Archive(data:)`) traps when a damaged header points past the end of
        /// the bytes (its `MemoryFile.readData` makes a negative range), so the bytes go through a temporary file,
        /// where reading past the end is a short read it refuses. The file is unlinked as soon as it is open.
        init(_ data: Data, limit: Int) throws {
            var template = Array((FileManager.default.temporaryDirectory.path + "/profrost-xlsx-XXXXXX").utf8CString)
            let fd = mkstemp(&template)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            defer { unlink(path) }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            try handle.write(contentsOf: data)
            try handle.close()
            do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
                throw Unreadable(reason: "not a zip archive, or its directory is damaged (\(error))")
            }
            self.limit = limit
        }

        func has(_ path: String) -> Bool { archive[path] != nil }

        /// The bytes of a part: refused before extracting when it declares more than `limit`, stopped as soon as it
        /// expands past what it declares, and checked against its CRC.
        func read(_ path: String) throws -> [UInt8] {
            guard let entry = archive[path], entry.type == .file else { throw Unreadable(reason: "it has no \(path)") }
            guard entry.uncompressedSize <= UInt64(limit) else {
                throw Unreadable(reason: "\(path) is larger than \(limit) bytes")
            }
            let size = Int(entry.uncompressedSize)
            var out: [UInt8] = []
            out.reserveCapacity(size)
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard out.count + chunk.count <= size else {
                        throw Unreadable(reason: "\(path) expands past the size it declares")
                    }
                    out.append(contentsOf: chunk)
                }
            } catch let u as Unreadable {
                throw u
            } catch {
                throw Unreadable(reason: "\(path) cannot be decompressed (\(error))")
            }
            guard out.count == size, checksum == entry.checksum else {
                throw Unreadable(reason: "\(path) is damaged (its checksum does not match)")
            }
            return out
        }
    }

    static func read(_ zip: Parts) throws -> Sheet {
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
        guard !sheetName.isEmpty || sheetRel != nil else { throw Unreadable(reason: "the workbook has no sheet") }
        let sheetPath = rels.first { $0.id == sheetRel }?.target ?? folder + "/worksheets/sheet1.xml"
        let sharedPath = rels.first { $0.type.hasSuffix("/sharedStrings") }?.target ?? folder + "/sharedStrings.xml"
        let shared = zip.has(sharedPath) ? try sharedStrings(try zip.read(sharedPath)) : []
        return Sheet(name: sheetName, rows: try cells(try zip.read(sheetPath), shared: shared))
    }

    struct Relationship { var id: String; var type: String; var target: String }

    /// A part's relationships, targets made paths inside the archive; none when the part has no such file.
    static func relationships(_ zip: Parts, _ path: String, base: String) throws -> [Relationship] {
        guard zip.has(path) else { return [] }
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
    static func cells(_ bytes: [UInt8], shared: [String]) throws -> [Row] {
        var rows: [Row] = []
        var events = XMLPull(bytes)
        var rowNumber = 0, column = -1
        var fields: [String] = []
        var type = "", value = "", inline = "", inValue = false, inText = false
        func finishRow() {
            while let last = fields.last, last.isEmpty { fields.removeLast() }
            if !fields.isEmpty { rows.append(Row(line: rowNumber, fields: fields)) }
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
