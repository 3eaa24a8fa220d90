import Model

/// Methodist: more time for one organisation to fill its card — the new day and the reason, both required (the reason
/// is kept in the campaign and the journal, and shown in «Сроки» and on the card). «-» as the day removes the extension.
public struct ExtensionScreen: FormScreen, Equatable, Sendable {
    public var form: FieldForm
    public var saving = false
    let org: String
    /// The campaign's revision the form started from (nil after a conflict: the next save goes over what is on disk).
    var revision: Int?

    static let dayField = "until", reasonField = "reason"

    init(org: String, campaign: Campaign) {
        self.org = org
        revision = campaign.revision
        let now = campaign.fillDeadline(for: org)
        form = FieldForm([
            // Text, not a date field: «-» removes the extension.
            .form(Self.dayField, "Новый срок", text: now.adding(days: 7).russian, maxLength: 10,
                  hint: "позже \(campaign.fillDeadline.russian); «-» — снять продление"),
            .form(Self.reasonField, "Причина", text: campaign.extensionReason(for: org) ?? "",
                  maxLength: FieldLimit.reason.maxLength, hint: "обязательно"),
        ])
    }

    var title: String { "Продление срока" }
    var asScreen: Screen { .extensionForm(self) }
    var labelWidth: Int { 12 }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Продление срока заполнения карты одной организации. Нужны новая дата (позже общего срока заполнения) и причина: "
         + "она сохраняется в кампании и журнале, видна в разделе «Сроки» и в карте. «-» вместо даты снимает продление."]
    }

    func intro(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let o = ctx.overview else { return [] }
        let c = o.campaign
        let name = o.organisation(org)?.name ?? ""
        var out: [(String, CellStyle)] = [("\(org) · \(name)", CellStyle.title.emphasized)]
        out.append(("Общий срок заполнения: \(c.fillDeadline.russian) · у организации: \(c.fillDeadline(for: org).russian) · "
                    + "карта: \(Format.status(o.status(of: org)))", .normal))
        if let until = c.extensions[org] {
            out.append(("Сейчас продлено до \(until.russian)" + (c.extensionReason(for: org).map { ": «\($0)»" } ?? ""), .accent))
        }
        return out
    }

    func outro(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        var out: [(String, CellStyle)] = []
        if revision == nil { out.append(("Кампанию изменили, пока форма была открыта: выше — как сейчас. Enter — сохранить введённое.", .warn)) }
        out.append(("Tab — следующее поле; Enter — проверить и сохранить; Esc — закрыть без сохранения.", .muted))
        return out
    }

    mutating func submit(_ ctx: ScreenContext) -> [ScreenCommand] {
        guard let c = ctx.overview?.campaign else { return [] }
        let dayText = form.value(Self.dayField)
        let reason = form.value(Self.reasonField)
        var notes: [String: FieldNote] = [:]
        var until: Day?
        if dayText == "-" {
            guard c.extensions[org] != nil else { return [.pop, .message(StatusMessage("У \(org) нет продления"))] }
        } else {
            switch typedDay(dayText) {
            case .success(let d):
                if d <= c.fillDeadline { notes[Self.dayField] = FieldNote("должен быть позже общего срока \(c.fillDeadline.russian)", isError: true) }
                until = d
            case .failure(let n): notes[Self.dayField] = n.note
            }
            if reason.isEmpty { notes[Self.reasonField] = FieldNote("укажите причину продления", isError: true) }
        }
        if let e = FieldLimit.reason.problem(reason) { notes[Self.reasonField] = FieldNote(e.russian, isError: true) }
        form.mark(notes)
        guard notes.isEmpty else { return [.message(StatusMessage("Продление не сохранено: исправьте отмеченное", .warning))] }
        return save(.extend(org: org, until: until, reason: reason, expectedRevision: revision ?? c.revision))
    }

    mutating func rebase() -> [Effect] {
        revision = nil
        return [.loadOverview]
    }
}

/// Opens the extension form for `org` (from «Сроки» or the card).
func openExtension(org: String, campaign: Campaign?) -> [ScreenCommand] {
    guard let c = campaign else { return [] }
    return [.push(.extensionForm(ExtensionScreen(org: org, campaign: c)))]
}
