import Foundation
import Subprocess
import Testing
import TestSupport
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// `profrost --help` as a methodist reads it: every command the help lists, every argument and option it explains,
/// in Russian; printed as UTF-8 even with no locale set (an SSH session without LANG), and fitting 80 columns.
/// The parser's own words (USAGE:, OPTIONS:, "Show help information.", "(default: …)") stay English: they belong to
/// swift-argument-parser's renderer, which profrost does not replace.
@Suite struct HelpLanguageTests {
    /// Runs the built binary with no locale in the environment (LANG, LC_ALL, LC_CTYPE removed) and COLUMNS=80.
    static func run(_ args: [String]) async throws -> (status: Int32, out: String, err: String) {
        let r = try await Subprocess.run(.path(FilePath(Binary.path)), arguments: Arguments(args),
                                         environment: .inherit.updating(["LANG": nil, "LC_ALL": nil, "LC_CTYPE": nil,
                                                                         "COLUMNS": "80", "SSH_ORIGINAL_COMMAND": nil]),
                                         output: .string(limit: 4 << 20), error: .string(limit: 1 << 20))
        let status: Int32
        switch r.terminationStatus {
        case .exited(let c): status = c
        case .signaled(let s): status = 128 + s
        }
        return (status, r.standardOutput, r.standardError)
    }

    static func cyrillic(_ s: String) -> Bool { s.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }

    /// One command of the tree, with its path from the root (`["card", "set"]`).
    struct Command {
        let path: [String]
        let abstract: String
        let discussion: String
        let arguments: [[String: Any]]
    }

    /// The command tree as the parser builds it from the commands' configurations (`--experimental-dump-help`), so a
    /// command added later is checked without being listed here. Hidden commands and the parser's own `help` are left
    /// out: neither is in the list `profrost --help` shows.
    static func visibleCommands() async throws -> [Command] {
        let r = try await run(["--experimental-dump-help"])
        try #require(r.status == 0, "\(r.err)")
        let root = try #require((try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])?["command"] as? [String: Any])
        var found: [Command] = []
        func walk(_ c: [String: Any], _ path: [String]) {
            found.append(Command(path: path, abstract: c["abstract"] as? String ?? "", discussion: c["discussion"] as? String ?? "",
                                 arguments: c["arguments"] as? [[String: Any]] ?? []))
            for s in c["subcommands"] as? [[String: Any]] ?? [] {
                guard s["shouldDisplay"] as? Bool != false, let name = s["commandName"] as? String else { continue }
                if path.isEmpty && name == "help" && (s["abstract"] as? String)?.hasPrefix("Show subcommand help") == true { continue }
                walk(s, path + [name])
            }
        }
        walk(root, [])
        return found
    }

    @Test func everyVisibleCommandAndOptionIsExplainedInRussian() async throws {
        let commands = try await Self.visibleCommands()
        // The walk reached the nested commands (card set, audit verify, …), not just the root.
        #expect(commands.contains { $0.path.count == 2 }, "\(commands.map(\.path))")
        for c in commands {
            let name = (["profrost"] + c.path).joined(separator: " ")
            #expect(Self.cyrillic(c.abstract), "\(name): the abstract is not Russian: \(c.abstract)")
            if !c.discussion.isEmpty { #expect(Self.cyrillic(c.discussion), "\(name): the discussion is not Russian: \(c.discussion)") }
            for a in c.arguments where a["shouldDisplay"] as? Bool != false {
                let names = (a["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                if names.contains("help") { continue }   // the parser's own -h/--help
                let label = names.last ?? (a["valueName"] as? String ?? "?")
                let help = a["abstract"] as? String ?? ""
                #expect(Self.cyrillic(help), "\(name) \(label): the help is not Russian: «\(help)»")
                for (value, text) in a["allValueDescriptions"] as? [String: String] ?? [:] {
                    #expect(Self.cyrillic(text), "\(name) \(label) \(value): «\(text)»")
                }
            }
        }
    }

    /// What a user sees on `profrost --help` and on a nested command's help, with no locale and 80 columns:
    /// the command's Russian overview (as its configuration says it, wrapped), readable UTF-8, no line past 80.
    @Test func helpShowsTheRussianOverviewWithNoLocale() async throws {
        let commands = try await Self.visibleCommands()
        for path in [[], ["card", "set"]] {
            let command = try #require(commands.first { $0.path == path })
            let r = try await Self.run(path + ["--help"])
            #expect(r.status == 0, "\(path): \(r.err)")
            let first = r.out.split(separator: "\n").first.map(String.init) ?? ""
            #expect(first.hasPrefix("OVERVIEW: ") && Self.cyrillic(first), "\(path): \(first)")
            // The whole abstract is there, wrapped at word boundaries; the Cyrillic bytes came through intact.
            let flat = r.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(flat.contains(command.abstract.split(whereSeparator: \.isWhitespace).joined(separator: " ")), "\(path): \(r.out)")
            #expect(!r.out.contains("\u{FFFD}") && !r.out.contains("??"), "\(path): \(r.out)")
            // 80 columns: every line but the usage line (the parser never wraps it) fits; Cyrillic counts one column.
            for line in r.out.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "\(path): \(line.count) columns: \(line)")
            }
        }
    }
}
