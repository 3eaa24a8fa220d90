import Model

/// Methodist: effective practices — per cluster, the organisations that earn an indicator (or anything in a direction)
/// where most of their cluster earns nothing: positive experience to share. Tab switches the cluster, `c` the cluster
/// scheme; Enter opens the organisation's card, `p` its profile; `a` records a decision for the cluster on that indicator.
public struct PracticesScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    /// The scheme asked for; nil: the campaign's own.
    public var scheme: ClusterScheme?
    public var report: PracticesReport?
    /// Index of the cluster shown, among those with practices.
    public var cluster = 0

    public init(scheme: ClusterScheme? = nil) { self.scheme = scheme }

    var load: Effect { .cycle(.loadPractices(scheme: scheme)) }
    var loadEffects: [Effect] { [load] }
    var usesOverview: Bool { false }
    var title: String { "Эффективные практики" }
    var asScreen: Screen { .practices(self) }
    var emptyText: String { "Практик нет: ни в одном кластере меньшинство не выделяется" }
    func isLoaded(_ ctx: ScreenContext) -> Bool { report != nil }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Эффективные практики: организации, получившие баллы по показателю (или хоть по одному показателю направления — "
         + "строка «напр.»), когда большинство их кластера баллов там не получило. Их опыт стоит распространить. "
         + "«Получают» — сколько организаций кластера получают баллы из всех. Кластеры меньше трёх организаций не "
         + "рассматриваются. Данные — по проверенным картам текущей кампании."]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard case .cycleLoaded(.practices(let r)) = msg else { return nil }
        if let s = scheme, s != r.scheme { return [] }
        let keep = current()?.id
        report = r
        cluster = keep.flatMap { k in clusters().firstIndex { $0.id == k } } ?? min(cluster, max(clusters().count - 1, 0))
        return []
    }

    /// The clusters that have practices, in the report's order: id and name.
    func clusters() -> [(id: String, name: String)] {
        var seen = Set<String>()
        return (report?.practices ?? []).compactMap { p in seen.insert(p.cluster).inserted ? (p.cluster, p.clusterName) : nil }
    }

    func current() -> (id: String, name: String)? {
        let all = clusters()
        return all.isEmpty ? nil : all[min(max(cluster, 0), all.count - 1)]
    }

    func shown() -> [EffectivePractice] {
        guard let c = current() else { return [] }
        return (report?.practices ?? []).filter { $0.cluster == c.id }
    }

    /// The practice of the selected row (a row's id is the organisation, so that Enter and `p` open it).
    func selectedPractice(_ ctx: ScreenContext) -> EffectivePractice? {
        guard let row = selectedRow(ctx) else { return nil }
        return shown().first { $0.org == row.id && Self.label($0) == row.cells.first?.text }
    }

    /// `d2.3`, or `напр. 2` for a whole direction.
    static func label(_ p: EffectivePractice) -> String { p.indicator ?? "напр. \(p.direction)" }

    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { cardActivation(ctx) }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        var out: [Binding<Self>] = [
            Binding([.tab, .right], "Tab", hint: "Кластер", help: "следующий кластер (также →)") { s, _ in s.step(1); return [] },
            Binding([.backTab, .left], "Shift+Tab", help: "предыдущий кластер (также ←)") { s, _ in s.step(-1); return [] },
            Binding(Keys.scheme, "c", help: "другая схема кластеров (по типам / по численности)") { s, ctx in
                let next: ClusterScheme = (s.scheme ?? s.report?.scheme ?? .type) == .type ? .size : .type
                s.scheme = next
                s.cluster = 0
                s.table = TableState()
                return [.effect(s.load), .message(StatusMessage("Кластеры \(next.russian)"))]
            },
            profileBinding(),
        ]
        if let p = selectedPractice(ctx), let c = current() {
            out += DecisionKeys.record(ctx, target: DecisionTarget(kind: .cluster, id: c.id),
                                       indicators: p.indicator.map { "\(p.orgType.rawValue):\($0)" } ?? "",
                                       hint: "Решение", help: "записать решение для кластера по этому показателю (распространить опыт)")
        }
        return out
    }

    mutating func step(_ by: Int) {
        let n = clusters().count
        guard n > 0 else { return }
        cluster = (cluster + by + n) % n
        table = TableState()
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let r = report else { return [] }
        let all = clusters()
        guard let c = current() else { return [("Кампания \(Format.period(r.period)) · кластеры \(r.scheme.russian)", .muted), ("", .normal), ("", .normal)] }
        let text = selectedPractice(ctx).map { p in
            (p.indicator.map { "\($0). " } ?? "Направление \(p.direction): ") + DisplayText.sanitize(p.text)
        } ?? ""
        let lines = TextWrap.lines(text, width: ctx.body.width - 2, maxLines: 2)
        return [("Кластер \(min(cluster, all.count - 1) + 1) из \(all.count): \(c.name) · \(Format.period(r.period))", CellStyle.title.emphasized)]
            + (0..<2).map { (lines.indices.contains($0) ? lines[$0] : "", CellStyle.muted) }
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Показ.", width: 7), TableColumn.code, TableColumn("Организация", width: 14, flex: 1),
         TableColumn("Получают", width: 8, alignRight: true), TableColumn("Содержание", width: 14, flex: 2)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        shown().map { p in
            TableRow(id: p.org, cells: [
                TableCell(Self.label(p), style: p.indicator == nil ? CellStyle.normal.emphasized : nil),
                TableCell(p.org), TableCell(DisplayText.sanitize(p.name), short: ctx.overview?.shortName(p.org)),
                TableCell("\(p.earning) из \(p.members)"), TableCell(DisplayText.sanitize(p.text), style: .muted)])
        }
    }
}
