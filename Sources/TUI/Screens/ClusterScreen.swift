import Model

/// Methodist: the ranked table of one cluster at a time (rank, organisation, points, percent, level); Tab switches.
public struct ClusterScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    /// Index of the cluster shown.
    public var cluster = 0
    public init() {}

    func current(_ ctx: ScreenContext) -> ClusterRanking? {
        guard let r = ctx.overview?.rankings, !r.isEmpty else { return nil }
        return r[min(max(cluster, 0), r.count - 1)]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let o = ctx.overview else { return [] }
        guard let c = current(ctx) else { return [("Нет организаций для рейтинга", .muted)] }
        let n = o.rankings.count
        return [("Кластер \(min(cluster, n - 1) + 1) из \(n): \(c.name) · организаций: \(c.rows.count)", CellStyle.title.emphasized),
                ("Кампания \(o.campaign.russianPeriod) · кластеры \(o.campaign.clusterScheme.russian) · "
                 + "место — по проценту · Tab — следующий", .muted)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Место", width: 5, alignRight: true), TableColumn("Код", width: 7),
         TableColumn("Организация", width: 16, flex: 1), TableColumn("Баллы", width: 5, alignRight: true),
         TableColumn("%", width: 7, alignRight: true), TableColumn("Уровень", width: 8), TableColumn("Статус", width: 11)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let o = ctx.overview, let c = current(ctx) else { return [] }
        return c.rows.map { r in
            let status = o.status(of: r.org)
            return TableRow(id: r.org, cells: [
                TableCell("\(r.rank)"), TableCell(r.org), TableCell(r.name), TableCell(Format.points(r.points, of: r.max)),
                TableCell(Format.percent(r.percent)), TableCell(r.level.russian, style: Format.style(of: r.level)),
                TableCell(Format.status(status), style: Format.style(of: status)),
            ])
        }
    }

    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        let n = ctx.overview?.rankings.count ?? 0
        guard n > 0 else { return nil }
        switch key {
        case .tab, .right: cluster = (cluster + 1) % n
        case .backTab, .left: cluster = (cluster + n - 1) % n
        default: return nil
        }
        table = TableState()
        return []
    }

    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] { openCard(row.id) }
}
