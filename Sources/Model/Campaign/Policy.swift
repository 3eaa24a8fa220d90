import Foundation

/// Something a person may try to do. Card actions name the organisation whose card it is.
public enum Action: Equatable, Sendable {
    case viewCard(org: String)
    case editCard(org: String)
    case submitCard(org: String)
    /// Mark verdicts, accept or return.
    case reviewCard(org: String)
    /// Send an accepted or submitted card back to the principal.
    case reopenCard(org: String)
    /// Deadlines, extensions, templates, cluster scheme.
    case manageCampaign
    /// Organisations and people.
    case manageDirectory
    /// Rankings, problem zones, dynamics, every organisation's scores, export.
    case viewAnalytics
    /// Recommendations of one organisation.
    case viewRecommendations(org: String)
    case editRecommendations
    case viewJournal
    /// Report how a decision or plan is carried out, for `org` (nil: the department's own note).
    case reportOnPlan(org: String?)
    /// See one organisation's answers to the programmes that ask it.
    case viewMonitoring(org: String)
    /// Enter an organisation's value of a programme indicator; `requested`: the regulation asks the organisations
    /// for it («в форме запроса»); `opens`…`closes`: the run's dates.
    case fillMonitoring(org: String, requested: Bool, opens: Day, closes: Day)
}

/// The answer of the policy: allowed, or refused with a reason in both languages.
public enum Decision: Equatable, Sendable {
    case allowed
    case denied(InputError)

    public var isAllowed: Bool { self == .allowed }
    public var reason: InputError? { if case .denied(let e) = self { return e }; return nil }
}

/// Who may do what, when: role × stage × card status × organisation. The CLI and the TUI both ask it.
///
/// Deviation from the letter of issue #5, and why: a card returned by a reviewer is returned during the
/// check stage, after the fill deadline; a principal may correct a returned card until the check deadline
/// (or their extension, if later), otherwise a return could never be acted on. Drafts lock at the fill
/// deadline (or extension). Reviewers may check a submitted card as soon as it is submitted and until
/// the check deadline, so early cards need not wait for 1 October.
public enum Policy {
    public static func decide(_ action: Action, by person: Person, campaign: Campaign?,
                              status: CardStatus?, today: Day) -> Decision {
        if !person.isActive {
            return deny("access of \(person.id) was revoked", "Доступ пользователя \(person.id) отозван")
        }
        switch person.role {
        case .methodist:
            return .allowed
        case .reviewer:
            return reviewer(action, campaign: campaign, status: status, today: today)
        case .principal:
            return principal(action, person: person, campaign: campaign, status: status, today: today)
        }
    }

    static func deny(_ en: String, _ ru: String) -> Decision { .denied(InputError(en, russian: ru)) }

    private static func reviewer(_ action: Action, campaign: Campaign?, status: CardStatus?, today: Day) -> Decision {
        switch action {
        case .viewCard, .viewAnalytics, .viewRecommendations, .viewMonitoring:
            return .allowed
        case .reviewCard:
            guard status == .submitted else {
                return deny("only a submitted card can be reviewed (this one is \(status?.rawValue ?? "missing"))",
                            "Проверять можно только поданную карту (статус: \(status?.russian ?? "нет карты"))")
            }
            guard let c = campaign, today <= c.checkDeadline else {
                return deny("the check stage is over", "Этап проверки завершён")
            }
            return .allowed
        case .editCard, .submitCard:
            return deny("a reviewer does not fill cards", "Эксперт не заполняет карты")
        case .reopenCard, .manageCampaign, .manageDirectory, .editRecommendations, .viewJournal, .fillMonitoring:
            return deny("only a methodist may do this", "Это может только методист")
        case .reportOnPlan:
            return deny("reviewers do not report on plans", "Эксперт не отчитывается по планам")
        }
    }

    private static func principal(_ action: Action, person: Person, campaign: Campaign?,
                                  status: CardStatus?, today: Day) -> Decision {
        func own(_ org: String, _ en: String = "the card", _ ru: String = "Доступна только карта") -> Decision? {
            person.org == org ? nil : deny("\(person.id) may work only with \(en) of their own organisation",
                                          "\(ru) вашей организации")
        }
        switch action {
        case .viewCard(let org), .viewRecommendations(let org):
            return own(org) ?? .allowed
        case .viewMonitoring(let org):
            return own(org, "the data", "Доступны только данные") ?? .allowed
        case .reportOnPlan(let org):
            return own(org ?? "", "the plans", "Отчитаться можно только по планам") ?? .allowed
        case .fillMonitoring(let org, let requested, let opens, let closes):
            if let d = own(org, "the data", "Вносить можно только данные") { return d }
            guard requested else {
                return deny("the department enters this value, not the organisation", "Это значение вносит управление образования, а не организация")
            }
            guard today >= opens else { return deny("the collection opens on \(opens)", "Сбор данных откроется \(opens.russian)") }
            guard today <= closes else { return deny("the collection closed on \(closes)", "Сбор данных завершён \(closes.russian)") }
            return .allowed
        case .editCard(let org), .submitCard(let org):
            if let d = own(org) { return d }
            guard let c = campaign else { return deny("no campaign", "Нет кампании") }
            switch status ?? .draft {
            case .draft:
                let last = c.fillDeadline(for: org)
                guard today <= last else {
                    return deny("the fill deadline \(last) has passed; ask the methodist for an extension",
                                "Срок заполнения \(last.russian) истёк; обратитесь к методисту за продлением")
                }
                return .allowed
            case .returned:
                let last = max(c.checkDeadline, c.fillDeadline(for: org))
                guard today <= last else {
                    return deny("the correction deadline \(last) has passed", "Срок исправления \(last.russian) истёк")
                }
                return .allowed
            case .submitted:
                return deny("the card is submitted and waits for review", "Карта подана и ожидает проверки")
            case .accepted:
                return deny("the card is accepted", "Карта принята")
            }
        case .reviewCard, .reopenCard, .manageCampaign, .manageDirectory, .viewAnalytics, .editRecommendations, .viewJournal:
            return deny("a principal may not do this", "Руководителю это недоступно")
        }
    }
}
