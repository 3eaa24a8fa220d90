import Foundation

extension ScoreRow {
    /// `values` with the row (at `row`) of every unreadable card marked.
    public static func marking<T>(_ values: [T], _ unreadable: [UnreadableCard], _ row: WritableKeyPath<T, ScoreRow>) -> [T] {
        guard !unreadable.isEmpty else { return values }
        let byOrg = Dictionary(unreadable.map { ($0.org, $0) }, uniquingKeysWith: { a, _ in a })
        return values.map { v in
            var v = v
            if let u = byOrg[v[keyPath: row].org] { v[keyPath: row].unreadable = u }
            return v
        }
    }
}

/// One organisation's line in the results of a period: who, status, points, level.
public struct ScoreRow: Codable, Equatable, Sendable {
    public var org: String
    public var name: String
    public var type: OrgType
    public var status: CardStatus
    public var points: Int
    public var claimedPoints: Int
    public var max: Int
    public var percent: Double
    public var level: Level
    public var directions: [DirectionScore]
    /// Pupils and school level, for the size clusters.
    public var pupils: Int?
    public var schoolLevel: SchoolLevel?
    /// Percent answers by indicator id (seed 003), for scaling.
    public var percentAnswers: [String: Double]
    /// Set when the organisation's card could not be read: the row then says so instead of a score, and rankings
    /// and zones leave it out.
    public var unreadable: UnreadableCard?
    /// False for an organisation that has saved nothing in its card yet (status `draft`, shown «не начата»);
    /// not in JSON, whose `status` stays the card's.
    public var started = true

    enum CodingKeys: String, CodingKey { case org, name, type, status, points, claimedPoints, max, percent, level, directions, unreadable }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        org = try c.decode(String.self, forKey: .org); name = try c.decode(String.self, forKey: .name)
        type = try c.decode(OrgType.self, forKey: .type); status = try c.decode(CardStatus.self, forKey: .status)
        points = try c.decode(Int.self, forKey: .points); claimedPoints = try c.decode(Int.self, forKey: .claimedPoints)
        max = try c.decode(Int.self, forKey: .max); percent = try c.decode(Double.self, forKey: .percent)
        level = try c.decode(Level.self, forKey: .level); directions = try c.decode([DirectionScore].self, forKey: .directions)
        pupils = nil; schoolLevel = nil; percentAnswers = [:]
        unreadable = try c.decodeIfPresent(UnreadableCard.self, forKey: .unreadable)
    }

    public init(org: String, name: String, type: OrgType, status: CardStatus, points: Int, claimedPoints: Int, max: Int,
                percent: Double, level: Level, directions: [DirectionScore], pupils: Int?, schoolLevel: SchoolLevel?,
                percentAnswers: [String: Double]) {
        self.org = org; self.name = name; self.type = type; self.status = status; self.points = points
        self.claimedPoints = claimedPoints; self.max = max; self.percent = percent; self.level = level
        self.directions = directions; self.pupils = pupils; self.schoolLevel = schoolLevel; self.percentAnswers = percentAnswers
        unreadable = nil
    }

    public init(org: Organisation, card: ExpertCard?, template: Template) {
        self.init(org: org, summary: card.map(CardSummary.init), template: template)
    }
}

extension Workspace {
    /// Scores every organisation in a campaign, in organisation order (missing cards score as empty drafts, unreadable
    /// ones are marked `unreadable`). `source`: see `SummarySource`. `organisations`: as already read, else they are read.
    /// `progress` hears of every card as it is read («Чтение карт 2024/25»).
    public func scoreRows(_ campaign: Campaign, organisations known: [Organisation]? = nil,
                          source: SummarySource = .cache, progress: ProgressReport? = nil) throws -> [ScoreRow] {
        let orgs = try known ?? organisations()
        let counter = progress.map { ProgressCounter("Чтение карт \(campaign.russianPeriod)", total: orgs.count, report: $0) }
        let s = try scored(period: campaign.period, orgs: orgs, templates: try templates(of: campaign),
                           source: source) { counter?.tick(); return ScoreRow(org: $0, summary: $1, template: $2) }
        return ScoreRow.marking(s.values, s.unreadable, \.self)
    }

    /// `make(organisation, its card's summary or nil, its template)` for every organisation whose type has a
    /// template, in organisation order. Made on the core that read the summary, so a caller keeps what it makes
    /// (a row, a result) and the answers of 3,000 cards are never held at once. An unreadable card is made as no
    /// card (`make(o, nil, t)`) and listed in `unreadable`, for the caller to mark.
    public func scored<T: Sendable>(period: String, orgs: [Organisation], templates: [OrgType: Template],
                                    source: SummarySource = .cache,
                                    _ make: @Sendable (Organisation, CardSummary?, Template) -> T) throws
        -> (values: [T], unreadable: [UnreadableCard]) {
        let orgTemplates = orgs.map { templates[$0.type] }
        let read = readSummaries(period: period, orgs: orgs.map(\.id), source: source) { i, s in
            orgTemplates[i].map { make(orgs[i], s, $0) }
        }
        let values = orgs.indices.compactMap { i in
            orgTemplates[i].map { t in read.values[i].flatMap { $0 } ?? make(orgs[i], nil, t) }
        }
        return (values, read.unreadable)
    }

    /// Every saved card of a period by organisation, decoded on all cores.
    public func loadCards(period: String, orgs: [String]) throws -> [String: ExpertCard] {
        let n = orgs.count
        var results = [Result<ExpertCard?, Error>](repeating: .success(nil), count: n)
        results.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress
            DispatchQueue.concurrentPerform(iterations: n) { i in
                let r = Result { try self.savedCard(org: orgs[i], period: period) }
                base?[i] = r
            }
        }
        var out: [String: ExpertCard] = [:]
        for (i, r) in results.enumerated() { if let c = try r.get() { out[orgs[i]] = c } }
        return out
    }
}
