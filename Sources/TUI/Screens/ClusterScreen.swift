import Model

/// Methodist: the ranked table of one cluster at a time (rank, organisation, points, percent, the arrow against the
/// previous campaign, level, status); Tab switches the cluster, `c` the cluster scheme (by type / by size), `p` opens
/// the selected organisation's profile. The tables come through the Session (`Effect.loadRanking`).
public struct ClusterScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    /// Index of the cluster shown.
    public var cluster = 0
    /// The scheme asked for; nil: the campaign's own.
    public var scheme: ClusterScheme?
    /// The ranked tables with their arrows, once loaded.
    public var report: RankingReport?
    /// The cluster to show again when the tables of another scheme arrive (the same kind, or the same type).
    var keep: ClusterKind?

    public init(scheme: ClusterScheme? = nil) { self.scheme = scheme }

    /// The effect that fills the screen.
    var load: Effect { .loadRanking(scheme: scheme) }
    var loadEffects: [Effect] { [load] }
    var usesOverview: Bool { false }
    var title: String { "Рейтинг по кластерам" }
    var asScreen: Screen { .clusters(self) }

    func isLoaded(_ ctx: ScreenContext) -> Bool { report != nil }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Рейтинг внутри кластера: место (равные проценты делят место: 1, 2, 2, 4), организация, баллы, процент, "
         + "динамика и уровень. «Дин.» — процент против прошлой кампании: ↑ вырос, ↓ снизился, → не изменился, "
         + "— не с чем сравнить. Схемы кластеров: по типам организаций или по численности и уровню школ; "
         + "средняя школа ровно с 500 учащимися — в кластере «500 и менее»."]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard case .rankingLoaded(let r) = msg else { return nil }
        loaded(r)
        return []
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        [Binding([.tab, .right], "Tab", hint: "Кластер", help: "следующий кластер (также →)") { s, _ in s.step(1); return [] },
         Binding([.backTab, .left], "Shift+Tab", help: "предыдущий кластер (также ←)") { s, _ in s.step(-1); return [] },
         Binding(Keys.scheme, "c", hint: "Схема", help: "другая схема кластеров (по типам / по численности)") { s, ctx in
             let next: ClusterScheme = s.shownScheme(ctx) == .type ? .size : .type
             s.keep = s.current(ctx)?.kind
             s.scheme = next
             return [.effect(s.load), .message(StatusMessage("Кластеры \(next.russian)"))]
         },
         profileBinding(), wideOnly(exportBinding(), ctx)]
    }

    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { cardActivation(ctx) }

    mutating func step(_ by: Int) {
        let n = report?.clusters.count ?? 0
        guard n > 0 else { return }
        cluster = (cluster + by + n) % n
        table = TableState()
    }

    /// The scheme shown (or about to be).
    func shownScheme(_ ctx: ScreenContext) -> ClusterScheme {
        scheme ?? report?.scheme ?? ctx.overview?.campaign.clusterScheme ?? .type
    }

    /// New tables arrived: kept unless they are of another scheme than the one asked for.
    mutating func loaded(_ r: RankingReport) {
        if let s = scheme, s != r.scheme { return }
        report = r
        let kinds = r.clusters.map(\.kind)
        if let k = keep {
            cluster = kinds.firstIndex(of: k) ?? kinds.firstIndex { Self.family($0) == Self.family(k) } ?? 0
            keep = nil
            table = TableState()
        }
        cluster = min(max(cluster, 0), max(kinds.count - 1, 0))
    }

    /// The organisation type a cluster is made of (size clusters are all general schools).
    static func family(_ k: ClusterKind) -> ClusterKind {
        switch k {
        case .preschool, .additional: return k
        default: return .general
        }
    }

    func current(_ ctx: ScreenContext) -> ClusterRanking? {
        guard let r = report?.clusters, !r.isEmpty else { return nil }
        return r[min(max(cluster, 0), r.count - 1)]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let r = report else { return [] }
        guard let c = current(ctx) else { return [("Нет организаций для рейтинга", .muted), ("", .normal)] }
        let n = r.clusters.count
        let arrows = r.previousPeriod.map { "Дин. — к \(Format.period($0))" } ?? "прошлой кампании нет"
        return [("Кластер \(min(cluster, n - 1) + 1) из \(n): \(c.name) · организаций: \(c.rows.count)", CellStyle.title.emphasized),
                ("Кампания \(Format.period(r.period)) · кластеры \(r.scheme.russian) · \(arrows) · место — по проценту", .muted)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Место", width: 5, alignRight: true), TableColumn.code,
         TableColumn("Организация", width: 16, flex: 1), TableColumn("Баллы", width: 5, alignRight: true),
         TableColumn("%", width: 7, alignRight: true), TableColumn("Дин.", width: 4), TableColumn("Уровень", width: 8),
         TableColumn("Статус", width: 11)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let c = current(ctx) else { return [] }
        return c.rows.map { r in
            // The overview tells a card not started from a draft; the ranking alone cannot.
            let status = ctx.overview.flatMap { $0.organisation(r.org) != nil ? $0.status(of: r.org) : nil } ?? r.status
            return TableRow(id: r.org, cells: [
                TableCell("\(r.rank)"), TableCell(r.org), TableCell(r.name, short: ctx.overview?.shortName(r.org) ?? Organisation.shortName(of: r.name)), TableCell(Format.points(r.points, of: r.max)),
                TableCell(Format.percent(r.percent)), TableCell("  " + Format.arrow(r.trend), style: Format.style(of: r.trend)),
                TableCell(r.level.russian, style: Format.style(of: r.level)),
                TableCell(Format.status(status), style: Format.style(of: status)),
            ])
        }
    }

    var emptyText: String { "В кластере нет организаций" }

}
