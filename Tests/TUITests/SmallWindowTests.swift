import Foundation
import Testing
import Model
import TestSupport
@testable import TUI

/// A window smaller than 80×24 (60×15: a laptop's split pane, a phone's SSH client): the screens ask for more
/// room, and any question the program asks — quitting, a comment to type, unsaved changes — is on the screen
/// whole, with the keys that answer it.
@Suite struct SmallWindowTests {
    /// Every row of the small screen that holds text, trimmed.
    func shown(_ d: TUIDriver) -> [String] { d.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    @Test func f10AtSixtyByFifteenShowsTheQuestionForEveryRole() throws {
        for person in ["metodist", "expert1", "dir-sch-004"] {
            // On the first screen, on a card or a queue, with help open: F10 asks, visibly, and y quits.
            for keys in [[Key](), [.enter], [.function(1)]] {
                let d = try TUIDriver.demo(as: person)
                for k in keys { d.press(k) }
                d.resize(cols: 60, rows: 15)
                d.press(.function(10))
                let rows = shown(d)
                #expect(rows.first == "── Выход ──", "\(person) \(keys): \(rows)")
                #expect(rows.contains("Выйти? (y/n)") && rows.contains { $0.hasPrefix("y (д) — да") }, "\(person) \(keys): \(rows)")
                #expect(rows.contains("Окно терминала слишком маленькое: 60×15."))
                d.press(.char("y"))
                #expect(d.quit, "\(person) \(keys)")
            }
        }
    }

    @Test func anOpenFormWarnsOfWhatWouldBeLost() throws {
        let d = try TUIDriver.demo(as: "dir-sch-004")
        d.press(.enter)                          // the form of d1.1
        d.press(.backspace); d.type("7")
        d.resize(cols: 60, rows: 15)
        d.press(.function(10))
        let rows = shown(d)
        #expect(rows.contains("Введённое в форме ещё не сохранено и будет потеряно."), "\(rows)")
        d.press(.char("n"))
        #expect(!d.quit && d.state.dialog == nil)
        d.resize(cols: 80, rows: 24)
        #expect(d.card?.form != nil, "the form is still open, with what was typed")
    }

    /// A comment typed into a dialog while the window is small is seen as it is typed, with Enter and Esc.
    @Test func aCommentDialogStaysUsableWhenTheWindowShrinks() throws {
        let d = try TUIDriver.demo(as: "expert1")
        d.press(.enter)                          // the first card of the queue
        d.press(.function(8))                    // return it: asks for a comment
        guard case .input? = d.state.dialog?.kind else { Issue.record("return asks for a comment"); return }
        d.resize(cols: 60, rows: 15)
        d.type("Приложите приказ")
        let rows = shown(d)
        #expect(rows.contains("Приложите приказ"), "\(rows)")
        #expect(rows.contains { $0.contains("Enter — готово") && $0.contains("Esc — отмена") }, "\(rows)")
        #expect(!rows.contains { $0.contains("y (д) — да") }, "a comment is not answered with y or n")
        d.press(.escape)
        #expect(d.state.dialog == nil)
    }

    /// Narrower still: the question comes first, so that a short window shows it before the request for room.
    @Test func theQuestionComesFirstInATinyWindow() throws {
        let d = try TUIDriver.demo(cols: 30, rows: 6)
        d.press(.function(10))
        let rows = d.lines
        #expect(rows[0].hasPrefix("── Выход ──") && rows[1].hasPrefix("Выйти? (y/n)"), "\(rows)")
        #expect(rows.contains { $0.hasPrefix("y (д) — да") }, "\(rows)")
    }
}
