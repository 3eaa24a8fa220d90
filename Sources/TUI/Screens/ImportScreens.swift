import Model

/// Methodist: which file of organisations to import. Enter reads it (an .xlsx, or a CSV in UTF-8 or Windows-1251 with
/// `;` or `,`: the Model's `OrganisationFile`) and compares it with the list; nothing is saved before the preview
/// is confirmed.
public struct ImportFileScreen: FormScreen, Equatable, Sendable {
    public var form = FieldForm([
        .form("file", "Файл", maxLength: 1000, hint: "CSV или .xlsx; ~ — домашняя папка"),
    ])
    public var saving = false

    var title: String { "Импорт организаций" }
    var asScreen: Screen { .importFile(self) }
    var labelWidth: Int { 5 }
    var saveHint: String { "Просмотр" }
    var saveHelp: String { "прочитать файл и показать, что изменится (ничего не сохраняется до подтверждения)" }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Список организаций из книги Excel (.xlsx, первый лист) или файла CSV, как его сохраняет Excel. Столбцы "
         + "находятся по заголовку (код, наименование, тип, учащихся, уровень, краткое наименование); без заголовка — в "
         + "этом порядке. Разделитель CSV «;» или «,», кодировка UTF-8 или Windows-1251 — определяются сами. "
         + "Тип — ДОО, ОО или ДО; уровень школы — средняя или основная. "
         + "Сначала будет показано, что изменится; импорт — только после подтверждения."]
    }

    func intro(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        [("Импорт списка организаций из .xlsx или CSV", CellStyle.title.emphasized),
         ("Столбцы по заголовку: код, наименование, тип (ДОО, ОО, ДО), учащихся, уровень (средняя, основная), "
          + "краткое наименование.", .normal)]
    }

    func outro(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        [("В CSV разделитель «;» или «,» и кодировка (UTF-8 или Windows-1251 из Excel) определяются сами. Относительный путь — "
          + "от папки, где запущен профрост. Enter — прочитать и показать изменения; Esc — закрыть.", .muted)]
    }

    mutating func submit(_ ctx: ScreenContext) -> [ScreenCommand] {
        let path = form.value("file")
        guard !path.isEmpty else {
            form.mark(["file": FieldNote("укажите файл", isError: true)])
            return []
        }
        form.mark([:])
        return save(.previewImport(path: path))
    }

    /// Every refusal here is about the file.
    func field(for failure: EffectFailure) -> String? { "file" }

    /// The file read: the preview takes this form's place.
    mutating func receiveOther(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard case .importPreviewed(let p) = msg else { return nil }
        saving = false
        return [.pop, .push(.importPreview(ImportPreviewScreen(preview: p)))]
    }
}

/// Methodist: what the file would change — new organisations, changed ones, and those whose type or cluster would
/// change although they have cards (their cards would be scored anew: `y` asks once more before that).
public struct ImportPreviewScreen: TableScreen, Equatable, Sendable {
    public var table = TableState()
    let preview: ImportPreview
    var saving = false

    init(preview: ImportPreview) { self.preview = preview }

    var title: String { "Импорт: что изменится" }
    var asScreen: Screen { .importPreview(self) }
    var usesOverview: Bool { false }
    func isLoaded(_ ctx: ScreenContext) -> Bool { true }
    var emptyText: String { "Файл ничего не меняет: все организации в нём уже такие" }
    func activation(_ ctx: ScreenContext) -> (hint: String?, help: String)? { nil }

    var plan: OrganisationImportPlan { preview.plan }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Что изменит импорт: «новая» — организации нет в списке; «изменена» — другое название, численность или уровень; "
         + "«пересчёт» — меняется тип или кластер организации, у которой уже есть карты: их баллы и место будут "
         + "посчитаны заново (об этом спросят ещё раз). Ничего не сохранено, пока не нажата y."]
    }

    func keys(_ ctx: ScreenContext) -> [Binding<Self>] {
        [Binding(letters("yд") + [.function(2)], "y, F2", shown: "y", hint: "Импортировать",
                 help: "импортировать показанное (при пересчёте карт — с ещё одним вопросом)",
                 disabled: plan.changesNothing ? "файл ничего не меняет" : nil) { s, _ in
            s.confirm()
        }]
    }

    mutating func confirm() -> [ScreenCommand] {
        let p = preview
        let effect = { (force: Bool) in Effect.importOrganisations(p.organisations, force: force, expectedRevision: p.revision) }
        let rescoring = plan.rescoring
        guard rescoring.isEmpty else {
            let cards = rescoring.flatMap(\.cards)
            saving = true
            return [.dialog(Dialog(title: "Баллы карт будут пересчитаны", lines: [
                "Организаций с картами, у которых меняется тип или кластер: \(rescoring.count); их карты: "
                + cards.prefix(6).joined(separator: ", ") + (cards.count > 6 ? " и ещё \(cards.count - 6)" : "") + ".",
                "Их баллы и места будут посчитаны заново. Импортировать всё равно? (y/n)",
            ], action: .effects([effect(true)])))]
        }
        saving = true
        return [.effect(effect(false))]
    }

    func header(_ ctx: ScreenContext) -> [(String, CellStyle)] {
        let rescoring = plan.rescoring.count
        var out: [(String, CellStyle)] = [
            ("Файл: \(preview.path) · организаций в нём: \(preview.organisations.count)", .normal),
            ("Новых: \(plan.added.count) · изменится: \(plan.updated.count) · без изменений: \(plan.unchanged)",
             CellStyle.normal.emphasized),
        ]
        out.append(rescoring > 0
            ? ("С пересчётом баллов уже заполненных карт (смена типа или кластера): \(rescoring)", CellStyle.bad.emphasized)
            : ("Ни у одной организации с картами тип и кластер не меняются", .muted))
        return out + detail(ctx).map { ($0, CellStyle.accent) }
    }

    /// The selected row, whole: before and after, on two lines.
    func detail(_ ctx: ScreenContext) -> [String] {
        guard let id = selectedRow(ctx)?.id else { return ["", ""] }
        if let u = plan.updated.first(where: { $0.after.id == id }) {
            return ["\(id) было: \(Self.describe(u.before))",
                    "станет: \(Self.describe(u.after))" + (u.cards.isEmpty ? "" : " · карты: \(u.cards.joined(separator: ", "))")]
        }
        if let o = plan.added.first(where: { $0.id == id }) { return ["\(id) новая: \(Self.describe(o))", ""] }
        return ["", ""]
    }

    static func describe(_ o: Organisation, name: Bool = true) -> String {
        var parts = (name ? [o.name] : []) + [o.type.russianShort]
        if let p = o.pupils { parts.append("\(p) уч.") }
        if let l = o.schoolLevel { parts.append(l.russian) }
        return parts.joined(separator: ", ")
    }

    /// What differs, in a few words: `тип ОО→ДОО`, `учащихся 420→380`, `название`.
    static func differences(_ a: Organisation, _ b: Organisation) -> String {
        var out: [String] = []
        if a.type != b.type { out.append("тип \(a.type.russianShort)→\(b.type.russianShort)") }
        if a.schoolLevel != b.schoolLevel { out.append("уровень \(a.schoolLevel?.russian ?? "—")→\(b.schoolLevel?.russian ?? "—")") }
        if a.pupils != b.pupils { out.append("учащихся \(a.pupils.map(String.init) ?? "—")→\(b.pupils.map(String.init) ?? "—")") }
        if a.name != b.name { out.append("название") }
        if a.shortName != b.shortName { out.append("краткое название") }
        return out.joined(separator: ", ")
    }

    func columns(width: Int) -> [TableColumn] {
        [TableColumn("Что", width: 9), TableColumn.code, TableColumn("Организация", width: 16, flex: 1),
         TableColumn("Изменения", width: 22, flex: 1)]
    }

    func rows(_ ctx: ScreenContext) -> [TableRow] {
        let rescoring = Set(plan.rescoring.map(\.after.id))
        let updates = plan.updated.sorted { rescoring.contains($0.after.id) && !rescoring.contains($1.after.id) }
        return updates.map { u in
            let hard = rescoring.contains(u.after.id)
            return TableRow(id: u.after.id, cells: [
                TableCell(hard ? "пересчёт" : "изменена", style: hard ? CellStyle.bad.emphasized : .warn),
                TableCell(u.after.id), TableCell(u.after.name, short: u.after.displayShortName),
                TableCell(Self.differences(u.before, u.after)),
            ])
        } + plan.added.map { o in
            TableRow(id: o.id, cells: [
                TableCell("новая", style: .good), TableCell(o.id), TableCell(o.name, short: o.displayShortName),
                TableCell(Self.describe(o, name: false)),
            ])
        }
    }

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        guard saving, let result = SaveResult(msg) else { return nil }
        saving = false
        guard case .refused(let f) = result else { return [.pop] }
        return [.message(StatusMessage(f.message + (f.isConflict ? " — откройте файл снова (i), чтобы увидеть изменения" : ""), .error))]
    }
}
