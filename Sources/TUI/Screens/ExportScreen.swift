import Model

/// Methodist: the results to an .xlsx workbook — the same sheets as `profrost export` (ranked clusters, levels,
/// problem zones, recommendations), every sheet protected. The path is checked first (a folder that exists and may be
/// written; a file already there is replaced only after a second Enter); then the work runs with a progress box.
public struct ExportScreen: FormScreen, Equatable, Sendable {
    public var form: FieldForm
    public var saving = false
    /// The file the user agreed to replace (by pressing Enter again after the warning).
    var replacing: String?

    static let pathField = "file", passwordField = "password"

    init(period: String) {
        form = FieldForm([
            .form(Self.pathField, "Файл .xlsx", text: "~/profrost-\(period).xlsx", maxLength: 1000, hint: "~ — домашняя папка"),
            .form(Self.passwordField, "Пароль листов", maxLength: 255, hint: "необязательно"),
        ])
    }

    var title: String { "Выгрузка в Excel" }
    var asScreen: Screen { .exportForm(self) }
    var labelWidth: Int { 14 }
    var saveHint: String { "Выгрузить" }
    var saveHelp: String { "проверить путь и выгрузить (идёт с показом хода работы; уже существующий файл — после второго Enter)" }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Результаты кампании в книгу Excel: по листу на кластер (место, баллы, процент, уровень, динамика), уровни, "
         + "проблемные зоны, рекомендации — как profrost export. Листы защищены от правки (фильтр и сортировка работают); "
         + "пароль снимает защиту. Баллы читаются из самих карт."]
    }

    func intro(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        guard let o = ctx.overview else { return [] }
        return [("Кампания \(o.campaign.russianPeriod) · организаций: \(o.organisations.count) · кластеры: "
                 + (o.campaign.clusterScheme == .type ? "по типу" : "по численности"), CellStyle.title.emphasized)]
    }

    func outro(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        [("Листы: по кластерам, «Уровни», «Проблемные зоны», «Рекомендации». Относительный путь — от папки, где "
          + "запущен профрост. Enter — выгрузить; Esc — закрыть.", .muted)]
    }

    mutating func submit(_ ctx: ScreenContext) -> [ScreenCommand] {
        let path = form.value(Self.pathField), password = form.value(Self.passwordField)
        var notes: [String: FieldNote] = [:]
        if path.isEmpty {
            notes[Self.pathField] = FieldNote("укажите файл", isError: true)
        } else if !path.lowercased().hasSuffix(".xlsx") {
            notes[Self.pathField] = FieldNote("имя файла должно кончаться на .xlsx", isError: true)
        }
        if !password.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) {
            notes[Self.passwordField] = FieldNote("только латинские буквы, цифры, пробел и знаки", isError: true)
        }
        form.mark(notes)
        guard notes.isEmpty else { return [] }
        return save(.checkExportPath(path: path))
    }

    var password: String? {
        let p = form[Self.passwordField]?.input.text ?? ""
        return p.isEmpty ? nil : p
    }

    func field(for failure: EffectFailure) -> String? {
        if case .export(_, let p) = failure.effect, p != nil, failure.message.hasPrefix("Пароль") { return Self.passwordField }
        return Self.pathField
    }

    /// The path checked: a file there asks for a second Enter, else the export starts (and its result closes the form).
    mutating func receiveOther(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        switch msg {
        case .exportPathChecked(let path, let exists):
            if exists && replacing != path {
                saving = false
                replacing = path
                form.mark([Self.pathField: FieldNote("файл уже есть — Enter ещё раз заменит его", isError: false)])
                return []
            }
            return [.effect(.export(path: path, password: password))]
        case .exported:
            saving = false
            return [.pop]
        default:
            return nil
        }
    }
}

/// `x` (ч): the results to Excel, from the dashboard and the ranking.
func exportBinding<S: ScreenPart>() -> Binding<S> {
    Binding(letters("xч"), "x", hint: "Excel", help: "выгрузить результаты в Excel (.xlsx) с показом хода работы") { _, ctx in
        guard let c = ctx.overview?.campaign else { return [] }
        return [.push(.exportForm(ExportScreen(period: c.period)))]
    }
}

/// A binding whose hint is on the bottom line only from 100 columns (at 80 the way back needs the room); the key
/// works, and the help lists it, at any width.
func wideOnly<S>(_ b: Binding<S>, _ ctx: ScreenContext) -> Binding<S> {
    var b = b
    if ctx.body.width < 100 { b.hint = nil }
    return b
}
