import Foundation
import Testing
import Model
import TestSupport

/// `Workspace.organisation(_:)` and `person(_:)` decode only the entry they return (`ListEntryScan`): what they
/// give, and what they report about a damaged file, must be what decoding the whole list gives.
@Suite struct ListLookupTests {
    static let orgCount = 400

    /// A workspace whose lists hold `orgCount` organisations (Cyrillic names, optional fields present and
    /// absent) and their principals, one of them revoked.
    func workspace() throws -> Workspace {
        let root = Fixture.tempDir("lookup")
        let ws = try Workspace.create(at: root, name: "Тест", templates: try Fixture.templates(), actor: "test",
                                      methodist: Person(id: "metodist", name: "Методист", role: .methodist))
        var orgs = OrganisationList()
        orgs.revision = 3
        var people = PeopleList()
        people.revision = 2
        people.people = [Person(id: "metodist-old", name: "Бывший методист", role: .methodist,
                                revokedAt: Date(timeIntervalSince1970: 1_600_000_000))]
        for n in 0..<Self.orgCount {
            let type = OrgType.allCases[n % OrgType.allCases.count]
            orgs.organisations.append(Organisation(
                id: "org-\(n)", name: "МБОУ «Школа № \(n)» имени «\\ кавычек \"»", type: type,
                pupils: n % 3 == 0 ? nil : 100 + n, schoolLevel: n % 2 == 0 ? .secondary : nil,
                shortName: n % 5 == 0 ? "Ш\(n)" : nil))
            people.people.append(Person(id: "dir-org-\(n)", name: "Иванова Мария Петровна \(n)", role: .principal,
                                        org: "org-\(n)", revokedAt: n == 7 ? Date(timeIntervalSince1970: 1_700_000_000) : nil))
        }
        // The active methodist comes after the principals, a reviewer among them.
        people.people.insert(Person(id: "expert", name: "Эксперт", role: .reviewer), at: 100)
        people.people.append(Person(id: "metodist", name: "Методист", role: .methodist))
        try JSONFiles.encode(orgs).write(to: URL(fileURLWithPath: ws.path("organisations.json")))
        try JSONFiles.encode(people).write(to: URL(fileURLWithPath: ws.path("people.json")))
        return ws
    }

    /// What a call gives, value or error, as text to compare.
    func outcome<T>(_ body: () throws -> T) -> String {
        do { return "value \(try body())" } catch { return "error \(error)" }
    }

    /// The lookup in a fresh `Workspace` (nothing decoded yet) against the whole list decoded in another one.
    func expectSame(_ root: String, org id: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let one = outcome { try Workspace(root: root).organisation(id) }
        let whole = outcome { () throws -> Organisation in
            guard let o = try Workspace(root: root).organisations().first(where: { $0.id == id }) else {
                throw StoreError.notFound(what: "organisation", id: id)
            }
            return o
        }
        #expect(one == whole, sourceLocation: sourceLocation)
    }

    @Test func everyOrganisationAndPersonIsWhatTheWholeListSays() throws {
        let ws = try workspace()
        let orgs = try Workspace(root: ws.root).organisations()
        let people = try Workspace(root: ws.root).people()
        #expect(orgs.count == Self.orgCount && people.count == Self.orgCount + 3)
        for o in orgs { #expect(try Workspace(root: ws.root).organisation(o.id) == o) }
        for p in people { #expect(try Workspace(root: ws.root).person(p.id) == p) }
        #expect(try Workspace(root: ws.root).person("dir-org-7").isActive == false)
        #expect { try Workspace(root: ws.root).organisation("org-400") } throws: {
            ($0 as? StoreError) == .notFound(what: "organisation", id: "org-400")
        }
        #expect { try Workspace(root: ws.root).person("org-1") } throws: {
            ($0 as? StoreError) == .notFound(what: "person", id: "org-1")
        }
        // A prefix of a real id is not that id.
        #expect(throws: StoreError.self) { try Workspace(root: ws.root).organisation("org-") }
    }

    @Test func aRepeatedIdGivesTheFirstAsTheWholeListDoes() throws {
        let ws = try workspace()
        var list = try Workspace(root: ws.root).organisations()
        list.append(Organisation(id: "org-3", name: "Двойник", type: .preschool))
        var doc = OrganisationList()
        doc.revision = 4
        doc.organisations = list
        try JSONFiles.encode(doc).write(to: URL(fileURLWithPath: ws.path("organisations.json")))
        #expect(try Workspace(root: ws.root).organisation("org-3").name != "Двойник")
        try expectSame(ws.root, org: "org-3")
    }

    /// A file cut short anywhere (a torn write, a full disk): the lookup reports what the whole decode reports,
    /// naming the file and line.
    @Test func aFileCutShortAnywhereIsReportedAsBefore() throws {
        let ws = try workspace()
        let path = ws.path("organisations.json")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var cuts = Array(stride(from: 1, to: bytes.count, by: max(1, bytes.count / 97)))
        cuts += [bytes.count - 1, bytes.count - 2, 0]
        for cut in cuts {
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: path))
            try expectSame(ws.root, org: "org-0")
            if cut > 0 && cut < bytes.count - 1 {  // (the last byte is the final line break: without it the JSON is whole)
                #expect { try Workspace(root: ws.root).organisation("org-0") } throws: {
                    guard case .corrupt(let p, _, _)? = $0 as? StoreError else { return false }
                    return p == path
                }
            }
        }
    }

    /// One structural character deleted far from the entry looked up (a slip in a hand edit): reported with
    /// the line, as the whole decode reports it.
    @Test func aBrokenSyntaxFarAwayIsReportedWithItsLine() throws {
        let ws = try workspace()
        let path = ws.path("organisations.json")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let structural = Set("{}[],:".utf8)
        let at = bytes.indices.filter { structural.contains(bytes[$0]) }
        for k in stride(from: 0, to: at.count, by: max(1, at.count / 61)) {
            var broken = bytes
            broken.remove(at: at[k])
            try Data(broken).write(to: URL(fileURLWithPath: path))
            try expectSame(ws.root, org: "org-0")
            try expectSame(ws.root, org: "org-399")
        }
        // A closing bracket of the other kind (`}` for `]`, `]` for `}`): the brackets must pair, as they do for
        // the whole decode.
        let closers = bytes.indices.filter { bytes[$0] == UInt8(ascii: "}") || bytes[$0] == UInt8(ascii: "]") }
        for k in stride(from: 0, to: closers.count, by: max(1, closers.count / 41)) + [closers.count - 1] {
            var swapped = bytes
            swapped[closers[k]] = bytes[closers[k]] == UInt8(ascii: "}") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            try Data(swapped).write(to: URL(fileURLWithPath: path))
            try expectSame(ws.root, org: "org-0")
            try expectSame(ws.root, org: "org-399")
        }
        // A comma gone between two entries near the end: the error names that line.
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.components(separatedBy: "\n")
        let gap = try #require(lines.lastIndex { $0.trimmingCharacters(in: .whitespaces) == "}," })
        var edited = lines
        edited[gap] = edited[gap].replacingOccurrences(of: "},", with: "}")
        try Data(edited.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        #expect { try Workspace(root: ws.root).organisation("org-0") } throws: {
            guard case .corrupt(let p, let line, _)? = $0 as? StoreError else { return false }
            return p == path && abs(line - (gap + 2)) <= 1
        }
        try expectSame(ws.root, org: "org-0")
    }

    /// Hand edits that keep the syntax but that the whole decode refuses, in the entry looked up or in the
    /// document's head: reported as before. A damaged *other* entry does not stop the one looked up.
    @Test func contentDamageIsReportedWhereItMatters() throws {
        let ws = try workspace()
        let path = ws.path("organisations.json")
        let original = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        func edit(_ from: String, _ to: String) throws {
            #expect(original.contains(from))
            try Data(original.replacingOccurrences(of: from, with: to).utf8).write(to: URL(fileURLWithPath: path))
        }
        // The entry's own fields.
        try edit("\"id\" : \"org-5\",\n      \"name\"", "\"id\" : \"org-5\",\n      \"nam\"")
        try expectSame(ws.root, org: "org-5")
        #expect(throws: StoreError.self) { try Workspace(root: ws.root).organisation("org-5") }
        // The head: a newer format, a revision that is not a number, the list missing.
        for (from, to) in [("\"formatVersion\" : 1", "\"formatVersion\" : 9"), ("\"revision\" : 3", "\"revision\" : \"3\""),
                           ("\"revision\" : 3", "\"revision\" : 3.5"), ("\"organisations\" :", "\"organisation\" :"),
                           ("\"id\" : \"org-2\"", "\"id\" : 2"), ("\"id\" : \"org-2\"", "\"\\u0069d\" : \"org-2\"")] {
            try edit(from, to)
            try expectSame(ws.root, org: "org-5")
            try expectSame(ws.root, org: "org-2")
        }
        try edit("\"formatVersion\" : 1", "\"formatVersion\" : 9")
        #expect { try Workspace(root: ws.root).organisation("org-1") } throws: { "\($0)".contains("newer") }
        // An escaped id is still that id.
        try edit("\"id\" : \"org-9\"", "\"id\" : \"org\\u002d9\"")
        #expect(try Workspace(root: ws.root).organisation("org-9").name.contains("№ 9"))
        // Another entry's content damaged: the whole list is refused (the methodist is told), this one is found.
        try edit("\"id\" : \"org-300\",\n      \"name\"", "\"id\" : \"org-300\",\n      \"nam\"")
        #expect(throws: StoreError.self) { try Workspace(root: ws.root).organisations() }
        #expect(try Workspace(root: ws.root).organisation("org-5").name.contains("№ 5"))
    }

    /// Bytes that are not UTF-8, anywhere: the lookup does not pass them by.
    @Test func bytesThatAreNotUTF8AreReportedAsBefore() throws {
        let ws = try workspace()
        let path = ws.path("organisations.json")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let marker = Array("Школа № 350".utf8)
        let at = try #require((0..<(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker })
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xD0]] {
            var broken = bytes
            broken.replaceSubrange(at..<(at + 2), with: bad)
            try Data(broken).write(to: URL(fileURLWithPath: path))
            try expectSame(ws.root, org: "org-0")
        }
    }

    /// A session opens as its person from people.json without the rest; without `--as`, as the first methodist
    /// whose access is not revoked.
    @Test func aSessionFindsItsPerson() throws {
        let ws = try workspace()
        let day = try #require(Day(year: 2026, month: 9, day: 10))
        #expect(try Session.open(try Workspace(root: ws.root), as: nil, today: day).person.id == "metodist")
        #expect(try Workspace(root: ws.root).activeMethodist() == (try Workspace(root: ws.root).people().first { $0.role == .methodist && $0.isActive }))
        #expect(try Session.open(try Workspace(root: ws.root), as: "expert", today: day).person.role == .reviewer)
        let s = try Session.open(try Workspace(root: ws.root), as: "dir-org-4", today: try #require(Day(year: 2026, month: 9, day: 10)))
        #expect(s.person.org == "org-4" && s.person.name.hasSuffix(" 4"))
        #expect { try Session.open(try Workspace(root: ws.root), as: "dir-org-7", today: try #require(Day(year: 2026, month: 9, day: 10))) }
            throws: { ($0 as? StoreError)?.russian.contains("отозван") == true }
        #expect { try Session.open(try Workspace(root: ws.root), as: "nobody", today: try #require(Day(year: 2026, month: 9, day: 10))) }
            throws: { ($0 as? StoreError) == .notFound(what: "person", id: "nobody") }
    }
}
