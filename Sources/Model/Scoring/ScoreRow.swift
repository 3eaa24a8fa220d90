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

    public init(org: Organisation, card: ExpertCard?, template: Template) {
        let c = card ?? ExpertCard(org: org.id, period: "", template: template.id)
        let s = Scoring.score(c, template: template)
        self.org = org.id; name = org.name; type = org.type; status = c.status
        points = s.points; claimedPoints = s.claimedPoints; max = s.max; percent = s.percent; level = s.level
        directions = s.directions; pupils = org.pupils; schoolLevel = org.schoolLevel
        percentAnswers = c.reviewedAnswers.compactMapValues { if case .percent(let v) = $0 { return v }; return nil }
    }
}

extension Workspace {
    /// Scores every organisation in a campaign, in organisation order (missing cards score as empty drafts).
    public func scoreRows(_ campaign: Campaign) throws -> [ScoreRow] {
        let templates = try templates(of: campaign)
        let orgs = try organisations()
        let cards = try loadCards(period: campaign.period, orgs: orgs.map(\.id))
        return orgs.compactMap { o in
            guard let t = templates[o.type] else { return nil }
            return ScoreRow(org: o, card: cards[o.id], template: t)
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
