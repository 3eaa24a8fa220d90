import Foundation
import Testing
import Model
import TestSupport

/// `profrost demo generate`: a region of any size, the same for the same seed, usable at once.
@Suite struct DemoGenerateTests {
    /// Every file but the journal (it records when) and the score indexes (they record inodes); cards without
    /// their link to the journal entry that made them (its hash covers the entry's time).
    func content(_ root: String) -> [String: Data] {
        Fixture.snapshot(root).filter { !$0.key.hasSuffix("journal.jsonl") && !$0.key.hasSuffix("score-index.txt") }
            .mapValues { data in
                guard var card = try? JSONSerialization.jsonObject(with: data) as? [String: Any], card["journal"] != nil else { return data }
                card["journal"] = nil
                return (try? JSONSerialization.data(withJSONObject: card, options: [.sortedKeys])) ?? data
            }
    }

    @Test func theSameSeedGivesTheSameRegion() async throws {
        let a = Fixture.tempDir("gen") + "/a", b = Fixture.tempDir("gen") + "/b", c = Fixture.tempDir("gen") + "/c"
        for (dir, seed) in [(a, "7"), (b, "7"), (c, "8")] {
            let r = try await Binary.run(["demo", "generate", "--orgs", "60", "--years", "3", "--out", dir, "--seed", seed])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.isEmpty, "no progress when stderr is not a terminal: \(r.stderr)")
        }
        #expect(content(a) == content(b))
        #expect(content(a) != content(c))
        let ws = try Workspace(root: a)
        #expect(try ws.organisations().count == 60)
        #expect(try ws.campaigns().count == 3)
        #expect(ws.journal.verify() == .intact(entries: try ws.journal.entries().count))
        let r = try await Binary.run(["score", "--format", "json"], data: a)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func aRegionHasSchoolsOnBothSidesOf500AndEveryStatus() throws {
        let root = Fixture.tempDir("gen") + "/w"
        let ws = try DemoGenerator(organisations: 400, years: 2, today: try #require(Day(year: 2026, month: 9, day: 10)))
            .generate(at: root, templates: try Fixture.templates())
        let orgs = try ws.organisations()
        let schools = orgs.filter { $0.type == .general }
        #expect(schools.contains { ($0.pupils ?? 0) > 500 } && schools.contains { ($0.pupils ?? 0) <= 500 })
        #expect(Set(orgs.map(\.type)) == Set(OrgType.allCases))
        let people = try ws.people()
        #expect(orgs.allSatisfy { o in people.contains { $0.org == o.id && $0.role == .principal } })
        let rows = try ws.scoreRows(try ws.campaign(orLatest: nil))
        #expect(Set(rows.map(\.status)) == Set(CardStatus.allCases))
        #expect(Set(rows.map(\.level)).count == 3)
    }

    @Test func aFolderThatIsNotEmptyIsRefused() async throws {
        let dir = Fixture.tempDir("gen")
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/keep.txt"))
        let r = try await Binary.run(["demo", "generate", "--orgs", "10", "--out", dir])
        #expect(r.status == 2)
        #expect(try String(contentsOfFile: dir + "/keep.txt", encoding: .utf8) == "x")
    }
}
