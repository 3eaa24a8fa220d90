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

    /// Saves what the form holds through the Model; `close` closes the form once saved.
    mutating func commitForm(close: Bool) -> [ScreenCommand] {
        guard let d = data, var f = form, let ind = d.template.indicator(f.indicator) else { return [] }
        if f.isReview {
            switch f.verdict(rule: ind.rule, knownLastYear: d.lastYearYoung) {
            case .failure(let e):
                if let i = f.index(of: .corrected) { f.focus = i }
                form = f
                return [.message(StatusMessage(e.russian, .error))]
            case .success(let (verdict, corrected, comment)):
                f.closeAfterSave = true
                form = f
                return [.effect(.review(org: org, period: d.period, indicator: ind.id, verdict: verdict, corrected: corrected,
                                        comment: comment, expectedRevision: d.card.revision))]
            }
        }
        let answer = f.answer(rule: ind.rule, current: d.card.answers[ind.id], knownLastYear: d.lastYearYoung)
        let evidence = f.evidence(current: d.card.evidence[ind.id])
        var commands: [ScreenCommand] = []
        var newAnswer: Answer??
        var newEvidence: Evidence?
        switch answer {
        case .invalid(let why):
            form = f
            return [.message(StatusMessage(why, .error))]
        case .incomplete(let i):
            commands.append(.message(StatusMessage("Ответ не сохранён: заполните поле «\(f.fields[i].label)»", .warning)))
            f.focus = i
            form = f
        case .set(let a):
            newAnswer = .some(a)
        case .unchanged:
            break
        }
        switch evidence {
        case .invalid(let why, let i):
            f.focus = i
            form = f
            return [.message(StatusMessage(why, .error))]
        case .set(let e):
            newEvidence = e
        case .unchanged:
            break
        }
        guard newAnswer != nil || newEvidence != nil else {
            if case .incomplete = answer { return commands }
            if close { form = nil } else { f.move(1); form = f }
            return commands
        }
        if case .incomplete = answer {} else if !close { f.move(1) }
        f.closeAfterSave = close && commands.isEmpty
        form = f
        return commands + [.effect(.saveIndicator(org: org, period: d.period, indicator: ind.id, answer: newAnswer,
                                                  evidence: newEvidence, expectedRevision: d.card.revision))]
    }

    /// `1` on the list: confirms the selected indicator at once (keeping a comment already written) and moves on.
    mutating func quickConfirm(_ ctx: ScreenContext) -> [ScreenCommand] {
        guard let d = data, let ind = selectedIndicator else { return [] }
        let comment = d.card.reviews[ind.id]?.comment ?? ""
        return [.effect(.review(org: org, period: d.period, indicator: ind.id, verdict: .confirmed, corrected: nil,
                                comment: comment, expectedRevision: d.card.revision))]
    }

    func askSubmit() -> [ScreenCommand] {
        guard let d = data else { return [] }
        let missing = d.card.claimedWithoutEvidence(d.template).map(\.id)
        let s = d.score
        let total = "Итого: \(s.points) из \(s.max) (\(Format.percent(s.percent)), \(s.level.russian))."
        if missing.isEmpty {
            return [.dialog(Dialog(title: "Подать карту", lines: [
                "Подать карту на проверку? \(total)",
                "После подачи изменить её можно будет, только если эксперт вернёт её на исправление.",
            ], action: .effects([.submit(org: org, period: d.period, confirmMissingEvidence: false,
                                         expectedRevision: d.card.revision)])))]
        }
        return [.dialog(Dialog(title: "Нет подтверждающих документов", lines: [
            "Показатели без документа: \(missing.joined(separator: ", ")) (\(missing.count)).",
            "Эксперт может не подтвердить их. Подать карту без этих документов? \(total)",
        ], action: .effects([.submit(org: org, period: d.period, confirmMissingEvidence: true,
                                     expectedRevision: d.card.revision)])))]
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
        ], kind: .input(TextField("Исправьте отмеченные показатели")),
           action: .returnCard(org: org, period: d.period, expectedRevision: d.card.revision)))]
    }

    // MARK: - Results

    /// A save went through: take the saved card, move on.
    public mutating func saved(_ d: CardData, _ kind: SaveKind, _ ctx: ScreenContext) -> [ScreenCommand] {
        loaded(d, ctx)
        switch kind {
        case .indicator(let id):
            if form?.closeAfterSave == true { form = nil; select(selected, ctx) }
            return [.message(StatusMessage("Показатель \(id) сохранён"))]
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
