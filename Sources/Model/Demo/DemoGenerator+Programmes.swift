import Foundation

extension DemoGenerator {
    /// The programmes in the demo: stored as templates; a percent rating and a collection of counts opened and
    /// filled for every period; a decision recorded in the previous period whose effect the current one shows.
    ///
    /// Percent values are whole numbers so that a scaled row can be checked by hand. Values come from their own
    /// random stream, so adding programmes leaves the cards exactly as before.
    func addProgrammes(_ programmes: [Programme], to ws: Workspace, organisations orgs: [Organisation], periods: [String]) throws {
        var rng = SeededRandom(seed: seed &+ 3)
        let methodist = try ws.person("metodist")
        let stamp = Timestamp.parse("\(today)T09:00:00Z") ?? Date(timeIntervalSince1970: 0)
        let session = Session(workspace: ws, person: methodist, today: today, now: { stamp })
        for p in programmes { try session.addTemplate(.programme(p)) }
        let collected = programmes.filter { $0.indicators.contains { $0.kind != .undefined } }
        guard !collected.isEmpty else { return }
        // The school a decision addresses in the previous period, chosen once that period is filled.
        var helped: String?
        let boosted = ["d1.2", "d1.4"]
        for (i, period) in periods.enumerated() {
            let isCurrent = i == periods.count - 1
            for p in collected {
                // Opened with its answers in one write (one journal entry creating the run).
                let entry = try ws.templateEntry(p.id)
                var m = try Monitoring.opening(period: period, entry: entry, programme: p, scheme: nil)
                var values: [String: [String: MonitoringValue]] = [:]
                let asked = orgs.filter { p.respondents.contains($0.type) }
                for (k, o) in asked.enumerated() {
                    // The current collection is still open: the last few schools have not reported yet.
                    if isCurrent && k >= asked.count - 2 && o.id != helped { continue }
                    for ind in p.indicators where ind.reporter == .organisation {
                        guard let v = value(ind, o, &rng) else { continue }
                        if isCurrent, o.id == helped, boosted.contains(ind.id), case .percent(let x) = v {
                            values[o.id, default: [:]][ind.id] = .percent(min(100, x + 30))
                        } else {
                            values[o.id, default: [:]][ind.id] = v
                        }
                    }
                }
                for ind in p.indicators where ind.reporter == .municipality && ind.kind != .undefined {
                    switch ind.kind {
                    case .share: let w = rng.int(8...40); values[Monitoring.municipality, default: [:]][ind.id] = .counts(part: rng.int(0...w), whole: w)
                    case .presence: values[Monitoring.municipality, default: [:]][ind.id] = .presence(true)
                    case .count: values[Monitoring.municipality, default: [:]][ind.id] = .count(rng.int(0...12))
                    case .percent: values[Monitoring.municipality, default: [:]][ind.id] = .percent(Double(rng.int(0...100)))
                    case .undefined: break
                    }
                }
                m.values = values
                let run = m
                try ws.update(Monitoring.self, at: ws.monitoringPath(period: period, key: run.template.id), actor: "demo",
                              expectedRevision: 0, initial: { run }) { doc in
                    [Change("monitoring.create", target: "monitoring:\(period)/\(run.template.id)", after: .from(doc))]
                }
            }
            guard !isCurrent, let rating = collected.first(where: { $0.ranking == .scaled }) else { continue }
            // The weakest school of the largest cluster gets a plan; the next year shows its effect.
            let m = try ws.monitoring(period: period, template: rating.id)
            let clusters = MonitoringResults.scaled(m, programme: try ws.programme(m.template), organisations: orgs)
            guard let biggest = clusters.max(by: { $0.rows.count < $1.rows.count }), let last = biggest.rows.last else { continue }
            helped = last.org
            let due = Day(year: (Campaign.fillYear(of: period) ?? today.year) + 1, month: 5, day: 31) ?? today
            try session.recordDecision(DecisionDraft(
                period: period, kind: .plan, target: DecisionTarget(kind: .organisation, id: last.org),
                what: "Включить педагогов в муниципальные профессиональные конкурсы и подготовить публикации методических материалов; закрепить наставника из школы-лидера кластера",
                responsible: "Заместитель директора по методической работе", due: due,
                indicators: boosted.map { IndicatorTarget(template: rating.id, indicator: $0) }))
            if let zone = try weakestCardIndicator(ws, period: period) {
                try session.recordDecision(DecisionDraft(
                    period: period, kind: .decision, target: DecisionTarget(kind: .zone, id: ClusterKind.general.id),
                    what: "Провести муниципальный семинар по проблемной зоне и включить её в планы методической работы школ, не получивших баллов",
                    responsible: "Методист МБУ МИМЦ", due: due, indicators: [IndicatorTarget(template: OrgType.general.rawValue, indicator: zone)]))
            }
            let principal = Session(workspace: ws, person: try ws.person("dir-\(last.org)"), today: today, now: { stamp })
            try principal.reportOnDecision(id: "r1", text: "Трое педагогов заявлены на муниципальный конкурс, две статьи отправлены в сборник")
        }
    }

    /// The general-school card indicator most schools earned nothing on in `period`.
    func weakestCardIndicator(_ ws: Workspace, period: String) throws -> String? {
        let c = try ws.campaign(period)
        let data = try ws.periodResults(c)
        guard let t = data.templates[.general] else { return nil }
        let schools = data.results.filter { $0.row.type == .general }
        return t.indicators.filter { $0.rule.maxPoints > 0 }
            .max { a, b in
                schools.filter { ($0.indicatorPoints[a.id] ?? 0) == 0 }.count < schools.filter { ($0.indicatorPoints[b.id] ?? 0) == 0 }.count
            }?.id
    }

    /// One organisation's plausible answer to a programme indicator.
    func value(_ ind: Measure, _ o: Organisation, _ rng: inout SeededRandom) -> MonitoringValue? {
        let teachers = max(8, (o.pupils ?? 300) / 14)
        switch ind.kind {
        case .percent:
            return .percent(Double(rng.int(0...60)))
        case .share:
            let aboutStaff = ind.text.contains("педагог") || ind.text.contains("руководител")
            let whole = aboutStaff ? teachers : max(10, (o.pupils ?? 300) / (ind.text.contains("выпускник") || ind.text.contains("класс") ? 9 : 1))
            return .counts(part: Int(Double(whole) * Double(rng.int(15...95)) / 100), whole: whole)
        case .presence:
            return .presence(rng.chance(0.6))
        case .count:
            return .count(rng.int(0...5))
        case .undefined:
            return nil
        }
    }
}
