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
        var total = 0
        for scalar in DisplayText.sanitize(text).unicodeScalars {
            let w = width(of: scalar)
            total += w < 0 ? 1 : w  // drawn as U+FFFD
        }
        return total
    }

    /// Cells one scalar takes: 0 for controls and combining marks, 2 for wide (CJK, emoji), 1 otherwise.
    /// -1 for a printable-looking scalar the C library does not know (drawn as U+FFFD).
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        // Cyrillic letters (the common case here); U+0483–U+0489 are combining marks.
        if (v >= 0x400 && v <= 0x482) || (v >= 0x48A && v <= 0x52F) { return 1 }
        if let loc = utf8Locale, let wc = wchar_t(exactly: v) {
            let w = Int(profrost_wcwidth_in(loc, wc))
            if w >= 0 { return w }
            if isZeroWidth(scalar) { return 0 }
            return -1
        }
        return fallbackWidth(of: scalar)
    }

    // MARK: - Truncate and pad

    /// The sanitised text cut to at most `width` cells, ending in "…" when something was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let clean = DisplayText.sanitize(text)
        let cells = cells(ofSanitized: clean)
        let total = cells.reduce(0) { $0 + $1.width }
        if total <= width { return clean }
        var out = ""
        var used = 0
        for cell in cells {
            if used + cell.width > width - 1 { break }
            out += cell.text
            used += cell.width
        }
        return out + ellipsis
    }

    /// The sanitised text made exactly `width` cells: truncated with "…" if longer, then space-padded.
    public static func pad(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let cut = truncate(text, to: width)
        let used = self.width(of: cut)
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

    /// Cells of `text` placed from column `col` and clipped to columns 0..<limit.
    /// A wide character that would straddle an edge becomes a blank cell.
    static func placed(_ text: String, col: Int, limit: Int) -> [(col: Int, cell: TextCell)] {
        var result: [(col: Int, cell: TextCell)] = []
        guard limit > 0 else { return result }
        var x = col
        for cell in cells(ofSanitized: DisplayText.sanitize(text)) {
            if x >= limit { break }
            let end = x + cell.width
            if x >= 0 && end <= limit {
                result.append((x, cell))
            } else if end > 0 {
                for blank in max(x, 0)..<min(end, limit) {
                    result.append((blank, TextCell(text: " ", width: 1)))
                }
            }
            x = end
        }
        return result
    }

    // MARK: - Private

    private static let maxCombining = Int(profrost_ccharw_max()) - 1

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
