import Model

/// An organisation's profile: who it is and its cluster, this year's points, percent and level, a sparkline of its
/// percent over the years, each direction this year against last year, and its recommendations with the reasons.
/// The methodist opens it from the organisations or a cluster table (`p`); a principal from their card (`p`, F3) —
/// only their own: the Session refuses anyone else's, and the refusal is shown here.
public struct ProfileScreen: ScreenPart {
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

    var loadEffects: [Effect] { [load] }
    var title: String { "Профиль организации" }
    var asScreen: Screen { .profile(self) }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Профиль организации: тип и кластер, баллы, процент и уровень текущей кампании и их изменение к прошлой; "
         + "процент по годам (▁ — около 0\u{A0}%, █ — около 100\u{A0}%, один знак — одна кампания); баллы по "
         + "направлениям в прошлом и в этом году; адресные рекомендации и почему каждая из них дана."]
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        switch msg {
        case .profileLoaded(let d) where d.organisation.id == org:
            loaded(d)
            return []
        case .failed(let f) where f.effect == load:
            loadError = f.message
            // With nothing shown, the refusal is on the screen itself; over a shown profile, on the message line.
            return data == nil ? [] : [.message(StatusMessage(f.message, .error))]
        default:
            return nil
        }
    }

    // MARK: - Keys

    func bindings(_ ctx: ScreenContext) -> [Binding<Self>] {
        let loaded = data == nil ? "профиль ещё не загружен" : nil
        var out: [Binding<Self>] = []
        out.append(Binding(Keys.up, "↑ ↓", shown: "↑↓", hint: "Рекомендации", help: "листать рекомендации; PgUp, PgDn (пробел), Home, End — быстрее",
                           disabled: loaded) { s, ctx in s.scrolled(by: -1, ctx) })
        out.append(Binding(Keys.down, "↓", help: "", disabled: loaded) { s, ctx in s.scrolled(by: 1, ctx) })
        out.append(Binding([.pageUp], "PgUp", help: "", disabled: loaded) { s, ctx in s.scrolled(by: -s.page(ctx), ctx) })
        out.append(Binding([.pageDown, .char(" ")], "PgDn", help: "", disabled: loaded) { s, ctx in
            s.scrolled(by: s.page(ctx), ctx)
        })
        out.append(Binding([.home], "Home", help: "", disabled: loaded) { s, ctx in s.scrolled(by: -Int.max / 2, ctx) })
        out.append(Binding([.end], "End", help: "", disabled: loaded) { s, ctx in s.scrolled(by: Int.max / 2, ctx) })
        if ctx.person.role != .principal {
            out.append(Binding([.enter], "Enter", hint: "Карта", help: "открыть карту организации (только просмотр)") { s, _ in
                openCard(s.org)
            })
        }
        out.append(Binding([.function(5)], "F5", hint: "Обновить", help: "обновить") { s, _ in
            [.effect(s.load), .message(StatusMessage("Профиль обновлён"))]
        })
        return out
    }

    func page(_ ctx: ScreenContext) -> Int { max(recommendationsRect(ctx).height - 1, 1) }

    mutating func scrolled(by n: Int, _ ctx: ScreenContext) -> [ScreenCommand] {
        scroll = min(max(scroll + n, 0), maxScroll(ctx))
        return []
    }

    /// The furthest the recommendations scroll.
    func maxScroll(_ ctx: ScreenContext) -> Int {
        guard let d = data else { return 0 }
        return max(Self.recommendationLines(d, width: ctx.body.width - 2).count - recommendationsRect(ctx).height, 0)
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
    /// The recommendations worth showing: none for a card nothing was entered in (they would answer every gap of an
    /// empty card, not the school's).
    static func shownRecommendations(_ d: ProfileData) -> [Recommendation] {
        guard let c = d.current, !c.status.isSubmittedOrLater, c.points == 0 else { return d.recommendations.items }
        return d.recommendations.items.filter { $0.origin == .methodist }
    }

    static func recommendationLines(_ d: ProfileData, width: Int) -> [(String, CellStyle)] {
        let items = shownRecommendations(d)
        var out: [(String, CellStyle)] = []
        if let c = d.current, !c.status.isSubmittedOrLater {
            let note = c.points == 0 ? "Карта этого года не заполнена: рекомендаций по её пробелам пока нет."
                : "Карта этого года не подана: рекомендации — по черновику и изменятся."
            for line in TextWrap.lines(note, width: width) { out.append((line, CellStyle.warn.emphasized)) }
            if items.isEmpty { return out }
            out.append(("", .normal))
        }
        guard !items.isEmpty else {
            return [("Рекомендаций нет: пробелов, на которые они отвечают, не найдено.", .muted)]
        }
        for (i, item) in items.enumerated() {
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
