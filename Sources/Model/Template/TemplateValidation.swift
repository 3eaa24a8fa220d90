import Foundation

/// What makes a template unusable (as opposed to `TemplateLint`, which reports where a regulation's printed
/// maxima do not add up and never refuses them). Each problem is a sentence naming the indicator.
public enum TemplateValidation {
    public static func problems(_ t: AnyTemplate) -> [InputError] {
        var out: [InputError] = []
        if !TemplateKey.isValidID(t.id) {
            out.append(InputError("template id \"\(Sanitize.line(t.id))\" must be 1-40 lower-case latin letters, digits or dashes",
                                  russian: "Код шаблона — до 40 строчных латинских букв, цифр или дефисов"))
        }
        if Whitespace.isBlank(t.title) {
            out.append(InputError("the template has no title", russian: "У шаблона нет названия"))
        }
        var seen = Set<String>()
        for id in t.indicatorIDs {
            if !isValidIndicatorID(id) {
                out.append(InputError("indicator id \"\(Sanitize.line(id))\" must look like d1.2", russian: "Код показателя должен иметь вид d1.2"))
            }
            if !seen.insert(id).inserted {
                out.append(InputError("indicator id \(id) occurs twice", russian: "Показатель \(id) повторяется"))
            }
        }
        for x in t.texts {
            if let e = FieldLimit.templateText.problem(x.text) {
                out.append(InputError("\(x.en): \(e.english)", russian: "\(x.ru): \(e.russian)"))
            } else if !DisplayText.isClean(x.text) {
                out.append(InputError("\(x.en): the text holds control characters (escape sequences, line breaks)",
                                      russian: "\(x.ru): в тексте управляющие символы (escape-последовательности, переводы строк)"))
            }
        }
        switch t {
        case .card(let c):
            for ind in c.indicators {
                if Whitespace.isBlank(ind.text) { out.append(noText(ind.id)) }
                switch ind.rule {
                case .fact(let p) where !(1...10).contains(p),
                     .share(_, let p) where !(1...10).contains(p),
                     .retention(_, let p) where !(1...10).contains(p),
                     .participation(_, let p) where !(1...10).contains(p):
                    out.append(InputError("\(ind.id): points must be 1-10, got \(p)", russian: "\(ind.id): баллы — от 1 до 10"))
                case .share(let th, _) where !(1...100).contains(th),
                     .retention(let th, _) where !(1...100).contains(th),
                     .participation(let th, _) where !(1...100).contains(th):
                    out.append(InputError("\(ind.id): threshold must be 1-100 %, got \(th)", russian: "\(ind.id): порог — от 1 до 100 %"))
                default: break
                }
            }
            if c.levels.medium > c.levels.high || c.levels.high > max(c.declaredMax, 0) {
                out.append(InputError("levels must satisfy medium ≤ high ≤ declared maximum", russian: "Пороги уровней: средний ≤ высокий ≤ максимум"))
            }
        case .programme(let p):
            for m in p.indicators where Whitespace.isBlank(m.text) { out.append(noText(m.id)) }
            if p.ranking == .scaled, !p.indicators.contains(where: { $0.kind == .percent }) {
                out.append(InputError("a scaled ranking needs percent indicators", russian: "Для шкалирования нужны показатели-проценты"))
            }
            if let tt = p.timetable, tt.days(period: "2025-26") == nil {
                out.append(InputError("timetable dates must be MM-DD", russian: "Даты графика — в виде ММ-ДД"))
            }
        }
        return out
    }

    static func isValidIndicatorID(_ id: String) -> Bool {
        guard id.count <= 12, id.first == "d" else { return false }
        let parts = id.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) && $0.count <= 3 }
    }

    private static func noText(_ id: String) -> InputError {
        InputError("\(id): the indicator has no text", russian: "\(id): у показателя нет текста")
    }
}

extension AnyTemplate {
    /// Every text of the template with where it is (English, Russian), for the checks of length and control characters.
    var texts: [(en: String, ru: String, text: String)] {
        var out: [(en: String, ru: String, text: String)] = [("title", "Название", title), ("source", "Источник", source)]
        switch self {
        case .card(let c):
            for d in c.directions {
                out.append(("direction \(d.number)", "Направление \(d.number)", d.title))
                for i in d.indicators {
                    for x in [i.text, i.ruleText, i.periodicity, i.evidenceSource] { out.append((i.id, i.id, x)) }
                }
            }
        case .programme(let p):
            for n in p.notes { out.append(("notes", "Примечания", n)) }
            if let tt = p.timetable { out.append(("timetable", "Сроки", tt.text)) }
            for s in p.sections {
                for x in [s.title, s.goal, s.note ?? ""] + s.measures { out.append(("section \(s.number)", "Раздел \(s.number)", x)) }
                for m in s.indicators {
                    for x in [m.text, m.group ?? "", m.numerator ?? "", m.denominator ?? "", m.evidence, m.method] { out.append((m.id, m.id, x)) }
                }
            }
        }
        return out
    }
}

/// Text from files and people, made safe to print on one terminal line.
public enum Sanitize {
    /// `DisplayText.sanitize` (escape sequences, controls, bidi overrides dropped), cut to `limit` characters.
    public static func line(_ s: String, limit: Int = 80) -> String {
        let kept = DisplayText.sanitize(s)
        return kept.count > limit ? String(kept.prefix(limit)) + "…" : kept
    }
}
