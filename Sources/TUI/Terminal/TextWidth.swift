import CNcurses
import Model

/// One terminal cell's worth of text: a spacing character plus the combining marks that join it.
struct TextCell: Equatable {
    var text: String
    /// 1 or 2 columns.
    var width: Int
}

/// Terminal cell widths of text (wcwidth per Unicode scalar), truncation with "…", padding; text is
/// sanitised by `DisplayText.sanitize` (Model), the one sanitiser of every human output.
public enum TextWidth {
    /// The ellipsis that marks cut text; one cell wide.
    public static let ellipsis = "…"

    // MARK: - Width

    /// Cells the text takes once sanitised: Cyrillic and ASCII 1, CJK 2, combining marks and controls 0.
    public static func width(of text: String) -> Int {
        if isPlainASCII(text) { return text.utf8.count }
        // Controls take no cells, and an escape sequence goes whole (`ESC[31m`, not only its ESC): text that is not
        // clean is sanitised first (a copy); clean text is measured as it is.
        return measure(sanitized(text))
    }

    /// Cells of text already sanitised.
    private static func measure(_ clean: String) -> Int {
        if isPlainASCII(clean) { return clean.utf8.count }
        var total = 0
        for scalar in clean.unicodeScalars {
            let w = width(of: scalar)
            total += w < 0 ? 1 : w  // drawn as U+FFFD
        }
        return total
    }

    /// Sanitised text cut to at most `width` (> 0) cells with "…", and the cells it takes. Text that fits (the usual
    /// case) is measured, not split into cells.
    private static func cut(_ clean: String, to width: Int) -> (text: String, width: Int) {
        let total = measure(clean)
        if total <= width { return (clean, total) }
        var out = ""
        var used = 0
        for cell in cells(ofSanitized: clean) {
            if used + cell.width > width - 1 { break }
            out += cell.text
            used += cell.width
        }
        return (out + ellipsis, used + 1)
    }

    /// Cells one scalar takes: 0 for controls and combining marks, 2 for wide (CJK, emoji), 1 otherwise.
    /// -1 for a printable-looking scalar the C library does not know (drawn as U+FFFD).
    ///
    /// The scripts and signs the screens are made of (ASCII, Latin, Cyrillic, «» № — … ·, arrows, box drawing) are
    /// answered from ranges, without a `wcwidth` call (which switches the thread's locale twice): every scalar of a
    /// frame passes here. The ranges are the C library's own answers (`TerminalTests` checks each of them against
    /// `wcwidth`), so ncurses, which measures with `wcwidth`, places the characters where the canvas does.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if let known = knownWidth(v) { return known }
        if let loc = utf8Locale, let wc = wchar_t(exactly: v) {
            let w = Int(profrost_wcwidth_in(loc, wc))
            if w >= 0 { return w }
            if isZeroWidth(scalar) { return 0 }
            return -1
        }
        return fallbackWidth(of: scalar)
    }

    /// The width of scalars in ranges where the C library (glibc, C.UTF-8) gives one value for every scalar: Latin-1
    /// (« » · ©), Latin Extended, IPA and modifiers 1; combining diacritics 0; Cyrillic 1 but its combining marks
    /// U+0483–U+0489 0; dashes, quotes, "…", ‰, primes 1; letterlike symbols (№) 1; arrows and mathematical
    /// operators (≤ ≥ ≠) 1; box drawing, blocks and geometric shapes up to U+25FC 1 (U+25FD and U+25FE are wide).
    /// nil elsewhere: ask `wcwidth`.
    @inline(__always)
    static func knownWidth(_ v: UInt32) -> Int? {
        if v < 0xA0 || v > 0x25FC { return nil }
        if v <= 0x2FF { return 1 }
        if v <= 0x36F { return 0 }
        if v >= 0x400 && v <= 0x52F { return v >= 0x483 && v <= 0x489 ? 0 : 1 }
        if v < 0x2010 { return nil }
        if v <= 0x2027 { return 1 }
        if v >= 0x2030 && v <= 0x205E { return 1 }
        if v >= 0x2100 && v <= 0x214F { return 1 }
        if v >= 0x2190 && v <= 0x22FF { return 1 }
        if v >= 0x2500 { return 1 }
        return nil
    }

    // MARK: - Truncate and pad

    /// The sanitised text cut to at most `width` cells, ending in "…" when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        return cut(sanitized(text), to: width).text
    }

    /// The sanitised text made exactly `width` cells: truncated with "…" if longer, then space-padded.
    public static func pad(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let (cut, used) = cut(sanitized(text), to: width)
        return used >= width ? cut : cut + String(repeating: " ", count: width - used)
    }

    // MARK: - Cells

    /// Splits sanitised text into cells; combining marks join the previous cell
    /// (at most CCHARW_MAX-1 of them), marks with nothing before them are dropped,
    /// scalars the C library cannot print become U+FFFD.
    static func cells(ofSanitized text: String) -> [TextCell] {
        var cells: [TextCell] = []
        cells.reserveCapacity(text.utf8.count)
        var marks = 0
        for scalar in text.unicodeScalars {
            let w = width(of: scalar)
            if w == 0 {
                if !cells.isEmpty && marks < maxCombining {
                    cells[cells.count - 1].text.unicodeScalars.append(scalar)
                    marks += 1
                }
                continue
            }
            marks = 0
            if w < 0 {
                cells.append(TextCell(text: "\u{FFFD}", width: 1))
            } else {
                cells.append(TextCell(text: String(scalar), width: w))
            }
        }
        return cells
    }

    /// The text as `DisplayText.sanitize` makes it; clean text (nearly all) is returned as it is, without the copy.
    static func sanitized(_ text: String) -> String {
        DisplayText.isClean(text) ? text : DisplayText.sanitize(text)
    }

    // MARK: - Private

    /// Combining marks one cell can carry in ncurses (CCHARW_MAX - 1); more are dropped.
    static let maxCombining = Int(profrost_ccharw_max()) - 1

    nonisolated(unsafe) private static let utf8Locale: locale_t? = profrost_new_utf8_ctype_locale()

    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    private static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return false
        }
    }

    /// Used only when no UTF-8 locale exists at all.
    private static func fallbackWidth(of s: Unicode.Scalar) -> Int {
        if isZeroWidth(s) { return 0 }
        let v = s.value
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }
}
