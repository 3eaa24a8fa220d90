/// A colour role: what a piece of text means, mapped to a colour (or, without colours, to an attribute).
public enum ColorRole: Int, CaseIterable, Hashable, Sendable {
    case normal
    case title
    case highlight
    /// Green: a good level.
    case good
    /// Yellow: a middling level, a warning.
    case warn
    /// Red: a low level, an error.
    case bad
    case muted
    case accent
}

/// How a cell is drawn: a colour role plus bold, reverse, underline and dim attributes.
public struct CellStyle: Hashable, Sendable {
    public var role: ColorRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(_ role: ColorRole = .normal, bold: Bool = false, reverse: Bool = false,
                underline: Bool = false, dim: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let normal = CellStyle(.normal)
    public static let title = CellStyle(.title)
    public static let highlight = CellStyle(.highlight)
    public static let good = CellStyle(.good)
    public static let warn = CellStyle(.warn)
    public static let bad = CellStyle(.bad)
    public static let muted = CellStyle(.muted)
    public static let accent = CellStyle(.accent)

    /// The same style, in bold.
    public var emphasized: CellStyle { var s = self; s.bold = true; return s }
    /// The same style, in reverse video (a selected row).
    public var inverted: CellStyle { var s = self; s.reverse = true; return s }
    /// The same style, underlined.
    public var underlined: CellStyle { var s = self; s.underline = true; return s }
}

extension CellStyle {
    /// The style in one byte, as `CellGrid` keeps it per cell: the role in the low four bits, then bold, reverse,
    /// underline, dim.
    var packed: UInt8 {
        UInt8(role.rawValue) | (bold ? 0x10 : 0) | (reverse ? 0x20 : 0) | (underline ? 0x40 : 0) | (dim ? 0x80 : 0)
    }

    /// The style `packed` was made from.
    init(packed: UInt8) {
        self.init(ColorRole(rawValue: Int(packed & 0x0F)) ?? .normal, bold: packed & 0x10 != 0,
                  reverse: packed & 0x20 != 0, underline: packed & 0x40 != 0, dim: packed & 0x80 != 0)
    }
}
