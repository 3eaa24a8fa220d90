/// Text that came from a person (evidence, comments, names) made safe to show to another person:
/// the one sanitiser behind every human output — CLI tables, CSV, the terminal UI.
/// JSON output keeps the exact data (its encoder escapes controls); nothing else may print raw text.
public enum DisplayText {
    /// Drops C0 controls (tab and newline too), DEL, C1 controls, whole CSI sequences (ESC [ … final),
    /// OSC/DCS/APC/PM/SOS strings (ESC ] … BEL or ESC \ — a clipboard write `ESC]52;…BEL` or a window
    /// title `ESC]0;…BEL` among them), any other ESC, and the bidirectional embeddings, overrides and
    /// isolates U+202A–U+202E, U+2066–U+2069. Cyrillic and all printable text are kept.
    public static func sanitize(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        let scalars = Array(text.unicodeScalars)
        if !scalars.contains(where: isUnsafe) { return text }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s.value == 0x1B {
                i = skipEscape(scalars, from: i)
                continue
            }
            if !isUnsafe(s) { out.append(s) }
            i += 1
        }
        return String(out)
    }

    /// Whether `sanitize` would change the text.
    public static func isClean(_ text: String) -> Bool {
        isPlainASCII(text) || !text.unicodeScalars.contains(where: isUnsafe)
    }

    /// `isClean` of every line of `text`, without cutting it into lines (or bridging it to NSString to drop the
    /// line breaks: for the 30,000 rows of `rank` that was a sixth of its time).
    public static func linesAreClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0 != "\n" && isUnsafe($0) }
    }

    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    private static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return true }
        if (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) { return true }
        return false
    }

    /// Index just past the escape sequence starting at `start` (an ESC).
    private static func skipEscape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        let next = start + 1
        guard next < s.count else { return next }
        switch s[next] {
        case "[":
            var i = next + 1
            while i < s.count {
                let v = s[i].value
                if v >= 0x40 && v <= 0x7E { return i + 1 }  // final byte
                guard v >= 0x20 && v <= 0x3F else { return i } // not a CSI byte: keep it
                i += 1
            }
            return i
        case "]", "P", "_", "^", "X":
            // A string command, ended by BEL or ST (ESC \).
            var i = next + 1
            while i < s.count {
                if s[i].value == 0x07 { return i + 1 }
                if s[i].value == 0x1B && i + 1 < s.count && s[i + 1] == "\\" { return i + 2 }
                i += 1
            }
            return next  // unterminated: drop only the ESC, keep the text
        default:
            return next
        }
    }
}
