import ArgumentParser
import Foundation

/// The command line's own mistakes (a missing argument, an unknown option, a value not in the list) in Russian,
/// above the parser's English message and usage. The exit status stays the parser's (64 for a usage error).
enum CommandLineErrors {
    /// Prints the error (Russian line, then the parser's full English message) and exits with the parser's code;
    /// help requests and `ExitCode`s without a message go through the parser as before.
    static func exit(_ error: Error) -> Never {
        let code = ProfrostCommand.exitCode(for: error)
        let english = ProfrostCommand.message(for: error)
        guard code != .success, !english.isEmpty else { ProfrostCommand.exit(withError: error) }
        Output.warn("profrost: ошибка: \(russian(english))\n" + ProfrostCommand.fullMessage(for: error))
        Foundation.exit(code.rawValue)
    }

    /// The parser's first line in Russian; what it does not know is named as a command-line error.
    static func russian(_ english: String) -> String {
        let first = english.split(separator: "\n").first.map(String.init) ?? english
        func quoted(after prefix: String) -> String? {
            guard first.hasPrefix(prefix) else { return nil }
            return String(first.dropFirst(prefix.count)).replacingOccurrences(of: "'", with: "")
        }
        if let a = quoted(after: "Missing expected argument ") { return "не указан аргумент \(a) (см. --help)" }
        if let a = quoted(after: "Unknown option ") { return "неизвестный параметр \(a) (см. --help)" }
        if let a = quoted(after: "Unexpected argument ") { return "лишний аргумент \(a): такой команды или значения нет (см. --help)" }
        if let a = quoted(after: "Unexpected arguments ") { return "лишние аргументы \(a) (см. --help)" }
        if let a = quoted(after: "Missing value for ") { return "не указано значение параметра \(a)" }
        if first.hasPrefix("The value '"), let r = first.range(of: "' is invalid for '") {
            let value = first[first.index(first.startIndex, offsetBy: 11)..<r.lowerBound]
            let option = first[r.upperBound...].prefix { $0 != "'" }
            let choices = first.range(of: "Please provide one of ").map { first[$0.upperBound...] }
                .map { " — допустимо: " + $0.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: " and ", with: ", ")
                    .replacingOccurrences(of: " or ", with: ", ").trimmingCharacters(in: CharacterSet(charactersIn: ". \n")) } ?? ""
            return "недопустимое значение «\(value)» для \(option)\(choices)"
        }
        if first.contains("is not a valid ") || first.contains("invalid for") { return "недопустимое значение: \(first)" }
        return "неверная команда: \(first)"
    }
}
