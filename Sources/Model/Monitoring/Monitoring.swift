import Foundation

/// What an organisation (or the municipality) reported for one programme indicator.
///
/// JSON: `{"percent": 42.5}`, `{"part": 12, "whole": 40}`, `{"yes": true}`, `{"count": 7}`.
public enum MonitoringValue: Equatable, Sendable {
    case percent(Double)
    case counts(part: Int, whole: Int)
    case presence(Bool)
    case count(Int)

    /// The value as a percentage, where it is one (a percent, or part of whole).
    public var percent: Double? {
        switch self {
        case .percent(let v): return v
        case .counts(let a, let b): return b > 0 ? (Double(a) * 1000 / Double(b)).rounded() / 10 : nil
        case .presence, .count: return nil
        }
    }

    /// `42.5%`, `12/40`, `да`, `7`.
    public var display: String {
        switch self {
        case .percent(let v): return NumberText.short(v) + "%"
        case .counts(let a, let b): return "\(a)/\(b)"
        case .presence(let y): return y ? "да" : "нет"
        case .count(let n): return "\(n)"
        }
    }

    /// The value as it would be typed again (`parse` reads it back): `42.5`, `12/40`, `да`, `7`.
    public var typed: String {
        switch self {
        case .percent(let v): return NumberText.short(v)
        case .counts(let a, let b): return "\(a)/\(b)"
        case .presence(let y): return y ? "да" : "нет"
        case .count(let n): return "\(n)"
        }
    }

    /// Parses what is typed or imported for an indicator of `kind`.
    public static func parse(_ text: String, kind: MeasureKind) -> Result<MonitoringValue, InputError> {
        let t = Whitespace.trimmed(text).lowercased()
        func counts() -> Result<MonitoringValue, InputError>? {
            let n = t.split(separator: "/", omittingEmptySubsequences: false).map { Int(Whitespace.trimmed($0)) }
            guard n.count == 2 else { return nil }
            guard let a = n[0], let b = n[1], a >= 0, b > 0, a <= b, b <= 1_000_000 else {
                return .failure(InputError("expected part/whole with 0 ≤ part ≤ whole, whole > 0, got \"\(Sanitize.line(text, limit: 40))\"",
                                           russian: "Ожидается «часть/целое», часть не больше целого, целое больше нуля"))
            }
            return .success(.counts(part: a, whole: b))
        }
        switch kind {
        case .percent:
            if let c = counts() { return c }
            guard let v = Double(t.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: "")), v.isFinite, (0...100).contains(v) else {
                return .failure(InputError("expected a percentage 0-100 or part/whole, got \"\(Sanitize.line(text, limit: 40))\"",
                                           russian: "Ожидается процент от 0 до 100 или «часть/целое»"))
            }
            return .success(.percent(v))
        case .share:
            return counts() ?? .failure(InputError("expected part/whole like 12/40, got \"\(Sanitize.line(text, limit: 40))\"",
                                                   russian: "Ожидаются два числа, например 12/40"))
        case .presence:
            switch t {
            case "yes", "y", "да", "д", "1", "true", "+": return .success(.presence(true))
            case "no", "n", "нет", "н", "0", "false", "-": return .success(.presence(false))
            default: return .failure(InputError("expected yes or no, got \"\(Sanitize.line(text, limit: 40))\"", russian: "Ожидается «да» или «нет»"))
            }
        case .count:
            guard let n = Int(t), (0...1_000_000).contains(n) else {
                return .failure(InputError("expected a whole number, got \"\(Sanitize.line(text, limit: 40))\"", russian: "Ожидается целое число"))
            }
            return .success(.count(n))
        case .undefined:
            return .failure(InputError("the regulation does not say how this indicator is measured; it is not collected",
                                       russian: "Способ измерения показателя не определён: он не собирается"))
        }
    }

    public func fits(_ kind: MeasureKind) -> Bool {
        switch (self, kind) {
        case (.percent, .percent), (.counts, .percent), (.counts, .share), (.presence, .presence), (.count, .count): return true
        default: return false
        }
    }
}

extension MonitoringValue: Codable {
    private enum K: String, CodingKey { case percent, part, whole, yes, count }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: K.self)
        if let v = try c.decodeIfPresent(Double.self, forKey: .percent) { self = .percent(v) }
        else if let a = try c.decodeIfPresent(Int.self, forKey: .part) { self = .counts(part: a, whole: try c.decode(Int.self, forKey: .whole)) }
        else if let y = try c.decodeIfPresent(Bool.self, forKey: .yes) { self = .presence(y) }
        else if let n = try c.decodeIfPresent(Int.self, forKey: .count) { self = .count(n) }
        else { throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "expected percent, part/whole, yes or count")) }
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        switch self {
        case .percent(let v): try c.encode(v, forKey: .percent)
        case .counts(let a, let b): try c.encode(a, forKey: .part); try c.encode(b, forKey: .whole)
        case .presence(let y): try c.encode(y, forKey: .yes)
        case .count(let n): try c.encode(n, forKey: .count)
        }
    }
}

/// One programme run in one period: `campaigns/<period>/monitorings/<template key>.json`. It pins its template
/// by key, version and sha256, has the programme's own dates, and holds what was reported, by organisation
/// (the municipality's own values under `municipality`).
public struct Monitoring: Codable, Equatable, Sendable, Revisioned {
    public var formatVersion: Int
    public var period: String
    public var template: TemplateRef
    public var opens: Day
    public var closes: Day
    public var clusterScheme: ClusterScheme?
    /// Organisation id (or `municipality`) → indicator id → value.
    public var values: [String: [String: MonitoringValue]]
    public var revision: Int

    public static let municipality = "municipality"

    public init(period: String, template: TemplateRef, opens: Day, closes: Day, clusterScheme: ClusterScheme?) {
        formatVersion = 1; self.period = period; self.template = template; self.opens = opens; self.closes = closes
        self.clusterScheme = clusterScheme; values = [:]; revision = 0
    }

    /// Academic year as Russians write it.
    public var russianPeriod: String { period.replacingOccurrences(of: "-", with: "/") }
}

extension Workspace {
    public func monitoringPath(period: String, key: String) -> String { path("campaigns", period, "monitorings", "\(key).json") }

    /// The programme runs of a period, by template key.
    public func monitorings(period: String) throws -> [Monitoring] {
        guard Campaign.fillYear(of: period) != nil else {
            throw StoreError.invalid(InputError("period must look like 2025-26, got \"\(Sanitize.line(period, limit: 20))\"",
                                                russian: "Период должен иметь вид 2025-26"))
        }
        let dir = path("campaigns", period, "monitorings")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return try files.compactMap { try read(Monitoring.self, at: (dir as NSString).appendingPathComponent($0)) }
    }

    /// Every programme run, oldest period first.
    public func allMonitorings() throws -> [Monitoring] {
        let periods = ((try? FileManager.default.contentsOfDirectory(atPath: path("campaigns"))) ?? []).sorted()
        return try periods.filter { Campaign.fillYear(of: $0) != nil }.flatMap { try monitorings(period: $0) }
    }

    /// A programme run by period and template id or key.
    public func monitoring(period: String, template: String) throws -> Monitoring {
        let all = try monitorings(period: period)
        if let m = all.first(where: { $0.template.id == template || TemplateKey.id(ofKey: $0.template.id) == template }) { return m }
        throw StoreError.notFound(what: "monitoring", id: "\(period)/\(template)")
    }
}

extension TemplateKey {
    /// `general.v2` → `general`.
    public static func id(ofKey key: String) -> String {
        if let r = key.range(of: ".v", options: .backwards), Int(key[r.upperBound...]) != nil { return String(key[..<r.lowerBound]) }
        return key
    }
}

extension Session {
    /// Records one value (`text` as typed: `42.5`, `12/40`, `да`, `7`; empty removes it): the methodist any, a
    /// principal their own organisation's values that the regulation asks organisations for, while the run is open.
    /// `expected`: the value the person saw (`.some(nil)`: none); when the value on disk is another, nothing is saved.
    @discardableResult
    public func setMonitoringValue(period: String, template: String, org: String, indicator: String, text: String,
                                   expected: MonitoringValue?? = nil) throws -> Monitoring {
        let m = try workspace.monitoring(period: period, template: template)
        let p = try workspace.programme(m.template)
        guard let ind = p.indicator(indicator) else { throw StoreError.notFound(what: "indicator", id: indicator) }
        if org == Monitoring.municipality {
            try require(.manageCampaign, campaign: nil)
        } else {
            try require(.fillMonitoring(org: org, requested: ind.isRequested, opens: m.opens, closes: m.closes), campaign: nil)
        }
        let value = try checkedValue(text, org: org, indicator: indicator, programme: p)
        return try save(m) { doc in
            if case .some(let seen) = expected, doc.values[org]?[indicator] != seen {
                throw StoreError.conflict(path: workspace.monitoringPath(period: m.period, key: m.template.id),
                                          expected: m.revision, found: doc.revision, by: nil)
            }
            return try doc.set(org: org, indicator: indicator, value: value)
        }
    }

    /// Methodist: imports a CSV `org;indicator;value` (what organisations sent back to the Excel request); all or nothing.
    @discardableResult
    public func importMonitoringValues(period: String, template: String, data: Data, name: String) throws -> (Monitoring, Int) {
        try require(.manageCampaign, campaign: nil)
        let m = try workspace.monitoring(period: period, template: template)
        let p = try workspace.programme(m.template)
        var parsed: [(String, String, MonitoringValue?)] = []
        let table = try ImportTable.read(data, name: name)
        for r in table.rows {
            func fail(_ e: InputError) -> StoreError { .rejected(path: table.name, line: r.line, e) }
            if parsed.isEmpty, r.fields.first?.lowercased() == "org" { continue }
            guard r.fields.count >= 3 else {
                throw fail(InputError("expected org;indicator;value, got \(r.fields.count) fields",
                                      russian: "ожидается организация;показатель;значение, а полей \(r.fields.count)"))
            }
            // A request file comes back partly filled: an empty value leaves what is recorded as it is.
            if Whitespace.isBlank(r.fields[2]) { continue }
            do {
                parsed.append((r.fields[0], r.fields[1], try checkedValue(r.fields[2], org: r.fields[0], indicator: r.fields[1], programme: p)))
            } catch let StoreError.invalid(e) {
                throw fail(e)
            } catch let e as StoreError {
                guard case .notFound(let what, let id) = e else { throw e }
                throw fail(InputError("unknown \(what) \(Sanitize.line(id, limit: 40))", russian: e.russian))
            }
        }
        let saved = try save(m) { doc in
            var changes: [Change] = []
            for (o, i, v) in parsed { changes += try doc.set(org: o, indicator: i, value: v) }
            return changes
        }
        return (saved, parsed.count)
    }

    private func checkedValue(_ text: String, org: String, indicator: String, programme p: Programme) throws -> MonitoringValue? {
        guard let ind = p.indicator(indicator) else { throw StoreError.notFound(what: "indicator", id: indicator) }
        if org == Monitoring.municipality {
            guard ind.reporter == .municipality else {
                throw StoreError.invalid(InputError("\(indicator) is reported by each organisation, not by the municipality",
                                                    russian: "Показатель \(indicator) представляют организации"))
            }
        } else {
            let o = try workspace.organisation(org)
            guard ind.reporter == .organisation else {
                throw StoreError.invalid(InputError("\(indicator) is entered once for the municipality (org \"municipality\")",
                                                    russian: "Показатель \(indicator) вносится одним значением по муниципалитету"))
            }
            guard p.respondents.contains(o.type) else {
                throw StoreError.invalid(InputError("\(org) is not among the organisations this programme asks",
                                                    russian: "Организация \(org) не участвует в этом мониторинге"))
            }
        }
        if Whitespace.isBlank(text) { return nil }
        switch MonitoringValue.parse(text, kind: ind.kind) {
        case .success(let v): return v
        case .failure(let e): throw StoreError.invalid(InputError("\(indicator): \(e.english)", russian: "\(indicator): \(e.russian)"))
        }
    }

    private func save(_ m: Monitoring, _ mutate: (inout Monitoring) throws -> [Change]) throws -> Monitoring {
        try update(Monitoring.self, at: workspace.monitoringPath(period: m.period, key: m.template.id), initial: { nil }, mutate)
    }
}

extension Monitoring {
    mutating func set(org: String, indicator: String, value: MonitoringValue?) throws -> [Change] {
        let before = values[org]?[indicator]
        guard before != value else { return [] }
        values[org, default: [:]][indicator] = value
        if values[org]?.isEmpty == true { values[org] = nil }
        return [Change("monitoring.set", target: "monitoring:\(period)/\(template.id)/\(org)/\(indicator)",
                       before: .from(before), after: .from(value))]
    }
}
