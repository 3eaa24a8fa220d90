import Foundation
import Testing
import Model
@testable import TUI

@Suite struct ZZDumpTests {
    @Test func dump() throws {
        let cases: [(String, String?, [Key])] = [
            ("dash", nil, []), ("clusters", nil, [.char("3")]), ("clustersTab", nil, [.char("3"), .tab]), ("clustersSize", nil, [.char("3"), .char("c"), .tab]),
            ("zones", nil, [.char("5")]), ("zonesTab", nil, [.char("5"), .tab]), ("zonesZ", nil, [.char("5"), .char("z")]),
            ("profileM", nil, [.char("1"), .down, .char("p")]), ("profileP", "dir-sch-004", [.char("p")]),
            ("profileHelp", "dir-sch-004", [.char("p"), .char("?")]), ("zonesHelp", nil, [.char("5"), .char("?")]),
            ("clustersP", nil, [.char("3"), .char("p")]), ("cardP", "dir-sch-004", []), ("orgHelp", nil, [.char("1"), .char("?")]),
            ("dashHelp", nil, [.char("?")]),
        ]
        for (name, who, k) in cases {
            for (c, r) in [(80, 24), (120, 40)] {
                let d = try screen(who, k, cols: c, rows: r)
                try (d.lines.enumerated().map { String(format: "%02d|", $0.offset) + $0.element }.joined(separator: "\n") + "\n")
                    .write(toFile: "/tmp/tuisnap/\(name)-\(c).txt", atomically: true, encoding: .utf8)
            }
        }
    }
}
