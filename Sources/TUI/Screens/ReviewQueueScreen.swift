import Foundation
import Model

/// Reviewer: the submitted cards, oldest first; late ones and resubmissions marked. Enter opens one for review.
public struct ReviewQueueScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    public init() {}

    var title: String { "Очередь проверки" }
    var asScreen: Screen { .queue(self) }
    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { ("Проверить", "проверить карту") }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Поданные карты, сначала поданные раньше. «поздно» — подана после срока; «повторно» — исправлена "
         + "после возврата (изменения будут отмечены *); «просрочена» — срок проверки прошёл."]
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] { [refreshBinding("Очередь обновлена", help: "обновить очередь")] }

    /// Submitted cards, oldest submission first (then by organisation id).
    static func queue(_ o: Overview) -> [(org: Organisation, card: CardBrief)] {
        o.organisations.compactMap { org in
            guard let c = o.cards[org.id], c.status == .submitted else { return nil }
            return (org, c)
        }.sorted { a, b in
            let da = a.card.submittedAt ?? .distantPast, db = b.card.submittedAt ?? .distantPast
            return da != db ? da < db : a.org.id < b.org.id
        }
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let o = ctx.overview else { return [] }
        let c = o.campaign
        let n = Self.queue(o).count
        let over = ctx.today > c.checkDeadline
        return [("Кампания \(c.russianPeriod) · на проверке: \(n) · проверить до \(c.checkDeadline.russian) "
                 + "(\(Format.remaining(from: ctx.today, to: c.checkDeadline)))", over ? .bad : .normal),
                ("Сначала поданные раньше. «12/34» — отмечено показателей из заполненных; «поздно» — подана после срока, "
                 + "«повторно» — исправлена после возврата.", .muted)]
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("№", width: 3, alignRight: true), TableColumn.code,
         TableColumn("Организация", width: 16, flex: 1), TableColumn("Подана", width: 10),
         TableColumn("Ждёт", width: 7, alignRight: true), TableColumn("Отмечено, пометки", width: 24)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        guard let o = ctx.overview else { return [] }
        return Self.queue(o).enumerated().map { i, item in
            let submitted = item.card.submittedAt
            let waits = max(submitted.map { Day.today(now: $0).days(to: ctx.today) } ?? 0, 0)
            var marks: [String] = []
            if ctx.today > o.campaign.checkDeadline { marks.append("просрочена") }
            // Late: first submitted after the organisation's deadline (a correction after a return is not late).
            if let first = item.card.history.first(where: { $0.status == .submitted })?.at,
               Day.today(now: first) > o.campaign.fillDeadline(for: item.org.id) { marks.append("поздно") }
            if item.card.wasReturned { marks.append("повторно") }
            let markStyle: CellStyle? = marks.contains("просрочена") || marks.contains("поздно") ? .bad
                : marks.isEmpty ? nil : .accent
            // The review so far first: what the reviewer marked of what the principal answered.
            if let p = o.reviewProgress[item.org.id] { marks.insert("\(p.marked)/\(p.of)", at: 0) }
            return TableRow(id: item.org.id, cells: [
                TableCell("\(i + 1)"), TableCell(item.org.id), TableCell(item.org.name, short: item.org.displayShortName),
                TableCell(submitted.map(Format.day) ?? "—"), TableCell("\(waits) дн."),
                TableCell(marks.joined(separator: ", "), style: markStyle),
            ])
        }
    }

    var emptyText: String { "Поданных карт нет — проверять нечего" }

    func activate(_ row: TableRow, _ ctx: ScreenContext) -> [ScreenCommand] {
        [.push(.card(CardScreen(org: row.id, purpose: .review))), .effect(.loadCard(org: row.id, period: nil))]
    }
}
