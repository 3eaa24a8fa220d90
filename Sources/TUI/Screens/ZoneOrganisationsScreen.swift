import Model

/// What Enter on a line of the problem zones asks for: the organisations of one group earning 0 there.
public struct ZoneQuery: Equatable, Sendable {
    public var scope: String
    public var scopeName: String
    public var direction: Int
    public var indicator: String?
    public var orgType: OrgType?
    public var title: String
    public var scheme: ClusterScheme?
}

/// Methodist: the organisations behind a problem zone (those earning 0 on the line), Enter opens each card.
public struct ZoneOrganisationsScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public var query: ZoneQuery
    public var rows: [ScoreRow]?

    public init(query: ZoneQuery) { self.query = query }

    var title: String { "Организации в зоне" }
    var asScreen: Screen { .zoneOrganisations(self) }
    var load: Effect { .loadZoneOrganisations(query) }
    var loadEffects: [Effect] { [load] }
    var usesOverview: Bool { false }

    func isLoaded(_ ctx: ScreenContext) -> Bool { rows != nil }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Организации группы, у которых по этой строке проблемных зон 0 баллов. Enter открывает карту организации."]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard case .zoneOrganisationsLoaded(let q, let r) = msg, q == query else { return nil }
        rows = r
        return []
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        let what = query.indicator.map { "\($0) · \(query.title)" } ?? "\(query.direction). \(query.title)"
        return [(what, CellStyle.title.emphasized),
                ("0 баллов: \(rows?.count ?? 0) · \(query.scopeName)", .warn)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn.code, TableColumn("Организация", width: 16, flex: 1), TableColumn("Баллы", width: 5, alignRight: true),
         TableColumn("%", width: 7, alignRight: true), TableColumn("Уровень", width: 8), TableColumn("Статус", width: 11)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        (rows ?? []).map { r in
            let status = ctx.overview?.status(of: r.org)
            return TableRow(id: r.org, cells: [
                TableCell(r.org), TableCell(r.name, short: ctx.overview?.shortName(r.org) ?? Organisation.shortName(of: r.name)),
                TableCell(Format.points(r.points, of: r.max)), TableCell(Format.percent(r.percent)),
                TableCell(r.level.russian, style: Format.style(of: r.level)),
                TableCell(Format.status(status), style: Format.style(of: status)),
            ])
        }
    }

    var emptyText: String { "Таких организаций нет" }
}
