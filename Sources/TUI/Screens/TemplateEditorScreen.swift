import Model

/// Methodist: a new version of a template put together from a stored one. The list shows the template, its
/// directions (sections) and their indicators, retired ones greyed; Enter edits the selected part in a form under
/// the list, `a` adds an indicator, `r` retires or restores one, `u`/`d` move it. The lint (what stops a save, and the
/// declared maxima the points do not add up to) is under it all and follows every key. F2 stores the draft as the
/// next version through the Session, as `templates import` does: campaigns opened before keep their versions.
public struct TemplateEditorScreen: ScreenPart, Equatable, Sendable {
    /// A line of the list.
    public enum Line: Equatable, Sendable {
        case template
        case section(Int)
        case indicator(String)
        case retired(String)
    }

    public var draft: TemplateDraft
    public var cursor: Line = .template
    /// First list line shown.
    public var offset = 0
    public var form: TemplateEditorForm?

    public init(draft: TemplateDraft) {
        self.draft = draft
        if let first = draft.sections.first { cursor = first.indicators.first.map(Line.indicator) ?? .section(first.number) }
    }

    var title: String { "Редактор шаблона" }
    var asScreen: Screen { .templateEditor(self) }
    var capturesText: Bool { form != nil }
    var hasUnsavedInput: Bool { draft.isChanged }
    var isBusy: Bool { form != nil }

    var kindWord: String { draft.template.kind == .card ? "направление" : "раздел" }

    func helpIntro(_ ctx: ScreenContext) -> [String] {
        ["Новая версия шаблона \(draft.template.id): правки собираются здесь и сохраняются (F2) версией "
         + "\(draft.nextVersion). Версии до неё не меняются: кампании, открытые раньше, считают баллы по своим.",
         "Enter — изменить выбранное: шаблон (название, максимум, пороги уровней), \(kindWord) или показатель "
         + "(текст, правило, баллы, порог, методика, источник). a — новый показатель в \(kindWord == "раздел" ? "разделе" : "направлении"), "
         + "r — вывести показатель из новой версии или вернуть, u / d — выше / ниже.",
         "Проверка внизу пересчитывается после каждой клавиши. Ошибки (нет текста, баллы вне 1–10…) не дают сохранить; "
         + "расхождения с заявленными максимумами сохраняются только после вопроса."]
    }

    // MARK: - The list

    var lines: [Line] {
        var out: [Line] = [.template]
        for s in draft.sections {
            out.append(.section(s.number))
            out += s.indicators.map(Line.indicator)
            out += draft.retired(in: s.number).map { .retired($0.id) }
        }
        return out
    }

    var selectedIndex: Int { lines.firstIndex(of: cursor) ?? 0 }

    /// The direction (section) of the line under the cursor.
    var selectedSection: Int? {
        let all = lines
        for line in all[...min(selectedIndex, all.count - 1)].reversed() {
            if case .section(let n) = line { return n }
        }
        return draft.sections.first?.number
    }

    mutating func select(_ index: Int, _ ctx: ScreenContext) {
        let all = lines
        cursor = all[min(max(index, 0), all.count - 1)]
        scroll(ctx)
    }

    mutating func scroll(_ ctx: ScreenContext) {
        let visible = max(listRect(ctx).height, 1)
        let i = selectedIndex
        if i < offset { offset = i }
        if i >= offset + visible { offset = i - visible + 1 }
        offset = max(min(offset, max(lines.count - visible, 0)), 0)
    }

    // MARK: - Keys

    func bindings(_ ctx: ScreenContext) -> [Binding<Self>] {
        if form != nil { return formBindings() }
        let retiredSelected: Bool = { if case .retired = cursor { return true }; return false }()
        let indicatorSelected: Bool = { if case .indicator = cursor { return true }; return false }()
        var out: [Binding<Self>] = []
        out.append(Binding([.enter], "Enter", hint: "Правка", help: "изменить выбранное: шаблон, \(kindWord) или показатель",
                           disabled: retiredSelected ? "показатель выведен из новой версии; r — вернуть его" : nil) { s, ctx in
            s.openForm(ctx)
        })
        out.append(saveBinding())
        out.append(Binding(letters("aф"), "a", hint: "Новый", help: "новый показатель в конце выбранного \(kindWord == "раздел" ? "раздела" : "направления")") { s, ctx in
            s.addIndicator(ctx)
        })
        out.append(Binding(letters("rк"), "r", hint: retiredSelected ? "Вернуть" : "Вывести",
                           help: "вывести показатель из новой версии (прежние версии и их кампании его сохраняют) или вернуть выведенный",
                           disabled: retiredSelected || indicatorSelected ? nil : "выберите показатель") { s, ctx in
            s.toggleRetired(ctx)
        })
        let why = indicatorSelected ? nil : "переставлять можно показатели"
        out.append(Binding(letters("uг"), "u", help: "переставить показатель выше", disabled: why) { s, ctx in s.move(-1, ctx) })
        out.append(Binding(letters("dв"), "d", help: "переставить показатель ниже", disabled: why) { s, ctx in s.move(1, ctx) })
        out.append(Binding([.escape] + Keys.quit, "Esc", hint: "Назад", help: "закрыть редактор (если правки не сохранены — спросит)") { s, _ in
            s.leave()
        })
        return out
    }

    func saveBinding() -> Binding<Self> {
        Binding([.function(2)], "F2", hint: "Сохранить",
                help: "сохранить новой версией (\(draft.nextVersion)): с ошибками не сохраняется, о расхождениях спросит",
                whileTyping: true) { s, _ in
            s.askSave()
        }
    }

    func formBindings() -> [Binding<Self>] {
        [Binding([.enter], "Enter", hint: "Готово", help: "закрыть форму, оставив правку в новой версии (сохраняет F2)", whileTyping: true) { s, ctx in
            s.form = nil
            s.scroll(ctx)
            return []
        },
         Binding([.tab, .down], "Tab, ↓", shown: "Tab", hint: "Поле", help: "следующее поле", whileTyping: true) { s, _ in
            s.form?.fields.move(1); return []
         },
         Binding([.backTab, .up], "Shift+Tab, ↑", help: "предыдущее поле", whileTyping: true) { s, _ in
            s.form?.fields.move(-1); return []
         },
         Binding([.char(" ")], "Пробел, ←, →", help: "выбрать вариант (правило, вид, кто вносит)") { _, _ in [] },
         saveBinding(),
         Binding([.escape], "Esc", hint: "Отменить", help: "отменить правку в этой форме и закрыть её", whileTyping: true) { s, ctx in
            if let f = s.form { s.draft = f.before }
            s.form = nil
            s.scroll(ctx)
            return [.message(StatusMessage("Правка отменена"))]
         }]
    }

    /// Moving in the list; typing into the form (the draft and the lint follow every key).
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        if var f = form {
            guard f.fields.handle(key) else { return nil }
            f.refresh()
            draft = f.applied(to: draft)
            form = f
            return []
        }
        let page = max(listRect(ctx).height - 1, 1)
        switch key {
        case _ where Keys.isUp(key): select(selectedIndex - 1, ctx)
        case _ where Keys.isDown(key): select(selectedIndex + 1, ctx)
        case .pageUp: select(selectedIndex - page, ctx)
        case .pageDown: select(selectedIndex + page, ctx)
        case .home: select(0, ctx)
        case .end: select(lines.count - 1, ctx)
        default: return nil
        }
        return []
    }

    // MARK: - Actions

    mutating func openForm(_ ctx: ScreenContext) -> [ScreenCommand] {
        let target: TemplateEditorForm.Target
        switch cursor {
        case .template: target = .template
        case .section(let n): target = .section(n)
        case .indicator(let id): target = .indicator(id)
        case .retired: return []
        }
        form = TemplateEditorForm.open(target, in: draft)
        scroll(ctx)
        return []
    }

    mutating func addIndicator(_ ctx: ScreenContext) -> [ScreenCommand] {
        guard let n = selectedSection else { return [.message(StatusMessage("В шаблоне нет ни одного направления", .warning))] }
        let before = draft
        guard let id = draft.addIndicator(section: n) else { return [] }
        cursor = .indicator(id)
        form = TemplateEditorForm.open(.indicator(id), in: draft).map { f in
            TemplateEditorForm(target: f.target, fields: f.fields, before: before)
        }
        scroll(ctx)
        return [.message(StatusMessage("Новый показатель \(id): введите текст, правило и баллы; Esc — не добавлять"))]
    }

    mutating func toggleRetired(_ ctx: ScreenContext) -> [ScreenCommand] {
        switch cursor {
        case .indicator(let id):
            draft.retire(id)
            cursor = .retired(id)
            scroll(ctx)
            return [.message(StatusMessage("Показатель \(id) выведен из версии \(draft.nextVersion); прежние версии его сохраняют"))]
        case .retired(let id):
            draft.restore(id)
            cursor = .indicator(id)
            scroll(ctx)
            return [.message(StatusMessage("Показатель \(id) возвращён (в конец \(kindWord == "раздел" ? "раздела" : "направления"))"))]
        default:
            return []
        }
    }

    mutating func move(_ step: Int, _ ctx: ScreenContext) -> [ScreenCommand] {
        guard case .indicator(let id) = cursor else { return [] }
        guard draft.move(id, by: step) else {
            return [.message(StatusMessage(step < 0 ? "Показатель уже первый в \(kindWord == "раздел" ? "разделе" : "направлении")"
                                           : "Показатель уже последний в \(kindWord == "раздел" ? "разделе" : "направлении")", .warning))]
        }
        scroll(ctx)
        return []
    }

    /// F2: errors refuse the save with the first of them; otherwise one question names the version, what changed
    /// and every warning.
    mutating func askSave() -> [ScreenCommand] {
        if form != nil { form = nil }
        let f = draft.findings
        if let first = f.errors.first {
            let more = f.errors.count > 1 ? " (и ещё ошибок: \(f.errors.count - 1))" : ""
            return [.message(StatusMessage("Не сохранено: \(first)\(more)", .error))]
        }
        guard draft.isChanged else {
            return [.message(StatusMessage("Изменений нет: версия \(draft.base.template.version) остаётся как есть", .warning))]
        }
        var lines = ["Сохранить шаблон \(draft.template.id) версией \(draft.nextVersion)? Изменения: \(draft.changeSummary).",
                     "Кампании, открытые раньше, продолжат считать по своим версиям; новая версия пойдёт в новые кампании."]
        if !f.warnings.isEmpty {
            lines.append("Предупреждения (\(f.warnings.count)):")
            lines += f.warnings.prefix(4).map { "• \($0)" }
            if f.warnings.count > 4 { lines.append("• и ещё \(f.warnings.count - 4)") }
            lines.append("Сохранить с ними?")
        }
        return [.dialog(Dialog(title: f.warnings.isEmpty ? "Новая версия" : "Новая версия: есть расхождения", lines: lines,
                               action: .effects([.templates(.save(draft.template, newest: draft.newestVersion))])))]
    }

    func leave() -> [ScreenCommand] {
        guard draft.isChanged else { return [.pop] }
        return [.dialog(Dialog(title: "Правки не сохранены",
                               lines: ["Закрыть редактор? Правки шаблона \(draft.template.id) (\(draft.changeSummary)) будут потеряны. "
                                       + "Чтобы сохранить, ответьте «нет» и нажмите F2."],
                               action: .closeScreen))]
    }

    // MARK: - Results

    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? {
        switch msg {
        case .templates(.saved(let e, let added, let catalogue)) where e.template.id == draft.template.id:
            let old = draft.base.template.version
            draft = TemplateDraft(base: e, versions: catalogue.entries)
            if !lines.contains(cursor) { cursor = .template }
            scroll(ctx)
            return [.message(StatusMessage(added
                ? "Сохранена версия \(e.template.version) шаблона \(e.template.id) (из версии \(old)); прежние кампании считают по своим версиям"
                : "Такая версия уже есть — \(e.template.key); ничего не сохранено", added ? .info : .warning))]
        case .failed(let f):
            guard case .templates(.save) = f.effect else { return nil }
            if f.isConflict {
                return [.message(StatusMessage("Не сохранено: пока вы редактировали, шаблон \(draft.template.id) сохранили новой версией. "
                                               + "Ваши правки остались здесь; откройте новую версию из списка и повторите их", .error))]
            }
            return [.message(StatusMessage("Не сохранено: \(f.message)", .error))]
        default:
            return nil
        }
    }
}
