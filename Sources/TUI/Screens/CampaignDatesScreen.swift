import Model

/// Methodist: the campaign's stage dates — filling, checking, evaluation — edited together. Each date must be a real
/// day (ДД.ММ.ГГГГ), the stages in order and within the period's years (`DeadlineKind.problems`, the same rule the CLI's
/// `campaign dates` obeys); what is wrong is said beside the field. Saved against the campaign's revision shown.
public struct CampaignDatesScreen: FormScreen, Equatable, Sendable {
    public var form: FieldForm
    public var saving = false
    /// The campaign as the form opened with it (nil after a conflict: the next save goes over what is on disk now,
    /// which the form then shows).
    var campaign: Campaign?

    init(campaign: Campaign) {
        self.campaign = campaign
        form = FieldForm(DeadlineKind.allCases.map {
            .form($0.rawValue, $0.russian + " до", .date, text: campaign[deadline: $0].russian, maxLength: 10, hint: "ДД.ММ.ГГГГ")
        })
    }

    var title: String { "Сроки этапов" }
    var asScreen: Screen { .campaignDates(self) }
    var labelWidth: Int { 26 }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Сроки трёх этапов кампании (Порядок, п. 3.3): до какого дня руководители заполняют карты, эксперты проверяют, "
         + "методист оценивает и ранжирует. Этапы идут по порядку; продления отдельных организаций остаются как были."]
    }

    func intro(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let c = ctx.overview?.campaign else { return [] }
        return [("Кампания \(c.russianPeriod) · сегодня \(ctx.today.russian) · этап: \(c.stage(on: ctx.today).russian)",
                 CellStyle.title.emphasized)]
    }

    func outro(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        var out: [(String, CellStyle)] = []
        if let now = ctx.overview?.campaign, campaign == nil {
            out.append(("Сейчас в кампании: заполнение до \(now.fillDeadline.russian), проверка до \(now.checkDeadline.russian), "
                        + "оценка до \(now.evaluateDeadline.russian). Enter — сохранить введённое поверх.", .warn))
        }
        if let c = ctx.overview?.campaign, !c.extensions.isEmpty {
            out.append(("Продлений срока заполнения: \(c.extensions.count); они действуют, пока позже общего срока.", .muted))
        }
        out.append(("Tab, ↑ ↓ — поле; Enter — проверить и сохранить; Esc — закрыть без сохранения.", .muted))
        return out
    }

    mutating func submit(_ ctx: ScreenContext) -> [ScreenCommand] {
        guard let current = ctx.overview?.campaign else { return [] }
        var notes: [String: FieldNote] = [:]
        var days: [DeadlineKind: Day] = [:]
        for kind in DeadlineKind.allCases {
            switch typedDay(form.value(kind.rawValue)) {
            case .success(let d): days[kind] = d
            case .failure(let n): notes[kind.rawValue] = n.note
            }
        }
        if let fill = days[.fill], let check = days[.check], let evaluate = days[.evaluate] {
            let problems = DeadlineKind.problems(fill: fill, check: check, evaluate: evaluate, period: current.period)
            for kind in DeadlineKind.allCases {
                if let p = problems[kind] { notes[kind.rawValue] = FieldNote(p.russian, isError: true) }
            }
            if notes.isEmpty {
                let base = campaign ?? current
                if (fill, check, evaluate) == (base.fillDeadline, base.checkDeadline, base.evaluateDeadline) {
                    return [.pop, .message(StatusMessage("Сроки не изменились"))]
                }
                form.mark([:])
                return save(.setDeadlines(fill: fill, check: check, evaluate: evaluate,
                                          expectedRevision: (campaign ?? current).revision))
            }
        }
        form.mark(notes)
        return [.message(StatusMessage("Сроки не сохранены: исправьте отмеченное", .warning))]
    }

    mutating func rebase() -> [Effect] {
        campaign = nil
        return [.loadOverview]
    }
}
