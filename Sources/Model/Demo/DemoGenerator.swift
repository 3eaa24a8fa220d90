import Foundation

/// A fictional municipality: organisations of all three types, people, and campaigns over several years,
/// with scores that vary by organisation and drift over the years. Deterministic for a given seed.
public struct DemoGenerator {
    public var organisations: Int
    public var years: Int
    public var seed: UInt64
    public var today: Day
    public var name = "Муниципальный отдел образования (демо)"

    public init(organisations: Int = 48, years: Int = 2, seed: UInt64 = 2026, today: Day) {
        self.organisations = max(organisations, 6); self.years = max(years, 1); self.seed = seed; self.today = today
    }

    /// The period the current campaign evaluates: the academic year that ended most recently.
    public static func currentPeriod(on day: Day) -> String {
        Campaign.period(endingIn: day.month >= 6 ? day.year : day.year - 1)
    }

    /// Writes the workspace at `root` (must be new or empty); `progress(done, total)` is called as cards are written.
    /// The workspace is built in a sibling folder and renamed into place, so a failure leaves nothing half-made.
    @discardableResult
    public func generate(at root: String, templates: [Template], programmes: [Programme] = [],
                         progress: ((Int, Int) -> Void)? = nil) throws -> Workspace {
        let fm = FileManager.default
        let target = (root as NSString).standardizingPath
        if let items = try? fm.contentsOfDirectory(atPath: target), !items.isEmpty {
            throw StoreError.invalid(InputError("\(target) is not empty; choose an empty or new folder", russian: "Папка \(target) не пуста"))
        }
        let partial = "\(target).partial-\(getpid())"
        try? fm.removeItem(atPath: partial)
        do {
            _ = try build(at: partial, templates: templates, programmes: programmes, progress: progress)
            // Cards were written without fsync each (see `writeFresh`); one flush of the whole file system
            // makes every file and folder of the aside workspace durable before it appears under its name.
            try Self.syncFileSystem(of: partial)
            try? fm.removeItem(atPath: target)  // an empty folder only (checked above)
            guard rename(partial, target) == 0 else {
                throw StoreError.io(path: target, reason: "cannot move the new workspace into place")
            }
            try AtomicFile.syncDirectory((target as NSString).deletingLastPathComponent)
        } catch {
            try? fm.removeItem(atPath: partial)
            throw error
        }
        return try Workspace(root: target)
    }

    private func build(at root: String, templates: [Template], programmes: [Programme], progress: ((Int, Int) -> Void)?) throws -> Workspace {
        var rng = SeededRandom(seed: seed)
        let methodist = Person(id: "metodist", name: "Смирнова Елена Викторовна", role: .methodist)
        let ws = try Workspace.create(at: root, name: name, templates: templates, actor: "demo", methodist: methodist)
        let byType = Dictionary(uniqueKeysWithValues: templates.map { ($0.orgType, $0) })

        // Organisations and people.
        let orgs = makeOrganisations(&rng)
        var people = [methodist,
                      Person(id: "expert1", name: "Кузнецов Андрей Петрович", role: .reviewer),
                      Person(id: "expert2", name: "Волкова Ирина Сергеевна", role: .reviewer)]
        for o in orgs { people.append(Person(id: "dir-\(o.id)", name: Names.person(&rng), role: .principal, org: o.id)) }
        var changes: [Change] = orgs.map { Change("org.add", target: "org:\($0.id)", after: .from($0)) }
        changes += people.dropFirst().map { Change("person.add", target: "person:\($0.id)", after: .from($0)) }
        try ws.update(OrganisationList.self, at: ws.path("organisations.json"), actor: "demo", initial: { OrganisationList() }) {
            $0.organisations = orgs; return [Change("org.import", target: "organisations", after: .int(orgs.count))]
        }
        try ws.update(PeopleList.self, at: ws.path("people.json"), actor: "demo", initial: { PeopleList() }) {
            $0.people = people; return [Change("person.import", target: "people", after: .int(people.count))]
        }
        try ws.journal.append(changes, actor: "demo")

        // Campaigns: `years` periods ending with the current one.
        let current = Self.currentPeriod(on: today)
        guard let lastYear = Campaign.fillYear(of: current) else { return ws }
        let refs = try Dictionary(uniqueKeysWithValues: templates.map { t in
            (t.orgType.rawValue, TemplateRef(id: t.id, sha256: Hashing.sha256(try JSONFiles.encode(t))))
        })
        var strength = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id, Double(rng.int(20...95)) / 100) })
        var young: [String: Int] = [:]
        let total = orgs.count * years
        var done = 0
        for y in (lastYear - years + 1)...lastYear {
            let period = Campaign.period(endingIn: y)
            if y == lastYear, !programmes.isEmpty {
                // Before the current cards, so that the journal still ends with them: last year's results are
                // there for the decisions, and the programmes' runs do not depend on this year's cards.
                try addProgrammes(programmes, to: ws, organisations: orgs, periods: ((lastYear - years + 1)...lastYear).map { Campaign.period(endingIn: $0) })
            }
            var campaign = try Campaign(period: period, templates: refs, clusterScheme: .type)
            let isCurrent = y == lastYear
            if isCurrent && campaign.fillDeadline < today.adding(days: 7) {
                // Place the current campaign around today: filling is open for two more weeks.
                campaign.fillDeadline = today.adding(days: 14)
                campaign.checkDeadline = campaign.fillDeadline.adding(days: 15)
                campaign.evaluateDeadline = campaign.checkDeadline.adding(days: 17)
            }
            if isCurrent, orgs.count > 3 {
                campaign.extensions[orgs[3].id] = campaign.fillDeadline.adding(days: 7)
                campaign.extensionReasons = [orgs[3].id: "Карантин в учреждении с 1 по 20 сентября (приказ № 48)"]
            }
            try ws.update(Campaign.self, at: ws.campaignPath(period), actor: "demo", initial: { campaign }) { c in
                [Change("campaign.create", target: "campaign:\(period)", after: .from(c))]
            }
            var cards: [ExpertCard] = []
            var cardChanges: [Change] = []
            for o in orgs {
                guard let t = byType[o.type] else { continue }
                strength[o.id] = min(0.98, max(0.1, (strength[o.id] ?? 0.5) + Double(rng.int(-8...12)) / 100))
                let card = makeCard(o, t, period: period, strength: strength[o.id] ?? 0.5, young: &young,
                                    current: isCurrent, campaign: campaign, rng: &rng)
                if var card {
                    card.revision = 1
                    let rel = ws.relative(ws.cardPath(org: o.id, period: period))
                    // The journal keeps what the card says (status and every answer), so that `audit verify` can
                    // name the indicator a later hand edit changed.
                    cardChanges.append(Change("card.create", target: "card:\(period)/\(o.id)",
                                              after: .object(["status": .string(card.status.rawValue),
                                                              "answers": .from(card.answers)]),
                                              document: DocumentDigest(path: rel, revision: 1,
                                                                       sha256: try Workspace.contentHash(card))))
                    cards.append(card)
                }
                done += 1
                progress?(done, total)
            }
            var summaries: [String: CardSummary] = [:]
            // Each card links to the entry that records it; written (without fsync, see `writeFresh`) under the
            // journal's lock, before the entries are appended.
            try ws.journal.append(cardChanges, actor: "demo") { entries in
                for (i, var card) in cards.enumerated() {
                    card.journal = JournalLink(seq: entries[i].seq, hash: entries[i].hash)
                    try Self.writeFresh(try JSONFiles.encode(card), to: ws.cardPath(org: card.org, period: period))
                    summaries[card.org] = CardSummary(card)
                }
            }
            ws.writeScoreIndex(period: period, summaries: summaries)
        }
        return ws
    }

    func makeOrganisations(_ rng: inout SeededRandom) -> [Organisation] {
        // A municipality's mix: about 45 % kindergartens, 40 % schools, 15 % out-of-school centres.
        var out: [Organisation] = []
        var n = (preschool: 0, general: 0, additional: 0)
        for i in 0..<organisations {
            let r = i % 20
            if r < 9 {
                n.preschool += 1
                out.append(Organisation(id: String(format: "dou-%03d", n.preschool), name: Names.kindergarten(n.preschool, &rng),
                                        type: .preschool, pupils: rng.int(60...320)))
            } else if r < 17 {
                n.general += 1
                let basic = n.general % 4 == 0
                let pupils = basic ? rng.int(60...480) : (n.general % 2 == 0 ? rng.int(180...499) : rng.int(501...1400))
                out.append(Organisation(id: String(format: "sch-%03d", n.general),
                                        name: Names.school(n.general, basic: basic, &rng), type: .general,
                                        pupils: n.general == 2 ? 500 : pupils, schoolLevel: basic ? .basic : .secondary))
            } else {
                n.additional += 1
                out.append(Organisation(id: String(format: "udo-%03d", n.additional), name: Names.centre(n.additional, &rng),
                                        type: .additional, pupils: rng.int(200...1500)))
            }
        }
        return out
    }

    func makeCard(_ o: Organisation, _ t: Template, period: String, strength p: Double, young: inout [String: Int],
                  current: Bool, campaign: Campaign, rng: inout SeededRandom) -> ExpertCard? {
        var card = ExpertCard(org: o.id, period: period, template: t.id)
        // Status in the current campaign: every status occurs; past campaigns are accepted.
        let roll = rng.int(0...99)
        let status: CardStatus = !current ? .accepted
            : roll < 12 ? .draft : roll < 55 ? .submitted : roll < 68 ? .returned : roll < 75 ? .draft : .accepted
        if current && roll < 8 { return nil }           // not started at all
        let partial = current && status == .draft
        // Submitted some days before the deadline, and never after today.
        let lastDay = min(campaign.fillDeadline, today.adding(days: -4))
        let at = Timestamp.parse("\(lastDay.adding(days: -rng.int(0...20)))T09:\(rng.int(10...59)):00Z") ?? Date()
        for ind in t.indicators {
            if partial && rng.chance(0.5) { continue }
            let answer: Answer
            switch ind.rule {
            case .fact: answer = .fact(rng.chance(p))
            case .share:
                let whole = rng.int(12...90)
                let part = min(whole, Int(Double(whole) * min(1, p + Double(rng.int(-20...20)) / 100)))
                answer = .ratio(part: max(0, part), whole: whole)
            case .participation:
                let planned = rng.int(4...12)
                answer = .ratio(part: min(planned, Int((Double(planned) * (p + Double(rng.int(-25...15)) / 100)).rounded())), whole: planned)
            case .retention:
                let last = young[o.id] ?? rng.int(1...6)
                let retained = min(last, Int((Double(last) * (p + Double(rng.int(-30...10)) / 100)).rounded()))
                let now = max(0, retained + rng.int(0...3))
                young[o.id] = now
                answer = .retention(retained: max(0, retained), lastYear: last, current: now)
            case .percent: answer = .percent(Double(rng.int(0...100)))
            }
            card.answers[ind.id] = answer
            if Scoring.points(for: answer, rule: ind.rule) > 0, rng.chance(0.93) {
                card.evidence[ind.id] = Names.evidence(for: ind, day: campaign.fillDeadline.adding(days: -rng.int(30...300)), &rng)
            }
        }
        card.status = status
        if status != .draft {
            card.history.append(StatusChange(status: .submitted, by: "dir-\(o.id)", at: at))
        }
        if status == .accepted || status == .returned {
            let reviewer = rng.chance(0.5) ? "expert1" : "expert2"
            for ind in t.indicators {
                guard let a = card.answers[ind.id], Scoring.points(for: a, rule: ind.rule) > 0 else { continue }
                let noEvidence = card.evidence[ind.id] == nil
                let verdict: Verdict = noEvidence || rng.chance(0.05) ? .notConfirmed : .confirmed
                card.reviews[ind.id] = IndicatorReview(verdict: verdict,
                                                      comment: verdict == .notConfirmed ? "Документ не приложен или не подтверждает показатель" : "",
                                                      reviewer: reviewer, at: at.addingTimeInterval(86400 * Double(rng.int(1...3))))
            }
            if status == .returned {
                card.answersAtReturn = card.answers
                card.evidenceAtReturn = card.evidence
            }
            card.history.append(StatusChange(status: status, by: reviewer, at: at.addingTimeInterval(86400 * Double(rng.int(1...3))),
                                              comment: status == .returned ? "Приложите документы к отмеченным показателям" : nil))
        }
        card.revision = 1
        card.updatedAt = card.history.last?.at ?? at
        card.updatedBy = card.history.last?.by ?? "dir-\(o.id)"
        return card
    }
}
