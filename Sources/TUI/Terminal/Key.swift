import CNcurses

/// A key the user pressed, decoded from ncurses `get_wch`.
///
/// The terminal runs in raw mode, so Ctrl+C arrives as `.ctrl("c")` (not as SIGINT) and
/// Ctrl+S as `.ctrl("s")` (no flow control). Control letters are lower-case.
public enum Key: Equatable, Sendable {
    case char(Character)
    case enter
    case escape
    case backspace
    case delete
    case tab
    case backTab
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    /// F1…F12 (F13+ when Shift is held, as the terminal reports it).
    case function(Int)
    /// The terminal changed size; read the new one from `CursesTerminal.size`.
    case resize
    /// Ctrl+letter, lower-case ("a"…"z").
    case ctrl(Character)
    case unknown
}

// MARK: - Decoding

extension Key {
    /// A character `get_wch` returned with status OK.
    static func decode(character code: UInt32) -> Key {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 9: return .tab
        case 1...26:
            guard let letter = Unicode.Scalar(0x60 + code) else { return .unknown }
            return .ctrl(Character(letter))
        case 0..<32, 128..<160: return .unknown
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown }
            return .char(Character(scalar))
        }
    }

    /// A function-key code `get_wch` returned with status KEY_CODE_YES.
    static func decode(keyCode code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1, KEY_FIND: return .home
        case KEY_END, KEY_C1, KEY_SELECT, KEY_LL: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            let f0 = profrost_key_f(0)
            if code > f0 && code <= profrost_key_f(63) { return .function(Int(code - f0)) }
            return .unknown
        }
    }

    /// Decodes a `get_wch` result: `status` is OK or KEY_CODE_YES, `value` what it stored.
    static func decode(status: Int32, value: UInt32) -> Key? {
        if status == profrost_key_code_yes() {
            return decode(keyCode: Int32(truncatingIfNeeded: value))
        }
        if status == OK { return decode(character: value) }
        return nil
    }
}
