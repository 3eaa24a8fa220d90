/// Spaces and tabs at the ends of typed text, as `CharacterSet.whitespaces` has them (Unicode Zs and U+0009), found
/// scalar by scalar. `trimmingCharacters(in: .whitespaces)` gives the same answer but copies the text through
/// NSString: the card screen asks for every indicator's document and the open form's fields on every frame, that is
/// on every key a principal types.
public enum Whitespace {
    public static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || (s.value >= 0xA0 && s.properties.generalCategory == .spaceSeparator)
    }

    /// Whether the text is empty or nothing but spaces and tabs.
    @inlinable public static func isBlank<S: StringProtocol>(_ text: S) -> Bool { text.unicodeScalars.allSatisfy(isSpace) }

    /// The text without leading and trailing spaces and tabs (the same string when there are none). The one way
    /// to trim typed text in profrost (Model, TUI, bench; inlinable, so that callers get it specialised for their
    /// string type); the `Spreadsheet` target, below Model, keeps Foundation's.
    @inlinable public static func trimmed<S: StringProtocol>(_ text: S) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return String(text) }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
