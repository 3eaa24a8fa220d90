import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Spreadsheet

/// Runs a Python script (python3 with openpyxl, as CI installs it) through the bounded helper; its stdout.
func python(_ script: String, _ args: [String] = []) async throws -> String {
    try await Shell.run("/usr/bin/env", ["python3", "-c", script] + args)
}

/// The .xlsx reader behind the imports: a workbook as openpyxl writes it (to a file, and streamed with data
/// descriptors), damaged workbooks, and parts too large to extract.
@Suite struct SpreadsheetTests {
    /// A workbook written by openpyxl (what a department's Excel or LibreOffice writes has the same parts):
    /// shared strings with Cyrillic and quotes, numbers, an empty cell in the middle, a blank row, a rich-text
    /// cell, a second sheet that must not be read.
    @Test func aWorkbookWrittenByOpenpyxlIsReadCellByCell() async throws {
        let path = Fixture.tempDir("xlsx") + "/orgs.xlsx"
        let script = """
        import sys, openpyxl
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Организации"
        ws.append(["код", "наименование", "тип", "учащихся", "уровень", "краткое наименование"])
        ws.append(["sch-1", 'МБОУ "СОШ № 1" & <корпус>', "ОО", 510, "средняя", "СОШ № 1"])
        ws.append(["dou-2", "МБДОУ «Ёлочка»", "ДОО", None, None, None])
        ws.append([])
        ws.append(["sch-3", CellRichText([TextBlock(InlineFont(b=True), "Школа "), "№ 3"]), "ОО", 12.5, None, None])
        ws["G7"] = "далеко"
        other = wb.create_sheet("Другой")
        other.append(["не", "этот"])
        wb.save(sys.argv[1])
        # The same workbook written to a stream that cannot seek: sizes and checksums follow each part.
        import io
        class Stream(io.RawIOBase):
            def __init__(self, f): self.f = f
            def writable(self): return True
            def seekable(self): return False
            def write(self, b): return self.f.write(b)
        with open(sys.argv[1] + ".streamed.xlsx", "wb") as f: wb.save(Stream(f))
        """
        _ = try await python(script, [path])
        let sheet = try XlsxSheet.firstSheet(try Data(contentsOf: URL(fileURLWithPath: path)))
        let streamed = try Data(contentsOf: URL(fileURLWithPath: path + ".streamed.xlsx"))
        #expect(streamed.range(of: Data([0x50, 0x4B, 0x07, 0x08])) != nil, "the streamed copy has data descriptors")
        #expect(try XlsxSheet.firstSheet(streamed) == sheet)
        #expect(sheet.name == "Организации")
        #expect(sheet.rows.map(\.line) == [1, 2, 3, 5, 7])
        #expect(sheet.rows[0].fields == ["код", "наименование", "тип", "учащихся", "уровень", "краткое наименование"])
        #expect(sheet.rows[1].fields == ["sch-1", "МБОУ \"СОШ № 1\" & <корпус>", "ОО", "510", "средняя", "СОШ № 1"])
        #expect(sheet.rows[2].fields == ["dou-2", "МБДОУ «Ёлочка»", "ДОО"])
        #expect(sheet.rows[3].fields == ["sch-3", "Школа № 3", "ОО", "12.5"])
        #expect(sheet.rows[4].fields == ["", "", "", "", "", "", "далеко"])
    }

    /// Every way a workbook can be damaged is a refusal naming the file, never a crash or a made-up row.
    @Test func damagedWorkbooksAreRefusedByName() async throws {
        let path = Fixture.tempDir("xlsx") + "/t.xlsx"
        _ = try await python("""
        import sys, openpyxl
        wb = openpyxl.Workbook(); ws = wb.active
        for i in range(200): ws.append(["строка %d" % i, i, "текст " * 20])
        wb.save(sys.argv[1])
        """, [path])
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try ImportTable.read(good, name: "t.xlsx").rows.count == 200)
        var cases: [Data] = [good.prefix(good.count / 2), good.prefix(30), Data("PK\u{3}\u{4}not a zip".utf8)]
        // One byte changed in the middle of the compressed sheet: the checksum or the decoder notices.
        for offset in stride(from: 100, to: good.count - 200, by: good.count / 7) {
            var d = good
            d[offset] ^= 0x5A
            cases.append(d)
        }
        // And 100 workbooks with a few random bytes changed anywhere (a fixed seed, so a failure repeats).
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        for _ in 0..<100 {
            var d = good
            for _ in 0...next(4) { d[next(d.count)] = UInt8(next(256)) }
            cases.append(d)
        }
        for d in cases {
            do {
                let sheet = try ImportTable.read(d, name: "t.xlsx")
                // A change in a part that is not read (styles, properties), or in a zip header field nothing reads,
                // may leave the sheet as it was.
                #expect(sheet.rows.count == 200 && sheet.rows.last?.fields.first == "строка 199")
            } catch let e as StoreError {
                guard case .rejected(let p, nil, let why) = e else { Issue.record("\(e)"); continue }
                #expect(p == "t.xlsx")
                #expect(why.russian.contains("не читается как книга Excel"))
            }
        }
    }

    /// A zip bomb is not extracted: a part that declares more than the limit is refused before any byte is
    /// inflated, and a part whose header understates its size is stopped where the declared size ends.
    @Test func partsTooLargeAreNotExtracted() async throws {
        let dir = Fixture.tempDir("xlsx-bomb")
        _ = try await python("""
        import sys, struct, zipfile, openpyxl
        wb = openpyxl.Workbook(); ws = wb.active
        for i in range(2000): ws.append(["строка %d" % i, i, "текст " * 20])
        wb.save(sys.argv[1] + "/big.xlsx")
        # The sheet's header (local and in the directory) says 1,000 bytes; it inflates to far more.
        data = bytearray(open(sys.argv[1] + "/big.xlsx", "rb").read())
        z = zipfile.ZipFile(sys.argv[1] + "/big.xlsx")
        info = z.getinfo("xl/worksheets/sheet1.xml")
        struct.pack_into("<I", data, info.header_offset + 22, 1000)
        p = z.start_dir
        while data[p:p + 4] == b"PK\\x01\\x02":
            n, e, c = struct.unpack_from("<HHH", data, p + 28)
            if bytes(data[p + 46:p + 46 + n]) == info.filename.encode(): struct.pack_into("<I", data, p + 24, 1000)
            p += 46 + n + e + c
        open(sys.argv[1] + "/lying.xlsx", "wb").write(data)
        """, [dir])
        let big = try Data(contentsOf: URL(fileURLWithPath: dir + "/big.xlsx"))
        #expect(try XlsxSheet.firstSheet(big).rows.count == 2000)
        #expect { try XlsxSheet.firstSheet(big, partLimit: 100_000) } throws: {
            ($0 as? XlsxSheet.Unreadable)?.reason == "xl/worksheets/sheet1.xml is larger than 100000 bytes"
        }
        let lying = try Data(contentsOf: URL(fileURLWithPath: dir + "/lying.xlsx"))
        #expect { try XlsxSheet.firstSheet(lying) } throws: {
            ($0 as? XlsxSheet.Unreadable)?.reason == "xl/worksheets/sheet1.xml expands past the size it declares"
        }
        #expect { try ImportTable.read(lying, name: "lying.xlsx") } throws: {
            guard case .rejected("lying.xlsx", nil, let why)? = $0 as? StoreError else { return false }
            return why.russian.contains("не читается как книга Excel")
        }
    }

    @Test func columnReferencesAndExcelEscapes() {
        #expect(XlsxSheet.columnIndex("A1") == 0 && XlsxSheet.columnIndex("Z9") == 25 && XlsxSheet.columnIndex("AB7") == 27)
        #expect(XlsxSheet.columnName(27) == "AB" && XlsxSheet.columnName(0) == "A")
        #expect(XlsxSheet.unescaped("строка_x000D_\n_x005F_x") == "строка\r\n_x")
        #expect(XlsxSheet.number("510.0") == "510" && XlsxSheet.number("42.5") == "42.5")
    }
}

/// Organisations as departments send them: Russian or English headers, a short-name column, CSV or .xlsx.
@Suite struct OrganisationFileTests {
    @Test func russianHeadersAnyOrderAndAShortName() throws {
        let csv = "Краткое наименование;Тип;Код;Наименование;Учащихся;Адрес\r\n"
            + "СОШ № 1;ОО;sch-1;МБОУ «Средняя общеобразовательная школа № 1»;510;ул. Мира, 1\r\n"
            + "Гимназия;ОО;sch-2;МБОУ «Гимназия № 2»;300;\r\n"
            + ";ДОО;dou-3;МБДОУ «Детский сад № 3 „Родничок“»;;\r\n"
        let orgs = try OrganisationFile.parse(Data(csv.utf8), name: "orgs.csv")
        #expect(orgs.map(\.id) == ["sch-1", "sch-2", "dou-3"])
        #expect(orgs[0].pupils == 510 && orgs[0].type == .general)
        // «СОШ № 1» is what the name gives anyway: not stored, so it follows the name.
        #expect(orgs.map(\.shortName) == [nil, "Гимназия", nil])
        #expect(orgs.map(\.displayShortName) == ["СОШ № 1", "Гимназия", "Д/с № 3 „Родничок“"])
        let english = try OrganisationFile.parse(Data("id,name,type,short_name\nx-1,\"Школа, № 1\",general,Ш1\n".utf8), name: "e.csv")
        #expect(english.map(\.shortName) == ["Ш1"])
        // Without a header: id;name;type;pupils;level;short name.
        let bare = try OrganisationFile.parse(Data("x-2;МБОУ «Основная общеобразовательная школа № 4»;ОО;90;основная;ООШ-4\n".utf8), name: "b.csv")
        #expect(bare.first?.schoolLevel == .basic && bare.first?.shortName == "ООШ-4")
    }

    @Test func errorsNameTheLineInRussian() {
        func refusal(_ text: String) -> StoreError? {
            do { _ = try OrganisationFile.parse(Data(text.utf8), name: "o.csv"); return nil } catch { return error as? StoreError }
        }
        let noType = refusal("код;наименование\nx;Школа\n")
        #expect(noType?.russian == "Файл o.csv, строка 1: в заголовке нет столбца «код», «наименование» или «тип» (они обязательны); ничего не импортировано")
        let badType = refusal("код;наименование;тип\nx;Школа;вуз\n")
        #expect(badType?.russian.hasPrefix("Файл o.csv, строка 2: тип должен быть ДОО, ОО или ДО") == true)
        let long = refusal("код;наименование;тип;краткое наименование\nx;Школа;ОО;\(String(repeating: "я", count: 61))\n")
        #expect(long?.russian.contains("строка 2: «Краткое название»: слишком длинный текст") == true)
        if case .rejected(_, let line, _)? = refusal("код;наименование;тип\nx;Школа;ОО\ny;Сад;ДОО\nx;Снова;ОО\n") {
            #expect(line == 4)
        } else {
            Issue.record("a repeated id was not refused")
        }
    }

    /// The same rows from an .xlsx (openpyxl): a wrong cell is named by the sheet and its row.
    @Test func aWorkbookOfOrganisationsNamesTheSheetRow() async throws {
        let dir = Fixture.tempDir("orgs-xlsx")
        _ = try await python("""
        import sys, openpyxl
        wb = openpyxl.Workbook(); ws = wb.active; ws.title = "Список"
        ws.append(["Код", "Наименование", "Тип", "Учащихся", "Краткое наименование"])
        ws.append(["sch-1", "МБОУ «Средняя общеобразовательная школа № 1»", "ОО", 510, None])
        ws.append(["dou-2", "МБДОУ «Детский сад № 2»", "ДОО", None, "Садик 2"])
        wb.save(sys.argv[1] + "/good.xlsx")
        ws.append([])
        ws.append(["sch-5", "Школа", "ОО", "пятьсот", None])
        wb.save(sys.argv[1] + "/bad.xlsx")
        """, [dir])
        let orgs = try OrganisationFile.parse(try Data(contentsOf: URL(fileURLWithPath: dir + "/good.xlsx")), name: "good.xlsx")
        #expect(orgs.map(\.id) == ["sch-1", "dou-2"])
        #expect(orgs[0].pupils == 510 && orgs.map(\.displayShortName) == ["СОШ № 1", "Садик 2"])
        #expect { try OrganisationFile.parse(try Data(contentsOf: URL(fileURLWithPath: dir + "/bad.xlsx")), name: "bad.xlsx") } throws: {
            ($0 as? StoreError)?.russian.hasPrefix("Файл bad.xlsx, лист «Список», строка 5: число учащихся должно быть целым числом") == true
        }
    }
}
