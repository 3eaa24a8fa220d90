import Foundation
import Testing
@testable import Model
import TestSupport
@testable import TUI

/// The analytics screens: arrows in the ranked tables, the cluster scheme, problem zones, an organisation's profile.
@Suite struct AnalyticsTests {
    /// Column of `title` in the header row `row`.
    func column(_ d: TUIDriver, _ title: String, row: Int) throws -> Int {
        let line = d.lines[row]
        let r = try #require(line.range(of: title))
        return line.distance(from: line.startIndex, to: r.lowerBound)
    }

    @Test func clusterRowsCarryTheArrowFromTheSessionInColourAndKeepLevelColours() throws {
        let d = try TUIDriver.demo()
        d.press(.char("3"))
        #expect(d.effects.last == .loadRanking(scheme: nil))
        let arrowCol = try column(d, "Дин.", row: 3) + 2
        let levelCol = try column(d, "Уровень", row: 3)
        let up = try #require(d.lines.indices.first { $0 > 4 && d.lines[$0].contains(" ↑ ") })
        let down = try #require(d.lines.indices.first { $0 > 4 && d.lines[$0].contains(" ↓ ") })
        let same = try #require(d.lines.indices.first { $0 > 4 && d.lines[$0].contains(" → ") })
        #expect(d.canvas.textAt(row: up, col: arrowCol) == "↑")
        #expect(d.canvas.styleAt(row: up, col: arrowCol)?.role == .good)
        #expect(d.canvas.styleAt(row: down, col: arrowCol)?.role == .bad)
        #expect(d.canvas.styleAt(row: same, col: arrowCol)?.role == .muted)
        #expect(d.canvas.styleAt(row: 5, col: levelCol)?.role == .good)
        let low = try #require(d.lines.firstIndex { $0.contains("низкая") })
        #expect(d.canvas.styleAt(row: low, col: levelCol)?.role == .bad)
        // The arrow is the Session's: the same as `profrost rank` gives.
        let session = try Session.open(d.workspace, as: nil, today: TUIDriver.today)
        let report = try session.ranking(period: nil)
        let dou021 = try #require(report.clusters[0].rows.first { $0.org == "dou-021" })
        let row = try #require(d.lines.first { $0.contains("dou-021") })
        #expect(row.contains(" \(dou021.trend?.arrow ?? "?") "))
    }

    @Test func cSwitchesTheSchemeKeepingTheTypeAndTheNameSaysWhere500Goes() throws {
        let d = try TUIDriver.demo()
        d.press(.char("3"), .tab)
        #expect(d.lines[1] == " Кластер 2 из 3: Общеобразовательные организации · организаций: 16")
        d.press(.char("c"))
        #expect(d.effects.last == .loadRanking(scheme: .size))
        #expect(d.message == "Кластеры по численности и уровню школ")
        #expect(d.lines[1] == " Кластер 2 из 5: Средние школы, более 500 учащихся · организаций: 8")
        d.press(.tab)
        #expect(d.lines[1].hasPrefix(" Кластер 3 из 5: Средние школы, 500 и менее учащихся"))
        d.press(.char("с"))  // c in the Russian layout: back to types
        #expect(d.lines[1] == " Кластер 2 из 3: Общеобразовательные организации · организаций: 16")
        #expect(d.lines[2].contains("кластеры по типам организаций"))
    }

    @Test func pOpensTheSelectedOrganisationsProfileAndEscComesBack() throws {
        let d = try TUIDriver.demo()
        d.press(.char("3"), .down, .char("p"))
        guard case .profile(let p) = d.state.top else { Issue.record("p opens the profile"); return }
        #expect(p.org == "dou-006")
        #expect(d.effects.last == .loadProfile(org: "dou-006"))
        #expect(d.lines[1] == " dou-006 · МБДОУ «Детский сад № 6 „Золотой ключик“»")
        d.press(.enter)
        #expect(d.card?.org == "dou-006" && d.card?.purpose == .view)
        d.press(.escape, .escape)
        guard case .clusters = d.state.top else { Issue.record("Esc goes back to the table"); return }
    }

    @Test func zonesAreHighlightedAndZKeepsOnlyThem() throws {
        let d = try TUIDriver.demo()
        d.press(.char("5"))
        #expect(d.effects.last == .loadZones(scheme: nil))
        let barCol = try column(d, "Доля без баллов", row: 3)
        let zone = try #require(d.lines.indices.first { $0 > 4 && $0 < 21 && d.lines[$0].hasSuffix(" 50 %") })
        let calm = try #require(d.lines.indices.first { $0 > 4 && $0 < 21 && d.lines[$0].hasSuffix(" 35 %") })
        #expect(d.canvas.textAt(row: zone, col: barCol) == "█")
        #expect(d.canvas.styleAt(row: zone, col: barCol)?.role == .bad)
        #expect(d.canvas.styleAt(row: calm, col: barCol)?.role == .normal)
        d.press(.char("z"))
        #expect(d.lines[2].hasSuffix("(показаны только зоны)"))
        let shown = d.lines[4..<21].filter { $0.hasSuffix("%") }
        #expect(!shown.isEmpty)
        #expect(shown.allSatisfy { Int($0.split(separator: " ").dropLast().last ?? "") ?? 0 >= 50 })
        d.press(.char("я"))  // z in the Russian layout: everything again
        #expect(d.lines[21].hasSuffix("1 из 83"))
    }

    @Test func zonesTabWalksTheGroupsAndCSwitchesTheScheme() throws {
        let d = try TUIDriver.demo()
        d.press(.char("5"), .tab, .tab)
        #expect(d.lines[1] == " Группа 3 из 4: Общеобразовательные организации · организаций: 16")
        d.press(.char("c"))
        #expect(d.effects.last == .loadZones(scheme: .size))
        #expect(d.lines[1].hasPrefix(" Группа 3 из 6: Средние школы, более 500 учащихся"))
        d.press(.backTab, .backTab)
        #expect(d.lines[1] == " Группа 1 из 6: Муниципалитет (все организации) · организаций: 48")
    }

    @Test func theBarUsesTheWidth() throws {
        let d = try TUIDriver.demo()
        d.press(.char("5"))
        #expect(d.lines[4].hasSuffix(" ██░░░░░░░░  19 %"))
        d.resize(cols: 160, rows: 40)
        #expect(d.lines[4].hasSuffix(" ██████░░░░░░░░░░░░░░░░░░░░░░░░  19 %"))
        #expect(isClean(d.canvas))
    }

    @Test func principalOpensTheProfileWithF3AndScrollsTheRecommendations() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.press(.function(3))
        guard case .profile(let p) = d.state.top else { Issue.record("F3 opens the profile"); return }
        #expect(p.org == "sch-004")
        // The card is a draft: the profile says so before any recommendation.
        #expect(d.lines[16] == " Карта этого года не подана: рекомендации — по черновику и изменятся.")
        #expect(d.lines[18] == " 1. Разработать план мероприятий по повышению эффективности системы обеспечения")
        d.press(.down)
        #expect(d.lines[16] == "")
        d.press(.end)
        #expect(d.lines[15].contains("строки 111–116 из 116"))
        d.press(.home, .enter)  // a principal's Enter does not open other screens
        guard case .profile = d.state.top else { Issue.record("Enter stays"); return }
        d.press(.escape)
        #expect(d.card?.org == "sch-004")
    }

    @Test func aPrincipalIsRefusedAnotherOrganisationsProfileInRussian() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.state.stack.append(.profile(ProfileScreen(org: "sch-001")))
        d.run([.loadProfile(org: "sch-001")])
        #expect(d.lines[2] == " Профиль sch-001 не открылся: Доступна только карта вашей организации")
        guard case .profile(let p) = d.state.top else { Issue.record("the refusal is shown on the profile"); return }
        #expect(p.data == nil)
        #expect(!d.text.contains("Средняя общеобразовательная школа № 1"))
        #expect(isClean(d.canvas))
    }

    /// A cluster where everyone has the same percent: one shared rank, no NaN, no division by zero, in the table or the
    /// zones (a group with no organisation at all too).
    @Test func anEqualValuesClusterShowsNoNaN() throws {
        let d = try TUIDriver.demo()
        d.press(.char("3"))
        let rows = ["a", "b", "c"].map {
            ScoreRow(org: "sch-e\($0)", name: "Школа «\($0)»", type: .general, status: .accepted, points: 20, claimedPoints: 20,
                     max: 39, percent: 51.3, level: .low, directions: [], pupils: 500, schoolLevel: .secondary,
                     percentAnswers: ["p1": 40, "p2": 40])
        }
        let clusters = Ranking.rank(rows, scheme: .size, trends: ["sch-ea": .same])
        d.send(.rankingLoaded(RankingReport(period: "2025-26", scheme: .size, previousPeriod: "2024-25", clusters: clusters)))
        #expect(d.lines[1] == " Кластер 1 из 1: Средние школы, 500 и менее учащихся · организаций: 3")
        #expect(d.lines[4] == "     1 sch-ea  Школа «a»                20/39  51,3 %   →  низкая   принята")
        #expect(d.lines[5] == "     1 sch-eb  Школа «b»                20/39  51,3 %   —  низкая   принята")
        #expect(d.lines[6].hasPrefix("     1 sch-ec"))
        #expect(!d.text.lowercased().contains("nan") && isClean(d.canvas))

        d.press(.escape, .char("5"))
        let t = try Fixture.template(.general)
        let results = rows.map { OrgResult(org: Organisation(id: $0.org, name: $0.name, type: .general), card: nil, template: t) }
        let scopes = ProblemZones.analyse(results, templates: [.general: t], clusters: [Cluster(kind: .secondarySmall, members: rows.map(\.org)),
                                                                                      Cluster(kind: .basic, members: [])])
        d.send(.zonesLoaded(ZoneReport(period: "2025-26", threshold: 0.5, scopes: scopes)))
        #expect(d.lines[4] == " d1    все 1. Выявление профессиональных дефицитов п…   3 из 3 ██████████ 100 %")
        d.press(.tab, .tab)
        #expect(d.lines[1] == " Группа 3 из 3: Основные школы · организаций: 0")
        #expect(!d.text.lowercased().contains("nan") && isClean(d.canvas))
        // Never a crash or "nan" from a value that is not a number.
        #expect(Format.percent(.nan) == "—")
        #expect(ShareBar.text(.nan, width: 10) == "░░░░░░░░░░   0 %")
        #expect(Sparkline.percents([.nan, .infinity]) == "▁▁")
    }

    @Test func aChangeElsewhereReloadsTheAnalyticsScreens() throws {
        let d = try TUIDriver.demo()
        let other = try Session.open(d.workspace, as: "dir-sch-004", today: TUIDriver.today)
        d.press(.char("5"))
        try other.setIndicator(org: "sch-004", period: nil, indicator: "d1.2", answer: .some(.ratio(part: 1, whole: 2)), evidence: nil)
        d.send(.tick)
        #expect(d.effects.last == .loadZones(scheme: nil))
        d.press(.escape, .char("3"), .char("c"))
        try other.setIndicator(org: "sch-004", period: nil, indicator: "d1.2", answer: .some(.ratio(part: 2, whole: 2)), evidence: nil)
        d.send(.tick)
        #expect(d.effects.last == .loadRanking(scheme: .size))
    }

    @Test func everyAnalyticsScreenAndItsHelpIsCleanAtBothSizes() throws {
        for (cols, rows) in [(80, 24), (120, 40)] {
            var seen: [MemoryCanvas] = []
            for keys in [[Key.char("3")], [.char("3"), .char("c"), .tab, .tab], [.char("5")], [.char("5"), .char("c"), .tab, .tab],
                         [.char("1"), .char("p")], [.char("3"), .char("p"), .pageDown]] {
                let m = try screen(nil, keys, cols: cols, rows: rows)
                seen.append(m.canvas)
                m.press(.char("?"))
                #expect(m.text.contains("Любая клавиша — закрыть помощь") || m.text.contains("↑↓ — листать"))
                seen.append(m.canvas)
            }
            let p = try screen("dir-dou-013", [.char("p")], cols: cols, rows: rows)  // no card this year
            seen.append(p.canvas)
            #expect(p.lines[4].hasPrefix(" 2025/26: карта не подана (не начата) — результата и сравнения с прошлым годом"))
            for c in seen { #expect(isClean(c), "\(c.text)") }
        }
    }
}

@Suite struct ChartTests {
    @Test func sparklineIsOneCharacterPerPeriodOnAFixedScale() {
        #expect(Sparkline.percents([0, 12.4, 12.5, 50, 100, 150, -3]) == "▁▁▂▅██▁")
        #expect(Sparkline.percents([]) == "")
    }

    @Test func shareBarFillsItsWidth() {
        #expect(ShareBar.text(0.52, width: 10) == "█████░░░░░  52 %")
        #expect(ShareBar.text(1, width: 10) == "██████████ 100 %")
        #expect(ShareBar.text(0, width: 4) == "░░░░   0 %")
        #expect(ShareBar.width(forTable: 78) == 10)
        #expect(ShareBar.width(forTable: 118) == 20)
        #expect(ShareBar.width(forTable: 400) == 40)
    }
}
