import Foundation
import Testing
import PropertyBased
import Model
import TestSupport

/// Property-based checks over what people type and what files contain. CI runs a short version;
/// `PROFROST_FUZZ=N` runs N cases per property (README, "Long runs").
@Suite struct FuzzTests {
    static var count: Int { Int(ProcessInfo.processInfo.environment["PROFROST_FUZZ"] ?? "") ?? 200 }

    static let rules: [Rule] = [.fact(points: 1), .fact(points: 3), .share(thresholdPercent: 80, points: 1),
                                .retention(thresholdPercent: 50, points: 1), .participation(thresholdPercent: 50, points: 1), .percent]

    /// Whatever is typed, parsing never crashes, and an accepted value scores within the rule's points.
    @Test func anyTypedValueIsParsedOrRefusedInBothLanguages() async {
        let fixed = ["да", "нет", "yes", "no", "д", "-", "42,5", "1e400", "nan", " 8 / 10 ", "٣/٤", "", "/", "1//2"]
        let parts = zip(Gen.int(in: 0...4), Gen.letterOrNumber.string(of: 0...8), Gen.int(in: -5...120))
        let more = zip(Gen.int(in: -3...60), Gen.int(in: -3...60), Gen.int(in: 0...(Self.rules.count - 1)))
        await propertyCheck(count: Self.count, input: parts, more) { p, m in
            let (kind, letters, n) = p
            let (a, b, r) = m
            let rule = Self.rules[r]
            let text = [letters, "\(n)", "\(a)/\(b)", "\(a)/\(b)/\(n)", fixed[abs(n) % fixed.count]][kind]
            switch Answer.parse(text, for: rule, knownLastYear: 4) {
            case .success(let a):
                #expect(a.fits(rule))
                let p = Scoring.points(for: a, rule: rule)
                #expect(p >= 0 && p <= rule.maxPoints)
            case .failure(let e):
                #expect(!e.english.isEmpty && !e.russian.isEmpty)
            }
        }
    }

    /// Any set of answers and verdicts gives points within 0…sum of indicators, and the level its points imply.
    @Test func anyCardScoresWithinTheTemplate() async throws {
        let t = try Fixture.template(.general)
        let ids = t.indicators.map(\.id)
        let verdictList: [Verdict?] = [nil, .confirmed, .notConfirmed, .corrected]
        let verdicts = Gen.int(in: 0...3).map { verdictList[$0] }
        let cells = zip(Gen.bool, Gen.int(in: 0...40), Gen.int(in: 0...40), verdicts).array(of: ids.count...ids.count)
        let printedSum = t.indicators.reduce(0) { $0 + $1.rule.maxPoints }
        await propertyCheck(count: Self.count, input: cells) { cells in
            var card = ExpertCard(org: "x", period: "2025-26", template: t.id)
            for (ind, (flag, a, b, verdict)) in zip(t.indicators, cells) {
                let answer: Answer
                switch ind.rule {
                case .fact: answer = .fact(flag)
                case .retention: answer = .retention(retained: min(a, b), lastYear: max(a, b), current: a)
                default: answer = .ratio(part: min(a, b), whole: max(a, b))
                }
                card.answers[ind.id] = answer
                if let v = verdict {
                    card.reviews[ind.id] = IndicatorReview(verdict: v, corrected: v == .corrected ? answer : nil,
                                                          reviewer: "e", at: Date(timeIntervalSince1970: 0))
                }
            }
            let s = Scoring.score(card, template: t)
            #expect((0...printedSum).contains(s.points) && (0...printedSum).contains(s.claimedPoints))
            #expect(s.points <= s.claimedPoints)
            #expect(s.directions.reduce(0) { $0 + $1.points } == s.points)
            #expect(s.level == Scoring.level(points: s.points, table: t.levels))
            #expect(s.percent.isFinite)
        }
    }

    /// Whatever bytes a card file holds, reading it either succeeds or names the file and a line inside it.
    @Test func aDamagedCardFileIsReportedNeverCrashes() async throws {
        let ws = try Fixture.demoWorkspace()
        let path = ws.cardPath(org: "sch-001", period: "2025-26")
        let good = try #require(FileManager.default.contents(atPath: path))
        let lines = String(decoding: good, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count
        let damage = zip(Gen.int(in: 0...(good.count - 1)), Gen.int(in: 1...40), Gen.int(in: 0...255))
        await propertyCheck(count: max(20, Self.count / 5), input: damage) { at, length, byte in
            var bytes = good
            let end = min(bytes.count, at + length)
            bytes.replaceSubrange(at..<end, with: [UInt8](repeating: UInt8(byte), count: end - at))
            do {
                try bytes.write(to: URL(fileURLWithPath: path))
                _ = try ws.savedCard(org: "sch-001", period: "2025-26")
            } catch let e as StoreError {
                if case .corrupt(let p, let line, _) = e {
                    #expect(p == path)
                    #expect((1...lines + 1).contains(line))
                } else {
                    Issue.record("unexpected error \(e)")
                }
            } catch {
                Issue.record("unexpected error \(error)")
            }
            #expect(FileManager.default.contents(atPath: path) == bytes)
        }
    }
}
