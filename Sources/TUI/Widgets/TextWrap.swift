import Model

/// Word wrapping by terminal cell width.
public enum TextWrap {
    /// `text` broken into lines of at most `width` cells at spaces; a word longer than a line is cut.
    /// With `maxLines`, the last line ends in "…" when text was left over.
    public static func lines(_ text: String, width: Int, maxLines: Int? = nil) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        var line = ""
        // Widths add up (each scalar has its own), so each word is measured once and the line's width is a sum:
        // the card screen wraps its notice and the open indicator's text on every frame.
        var lineWidth = 0
        for word in words(DisplayText.sanitize(text)) {
            var w = word
            var ww = TextWidth.width(of: w)
            let candidate = line.isEmpty ? ww : lineWidth + 1 + ww
            if candidate <= width {
                line = line.isEmpty ? w : line + " " + w
                lineWidth = candidate
                continue
            }
            if !line.isEmpty { out.append(line); line = "" }
            while ww > width {
                let head = TextWidth.truncate(w, to: width + 1)  // width cells plus the ellipsis we drop
                let part = String(head.dropLast())
                out.append(part)
                w = String(w.dropFirst(part.count))
                ww = TextWidth.width(of: w)
            }
            line = w
            lineWidth = ww
        }
        if !line.isEmpty { out.append(line) }
        if let m = maxLines, out.count > m {
            guard m > 0 else { return [] }
            var kept = Array(out.prefix(m))
            let last = kept[m - 1]
            let head = TextWidth.width(of: last) <= width - 1 ? last : String(last.dropLast())
            kept[m - 1] = head + TextWidth.ellipsis
            return kept
        }
        return out
    }

    /// The words of sanitised text, split at spaces, empty ones dropped. Split by scalars, not by `Character`s (a
    /// `split(separator: " ")` on the string, which compares grapheme clusters, was most of what wrapping cost, and
    /// the card screen wraps on every frame); a space followed by a combining mark is kept in the word, as a
    /// `Character` split would keep it (the two make one character).
    static func words(_ text: String) -> [String] {
        let scalars = text.unicodeScalars
        var out: [String] = []
        var start = scalars.startIndex
        var i = start
        while i < scalars.endIndex {
            let next = scalars.index(after: i)
            if scalars[i] == " ", next == scalars.endIndex || TextWidth.width(of: scalars[next]) != 0 {
                if start < i { out.append(String(scalars[start..<i])) }
                start = next
            }
            i = next
        }
        if start < scalars.endIndex { out.append(String(scalars[start...])) }
        return out
    }
}
