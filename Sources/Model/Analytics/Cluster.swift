import Foundation

/// Which group an organisation is compared within (seed 002, 2.2; seed 003, 3.3).
///
/// **Where exactly 500 goes.** Seed 003 names "свыше 500" and "менее 500" pupils and leaves 500 itself out.
/// "Свыше 500" is read literally (501 and more), and the second cluster takes everything else, so a secondary
/// school with exactly 500 pupils is in `.secondarySmall`, named «Средние школы, 500 и менее учащихся».
///
/// **Missing data.** A general school whose level (secondary / basic) is not recorded, or a secondary school
/// whose number of pupils is not recorded, is not guessed into a size cluster: it goes to `.generalUnknown`
/// («Школы без данных о численности или уровне»), so the methodist sees it and can fix the directory.
/// A basic school is a basic school whatever its size (seed 003 does not split basic schools by size).
public enum ClusterKind: String, Codable, Sendable, CaseIterable, Comparable {
    case preschool
    case general
    case additional
    /// Secondary schools with more than 500 pupils (501 and more).
    case secondaryLarge = "general-over-500"
    /// Secondary schools with 500 pupils or fewer.
    case secondarySmall = "general-500-or-fewer"
    /// Basic schools (grades 1–9).
    case basic = "general-basic"
    /// General schools without a recorded level, or secondary schools without a recorded number of pupils.
    case generalUnknown = "general-unknown"

    /// The pupils that still make a secondary school "small": 500 and fewer.
    public static let sizeBoundary = 500

    /// Stable id, also the JSON `id` of a cluster.
    public var id: String { rawValue }

    /// The Russian name shown in tables, files and the TUI; size clusters state the boundary.
    public var russianName: String {
        switch self {
        case .preschool: return OrgType.preschool.russianName
        case .general: return OrgType.general.russianName
        case .additional: return OrgType.additional.russianName
        case .secondaryLarge: return "Средние школы, более \(Self.sizeBoundary) учащихся"
        case .secondarySmall: return "Средние школы, \(Self.sizeBoundary) и менее учащихся"
        case .basic: return "Основные школы"
        case .generalUnknown: return "Школы без данных о численности или уровне"
        }
    }

    /// A short name that fits an Excel sheet name (31 characters) and a narrow TUI column.
    public var shortName: String {
        switch self {
        case .preschool: return "ДОО"
        case .general: return "ОО"
        case .additional: return "ДО"
        case .secondaryLarge: return "Средние более \(Self.sizeBoundary)"
        case .secondarySmall: return "Средние \(Self.sizeBoundary) и менее"
        case .basic: return "Основные школы"
        case .generalUnknown: return "Школы без данных"
        }
    }

    /// Display order: preschool, general (or its size clusters), additional.
    private var order: Int {
        switch self {
        case .preschool: return 0
        case .general: return 1
        case .secondaryLarge: return 2
        case .secondarySmall: return 3
        case .basic: return 4
        case .generalUnknown: return 5
        case .additional: return 6
        }
    }

    public static func < (a: ClusterKind, b: ClusterKind) -> Bool { a.order < b.order }

    /// The cluster an organisation belongs to under `scheme`.
    public static func of(type: OrgType, pupils: Int?, schoolLevel: SchoolLevel?, scheme: ClusterScheme) -> ClusterKind {
        switch type {
        case .preschool: return .preschool
        case .additional: return .additional
        case .general:
            guard scheme == .size else { return .general }
            switch schoolLevel {
            case .basic?: return .basic
            case .secondary?:
                guard let n = pupils else { return .generalUnknown }
                return n > sizeBoundary ? .secondaryLarge : .secondarySmall
            case nil: return .generalUnknown
            }
        }
    }

    public static func of(_ org: Organisation, scheme: ClusterScheme) -> ClusterKind {
        of(type: org.type, pupils: org.pupils, schoolLevel: org.schoolLevel, scheme: scheme)
    }

    public static func of(_ row: ScoreRow, scheme: ClusterScheme) -> ClusterKind {
        of(type: row.type, pupils: row.pupils, schoolLevel: row.schoolLevel, scheme: scheme)
    }
}

/// A group of organisations compared with one another: id, Russian name and members (organisation ids).
public struct Cluster: Codable, Equatable, Sendable, Identifiable {
    public var kind: ClusterKind
    /// Organisation ids, in the order they were given.
    public var members: [String]

    public init(kind: ClusterKind, members: [String]) { self.kind = kind; self.members = members }

    public var id: String { kind.id }
    public var name: String { kind.russianName }
    public var shortName: String { kind.shortName }

    enum CodingKeys: String, CodingKey { case id, name, members }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(String.self, forKey: .id)
        guard let k = ClusterKind(rawValue: id) else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: c, debugDescription: "unknown cluster \(id)")
        }
        kind = k; members = try c.decode([String].self, forKey: .members)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(name, forKey: .name); try c.encode(members, forKey: .members)
    }
}

extension ClusterScheme {
    /// Groups organisations into this scheme's clusters, in display order; empty clusters are left out.
    public func clusters(_ orgs: [Organisation]) -> [Cluster] {
        group(orgs.map { ($0.id, ClusterKind.of($0, scheme: self)) })
    }

    /// The same for score rows (which carry type, pupils and school level).
    public func clusters(_ rows: [ScoreRow]) -> [Cluster] {
        group(rows.map { ($0.org, ClusterKind.of($0, scheme: self)) })
    }

    private func group(_ pairs: [(String, ClusterKind)]) -> [Cluster] {
        var members: [ClusterKind: [String]] = [:]
        for (id, k) in pairs { members[k, default: []].append(id) }
        return members.keys.sorted().map { Cluster(kind: $0, members: members[$0] ?? []) }
    }

    /// "по типу организаций" / "по численности и уровню школ".
    public var russian: String {
        switch self {
        case .type: return "по типам организаций"
        case .size: return "по численности и уровню школ"
        }
    }
}
