import Model

// MARK: - Editing, reviewing, submitting

extension CardScreen {
    /// Enter on an indicator: the principal's or the reviewer's form, or why the card cannot be changed.
    mutating func openForm(mode: Mode, verdict: Verdict?, _ ctx: ScreenContext) -> [ScreenCommand] {
        guard let d = data, let ind = selectedIndicator else { return [] }
        switch mode {
        case .edit:
            form = IndicatorForm.fill(ind, card: d.card, lastYearYoung: d.lastYearYoung)
        case .review:
            form = IndicatorForm.review(ind, card: d.card, verdict: verdict)
        case .readOnly(let why):
            return [.message(StatusMessage(why, .warning))]
        }
        select(selected, ctx)
        return []
    }

    /// Esc in a form: closes it, asking first when something typed is not saved.
    mutating func closeForm(_ ctx: ScreenContext) -> [ScreenCommand] {
        guard let f = form else { return [] }
        if hasUnsavedInput {
            return [.dialog(Dialog(title: "Несохранённые изменения",
                                   lines: ["Показатель \(f.indicator): введённое ещё не сохранено. Сохранить?"],
                                   action: .saveForm, onNo: .discardForm))]
        }
        form = nil
        select(selected, ctx)
        return []
    }

    /// Enter in a form: every field is read together; when anything is wrong nothing is saved and each problem is
    /// shown beside its field; a warning (a date in the future…) is asked about first; otherwise the answer and the
    /// document go in one save, and the message says what was saved.
    mutating func commitForm(_ ctx: ScreenContext, confirmed: Bool = false) -> [ScreenCommand] {
        guard let d = data, var f = form, let ind = d.template.indicator(f.indicator) else { return [] }
        if f.isReview {
            let (review, errors) = f.verdict(rule: ind.rule, knownLastYear: d.lastYearYoung)
            f.mark(errors: errors)
            guard let (verdict, corrected, comment) = review else {
                form = f
                let first = errors.keys.min().map { "«\(f.fields[$0].label)»: \(errors[$0] ?? "")" } ?? ""
                return [.message(StatusMessage("Отметка не сохранена: \(first)", .error))]
            }
            f.closeAfterSave = true
            form = f
            return [.effect(.review(org: org, period: d.period, indicator: ind.id, verdict: verdict, corrected: corrected,
                                    comment: comment, expectedRevision: d.card.revision))]
        }
        let c = f.check(rule: ind.rule, current: d.card.answers[ind.id], evidence: d.card.evidence[ind.id],
                        knownLastYear: d.lastYearYoung, today: ctx.today, period: d.period)
        f.mark(errors: c.errors, warnings: c.warnings)
        if !c.errors.isEmpty {
            form = f
            let n = c.errors.count
            let first = c.errors.keys.min().map { "«\(f.fields[$0].label)» — \(c.errors[$0] ?? "")" } ?? ""
            return [.message(StatusMessage("Ничего не сохранено: " + (n == 1 ? first : "\(first) (и ещё полей: \(n - 1))"), .error))]
        }
        guard c.changesSomething else {
            form = nil
            select(selected, ctx)
            return [.message(StatusMessage("Показатель \(ind.id): изменений нет"))]
        }
        if !c.warnings.isEmpty && !(confirmed || f.warningsConfirmed) {
            form = f
            let lines = c.warnings.sorted { $0.key < $1.key }.map { "«\(f.fields[$0.key].label)»: \($0.value)" }
            return [.dialog(Dialog(title: "Проверьте перед сохранением", lines: lines + ["Сохранить так?"],
                                   action: .saveFormAnyway))]
        }
        f.warningsConfirmed = confirmed || f.warningsConfirmed
        f.closeAfterSave = true
        f.saving = c.what
        form = f
        return [.effect(.saveIndicator(org: org, period: d.period, indicator: ind.id, answer: c.answer,
                                       evidence: c.evidence, expectedRevision: d.card.revision))]
    }

    /// `1` on the list: confirms the selected indicator at once (keeping a comment already written) and moves on.
    mutating func quickConfirm(_ ctx: ScreenContext) -> [ScreenCommand] {
        guard let d = data, let ind = selectedIndicator else { return [] }
        let comment = d.card.reviews[ind.id]?.comment ?? ""
        return [.effect(.review(org: org, period: d.period, indicator: ind.id, verdict: .confirmed, corrected: nil,
                                comment: comment, expectedRevision: d.card.revision))]
    }

    /// F5 on the principal's card: what is empty, what lacks a document and what looks implausible, then the question.
    func askSubmit(_ ctx: ScreenContext) -> [ScreenCommand] {
        guard let d = data else { return [] }
        let inds = d.template.indicators
        let empty = inds.filter { d.card.answers[$0.id] == nil }.map(\.id)
        let missing = d.card.claimedWithoutEvidence(d.template).map(\.id)
        let odd = Self.implausible(d, today: ctx.today)
        let s = d.score
        func list(_ ids: [String]) -> String {
            ids.count <= 8 ? ids.joined(separator: ", ") : ids.prefix(8).joined(separator: ", ") + " и ещё \(ids.count - 8)"
        }
        var lines = ["Заполнено \(inds.count - empty.count) из \(inds.count). Итого: \(s.points) из \(s.max) "
                     + "(\(Format.percent(s.percent)), \(s.level.russian))."]
        if empty.count == inds.count {
            lines.append("Не заполнен ни один показатель: карта уйдёт на проверку пустой.")
        } else if !empty.isEmpty {
            lines.append("Не заполнены (\(empty.count)): \(list(empty)).")
        }
        if !missing.isEmpty { lines.append("Без документа (\(missing.count)): \(list(missing)) — эксперт может не подтвердить.") }
        for (id, why) in odd.prefix(3) { lines.append("Проверьте \(id): \(why).") }
        if odd.count > 3 { lines.append("И ещё показателей, которые стоит проверить: \(odd.count - 3).") }
        let clean = empty.isEmpty && missing.isEmpty && odd.isEmpty
        lines.append("Подать карту на проверку? Изменить её потом можно, только если эксперт вернёт её на исправление.")
        return [.dialog(Dialog(title: clean ? "Подать карту" : "Подать карту? Проверьте", lines: lines,
                               action: .effects([.submit(org: org, period: d.period, confirmMissingEvidence: !missing.isEmpty,
                                                         expectedRevision: d.card.revision)])))]
    }

    /// Answers and documents that look wrong although the rules accept them: a document dated after today or years
    /// before the period, a share of nobody (0 of 0).
    static func implausible(_ d: CardData, today: Day) -> [(String, String)] {
        var out: [(String, String)] = []
        for ind in d.template.indicators {
            if case .ratio(_, let whole)? = d.card.answers[ind.id], whole == 0 { out.append((ind.id, "ответ 0 из 0")) }
            if let text = d.card.evidence[ind.id]?.date, !text.isEmpty,
               case .success(let (_, warning?)) = IndicatorForm.documentDate(text, today: today, period: d.period) {
                out.append((ind.id, "дата документа \(text): \(warning)"))
            }
        }
        return out
    }

    /// The methodist on any card: accept or return a submitted one, reopen an accepted one, extend the deadline.
    func methodistBindings(_ d: CardData) -> [Binding<CardScreen>] {
        let status = d.card.status
        var out: [Binding<CardScreen>] = []
        out.append(Binding([.function(5)] + letters("sы"), "F5, s", shown: "F5", hint: status == .submitted ? "Принять" : nil,
                           help: "принять поданную карту",
                           disabled: status == .submitted ? nil : "принять можно только поданную карту (сейчас: \(Format.status(of: d.card)))") { s, _ in
            s.askAccept()
        })
        out.append(Binding([.function(8)] + letters("rк"), "F8, r", shown: "F8",
                           hint: status == .submitted || status == .accepted ? "Вернуть" : nil,
                           help: "вернуть руководителю на исправление с комментарием (и принятую)",
                           disabled: status == .submitted || status == .accepted ? nil
                               : "вернуть можно поданную или принятую карту (сейчас: \(Format.status(of: d.card)))") { s, _ in
            s.askReopen()
        })
        out.append(Binding(letters("eу"), "e", hint: status == .draft ? "Продлить" : nil,
                           help: "продлить организации срок заполнения: дата и причина («-» — снять)") { s, ctx in
            openExtension(org: s.org, campaign: ctx.overview?.campaign ?? d.campaign)
        })
        return out
    }

    func askReopen() -> [ScreenCommand] {
        guard let d = data else { return [] }
        return [.dialog(Dialog(title: "Вернуть на исправление", lines: [
            "Карта \(org) (\(Format.status(of: d.card))) вернётся руководителю. Комментарий для руководителя:",
        ], kind: .input(TextField("")), action: .reopen(org: org, period: d.period)))]
    }

    func askAccept() -> [ScreenCommand] {
        guard let d = data else { return [] }
        let s = d.score
        let unchecked = d.template.indicators.filter { d.card.answers[$0.id] != nil && d.card.reviews[$0.id] == nil }.count
        var lines = ["Принять карту \(org)? Баллы после проверки: \(s.points) из \(s.max) (\(Format.percent(s.percent)), \(s.level.russian))."]
        if unchecked > 0 { lines.append("Без отметки эксперта: \(unchecked) показ. — они будут засчитаны как заявлены.") }
        return [.dialog(Dialog(title: "Принять карту", lines: lines,
                               action: .effects([.accept(org: org, period: d.period, expectedRevision: d.card.revision)])))]
    }

    func askReturn() -> [ScreenCommand] {
        guard let d = data else { return [] }
        let n = marked.count
        return [.dialog(Dialog(title: "Вернуть на исправление", lines: [
            "Карта \(org) вернётся руководителю; отмечено показателей: \(n). Комментарий для руководителя:",
        ], kind: .input(TextField("")),
           action: .returnCard(org: org, period: d.period, expectedRevision: d.card.revision)))]
    }

    // MARK: - Results

    /// A save went through: take the saved card, move on.
    public mutating func saved(_ d: CardData, _ kind: SaveKind, _ ctx: ScreenContext) -> [ScreenCommand] {
        loaded(d, ctx)
        switch kind {
        case .indicator(let id):
            let what = form?.saving ?? ""
            if form?.closeAfterSave == true { form = nil; select(selected, ctx) }
            return [.message(StatusMessage("Показатель \(id) сохранён" + (what.isEmpty ? "" : ": \(what)")))]
        case .reviewed(let id):
            form = nil
            if let i = indicators.firstIndex(where: { $0.id == id }) { select(i + 1, ctx) }
            let v = d.card.reviews[id]?.verdict.russian ?? ""
            return [.message(StatusMessage("Показатель \(id): \(v)"))]
        case .submitted:
            form = nil
            return [.message(StatusMessage("Карта подана на проверку"))]
        case .accepted, .returned:
            return []
        }
    }

    /// A save failed: say why; after a conflict show the card as saved now and keep what was typed.
    public mutating func failed(_ f: EffectFailure, _ ctx: ScreenContext) -> [ScreenCommand] {
        if var form { form.closeAfterSave = false; self.form = form }
        if let d = f.reloaded { loaded(d, ctx) }
        var text = f.message
        if f.isConflict && form != nil { text += ". Ваш ввод остался в форме: Enter — сохранить снова" }
        return [.message(StatusMessage(text, .error))]
    }
}

