import Foundation

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

    enum CodingKeys: String, CodingKey { case org, name, type, status, points, claimedPoints, max, percent, level, directions }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        org = try c.decode(String.self, forKey: .org); name = try c.decode(String.self, forKey: .name)
        type = try c.decode(OrgType.self, forKey: .type); status = try c.decode(CardStatus.self, forKey: .status)
        points = try c.decode(Int.self, forKey: .points); claimedPoints = try c.decode(Int.self, forKey: .claimedPoints)
        max = try c.decode(Int.self, forKey: .max); percent = try c.decode(Double.self, forKey: .percent)
        level = try c.decode(Level.self, forKey: .level); directions = try c.decode([DirectionScore].self, forKey: .directions)
        pupils = nil; schoolLevel = nil; percentAnswers = [:]
    }

    public init(org: String, name: String, type: OrgType, status: CardStatus, points: Int, claimedPoints: Int, max: Int,
                percent: Double, level: Level, directions: [DirectionScore], pupils: Int?, schoolLevel: SchoolLevel?,
                percentAnswers: [String: Double]) {
        self.org = org; self.name = name; self.type = type; self.status = status; self.points = points
        self.claimedPoints = claimedPoints; self.max = max; self.percent = percent; self.level = level
        self.directions = directions; self.pupils = pupils; self.schoolLevel = schoolLevel; self.percentAnswers = percentAnswers
    }

    public init(org: Organisation, card: ExpertCard?, template: Template) {
        self.init(org: org, summary: card.map(CardSummary.init), template: template)
    }
}

extension Workspace {
    /// Scores every organisation in a campaign, in organisation order (missing cards score as empty drafts).
    /// Reads card summaries through the score index (`cardSummaries`), never whole cards, and scores on all cores.
    /// `organisations`: as already read, else they are read.
    public func scoreRows(_ campaign: Campaign, organisations known: [Organisation]? = nil) throws -> [ScoreRow] {
        let templates = try templates(of: campaign)
        let orgs = try known ?? organisations()
        let orgTemplates = orgs.map { templates[$0.type] }
        // Scored on the core that read each summary; only the rows are kept.
        let rows = try cardSummaries(period: campaign.period, orgs: orgs.map(\.id)) { i, s in
            orgTemplates[i].map { ScoreRow(org: orgs[i], summary: s, template: $0) }
        }
        return orgs.indices.compactMap { i in
            orgTemplates[i].map { t in rows[i].flatMap { $0 } ?? ScoreRow(org: orgs[i], summary: nil, template: t) }
        }
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
