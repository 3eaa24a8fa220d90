import Foundation
import Testing
import Model
import TestSupport

/// What an attacker or bad luck types or hands over: escapes, megabytes, `../`, sloppy counts, files from Excel.
@Suite struct HostileInputTests {
    func session(_ ws: Workspace, _ who: String) throws -> Session { try Fixture.session(ws, who) }
    func draftGeneral(_ ws: Workspace) throws -> String { try Fixture.draftGeneral(ws) }

    // MARK: - One sanitiser

    @Test func theSanitiserRemovesEveryTerminalControlAndKeepsTheText() {
        let cases: [(String, String)] = [
            ("\u{1b}[2JДиплом", "Диплом"),                                  // clear screen (CSI)
            ("a\u{1b}]52;c;aGFjaw==\u{7}b", "ab"),                          // clipboard write (OSC 52, BEL)
            ("a\u{1b}]0;заголовок\u{1b}\\b", "ab"),                          // window title (OSC 0, ST)
            ("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b", "ab"),                          // DCS (sixel) string
            ("Ж\u{9B}31mШ", "Ж31mШ"),                                       // C1 CSI alone: the byte goes
            ("a\u{0}b\u{7}c\u{8}d\u{7F}e", "abcde"),                         // NUL, BEL, BS, DEL
            ("\u{202E}evil\u{202C}", "evil"),                                // right-to-left override
            ("x\u{2066}y\u{2069}z\u{202A}", "xyz"),                          // isolates, embedding
            ("«Гимназия № 5» — 100 %, 漢字", "«Гимназия № 5» — 100 %, 漢字"),   // text stays
            ("\u{1b}[Привет", "Привет"),                                     // broken CSI keeps the text
        ]
        for (typed, shown) in cases {
            #expect(DisplayText.sanitize(typed) == shown, "\(typed.debugDescription)")
            #expect(DisplayText.isClean(shown))
        }
        #expect(!DisplayText.isClean("a\u{1b}b"))
    }

    // MARK: - Strict values and paths

    @Test(arguments: ["8//10", "8/10/", "/10", "8/", "+8/10", "8/1 0", "8/10/1", "８/10", "8/-1"])
    func aCountIsReadStrictlyOrRefused(typed: String) {
        let share = Answer.parse(typed, for: .share(thresholdPercent: 80, points: 1))
        if case .success(let a) = share { Issue.record("\(typed) was read as \(a)") }
    }

    @Test func wellFormedCountsAreRead() {
        #expect((try? Answer.parse(" 8 / 10 ", for: .share(thresholdPercent: 80, points: 1)).get()) == .ratio(part: 8, whole: 10))
        #expect((try? Answer.parse("3/4/5", for: .retention(thresholdPercent: 50, points: 1)).get()) == .retention(retained: 3, lastYear: 4, current: 5))
        #expect((try? Answer.parse("42,5 %", for: .percent).get()) == .percent(42.5))
        for bad in ["1//4", "3/4/", "3//4/5"] {
            if case .success = Answer.parse(bad, for: .retention(thresholdPercent: 50, points: 1)) { Issue.record("\(bad) was accepted") }
        }
        for bad in ["1e1", "0x10", "-5", "4..2", "."] {
            if case .success = Answer.parse(bad, for: .percent) { Issue.record("\(bad) was accepted") }
        }
    }

    @Test(arguments: ["2025-26/../2024-25", "../../x", "2025-26/", "..", "2025-+7", "/etc", "2025-26\u{0}"])
    func aPeriodThatIsNotAPeriodNeverReachesAPath(period: String) throws {
        let ws = try Fixture.demoWorkspace()
        let s = try session(ws, "metodist")
        do {
            _ = try s.cardContext(org: "sch-001", period: period)
            Issue.record("\(period) was accepted")
        } catch let e as StoreError {
            guard case .invalid(let why) = e else { Issue.record("\(e)"); return }
            #expect(why.russian.contains("2025-26"))
        }
    }

    // MARK: - Sizes

    @Test func fieldsLongerThanTheirLimitAreRefusedAtEntryAndNothingIsWritten() throws {
        let ws = try Fixture.demoWorkspace()
        let org = try draftGeneral(ws)
        let s = try session(ws, "dir-\(org)")
        let path = ws.cardPath(org: org, period: "2025-26")
        let before = FileManager.default.contents(atPath: path)
        let journal = try ws.journal.entries().count
        let megabyte = String(repeating: "ж", count: 1 << 19)
        let tooLong: [Evidence] = [Evidence(document: megabyte), Evidence(document: String(repeating: "a", count: 501)),
                                   Evidence(document: "Приказ", number: String(repeating: "1", count: 51)),
                                   Evidence(document: "Приказ", date: String(repeating: "1", count: 21))]
        for ev in tooLong {
            do {
                try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: ev)
                Issue.record("accepted \(ev.document.count) + \(ev.number.count) + \(ev.date.count) characters")
            } catch let e as StoreError {
                #expect(e.russian.contains("слишком длинный"), "\(e.russian)")
            }
        }
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(try ws.journal.entries().count == journal)
        // At the limit it is taken.
        let longest = Evidence(document: String(repeating: "я", count: FieldLimit.document.maxLength), number: "12", date: "01.09.2026")
        let card = try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: longest)
        #expect(card.evidence["d1.3"] == longest)
        #expect(FieldLimit.comment.problem(String(repeating: "к", count: 2_001)) != nil)
        #expect(FieldLimit.comment.problem(String(repeating: "к", count: 2_000)) == nil)
    }

    // MARK: - Writes

    /// A save replaces the file (temp + rename), never writes into it: a hard link made to the old file
    /// keeps the old bytes, and the path names a new inode. (Written in place, both would show the new card.)
    @Test func aSaveReplacesTheCardFileAndNeverWritesIntoIt() throws {
        let ws = try Fixture.demoWorkspace()
        let org = try draftGeneral(ws)
        let s = try session(ws, "dir-\(org)")
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(false)), evidence: nil)
        let path = ws.cardPath(org: org, period: "2025-26")
        let old = try #require(FileManager.default.contents(atPath: path))
        let oldLink = path + ".old-link"
        #expect(link(path, oldLink) == 0)
        defer { unlink(oldLink) }
        let inodeBefore = try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
        try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        #expect(FileManager.default.contents(atPath: oldLink) == old)
        #expect(FileManager.default.contents(atPath: path) != old)
        let inodeAfter = try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
        #expect(inodeAfter != inodeBefore)
    }

    // MARK: - Imports

    @Test func anImportThatWouldRescoreCardsIsRefusedUnlessForced() throws {
        let ws = try Fixture.demoWorkspace()
        let orgs = try ws.organisations()
        let school = try #require(orgs.first { $0.type == .general && ($0.pupils ?? 0) > 600 && $0.schoolLevel == .secondary })
        let before = FileManager.default.contents(atPath: ws.path("organisations.json"))
        let methodist = try session(ws, "metodist")
        var kindergarten = school; kindergarten.type = .preschool; kindergarten.schoolLevel = nil
        var smaller = school; smaller.pupils = 400                       // over 500 → 500 or fewer: another size cluster
        var basic = school; basic.schoolLevel = .basic
        for changed in [kindergarten, smaller, basic] {
            do {
                _ = try methodist.importOrganisations([changed])
                Issue.record("\(changed) was imported")
            } catch let e as StoreError {
                #expect(e.russian.contains("\(school.id) (2025-26)") && e.russian.contains("--force"), "\(e.russian)")
            }
        }
        #expect(FileManager.default.contents(atPath: ws.path("organisations.json")) == before)
        // Within its cluster (a new name, 700 → 650 pupils) and a new organisation: taken.
        var renamed = school; renamed.name = "МБОУ СОШ № 1"; renamed.pupils = 650
        let fresh = Organisation(id: "new-1", name: "Новая школа", type: .general, pupils: 100, schoolLevel: .secondary)
        let result = try methodist.importOrganisations([renamed, fresh])
        #expect(result.added == [fresh] && result.updated.map(\.after) == [renamed])
        // Forced, the change is made and journaled.
        _ = try methodist.importOrganisations([kindergarten], force: true)
        #expect(try ws.organisation(school.id).type == .preschool)
        let last = try #require(try ws.journal.entries().last)
        #expect(last.action == "org.update" && last.target == "org:\(school.id)")
    }

    @Test func csvFromExcelInWindows1251WithQuotedFieldsIsRead() throws {
        let text = "id;name;type;pupils;level\r\nsch-9;\"МБОУ \"\"СОШ № 9\"\"; корпус 2\";ОО;510;средняя\r\ndou-9;МБДОУ «Ёлочка»;ДОО;;\r\n"
        var bytes = Data()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x410...0x44F: bytes.append(UInt8(scalar.value - 0x410 + 0xC0))
            case 0x401: bytes.append(0xA8)
            case 0x451: bytes.append(0xB8)
            case 0x2116: bytes.append(0xB9)
            case 0xAB: bytes.append(0xAB)
            case 0xBB: bytes.append(0xBB)
            default: bytes.append(UInt8(scalar.value))
            }
        }
        #expect(String(data: bytes, encoding: .utf8) == nil)
        let orgs = try OrganisationFile.parse(bytes, name: "orgs.csv")
        #expect(orgs.map(\.name) == ["МБОУ \"СОШ № 9\"; корпус 2", "МБДОУ «Ёлочка»"])
        #expect(orgs.map(\.type) == [.general, .preschool])
        #expect(orgs[0].pupils == 510)
        let comma = try OrganisationFile.parse(Data("id,name,type\nx-1,\"Школа, № 1\",general\n".utf8), name: "c.csv")
        #expect(comma.map(\.name) == ["Школа, № 1"])
        #expect(throws: StoreError.self) { try OrganisationFile.parse(Data("x-1;Школа;general;+5\n".utf8), name: "p.csv") }
    }
}
