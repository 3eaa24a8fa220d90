import Foundation
import Testing
import PropertyBased
import CNcurses
@testable import TUI

/// Whatever `get_wch` hands over, the key decoder gives a key and never a control character as text
/// (a `.char` goes straight into a text field). `PROFROST_FUZZ=N` runs N cases (README, "Long runs").
@Suite struct KeyFuzzTests {
    static var count: Int { Int(ProcessInfo.processInfo.environment["PROFROST_FUZZ"] ?? "") ?? 200 }

    @Test func anyKeyCodeDecodesToAKeyAndNeverToAControlCharacter() async {
        let statuses = [OK, profrost_key_code_yes(), ERR, -7, 1_000]
        let values = Gen.int(in: 0...0x10FFFF + 64).map { UInt32($0) }
        let gen = zip(Gen.int(in: 0...(statuses.count - 1)), values, Gen.int(in: 0...400).map { UInt32($0) })
        await propertyCheck(count: Self.count, input: gen) { s, wide, small in
            let status = statuses[s]
            for value in [wide, small] {
                let key = Key.decode(status: status, value: value)
                if status != OK && status != profrost_key_code_yes() { #expect(key == nil) ; continue }
                guard let key else { Issue.record("no key for \(status)/\(value)"); continue }
                if case .char(let c) = key {
                    #expect(status == OK)
                    let v = c.unicodeScalars.first?.value ?? 0
                    #expect(v >= 0x20 && !(0x7F..<0xA0).contains(v), "control \(v) decoded as text")
                    #expect(v == value, "\(value) decoded as \(v)")
                }
                if status == OK {
                    switch value {
                    case 10, 13: #expect(key == .enter)
                    case 27: #expect(key == .escape)
                    case 1...26 where value != 8 && value != 9 && value != 10 && value != 13:
                        #expect(key == Unicode.Scalar(0x60 + value).map { Key.ctrl(Character($0)) })
                    default: break
                    }
                }
            }
        }
    }
}
