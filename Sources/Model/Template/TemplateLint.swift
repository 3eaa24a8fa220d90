import Foundation

/// A place where what a template declares does not add up: the regulation contradicting itself.
public struct LintFinding: Codable, Equatable, Sendable {
    public enum Scope: String, Codable, Sendable { case card, direction, levels }
    public var template: String
    public var scope: Scope
    /// Direction number, or nil for the whole card.
    public var direction: Int?
    public var declared: Int
    public var computed: Int

    public init(template: String, scope: Scope, direction: Int?, declared: Int, computed: Int) {
        self.template = template; self.scope = scope; self.direction = direction
        self.declared = declared; self.computed = computed
    }

    // `direction` is written as null for the card, never omitted.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(template, forKey: .template); try c.encode(scope, forKey: .scope)
        try c.encode(direction, forKey: .direction)
        try c.encode(declared, forKey: .declared); try c.encode(computed, forKey: .computed)
    }

    /// Russian sentence for the methodist.
    public var russian: String {
        switch scope {
        case .card: return "Карта «\(template)»: заявлено \(declared) баллов, сумма показателей \(computed)"
        case .direction: return "Карта «\(template)», направление \(direction ?? 0): заявлено \(declared), сумма показателей \(computed)"
        case .levels: return "Карта «\(template)»: порог уровня \(declared) не совпадает с расчётным \(computed)"
        }
    }

    /// English sentence for the CLI.
    public var english: String {
        switch scope {
        case .card: return "\(template): card declares \(declared) points, its indicators sum to \(computed)"
        case .direction: return "\(template): direction \(direction ?? 0) declares \(declared), its indicators sum to \(computed)"
        case .levels: return "\(template): level threshold \(declared) differs from the computed \(computed)"
        }
    }
}

/// Reports every mismatch between declared and printed maxima; never changes the template.
public enum TemplateLint {
    public static func check(_ template: Template) -> [LintFinding] {
        var out: [LintFinding] = []
        for d in template.directions {
            let sum = d.indicators.reduce(0) { $0 + $1.rule.maxPoints }
            if sum != d.declaredMax {
                out.append(LintFinding(template: template.id, scope: .direction, direction: d.number,
                                       declared: d.declaredMax, computed: sum))
            }
        }
        let total = template.indicators.reduce(0) { $0 + $1.rule.maxPoints }
        if total != template.declaredMax {
            out.insert(LintFinding(template: template.id, scope: .card, direction: nil,
                                   declared: template.declaredMax, computed: total), at: 0)
        }
        let implied = Scoring.impliedLevels(declaredMax: template.declaredMax)
        if implied.high != template.levels.high {
            out.append(LintFinding(template: template.id, scope: .levels, direction: nil,
                                   declared: template.levels.high, computed: implied.high))
        }
        if implied.medium != template.levels.medium {
            out.append(LintFinding(template: template.id, scope: .levels, direction: nil,
                                   declared: template.levels.medium, computed: implied.medium))
        }
        return out
    }

    public static func check(_ templates: [Template]) -> [LintFinding] { templates.flatMap(check) }
}
