import CNcurses

/// How each `CellStyle` becomes ncurses attributes and a colour pair, with or without colours.
struct CursesPalette {
    let usesColor: Bool

    /// Monochrome: roles become attributes.
    static let monochrome = CursesPalette(usesColor: false)

    /// Sets up one colour pair per role (pair number = role's raw value; `normal` is pair 0).
    /// Call after `start_color()`.
    static func colored() -> CursesPalette {
        let defaults = use_default_colors() == OK
        let bg = Int16(defaults ? -1 : Int32(COLOR_BLACK))
        let fg = Int16(defaults ? -1 : Int32(COLOR_WHITE))
        let grey = profrost_colors() >= 16 ? Int16(8) : fg
        for role in ColorRole.allCases where role != .normal {
            let (f, b): (Int16, Int16)
            switch role {
            case .normal: (f, b) = (fg, bg)
            case .title: (f, b) = (Int16(COLOR_CYAN), bg)
            case .highlight: (f, b) = (Int16(COLOR_BLACK), Int16(COLOR_CYAN))
            case .good: (f, b) = (Int16(COLOR_GREEN), bg)
            case .warn: (f, b) = (Int16(COLOR_YELLOW), bg)
            case .bad: (f, b) = (Int16(COLOR_RED), bg)
            case .muted: (f, b) = (grey, bg)
            case .accent: (f, b) = (Int16(COLOR_MAGENTA), bg)
            }
            init_pair(Int16(role.rawValue), f, b)
        }
        return CursesPalette(usesColor: true, mutedNeedsDim: grey == fg)
    }

    private var mutedNeedsDim = true

    private init(usesColor: Bool, mutedNeedsDim: Bool = true) {
        self.usesColor = usesColor
        self.mutedNeedsDim = mutedNeedsDim
    }

    /// Attributes and colour pair for a style.
    func attributes(for style: CellStyle) -> (attr_t, Int16) {
        var attrs = profrost_a_normal()
        if style.bold { attrs |= profrost_a_bold() }
        if style.reverse { attrs |= profrost_a_reverse() }
        if style.underline { attrs |= profrost_a_underline() }
        if style.dim { attrs |= profrost_a_dim() }
        if usesColor {
            if style.role == .muted && mutedNeedsDim { attrs |= profrost_a_dim() }
            return (attrs, Int16(style.role.rawValue))
        }
        switch style.role {
        case .normal, .good: break
        case .title, .accent, .warn: attrs |= profrost_a_bold()
        case .highlight: attrs |= profrost_a_reverse()
        case .bad: attrs |= profrost_a_bold() | profrost_a_underline()
        case .muted: attrs |= profrost_a_dim()
        }
        return (attrs, 0)
    }
}
