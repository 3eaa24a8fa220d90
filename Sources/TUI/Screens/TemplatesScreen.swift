import Model

/// Methodist: every template and every version — the expert cards and the monitoring programmes — with the periods
/// that pinned each. Enter opens a version in the editor (saving makes a new version); `n` opens a new campaign.
public struct TemplatesScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public var catalogue: TemplateCatalogue?
    public init() {}

    var title: String { "Шаблоны и версии" }
    var asScreen: Screen { .templates(self) }
    var loadEffects: [Effect] { [.templates(.load)] }
    var usesOverview: Bool { false }
    var emptyText: String { "Шаблонов нет" }
    func isLoaded(_ ctx: ScreenContext) -> Bool { catalogue != nil }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Шаблоны — карты экспертной оценки и программы мониторинга — с их версиями. Шаблон не меняется на месте: "
         + "правка сохраняется новой версией, а каждая кампания продолжает считать баллы по той версии, которую "
         + "закрепила при открытии (колонка «Кампании»).",
         "Enter открывает версию в редакторе: добавить, изменить, переставить или вывести показатели; проверка "
         + "максимумов видна сразу. n — открыть новую кампанию с выбранными шаблонами."]
    }

    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? {
        ("Изменить", "открыть версию в редакторе (сохранится новой версией)")
    }

    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] {
        guard let c = catalogue, let e = c.entries.first(where: { $0.template.key == row.id }) else { return [] }
        return [.push(.templateEditor(TemplateEditorScreen(draft: TemplateDraft(base: e, versions: c.entries))))]
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        [Binding(letters("nт"), "n", hint: "Кампания", help: "открыть новую кампанию: период, шаблоны, сроки, кластеры") { s, ctx in
            guard let c = s.catalogue else { return [] }
            return [.push(.campaignForm(CampaignFormScreen(catalogue: c, today: ctx.today)))]
        },
         Binding([.function(5)], "F5", hint: "Обновить", help: "перечитать шаблоны") { _, _ in
            [.effect(.templates(.load)), .message(StatusMessage("Шаблоны обновлены"))]
        }]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard case .templates(let r) = msg else { return nil }
        switch r {
        case .loaded(let c), .saved(_, _, let c): catalogue = c
        case .campaignOpened: return [.effect(.templates(.load))]
        }
        return []
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let c = catalogue else { return [] }
        let ids = Set(c.entries.map(\.template.id)).count
        return [("Шаблонов: \(ids), версий: \(c.entries.count). Кампания считает по версии, которую закрепила.", .normal),
                ("", .normal)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Шаблон", width: 18), TableColumn("Вер.", width: 4, alignRight: true),
         TableColumn("Вид", width: 9), TableColumn("Показ.", width: 6, alignRight: true),
         TableColumn("Кампании", width: 17, flex: 1), TableColumn("Название", width: 10, flex: 2)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let c = catalogue else { return [] }
        return c.entries.map { e in
            let t = e.template
            // The newest first: which version the coming campaigns use is what the methodist looks for.
            let pinned = (c.pins[t.key] ?? []).reversed().map { $0.replacingOccurrences(of: "-", with: "/") }
            let kind = t.kind == .card ? "карта \(t.orgTypes.first?.russianShort ?? "")" : "программа"
            return TableRow(id: t.key, cells: [
                TableCell(t.id), TableCell("\(t.version)"), TableCell(kind), TableCell("\(t.indicatorIDs.count)"),
                TableCell(pinned.isEmpty ? "—" : pinned.joined(separator: ", "), style: pinned.isEmpty ? .muted : nil),
                TableCell(DisplayText.sanitize(t.title)),
            ])
        }
    }
}
