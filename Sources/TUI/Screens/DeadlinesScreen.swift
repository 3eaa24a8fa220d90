import Model

/// Methodist: per organisation its status, when it submitted, its deadline and extension, how overdue.
public struct DeadlinesScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public init() {}

    var title: String { "Сроки" }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        [Binding(letters("eу"), "e", hint: "Продлить",
                 help: "продлить выбранной организации срок заполнения: дата и причина («-» — снять)") { s, ctx in
            guard let row = s.selectedRow(ctx) else { return [] }
            return openExtension(org: row.id, campaign: ctx.overview?.campaign)
        },
         datesBinding()]
    }
    var asScreen: Screen { .deadlines(self) }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["По каждой организации: статус, когда подана, срок (с продлением) и просрочка. «N дн.» — карта не подана "
         + "и срок прошёл N дней назад; «+N дн.» — подана с опозданием на N дней. Над таблицей — продление выбранной "
         + "организации и его причина."]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let o = ctx.overview else { return [] }
        let c = o.campaign
        let late = o.deadlines.filter { $0.isOverdue && $0.status == .draft }.count
        return [("Заполнение до \(c.fillDeadline.russian) · проверка до \(c.checkDeadline.russian) · "
                 + "оценка до \(c.evaluateDeadline.russian)", .normal),
                ("Не подали в срок: \(late) · продлений: \(c.extensions.count) · сначала самые просроченные",
                 late > 0 ? .warn : .normal),
                reasonLine(ctx)]
    }

    /// The selected organisation's extension and why it was given.
    func reasonLine(_ ctx: ScreenContext) -> (String, CellStyle) {
        guard let org = selectedRow(ctx)?.id, let c = ctx.overview?.campaign else { return ("", .normal) }
        guard let until = c.extensions[org] else { return ("\(org): продления нет (e — продлить)", .muted) }
        return ("\(org): продлено до \(until.russian) — " + (c.extensionReason(for: org).map { "«\($0)»" } ?? "причина не записана"),
                .accent)
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn.code, TableColumn("Организация", width: 12, flex: 1),
         TableColumn("Статус", width: 11), TableColumn("Подана", width: 10), TableColumn("Срок", width: 10),
         TableColumn("Продление", width: 10), TableColumn("Просрочка", width: 9, alignRight: true)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let o = ctx.overview else { return [] }
        return o.deadlines.map { d in
            let status = o.status(of: d.org)
            var late = TableCell("—", style: .muted)
            if d.isOverdue {
                let notIn = d.status == .draft
                late = TableCell(notIn ? "\(d.overdueDays) дн." : "+\(d.overdueDays) дн.", style: notIn ? .bad : .warn)
            }
            return TableRow(id: d.org, cells: [
                TableCell(d.org), TableCell(d.name, short: o.shortName(d.org)),
                TableCell(Format.status(status), style: Format.style(of: status)),
                TableCell(d.submittedAt.map(Format.day) ?? "—"),
                TableCell(d.deadline.russian), TableCell(d.extensionUntil?.russian ?? "—"), late,
            ])
        }
    }
}

/// `d` (в): the campaign's stage dates, from «Сроки» and the dashboard.
func datesBinding<S: ScreenPart>() -> Binding<S> {
    Binding(letters("dв"), "d", hint: "Даты", help: "сроки этапов кампании: заполнение, проверка, оценка") { _, ctx in
        guard let c = ctx.overview?.campaign else { return [] }
        return [.push(.campaignDates(CampaignDatesScreen(campaign: c)))]
    }
}
