import ArgumentParser
import Foundation
import Model

/// After a report has printed every organisation it could: names each card that could not be read (path and line)
/// on stderr and ends with exit status 5, so that a script sees that something is wrong while a person still gets
/// the other rows. One broken card never takes the whole municipality's report down.
func finishReport(unreadable: [UnreadableCard]) throws {
    guard !unreadable.isEmpty else { return }
    for u in unreadable {
        Output.warn("profrost: \(u.org): карта не читается (\(u.location): \(u.reason)); её строка отмечена, остальные полные")
    }
    Output.warn("profrost: карт не читается: \(unreadable.count); \(unreadable.count) card(s) could not be read")
    throw ExitCode(5)
}

extension ScoreRow {
    /// The status column: the card's status, or `unreadable`.
    var statusText: String { unreadable == nil ? status.rawValue : "unreadable" }
}
