import Model

/// Word wrapping by terminal cell width.
public enum TextWrap {
    /// `text` broken into lines of at most `width` cells at spaces; a word longer than a line is cut.
    /// With `maxLines`, the last line ends in "…" when text was left over.
    public static func lines(_ text: String, width: Int, maxLines: Int? = nil) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        var line = ""
        for word in DisplayText.sanitize(text).split(separator: " ", omittingEmptySubsequences: true) {
            var w = String(word)
            let candidate = line.isEmpty ? w : line + " " + w
            if TextWidth.width(of: candidate) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { out.append(line); line = "" }
            while TextWidth.width(of: w) > width {
                let head = TextWidth.truncate(w, to: width + 1)  // width cells plus the ellipsis we drop
                let part = String(head.dropLast())
                out.append(part)
                w = String(w.dropFirst(part.count))
            }
            line = w
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
}
