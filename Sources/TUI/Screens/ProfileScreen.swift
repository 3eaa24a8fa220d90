import Model

/// An organisation's profile: who it is and its cluster, this year's points, percent and level, a sparkline of its
/// percent over the years, each direction this year against last year, and its recommendations with the reasons.
/// The methodist opens it from the organisations or a cluster table (`p`); a principal from their card (`p`, F3) —
/// only their own: the Session refuses anyone else's, and the refusal is shown here.
public struct ProfileScreen: Equatable, Sendable {
    public var org: String
    public var data: ProfileData?
    /// Why the profile could not be loaded (a refusal, a broken file).
    public var loadError: String?
    /// First line of the recommendations shown.
    public var scroll = 0

    public init(org: String) { self.org = org }

    var load: Effect { .loadProfile(org: org) }

    mutating func loaded(_ d: ProfileData) {
        data = d
        loadError = nil
    }

    func hints(_ ctx: ScreenContext) -> [KeyHint] {
        var keys = [KeyHint("↑↓", "Рекомендации")]
        if ctx.person.role != .principal { keys.append(KeyHint("Enter", "Карта")) }
        keys.append(KeyHint("F5", "Обновить"))
        return keys
    }

    // MARK: - Keys

    public mutating func update(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        if key == .function(5) { return [.effect(load), .message(StatusMessage("Профиль обновлён"))] }
        guard data != nil else { return nil }
        let page = max(recommendationsRect(ctx).height - 1, 1)
        switch key {
        case _ where Keys.isUp(key): scroll -= 1
        case _ where Keys.isDown(key): scroll += 1
        case .pageUp: scroll -= page
        case .pageDown, .char(" "): scroll += page
        case .home: scroll = 0
        case .end: scroll = Int.max / 2
        case .enter:
            return ctx.person.role == .principal ? nil : openCard(org)
        default:
            return nil
        }
        scroll = min(max(scroll, 0), maxScroll(ctx))
        return []
    }

    /// The furthest the recommendations scroll.
    func maxScroll(_ ctx: ScreenContext) -> Int {
        guard let d = data else { return 0 }
        return max(Self.recommendationLines(d.recommendations, width: ctx.body.width - 2).count - recommendationsRect(ctx).height, 0)
    }

    // MARK: - Layout

    /// Rows of the body: name, type, cluster, this year, blank, sparkline, blank, direction header, directions, blank,
    /// the recommendations' title; the recommendations take the rest.
    func recommendationsRect(_ ctx: ScreenContext) -> Rect {
        let b = ctx.body
        let directions = data.map { Self.directionNumbers($0).count } ?? 0
        let top = 8 + directions + 2
        return Rect(row: b.row + top, col: b.col + 1, width: b.width - 2, height: max(b.height - top, 1))
    }

    /// Direction numbers of this year and last year, in order.
    static func directionNumbers(_ d: ProfileData) -> [Int] {
        let all = (d.current?.directions ?? []).map(\.direction) + (d.previous?.directions ?? []).map(\.direction)
        return Array(Set(all)).sorted()
    }

    /// The recommendations as lines: the numbered text, then why it is there and where it comes from, muted.
    static func recommendationLines(_ r: OrgRecommendations, width: Int) -> [(String, CellStyle)] {
        guard !r.items.isEmpty else {
            return [("Рекомендаций нет: пробелов, на которые они отвечают, не найдено.", .muted)]
        }
        var out: [(String, CellStyle)] = []
        for (i, item) in r.items.enumerated() {
            if i > 0 { out.append(("", .normal)) }
            let number = "\(i + 1). "
            let indent = String(repeating: " ", count: number.count)
            for (k, line) in TextWrap.lines(item.text, width: width - number.count).enumerated() {
                out.append(((k == 0 ? number : indent) + line, .normal))
            }
            var why: String
            switch item.origin {
            case .methodist: why = "Добавлена методистом."
            case .catalogue: why = "Почему: " + item.reasons.joined(separator: "; ") + ". Источник: \(item.source)."
            }
            if item.edited { why += " Текст изменён методистом." }
            for line in TextWrap.lines(why, width: width - indent.count) { out.append((indent + line, .muted)) }
        }
        return out
    }
}
