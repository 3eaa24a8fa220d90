import ArgumentParser
import Foundation
import Model

/// `profrost card show|set|submit|review|accept|return`.
struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "card", abstract: "Экспертная карта организации.",
                                                    subcommands: [Show.self, Set.self, Submit.self, Review.self, Accept.self, Return.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Показать карту: каждый показатель, ответ, баллы и подтверждающий документ.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.org) var org: String
        @Option(help: HelpText.periodOrNewest) var period: String?
        @Option(help: HelpText.tableOrJSON) var format: TableOrJSON = .table

        func run() throws {
            let ctx = try global.session().cardContext(org: org, period: period)
            let score = ctx.score
            if format == .json {
                struct Out: Encodable { let card: ExpertCard; let score: CardScore; let organisation: Organisation }
                return try Output.json(Out(card: ctx.card, score: score, organisation: ctx.organisation))
            }
            Output.print("\(ctx.organisation.name) [\(org)] — \(ctx.campaign.russianPeriod), шаблон \(ctx.template.id), статус: \(ctx.card.status.russian(started: ctx.card.revision > 0 || !ctx.card.answers.isEmpty)), редакция \(ctx.card.revision)")
            var rows: [[String]] = []
            for ind in ctx.template.indicators {
                let a = ctx.card.answers[ind.id]
                let pts = a.map { Scoring.points(for: $0, rule: ind.rule) } ?? 0
                let review = ctx.card.reviews[ind.id].map { $0.verdict.russian } ?? ""
                rows.append([ind.id, a.map(\.display) ?? "-", "\(pts)/\(ind.rule.maxPoints)", ctx.card.evidence[ind.id]?.display ?? "", review,
                             ind.text])
            }
            Output.print(Output.table(["№", "ответ", "баллы", "документ", "проверка", "показатель"], rows, right: [2]))
            Output.print("Итого: \(score.points) из \(score.max) (заявлено \(score.claimedPoints)), \(Output.number(score.percent)) %, уровень: \(score.level.russian)")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Записать значение показателя и (или) подтверждающий документ.",
            discussion: "Значение (VALUE): yes/no (да/нет) — для факта; 8/10 — для доли или участия (сколько/из скольких); 3/4 или 3/4/5 — для сохранения молодых специалистов (сохранено / было в прошлом году [/ есть в этом году]; хватит одного числа «сохранено», если число прошлого года есть в прошлогодней карте); 0-100 — для процента; '-' — очистить.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.org) var org: String
        @Argument(help: "Код показателя, например d1.1.") var indicator: String
        @Argument(help: "Значение (см. выше).") var value: String?
        @Option(help: "Подтверждающий документ: название.") var evidence: String?
        @Option(help: "Подтверждающий документ: номер.") var docNumber: String?
        @Option(help: "Подтверждающий документ: дата.") var docDate: String?
        @Option(help: HelpText.periodOrNewest) var period: String?

        func run() throws {
            let s = try global.session()
            let ctx = try s.cardContext(org: org, period: period)
            guard let ind = ctx.template.indicator(indicator) else { throw StoreError.notFound(what: "indicator", id: indicator) }
            var answer: Answer??
            if let v = value {
                if v == "-" { answer = .some(nil) } else {
                    switch Answer.parse(v, for: ind.rule, knownLastYear: ctx.lastYearYoung) {
                    case .success(let a): answer = .some(a)
                    case .failure(let e): throw StoreError.invalid(InputError("\(indicator): \(e.english)", russian: e.russian))
                    }
                }
            }
            var ev: Evidence?
            if evidence != nil || docNumber != nil || docDate != nil {
                let old = ctx.card.evidence[indicator] ?? Evidence(document: "")
                ev = Evidence(document: evidence ?? old.document, number: docNumber ?? old.number, date: docDate ?? old.date)
            }
            guard answer != nil || ev != nil else {
                throw StoreError.invalid(InputError("give a VALUE and/or --evidence", russian: "Укажите значение или документ"))
            }
            let card = try s.setIndicator(org: org, period: ctx.campaign.period, indicator: indicator, answer: answer, evidence: ev)
            let template = ctx.template
            let score = Scoring.score(card, template: template)
            Output.print("\(indicator) = \(card.answers[indicator].map(\.display) ?? "—"); заявлено \(score.claimedPoints) из \(score.max), уровень: \(score.level.russian) (редакция \(card.revision))")
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Подать карту на проверку.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.org) var org: String
        @Option(help: HelpText.periodOrNewest) var period: String?
        @Flag(help: "Подать, даже если у части заявленных показателей нет подтверждающих документов.") var withoutEvidence = false

        func run() throws {
            let card = try global.session().submit(org: org, period: period, confirmMissingEvidence: withoutEvidence)
            Output.print("Карта \(org) за \(card.period.replacingOccurrences(of: "-", with: "/")) подана на проверку.")
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Отметить показатель поданной карты (проверка экспертом).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.org) var org: String
        @Argument(help: "Код показателя, например d1.1.") var indicator: String
        @Argument(help: "Отметка: confirmed — подтверждено, not-confirmed — не подтверждено, corrected — исправлено.") var verdict: String
        @Option(help: "Верное значение (для отметки corrected).") var value: String?
        @Option(help: "Комментарий для руководителя.") var comment = ""
        @Option(help: HelpText.periodOrNewest) var period: String?

        func run() throws {
            let s = try global.session()
            let v: Verdict
            switch verdict.lowercased() {
            case "confirmed", "ok": v = .confirmed
            case "not-confirmed", "notconfirmed", "rejected": v = .notConfirmed
            case "corrected": v = .corrected
            default: throw StoreError.invalid(InputError("verdict must be confirmed, not-confirmed or corrected", russian: "Отметка: confirmed (подтверждено), not-confirmed (не подтверждено) или corrected (исправлено)"))
            }
            var corrected: Answer?
            if v == .corrected {
                let ctx = try s.cardContext(org: org, period: period)
                guard let ind = ctx.template.indicator(indicator) else { throw StoreError.notFound(what: "indicator", id: indicator) }
                guard let text = value else { throw StoreError.invalid(InputError("corrected needs --value", russian: "Для «исправлено» укажите значение: --value")) }
                switch Answer.parse(text, for: ind.rule, knownLastYear: ctx.lastYearYoung) {
                case .success(let a): corrected = a
                case .failure(let e): throw StoreError.invalid(e)
                }
            }
            try s.review(org: org, period: period, indicator: indicator, verdict: v, corrected: corrected, comment: comment)
            Output.print("\(org) \(indicator): \(v.russian)")
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Принять проверенную карту.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.org) var org: String
        @Option(help: HelpText.periodOrNewest) var period: String?
        func run() throws {
            try global.session().accept(org: org, period: period)
            Output.print("Карта \(org) принята.")
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Вернуть карту руководителю на исправление.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.org) var org: String
        @Option(help: "Что исправить.") var comment: String
        @Option(help: HelpText.periodOrNewest) var period: String?
        func run() throws {
            try global.session().returnCard(org: org, period: period, comment: comment)
            Output.print("Карта \(org) возвращена на доработку.")
        }
    }
}
