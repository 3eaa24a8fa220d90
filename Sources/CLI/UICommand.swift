import ArgumentParser
import Foundation
import Model
import TUI

/// `profrost` with no command: the terminal UI for the person named by --as (by default the methodist).
struct UI: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ui", abstract: "Открыть экранный интерфейс (команда по умолчанию).")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try DefaultWorkspace.ensure(global)
        let session = try global.session()
        do {
            try TUIApp.run(session: session, exporter: AnalyticsExporter())
        } catch let e as TerminalError {
            FileHandle.standardError.write(Data("profrost: \(e.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `profrost debug-terminal`: draws a Cyrillic test card and echoes keys, to check a user's terminal by hand.
struct DebugTerminal: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "debug-terminal",
                                                    abstract: "Проверить терминал: кириллица, цвета, рамки, клавиши.",
                                                    shouldDisplay: false)

    func run() throws {
        do {
            try CursesTerminal.selfTest()
        } catch let e as TerminalError {
            FileHandle.standardError.write(Data("profrost: \(e.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
