/// Spaces and tabs at the ends of typed text, as `CharacterSet.whitespaces` has them (Unicode Zs and U+0009), found
/// scalar by scalar. `trimmingCharacters(in: .whitespaces)` gives the same answer but copies the text through
/// NSString: the card screen asks for every indicator's document and the open form's fields on every frame, that is
/// on every key a principal types.
public enum Whitespace {
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || (s.value >= 0xA0 && s.properties.generalCategory == .spaceSeparator)
    }

    /// Whether the text is empty or nothing but spaces and tabs.
    public static func isBlank(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(isSpace) }

    /// The text without leading and trailing spaces and tabs (the same string when there are none).
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}
