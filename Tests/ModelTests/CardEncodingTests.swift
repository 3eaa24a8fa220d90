import Foundation
import Testing
import PropertyBased
@testable import Model
import TestSupport

/// A card is stored (and its journal digest taken) through `CardJSON`, not `JSONEncoder`; workspaces saved before
/// hold SHA-256 of `JSONEncoder`'s bytes in their journal, so the two must agree to the byte, or `audit verify`
/// would report every such card as tampered with. `PROFROST_FUZZ=N` runs N cards per property (README, "Long runs").
/// Without shrinking: a card is up to 1,200 choices, and shrinking them one by one ran for over ten minutes on the
/// one failure tried (a broken escape); the failure names the first differing bytes and the seed replays it.
@Suite(.shrinking(false)) struct CardEncodingTests {
    static var count: Int { Int(ProcessInfo.processInfo.environment["PROFROST_FUZZ"] ?? "") ?? 300 }

    /// What `JSONFiles.encode` wrote for a card before `CardJSON`: `JSONEncoder` with the workspace's settings.
    static func reference(_ card: ExpertCard) throws -> Data {
        var data = try JSONFiles.encoder().encode(card)
        data.append(0x0A)
        return data
    }

    /// The first difference, for a failure a person can read (the whole card can be a megabyte).
    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let x = [UInt8](a), y = [UInt8](b)
        let i = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
        func around(_ v: [UInt8]) -> String {
            String(decoding: v[max(0, i - 60)..<min(v.count, i + 60)], as: UTF8.self).debugDescription
        }
        return "at byte \(i) of \(x.count)/\(y.count): direct \(around(x)) vs JSONEncoder \(around(y))"
    }

    /// Text pieces a card's fields are made of: every escape JSON has, every control, what must stay raw (slash,
    /// DEL, line/paragraph separators, bidi controls, BOM), Cyrillic, emoji sequences, combining marks, and text
    /// shaped like the JSON around it (a string must never end its value early).
    static let pieces: [String] = {
        var p = ["", "\"", "\\", "/", "\\\"", "\u{7f}", "\u{80}", "\u{2028}", "\u{2029}", "\u{200e}", "\u{200f}",
                 "\u{202e}", "\u{2066}", "\u{2069}", "\u{feff}", "\u{fffd}", "\u{ffff}", "\u{10ffff}",
                 "Приказ № 12 от 01.09.2025", "МБОУ «СОШ № 5»", "ёЁ", "👩‍🏫", "🇷🇺", "👍🏽", "e\u{301}", "\u{e9}",
                 "\u{212b}", "\u{c6}", "a\u{308}\u{332}", "𝔸", "%", "</script>", "{\"a\" : 1}", "\n  \"journal\" : ",
                 "  ", ":", ",", "0", "1e-07", "null", "\u{1b}[31m", "\u{1b}]0;title\u{7}", " ", "x"]
        for c in 0..<0x20 { p.append(String(UnicodeScalar(UInt8(c)))) }
        return p
    }()

    /// Percents of every shape `Double.description` has: integral (`100`, no `.0`), short fractions, exponents
    /// both ways, the largest and smallest doubles, negative zero.
    static let percents: [Double] = [0, -0.0, 0.1, 0.2, 0.30000000000000004, 1e-7, 1e-5, 1e-4, 0.001, 12.5, 42.5, 100,
                                     99.99999999999999, 1.0 / 3, 2.0 / 3 * 100, 1e15, 1e16, 123456789012345680,
                                     9007199254740993, 1e21, 1e22, 1e100, -1, -12.5, 5e-324, 2.2250738585072014e-308,
                                     Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 4.35, 0.5, 50]

    /// Builds a card from a list of choices (what the property generator makes and shrinks): each field takes
    /// the next choice; when the list runs out every choice is 0 (the smallest card).
    struct Builder {
        let choices: [UInt64]
        var next = 0

        mutating func pick() -> UInt64 {
            defer { next += 1 }
            return next < choices.count ? choices[next] : 0
        }
        mutating func below(_ n: Int) -> Int { Int(pick() % UInt64(n)) }
        mutating func flag() -> Bool { pick() & 1 == 1 }

        mutating func text() -> String {
            var s = ""
            for _ in 0..<below(6) {
                switch below(4) {
                case 0:
                    // Any scalar at all (surrogates are not scalars: moved past them).
                    var v = UInt32(truncatingIfNeeded: pick()) % 0x110000
                    if (0xD800...0xDFFF).contains(v) { v += 0x800 }
                    s.unicodeScalars.append(UnicodeScalar(v) ?? "?")
                case 1: s += String(repeating: "ab/", count: below(4))
                default: s += CardEncodingTests.pieces[below(CardEncodingTests.pieces.count)]
                }
            }
            return s
        }

        mutating func int() -> Int {
            switch below(4) {
            case 0: return [0, 1, -1, Int.max, Int.min, 100_000, 9][below(7)]
            default: return below(200)
            }
        }

        mutating func percent() -> Double {
            if flag() { return CardEncodingTests.percents[below(CardEncodingTests.percents.count)] }
            // Any finite double: random bits, or a random hundredth.
            if flag() {
                let d = Double(bitPattern: pick())
                return d.isFinite ? d : 1.5
            }
            return Double(below(10_001)) / 100
        }

        mutating func answer() -> Answer {
            switch below(5) {
            case 0: return .fact(flag())
            case 1: return .ratio(part: int(), whole: int())
            case 2: return .retention(retained: int(), lastYear: int(), current: flag() ? int() : nil)
            case 3: return .retention(retained: int(), lastYear: int(), current: nil)
            default: return .percent(percent())
            }
        }

        mutating func date() -> Date {
            switch below(3) {
            case 0: return Date(timeIntervalSince1970: Double(below(2_000_000_000)))
            case 1: return Date(timeIntervalSince1970: Double(below(2_000_000_000)) + 0.5)   // fraction dropped
            default: return Date(timeIntervalSince1970: [-62_135_596_800, 253_402_300_799, 0, -1][below(4)])
            }
        }

        /// Indicator ids: the template's shape, and ones whose UTF-8 order differs from `String`'s `<`
        /// (`Å` as U+212B sorts after `Æ` by bytes, before it canonically).
        mutating func id() -> String {
            switch below(3) {
            case 0: return ["d1.1", "d1.10", "d1.2", "d10.1", "D1.1", "d1", "\u{212b}", "\u{c6}", "я1", "a1", "a"][below(11)]
            case 1: return "d\(below(12)).\(below(12))"
            default: return text()
            }
        }

        mutating func answers() -> [String: Answer] {
            var d: [String: Answer] = [:]
            for _ in 0..<below(8) { d[id()] = answer() }
            return d
        }

        mutating func evidence() -> [String: Evidence] {
            var d: [String: Evidence] = [:]
            for _ in 0..<below(6) { d[id()] = Evidence(document: text(), number: text(), date: text()) }
            return d
        }

        mutating func card() -> ExpertCard {
            var c = ExpertCard(org: text(), period: text(), template: text())
            c.formatVersion = int()
            c.revision = int()
            c.status = CardStatus.allCases[below(CardStatus.allCases.count)]
            c.answers = answers()
            c.evidence = evidence()
            for _ in 0..<below(5) {
                let verdict = Verdict.allCases[below(Verdict.allCases.count)]
                c.reviews[id()] = IndicatorReview(verdict: verdict, corrected: flag() ? answer() : nil, comment: text(),
                                                  reviewer: text(), at: date())
            }
            if flag() { c.answersAtReturn = answers() }
            if flag() { c.evidenceAtReturn = evidence() }
            for _ in 0..<below(5) {
                c.history.append(StatusChange(status: CardStatus.allCases[below(4)], by: text(), at: date(),
                                              comment: flag() ? text() : nil))
            }
            if flag() { c.updatedAt = date() }
            if flag() { c.updatedBy = text() }
            if flag() { c.journal = JournalLink(seq: int(), hash: flag() ? String(repeating: "0f", count: 32) : text()) }
            return c
        }
    }

    static let choices = Gen.uint64().array(of: 0...1200)

    /// Any card — every answer shape, every optional nil or set, empty and full dictionaries, hostile text —
    /// is stored as exactly the bytes `JSONEncoder` gave for it.
    @Test func anyCardIsStoredAsTheBytesJSONEncoderGave() async {
        await propertyCheck(count: Self.count, input: Self.choices) { choices in
            var b = Builder(choices: choices)
            let card = b.card()
            guard let expected = try? Self.reference(card) else {
                Issue.record("JSONEncoder refused a card with finite numbers only")
                return
            }
            let direct = (try? JSONFiles.encode(card)) ?? Data()
            #expect(direct == expected, "\(Self.firstDifference(direct, expected))")
        }
    }

    /// The digest a save records is SHA-256 of the card without its link, as `JSONEncoder` wrote it (what the
    /// journals of existing workspaces hold); and adding the link to those bytes gives the stored file.
    @Test func theDigestAndTheLinkedFileAreWhatJSONEncoderGave() async {
        await propertyCheck(count: Self.count, input: Self.choices) { choices in
            var b = Builder(choices: choices)
            var card = b.card()
            card.journal = nil
            guard let unlinked = try? Self.reference(card) else {
                Issue.record("JSONEncoder refused a card with finite numbers only")
                return
            }
            #expect((try? Workspace.contentHash(card)) == Hashing.sha256(unlinked))
            let link = JournalLink(seq: b.int(), hash: b.text())
            card.journal = link
            let spliced = JSONFiles.inserting(key: "journal", value: link, into: unlinked)
            #expect(spliced == (try? Self.reference(card)))
            // The link does not change the digest.
            #expect((try? Workspace.contentHash(card)) == Hashing.sha256(unlinked))
        }
    }

    /// Every control character, each escape next to the others and at both ends, and a 1 MB evidence name and
    /// comment: the same bytes, and they read back to the same card.
    @Test func everyEscapeAndMegabyteStringsEncodeAsJSONEncoderDoes() throws {
        var mixed = ""
        for c in 0..<0x20 { mixed.unicodeScalars.append(UnicodeScalar(UInt8(c))) }
        mixed += "\"\\/\u{7f}\u{2028}\u{2029}\u{200f}\u{202e}Юникод👩‍🏫e\u{301}"
        let megabyte = String(repeating: mixed, count: 1_048_576 / mixed.utf8.count + 1)
        var card = ExpertCard(org: mixed, period: "2025-26", template: "\u{0}")
        // `Å` (U+212B) sorts after `Æ` by UTF-8 bytes, before it by `String`'s `<`; `d1` before `d1.1` before `d10`.
        card.answers = ["d1.1": .fact(true), mixed: .percent(12.5), "": .ratio(part: 0, whole: 0), "\u{212b}": .percent(100),
                        "\u{c6}": .fact(false), "d1": .percent(0.1), "d10": .retention(retained: 1, lastYear: 2, current: nil)]
        card.evidence = ["d1.1": Evidence(document: megabyte, number: mixed, date: "")]
        card.reviews = ["d1.1": IndicatorReview(verdict: .corrected, corrected: .percent(1e-7), comment: megabyte,
                                                reviewer: mixed, at: Date(timeIntervalSince1970: 1_757_500_000))]
        card.history = [StatusChange(status: .returned, by: mixed, at: Date(timeIntervalSince1970: 0), comment: mixed)]
        card.updatedBy = String(repeating: "\\", count: 1000)
        let direct = try JSONFiles.encode(card)
        let expected = try Self.reference(card)
        // A Bool, not `direct == expected`: Testing would diff two megabytes of bytes element by element.
        let same = direct == expected
        #expect(same, "\(Self.firstDifference(direct, expected))")
        #expect(direct.count > 2 * 1_048_576)
        #expect(try JSONFiles.decode(ExpertCard.self, from: direct, path: "card.json") == card)
        // The escapes themselves, as a reader of the file sees them.
        let text = String(decoding: direct, as: UTF8.self)
        let controls = text.contains(#""org" : "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010"#)
        let quoteBackslashSlash = text.contains(#"\u001e\u001f\"\\/"#)
        #expect(controls && quoteBackslashSlash)
    }

    /// The smallest card (nothing answered): empty objects and arrays in JSONEncoder's pretty shape.
    @Test func aNewCardHasJSONEncodersEmptyObjectsAndArrays() throws {
        let card = ExpertCard(org: "sch-01", period: "2025-26", template: "school")
        let text = String(decoding: try JSONFiles.encode(card), as: UTF8.self)
        #expect(text == """
            {
              "answers" : {

              },
              "evidence" : {

              },
              "formatVersion" : 1,
              "history" : [

              ],
              "org" : "sch-01",
              "period" : "2025-26",
              "reviews" : {

              },
              "revision" : 0,
              "status" : "draft",
              "template" : "school"
            }

            """)
        #expect(try JSONFiles.encode(card) == (try Self.reference(card)))
    }

    /// A percent JSON cannot hold (NaN, infinity) is refused as `JSONEncoder` refused it, not written.
    @Test func aNonFinitePercentIsRefusedAsBefore() {
        for v in [Double.nan, .infinity, -.infinity] {
            var card = ExpertCard(org: "sch-01", period: "2025-26", template: "school")
            card.answers["d1.1"] = .percent(v)
            #expect(throws: EncodingError.self) { try JSONFiles.encode(card) }
            card.answers = [:]
            card.reviews["d1.1"] = IndicatorReview(verdict: .corrected, corrected: .percent(v), reviewer: "r", at: Date())
            #expect(throws: EncodingError.self) { try JSONFiles.encode(card) }
        }
    }
}
