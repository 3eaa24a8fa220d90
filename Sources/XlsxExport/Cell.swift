/// One cell value of a data row.
///
/// Text is always stored as a plain string, never as a formula, even when it starts
/// with `=`, `+`, `-` or `@`. Non-finite numbers (NaN, ±infinity) are written as empty cells.
public indirect enum Cell: Sendable, Equatable {
    /// A plain string (stored verbatim; never interpreted as a formula).
    case text(String)
    /// A whole number (stored as an Excel number, exact up to 2^53).
    case int(Int)
    /// A real number; NaN and infinities become empty cells.
    case number(Double)
    /// An empty cell.
    case empty
    /// A cell with a background fill; the outermost fill wins when nested.
    case styled(Cell, fill: FillColor)

    /// The value without any styling.
    var unstyled: Cell {
        if case let .styled(inner, _) = self { return inner.unstyled }
        return self
    }

    /// The fill of the outermost `.styled` wrapper, if any.
    var fill: FillColor? {
        if case let .styled(_, fill) = self { return fill }
        return nil
    }
}

/// A light background colour that stays readable in print (also in greyscale).
public enum FillColor: String, Sendable, CaseIterable, Hashable {
    /// Light green (Excel "Good", #C6EFCE); e.g. for a high level.
    case green
    /// Light yellow (Excel "Neutral", #FFEB9C); e.g. for a medium level.
    case yellow
    /// Light red (Excel "Bad", #FFC7CE); e.g. for a low level.
    case red

    /// The colour as 0xRRGGBB.
    public var rgb: UInt32 {
        switch self {
        case .green: return 0xC6EFCE
        case .yellow: return 0xFFEB9C
        case .red: return 0xFFC7CE
        }
    }
}

/// How the numbers of a column are displayed.
public enum ColumnKind: Sendable, Equatable, Hashable {
    /// General format (text or numbers as typed).
    case text
    /// Whole numbers, format `0`.
    case integer
    /// Numbers with a fixed number of decimal places (0...15), e.g. `0.00`.
    case decimal(Int)
    /// Fractions shown as percentages with the given decimal places: 0.425 → `42.5%`.
    case percentage(places: Int)

    /// Fractions shown as whole percentages: 0.42 → `42%` (the cell must hold 0.42, not 42).
    public static var percent: ColumnKind { .percentage(places: 0) }

    /// The Excel number format, or nil for General.
    var numberFormat: String? {
        switch self {
        case .text: return nil
        case .integer: return "0"
        case let .decimal(places): return Self.fixed(places)
        case let .percentage(places): return Self.fixed(places) + "%"
        }
    }

    private static func fixed(_ places: Int) -> String {
        let clamped = min(max(places, 0), 15)
        return clamped == 0 ? "0" : "0." + String(repeating: "0", count: clamped)
    }
}

/// A column: header title, width in Excel character units and display kind.
public struct Column: Sendable, Equatable {
    /// The header text (stored as text, never a formula).
    public var title: String
    /// Width in Excel character units; non-finite or negative values use the default, capped at 255.
    public var width: Double
    /// How numbers in the column are formatted.
    public var kind: ColumnKind

    /// The default column width used when `width` is not valid.
    public static let defaultWidth: Double = 12

    public init(title: String, width: Double = Column.defaultWidth, kind: ColumnKind = .text) {
        self.title = title
        self.width = width
        self.kind = kind
    }

    /// The width actually written to the file.
    var effectiveWidth: Double {
        guard width.isFinite, width >= 0 else { return Column.defaultWidth }
        return min(width, 255)
    }
}
