import Foundation

/// The level of education a general school offers (seed 003 clusters "средние" and "основные" schools apart).
public enum SchoolLevel: String, Codable, Sendable, CaseIterable {
    /// Средняя школа (grades 1–11).
    case secondary
    /// Основная школа (grades 1–9).
    case basic
    public var russian: String { self == .secondary ? "средняя" : "основная" }
}

/// An educational organisation under the department.
public struct Organisation: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var type: OrgType
    /// Number of pupils (general schools: used by the size clusters of seed 003).
    public var pupils: Int?
    /// For general schools: secondary or basic.
    public var schoolLevel: SchoolLevel?
    /// The name for narrow columns, when imported (`СОШ № 1`); see `displayShortName`.
    public var shortName: String?

    public init(id: String, name: String, type: OrgType, pupils: Int? = nil, schoolLevel: SchoolLevel? = nil,
                shortName: String? = nil) {
        self.id = id; self.name = name; self.type = type; self.pupils = pupils; self.schoolLevel = schoolLevel
        self.shortName = shortName
    }
}

/// A role a person plays in the monitoring.
public enum Role: String, Codable, Sendable, CaseIterable {
    case methodist, principal, reviewer
    public var russian: String {
        switch self {
        case .methodist: return "методист"
        case .principal: return "руководитель"
        case .reviewer: return "эксперт"
        }
    }
}

/// A person who signs in: by `--as ID` locally, or by their SSH key's forced command.
public struct Person: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var role: Role
    /// The organisation a principal heads.
    public var org: String?
    /// Set when the person's access was revoked; they are refused from then on.
    public var revokedAt: Date?

    public init(id: String, name: String, role: Role, org: String? = nil, revokedAt: Date? = nil) {
        self.id = id; self.name = name; self.role = role; self.org = org; self.revokedAt = revokedAt
    }

    public var isActive: Bool { revokedAt == nil }
}

/// Identifiers of organisations and people: letters, digits, `-`, `_`, `.`; they become file names.
public enum Identifier {
    public static func isValid(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64 && !s.hasPrefix(".") &&
            s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.".unicodeScalars.contains($0) }
    }
}
