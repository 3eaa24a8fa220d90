import Model

/// Methodist: the scaled rating of a percent programme (methodical activity of general schools), one cluster at a
/// time: place, organisation, each indicator's percent or its scaled value (x − мин) / (макс − мин), and the rating,
/// their sum. The cluster's min and max of each indicator are above the table, so a row can be checked by hand.
/// Tab switches the cluster, `v` percents / scaled values (a wide terminal shows both).
public struct ScaledScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public var period: String
    public var template: String
    public var report: ScaledReport?
    /// Index of the cluster shown.
    public var cluster = 0
    /// Show the scaled values instead of the percents (below 110 columns).
    public var showsScaled = false

    public init(period: String, template: String) { self.period = period; self.template = template }

    var load: Effect { .cycle(.loadScaled(period: period, template: template)) }
    var loadEffects: [Effect] { [load] }
    var usesOverview: Bool { false }
    var title: String { "Рейтинг мониторинга \(Format.period(period))" }
    var asScreen: Screen { .scaled(self) }
    var emptyText: String { "В кластере нет организаций с данными" }
    func isLoaded(_ ctx: ScreenContext) -> Bool { report != nil }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        var out = ["Шкалирование и ранжирование внутри кластера: каждый показатель приводится к шкале (x − мин) / (макс − мин) — "
                   + "0 у самой слабой организации кластера, 1 у самой сильной, 0 у всех, если значения равны; рейтинг — сумма "
                   + "по показателям, место — по рейтингу (равные делят место: 1, 2, 2, 4). Организации без данных не "
                   + "ранжируются и названы над таблицей."]
        if let r = report {
            out.append(DisplayText.sanitize(r.title))
            for m in r.indicators { out.append("\(m.id) — \(DisplayText.sanitize(m.text))") }
        }
        return out
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard case .cycleLoaded(.scaled(let r)) = msg, r.period == period, r.template == template else { return nil }
        report = r
        cluster = min(max(cluster, 0), max(r.clusters.count - 1, 0))
        return []
    }

    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { cardActivation(ctx) }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        var out: [Binding<Self>] = [
            Binding([.tab, .right], "Tab", hint: "Кластер", help: "следующий кластер (также →)") { s, _ in s.step(1); return [] },
            Binding([.backTab, .left], "Shift+Tab", help: "предыдущий кластер (также ←)") { s, _ in s.step(-1); return [] },
        ]
        if !Self.showsBoth(ctx) {
            out.append(Binding(letters("vм"), "v", hint: showsScaled ? "Проценты" : "Шкала",
                               help: "показать проценты / значения по шкале") { s, _ in
                s.showsScaled.toggle()
                return [.message(StatusMessage(s.showsScaled ? "Значения по шкале 0–1" : "Проценты, как их прислали"))]
            })
        }
        out.append(profileBinding())
        out.append(Binding([.function(5)], "F5", help: "перечитать") { s, _ in [.effect(s.load), .message(StatusMessage("Обновлено"))] })
        return out
    }

    mutating func step(_ by: Int) {
        let n = report?.clusters.count ?? 0
        guard n > 0 else { return }
        cluster = (cluster + by + n) % n
        table = TableState()
    }

    static func showsBoth(_ ctx: ScreenContext) -> Bool { ctx.body.width >= 110 }

    func current() -> ScaledCluster? {
        guard let c = report?.clusters, !c.isEmpty else { return nil }
        return c[min(max(cluster, 0), c.count - 1)]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let r = report else { return [] }
        guard let c = current() else { return [("Нет организаций для рейтинга", .muted), ("", .normal)] }
        let ids = r.indicators.map(\.id)
        let ranges = ids.map { i in c.ranges[i].map { "\(i) \(Self.number($0[0]))–\(Self.number($0[1]))" } ?? "\(i) —" }
        let shown = Self.showsBoth(ctx) ? "проценты и шкала" : showsScaled ? "шкала 0–1 (v — проценты)" : "проценты (v — шкала)"
        return [("Кластер \(cluster + 1) из \(r.clusters.count): \(c.name) · организаций: \(c.rows.count)", CellStyle.title.emphasized),
                ("Сбор до \(r.closes.russian) · столбцы: \(shown) · ? — показатели", .muted),
                ("мин–макс: " + ranges.joined(separator: " · "), .normal),
                (c.missing.isEmpty ? "" : "Нет данных: " + c.missing.joined(separator: ", "), .warn)]
    }

    func columns(width: Int) -> [TableColumn] {
        let ids = report?.indicators.map(\.id) ?? []
        let both = width >= 108
        let each = ids.flatMap { id -> [TableColumn] in
            both ? [TableColumn("\(id) %", width: 6, alignRight: true), TableColumn("шкала", width: 5, alignRight: true)]
                : [TableColumn(id, width: 5, alignRight: true)]
        }
        return [TableColumn("Место", width: 5, alignRight: true), TableColumn.code, TableColumn("Организация", width: 10, flex: 1)]
            + each + [TableColumn("Рейтинг", width: 7, alignRight: true)]
    }

    /// `42,5`, `42`: a percent as entered, with a decimal comma.
    static func number(_ v: Double) -> String { NumberText.short(v).replacingOccurrences(of: ".", with: ",") }

    /// `0,531`: three decimals with a decimal comma.
    static func scaled(_ v: Double) -> String {
        let thousandths = Int((v * 1000).rounded())
        return "\(thousandths / 1000),\(String(format: "%03d", abs(thousandths % 1000)))"
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let r = report, let c = current() else { return [] }
        let both = Self.showsBoth(ctx)
        return c.rows.map { row in
            let cells = r.indicators.flatMap { m -> [TableCell] in
                let percent = TableCell(Self.number(row.values[m.id] ?? 0))
                let scaled = TableCell(Self.scaled(row.scaled[m.id] ?? 0), style: (row.scaled[m.id] ?? 0) >= 1 ? .good : nil)
                return both ? [percent, scaled] : [showsScaled ? scaled : percent]
            }
            return TableRow(id: row.org, cells: [TableCell("\(row.rank)"), TableCell(row.org),
                                                  TableCell(DisplayText.sanitize(row.name), short: ctx.overview?.shortName(row.org))]
                            + cells + [TableCell(Self.scaled(row.rating), style: CellStyle.normal.emphasized)])
        }
    }
}
