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

    /// What a rule is worth for an answer, worked out here from the regulation's words, apart from `Scoring`:
    /// a fact earns its points when present; a share, participation or retention earns its point when
    /// part × 100 ≥ threshold × whole with a whole of at least one; a percent is ranked, never summed.
    static func expectedPoints(_ a: Answer, _ rule: Rule) -> Int {
        switch (rule, a) {
        case (.fact(let p), .fact(let yes)): return yes ? p : 0
        case (.share(let t, let p), .ratio(let part, let whole)), (.participation(let t, let p), .ratio(let part, let whole)),
             (.retention(let t, let p), .retention(let part, let whole, _)):
            guard whole >= 1, part <= whole else { return 0 }
            return Double(part) / Double(whole) * 100 >= Double(t) - 1e-9 ? p : 0
        default: return 0
        }
    }

    /// Typed counts `a/b` are accepted exactly when they are a possible count (0 ≤ a ≤ b), and then read as
    /// typed, earning what the regulation says; anything else is refused in both languages.
    @Test func anyTypedValueIsReadAsTypedOrRefused() async {
        let fixed = ["да", "нет", "yes", "no", "д", "-", "42,5", "1e400", "nan", " 8 / 10 ", "٣/٤", "", "/", "1//2", "8/10/", "+3/4"]
        let parts = zip(Gen.int(in: 0...4), Gen.letterOrNumber.string(of: 0...8), Gen.int(in: -5...120))
        let more = zip(Gen.int(in: -3...60), Gen.int(in: -3...60), Gen.int(in: 0...(Self.rules.count - 1)))
        await propertyCheck(count: Self.count, input: parts, more) { p, m in
            let (kind, letters, n) = p
            let (a, b, r) = m
            let rule = Self.rules[r]
            let text = [letters, "\(n)", "\(a)/\(b)", "\(a)/\(b)/\(n)", fixed[abs(n) % fixed.count]][kind]
            let result = Answer.parse(text, for: rule, knownLastYear: 4)
            switch result {
            case .success(let answer):
                #expect(answer.fits(rule))
                #expect(Scoring.points(for: answer, rule: rule) == Self.expectedPoints(answer, rule), "\(text) \(rule)")
            case .failure(let e):
                #expect(!e.english.isEmpty && !e.russian.isEmpty)
            }
            // A ratio typed as two counts: accepted iff possible, and read as typed.
            if kind == 2, case .share = rule {
                let possible = a >= 0 && b >= 0 && a <= b
                if case .success(let answer) = result { #expect(possible && answer == .ratio(part: a, whole: b), "\(text)") }
                else { #expect(!possible, "\(text) refused") }
            }
            if kind == 3, case .retention = rule {
                let possible = a >= 0 && b >= 0 && n >= 0 && a <= b
                if case .success(let answer) = result { #expect(possible && answer == .retention(retained: a, lastYear: b, current: n)) }
                else { #expect(!possible, "\(text) refused") }
            }
        }
    }

    /// Any answers and verdicts: the points after review are what the test works out itself — claimed points
    /// for unreviewed and confirmed indicators, none for «не подтверждено», the corrected value's points for
    /// «исправлено» (corrections drawn apart from the answers) — and the level follows the template's table.
    @Test func anyCardScoresWhatTheRegulationSays() async throws {
        let t = try Fixture.template(.general)
        let ids = t.indicators.map(\.id)
        let verdictList: [Verdict?] = [nil, .confirmed, .notConfirmed, .corrected]
        let verdicts = Gen.int(in: 0...3).map { verdictList[$0] }
        let answer = zip(Gen.bool, Gen.int(in: 0...40), Gen.int(in: 0...40))
        let cells = zip(answer, verdicts, answer).array(of: ids.count...ids.count)
        await propertyCheck(count: Self.count, input: cells) { cells in
            func make(_ ind: Indicator, _ x: (Bool, Int, Int)) -> Answer {
                let (flag, a, b) = x
                switch ind.rule {
                case .fact: return .fact(flag)
                case .retention: return .retention(retained: min(a, b), lastYear: max(a, b), current: a)
                case .percent: return .percent(Double(a))
                default: return .ratio(part: min(a, b), whole: max(a, b))
                }
            }
            var card = ExpertCard(org: "x", period: "2025-26", template: t.id)
            var claimed = 0, reviewed = 0
            var perDirection: [Int: Int] = [:]
            for (ind, (given, verdict, correction)) in zip(t.indicators, cells) {
                let a = make(ind, given), c = make(ind, correction)
                card.answers[ind.id] = a
                let claim = Self.expectedPoints(a, ind.rule)
                claimed += claim
                var stands = claim
                if let v = verdict {
                    card.reviews[ind.id] = IndicatorReview(verdict: v, corrected: v == .corrected ? c : nil,
                                                          reviewer: "e", at: Date(timeIntervalSince1970: 0))
                    stands = v == .confirmed ? claim : v == .notConfirmed ? 0 : Self.expectedPoints(c, ind.rule)
                }
                reviewed += stands
                let d = t.directions.first { $0.indicators.contains { $0.id == ind.id } }?.number ?? 0
                perDirection[d, default: 0] += stands
            }
            let s = Scoring.score(card, template: t)
            #expect(s.claimedPoints == claimed)
            #expect(s.points == reviewed)
            #expect(s.directions.map(\.points) == t.directions.map { perDirection[$0.number] ?? 0 })
            let high = t.levels.high, medium = t.levels.medium
            #expect(s.level == (reviewed >= high ? .high : reviewed >= medium ? .medium : .low))
            #expect(abs(s.percent - (Double(reviewed) * 1000 / Double(s.max)).rounded() / 10) < 1e-9)
        }
    }

    /// Whatever bytes a card file holds, reading it either succeeds or names the file and a line inside it;
    /// and a save onto a damaged card refuses, leaving its bytes as they were (never reset, never "repaired").
    @Test func aDamagedCardFileIsReportedAndNeverOverwritten() async throws {
        let ws = try Fixture.demoWorkspace()
        let org = try #require(try ws.scoreRows(try ws.campaign(orLatest: nil)).first { $0.status == .draft && $0.type == .general }).org
        let path = ws.cardPath(org: org, period: "2025-26")
        let principal = try Session.open(ws, as: "dir-\(org)", today: try #require(Day(year: 2026, month: 9, day: 10)))
        try principal.setIndicator(org: org, period: nil, indicator: "d1.3", answer: .some(.fact(true)), evidence: nil)
        let good = try #require(FileManager.default.contents(atPath: path))
        let lines = String(decoding: good, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count
        let damage = zip(Gen.int(in: 0...(good.count - 1)), Gen.int(in: 1...40), Gen.int(in: 0...255))
        await propertyCheck(count: Self.count, input: damage) { at, length, byte in
            var bytes = good
            let end = min(bytes.count, at + length)
            bytes.replaceSubrange(at..<end, with: [UInt8](repeating: UInt8(byte), count: end - at))
            do { try bytes.write(to: URL(fileURLWithPath: path)) } catch { Issue.record("\(error)"); return }
            var readable = false
            do {
                _ = try ws.savedCard(org: org, period: "2025-26")
                readable = true
            } catch let e as StoreError {
                if case .corrupt(let p, let line, _) = e {
                    #expect(p == path)
                    // (The damage may itself write newlines: count the lines of what is on disk.)
                    let damagedLines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count
                    #expect((1...max(lines, damagedLines) + 1).contains(line), "line \(line) of \(damagedLines)")
                } else {
                    Issue.record("unexpected error \(e)")
                }
            } catch {
                Issue.record("unexpected error \(error)")
            }
            do {
                try principal.setIndicator(org: org, period: nil, indicator: "d1.1", answer: .some(.ratio(part: 1, whole: 3)), evidence: nil)
                #expect(readable, "a save onto an unreadable card succeeded")
            } catch {
                if !readable { #expect(FileManager.default.contents(atPath: path) == bytes, "the damaged card was overwritten") }
            }
        }
    }

    /// Whatever a CSV holds (separators, quotes, CP1251 bytes, controls), the import either reads organisations
    /// with valid ids and names within their limit, or names the file and a line inside it.
    @Test func anyCSVIsImportedOrRefusedWithItsLine() async {
        let pieces = ["id;name;type\n", "x-1;Школа;general;500;secondary\n", "\"", ";", ",", "\r\n", "\n", "ДОО", "ОО", "общеобразовательная",
                      "../x", "\u{1b}]52;c;QQ==\u{7}", "\u{0}", "preschool", "12", "-1", "+5", "\"\"", "«Ёлка»", "y_2", "basic"]
        let gen = zip(Gen.int(in: 0...(pieces.count - 1)), Gen.int(in: 0...255)).array(of: 0...60)
        await propertyCheck(count: Self.count, input: gen) { chosen in
            var data = Data()
            for (piece, byte) in chosen {
                if byte < 16 { data.append(UInt8(128 + byte * 8)) } else { data.append(contentsOf: Array(pieces[piece].utf8)) }
            }
            let lineCount = TextEncoding.decode(data).split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).count
            do {
                let orgs = try OrganisationFile.parse(data, name: "f.csv")
                #expect(!orgs.isEmpty)
                for o in orgs {
                    #expect(Identifier.isValid(o.id) && !o.name.isEmpty && FieldLimit.organisationName.problem(o.name) == nil)
                    #expect(o.pupils.map { (0..<100_000).contains($0) } ?? true)
                }
                #expect(Set(orgs.map(\.id)).count == orgs.count)
            } catch let e as StoreError {
                guard case .rejected(let p, let line, _) = e else { Issue.record("\(e)"); return }
                #expect(p == "f.csv" && (1...max(1, lineCount)).contains(line ?? 1), "line \(String(describing: line)) of \(lineCount)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
