import ArgumentParser
import Foundation
import Model

/// `profrost score`: every organisation's points and level for a period.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Баллы, процент и уровень каждой организации за период.")
    @OptionGroup var global: GlobalOptions
    @Option(help: HelpText.periodOrNewest) var period: String?
    @Option(help: HelpText.format) var format: OutputFormat = .table

    func run() throws {
        let s = try global.session()
        let campaign = try s.workspace.campaign(orLatest: period)
        try s.require(.viewAnalytics, campaign: campaign)
        // From the cards, not the score index: what `score` prints is a result.
        let rows = try s.workspace.scoreRows(campaign, source: .cards)
        if format == .json {
            try Output.json(rows)
        } else {
        Output.emit(format, header: ["org", "type", "status", "points", "claimed", "max", "percent", "level", "name"],
                    russianHeader: ["код", "тип", "статус", "баллы", "заявлено", "из", "%", "уровень", "организация"],
                    right: [3, 4, 5, 6]) { ru in
            rows.map { [$0.org, ru ? $0.type.russianShort : $0.type.rawValue,
                        $0.unreadable != nil ? (ru ? "не читается" : "unreadable") : ru ? $0.status.russian(started: $0.started) : $0.status.rawValue,
                        "\($0.points)", "\($0.claimedPoints)", "\($0.max)", Output.number($0.percent),
                        ru ? $0.level.russian : $0.level.rawValue, $0.name] }
        }
        }
        try finishReport(unreadable: rows.compactMap(\.unreadable))
    }
}
