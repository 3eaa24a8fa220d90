import Model

/// An organisation's profile as one value: who it is, its cluster, its results over the years, its recommendations.
public struct ProfileData: Equatable, Sendable {
    public var organisation: Organisation
    /// The newest campaign's period and cluster scheme.
    public var period: String
    public var scheme: ClusterScheme
    public var cluster: ClusterKind
    /// Every campaign's result, oldest first (the last is the newest campaign).
    public var dynamics: OrgDynamics
    public var recommendations: OrgRecommendations
    /// Titles of the directions in the newest campaign's template, by number.
    public var directionTitles: [Int: String]

    public init(organisation: Organisation, period: String, scheme: ClusterScheme, dynamics: OrgDynamics,
                recommendations: OrgRecommendations, directionTitles: [Int: String]) {
        self.organisation = organisation; self.period = period; self.scheme = scheme
        cluster = ClusterKind.of(organisation, scheme: scheme)
        self.dynamics = dynamics; self.recommendations = recommendations; self.directionTitles = directionTitles
    }

    /// Reads the profile as the session's person may: the Session refuses (in Russian) anyone but the methodist,
    /// a reviewer, or the organisation's own principal.
    public static func load(_ session: Session, org: String) throws -> ProfileData {
        let dynamics = try session.dynamics(org: org)
        let recommendations = try session.recommendations(org: org, period: nil)
        let ws = session.workspace
        let campaign = try ws.campaign(orLatest: recommendations.period)
        let o = try ws.organisation(org)
        let t = try ws.template(for: o.type, in: campaign)
        return ProfileData(organisation: o, period: campaign.period, scheme: campaign.clusterScheme, dynamics: dynamics,
                           recommendations: recommendations,
                           directionTitles: Dictionary(t.directions.map { ($0.number, $0.title) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The newest campaign's entry, and the one before it.
    public var current: DynamicsEntry? { dynamics.entries.last { $0.period == period } ?? dynamics.latest }
    public var previous: DynamicsEntry? {
        guard let c = current, let i = dynamics.entries.firstIndex(of: c), i > 0 else { return nil }
        return dynamics.entries[i - 1]
    }
}
