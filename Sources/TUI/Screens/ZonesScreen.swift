import Model

/// Methodist: the problem zones of the newest campaign — per group (the municipality, then each cluster; Tab
/// switches), per direction and per indicator, the share of organisations that earn 0 there, drawn as a bar;
/// zones (a share of at least the threshold, 50 %) in red. `z` keeps only the zones, `c` switches the cluster scheme.
public struct ZonesScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    /// Index of the group shown: 0 the municipality, then the clusters.
    public var scope = 0
    /// The scheme asked for; nil: the campaign's own.
    public var scheme: ClusterScheme?
    /// Only the lines that are zones.
    public var onlyZones = false
    public var report: ZoneReport?
    /// The group to show again when the zones of another scheme arrive.
    var keep: String?

    public init(scheme: ClusterScheme? = nil) { self.scheme = scheme }

    var load: Effect { .loadZones(scheme: scheme) }
    var loadEffects: [Effect] { [load] }
    var usesOverview: Bool { false }
    var title: String { "Проблемные зоны" }
    var asScreen: Screen { .zones(self) }

    func isLoaded(_ ctx: ScreenContext) -> Bool { report != nil }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Проблемные зоны: по каждому направлению и показателю — сколько организаций набрали 0 баллов и какая это "
         + "доля (полоса █ — без баллов, ░ — с баллами). Зона — доля от 50\u{A0}%, выделена красным. Первая группа — "
         + "весь муниципалитет, дальше каждый кластер. Показатели без баллов по методике не учитываются."]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard case .zonesLoaded(let r) = msg else { return nil }
        loaded(r)
        return []
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        [Binding([.tab, .right], "Tab", hint: "Группа", help: "следующая группа: муниципалитет, кластеры (также →)") { s, _ in
             s.step(1); return []
         },
         Binding([.backTab, .left], "Shift+Tab", help: "предыдущая группа (также ←)") { s, _ in s.step(-1); return [] },
         Binding(letters("zя"), "z", hint: "Только зоны", help: "только зоны / все строки") { s, _ in
             s.onlyZones.toggle()
             s.table = TableState()
             return []
         },
         Binding(Keys.scheme, "c", hint: "Схема", help: "другая схема кластеров (по типам / по численности)") { s, ctx in
             let next: ClusterScheme = s.shownScheme(ctx) == .type ? .size : .type
             s.keep = s.current()?.id
             s.scheme = next
             return [.effect(s.load), .message(StatusMessage("Кластеры \(next.russian)"))]
         }]
    }

    mutating func step(_ by: Int) {
        let n = report?.scopes.count ?? 0
        guard n > 0 else { return }
        scope = (scope + by + n) % n
        table = TableState()
    }

    mutating func loaded(_ r: ZoneReport) {
        report = r
        if let k = keep {
            let family = ClusterKind(rawValue: k).map(ClusterScreen.family)
            scope = r.scopes.firstIndex { $0.id == k }
                ?? r.scopes.firstIndex { s in family != nil && ClusterKind(rawValue: s.id).map(ClusterScreen.family) == family } ?? 0
            keep = nil
            table = TableState()
        }
        scope = min(max(scope, 0), max(r.scopes.count - 1, 0))
    }

    func current() -> ZoneScope? {
        guard let s = report?.scopes, !s.isEmpty else { return nil }
        return s[min(max(scope, 0), s.count - 1)]
    }

    func shownScheme(_ ctx: ScreenContext) -> ClusterScheme {
        scheme ?? ctx.overview?.campaign.clusterScheme ?? .type
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let r = report, let s = current() else { return [("Нет данных о зонах", .muted), ("", .normal)] }
        let n = r.scopes.count
        let zones = s.zones.count
        let threshold = Int((r.threshold * 100).rounded())
        return [("Группа \(min(scope, n - 1) + 1) из \(n): \(s.name) · организаций: \(s.organisations)", CellStyle.title.emphasized),
                ("Доля организаций с 0 баллов · зона — от \(threshold) % · зон: \(zones)\(onlyZones ? " (показаны только зоны)" : "")",
                 zones > 0 ? .warn : .good)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Код", width: 5), TableColumn("Тип", width: 3), TableColumn("Направление / показатель", width: 20, flex: 1),
         TableColumn("0 баллов", width: 8, alignRight: true),
         TableColumn("Доля без баллов", width: ShareBar.width(forTable: width) + 6)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let s = current() else { return [] }
        let width = ctx.body.width - 2
        let cols = columns(width: width)
        let bar = Table.widths(cols, width: width)[4] - 6
        let lines = (s.directions + s.indicators).filter { !onlyZones || $0.isZone }
        return lines.map { z in
            let isDirection = z.indicator == nil
            let style: CellStyle? = z.isZone ? CellStyle.bad.emphasized : nil
            let id = z.indicator ?? "\(z.direction)"
            return TableRow(id: Self.rowID(z), cells: [
                TableCell(isDirection ? "d\(z.direction)" : id, style: style ?? (isDirection ? CellStyle.title.emphasized : nil)),
                TableCell(z.orgType?.russianShort ?? "все", style: z.orgType == nil ? .muted : nil),
                TableCell(isDirection ? "\(z.direction). \(z.title)" : z.title, style: isDirection ? CellStyle.title.emphasized : nil),
                TableCell("\(z.zero) из \(z.total)", style: style),
                TableCell(ShareBar.text(z.share, width: bar), style: style),
            ])
        }
    }

    var emptyText: String { onlyZones ? "Проблемных зон нет" : "Нет направлений и показателей с баллами" }

    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? {
        (ctx.body.width >= 100 ? "Организации" : nil, "организации группы с 0 баллов по строке; из списка Enter открывает карту")
    }

    /// Enter on a line: the organisations behind it.
    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] {
        guard let s = current(), let line = (s.directions + s.indicators).first(where: { Self.rowID($0) == row.id }) else { return [] }
        let q = ZoneQuery(scope: s.id, scopeName: s.name, direction: line.direction, indicator: line.indicator,
                          orgType: line.orgType, title: line.title, scheme: scheme)
        return open(.zoneOrganisations(ZoneOrganisationsScreen(query: q)))
    }

    static func rowID(_ z: ZoneLine) -> String { "\(z.orgType?.rawValue ?? "all")/\(z.indicator ?? "\(z.direction)")" }
}
