import Foundation
import Testing
@testable import Model
import TestSupport

/// Every entry's hash is SHA-256 of its canonical form, now written by `EntryJSON` instead of `JSONEncoder`; the
/// journals of existing workspaces hold hashes of `JSONEncoder`'s bytes, so the two must agree to the byte, or
/// `audit verify` would call every old entry edited (and every new one would carry a hash nobody else computes).
struct JournalEncodingTests {
    static func reference(_ e: JournalEntry) throws -> Data {
        try JSONFiles.encoder(pretty: false).encode(e.hashedBody())
    }

    static func check(_ e: JournalEntry, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let direct = try #require(EntryJSON.body(e.hashedBody()), sourceLocation: sourceLocation)
        let expected = try reference(e)
        #expect(direct == expected, "\(CardEncodingTests.firstDifference(direct, expected))", sourceLocation: sourceLocation)
    }

    /// A real journal: a demo workspace's every entry (cards, organisations, people, checkpoints, reviews) plus
    /// saves of evidence made of every awkward piece of text a person can type.
    @Test func everyEntryOfARealJournalIsWrittenAsJSONEncoderWritesIt() throws {
        let ws = try Fixture.demoWorkspace()
        let s = try Fixture.session(ws, "metodist")
        let org = try Fixture.draftGeneral(ws)
        for (i, piece) in CardEncodingTests.pieces.enumerated() where !piece.isEmpty {
            try s.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(i % 2 == 0)),
                               evidence: Evidence(document: "Приказ " + piece, number: piece, date: "01.09.2025"))
        }
        var checked = 0
        for e in try ws.journal.entries() {
            try Self.check(e)
            #expect(e.computedHash() == e.hash, "entry \(e.seq)")
            checked += 1
        }
        #expect(checked > CardEncodingTests.pieces.count)
        #expect(ws.journal.verify() == .intact(entries: checked))
    }

    /// Values of every shape a before/after can hold: nesting, empty containers, keys that sort differently by
    /// bytes than by `String`'s `<`, every escape, every number shape; a document digest with and without its
    /// revision; a NaN gives nil (the caller falls back to `JSONEncoder`, which refuses it). 400 entries, or
    /// `PROFROST_FUZZ`.
    @Test func generatedValuesAreWrittenAsJSONEncoderWritesThem() throws {
        let pieces = CardEncodingTests.pieces, numbers = CardEncodingTests.percents
        var rng = SystemRandomNumberGenerator()
        func value(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &rng) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &rng))
            case 2: return .int(Int.random(in: Int.min...Int.max, using: &rng))
            case 3: return .double(numbers.randomElement(using: &rng) ?? 0)
            case 4: return .string((0..<Int.random(in: 0...4, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined())
            case 5: return .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in value(depth + 1) })
            default:
                var o: [String: JSONValue] = [:]
                for _ in 0..<Int.random(in: 0...4, using: &rng) { o[pieces.randomElement(using: &rng) ?? "k"] = value(depth + 1) }
                return .object(o)
            }
        }
        for n in 0..<max(400, CardEncodingTests.count) {   // PROFROST_FUZZ=N runs N (README, "Long runs")
            let doc = n % 3 == 0 ? nil : DocumentDigest(path: "campaigns/2025-26/cards/" + (pieces.randomElement(using: &rng) ?? ""),
                                                        revision: n % 3 == 1 ? nil : n, sha256: String(repeating: "ab", count: 32))
            let e = JournalEntry(seq: n, time: Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &rng))),
                                 actor: pieces.randomElement(using: &rng) ?? "", action: "card.answer",
                                 target: "card:2025-26/x#" + (pieces.randomElement(using: &rng) ?? ""),
                                 before: value(0), after: value(0), prev: JournalEntry.genesis, hash: "", document: doc)
            try Self.check(e)
        }
        let nan = JournalEntry(seq: 1, time: Date(), actor: "a", action: "x", target: "t", before: .double(.nan), after: .null,
                               prev: JournalEntry.genesis, hash: "", document: nil)
        #expect(EntryJSON.body(nan.hashedBody()) == nil)
    }
}
