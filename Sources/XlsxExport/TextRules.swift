/// Excel's rules for sheet names and stored text, applied before anything reaches C.
enum TextRules {
    /// Excel's maximum sheet-name length.
    static let maxSheetNameLength = 31
    /// Characters Excel forbids in sheet names.
    static let forbiddenInSheetName: Set<Unicode.Scalar> = ["[", "]", ":", "*", "?", "/", "\\"]
    /// Name used when sanitising leaves nothing.
    static let fallbackSheetName = "Sheet"

    /// Makes `raw` a valid sheet name: forbidden and control characters become `_`,
    /// surrounding spaces and apostrophes are removed, the result is at most 31 characters.
    static func sanitizeSheetName(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars where scalar.value != 0 {
            if forbiddenInSheetName.contains(scalar) || scalar.value < 0x20 || scalar.value == 0x7F {
                scalars.append("_")
            } else {
                scalars.append(scalar)
            }
        }
        let cleaned = trimmed(truncate(trimmed(String(scalars)), toUTF16: maxSheetNameLength))
        return cleaned.isEmpty ? fallbackSheetName : cleaned
    }

    /// Returns `name` or `name (2)`, `name (3)`, … so that it differs (case-insensitively)
    /// from every name in `taken` and from Excel's reserved name "History".
    static func uniqueSheetName(_ name: String, taken: [String]) -> String {
        let lowered = Set(taken.map { $0.lowercased() } + ["history"])
        if !lowered.contains(name.lowercased()) { return name }
        var counter = 2
        while true {
            let suffix = " (\(counter))"
            let base = trimmed(truncate(name, toUTF16: maxSheetNameLength - suffix.utf16.count))
            let candidate = (base.isEmpty ? fallbackSheetName : base) + suffix
            if !lowered.contains(candidate.lowercased()) { return candidate }
            counter += 1
        }
    }

    /// Text as it must be handed to libxlsxwriter so Excel shows exactly `text`:
    /// NUL characters (which C would treat as the end) are dropped, and literal
    /// `_xHHHH_` sequences are escaped so Excel does not decode them as characters.
    static func cellText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "_") }) else { return text }
        let bytes = text.utf8.filter { $0 != 0 }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        let escape = Array("_x005F".utf8)
        for index in bytes.indices {
            if looksLikeEscape(bytes, at: index) { out.append(contentsOf: escape) }
            out.append(bytes[index])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `bytes[index...]` starts with `_x` + four hex digits + `_`.
    private static func looksLikeEscape(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 6 < bytes.count, bytes[index] == UInt8(ascii: "_"),
              bytes[index + 1] == UInt8(ascii: "x") || bytes[index + 1] == UInt8(ascii: "X"),
              bytes[index + 6] == UInt8(ascii: "_") else { return false }
        return bytes[(index + 2)...(index + 5)].allSatisfy(isHexDigit)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
             UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    /// Longest prefix of whole characters whose UTF-16 length is at most `limit`.
    static func truncate(_ text: String, toUTF16 limit: Int) -> String {
        var result = ""
        var length = 0
        for character in text {
            let width = character.utf16.count
            if length + width > limit { break }
            result.append(character)
            length += width
        }
        return result
    }

    /// Removes surrounding whitespace and apostrophes (Excel forbids the latter at either end).
    private static func trimmed(_ text: String) -> String {
        let isTrimmable: (Character) -> Bool = { $0 == "'" || $0.isWhitespace }
        guard let first = text.firstIndex(where: { !isTrimmable($0) }),
              let last = text.lastIndex(where: { !isTrimmable($0) }) else { return "" }
        return String(text[first...last])
    }
}
