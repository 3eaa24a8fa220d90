import Foundation

/// Whether a period's analytic report is a draft or approved, and by whom: `campaigns/<period>/report.json`.
public struct ReportApproval: Codable, Equatable, Sendable, Revisioned {
    public var formatVersion = 1
    public var revision = 0
    public var period: String
    public var approvedBy: String?
    public var approvedByName: String?
    public var approvedAt: Date?
    public init(period: String) { self.period = period }
    public var isApproved: Bool { approvedBy != nil }
}

extension Workspace {
    public func reportApprovalPath(_ period: String) -> String { path("campaigns", period, "report.json") }
    public func reportApproval(_ period: String) throws -> ReportApproval {
        try read(ReportApproval.self, at: reportApprovalPath(period)) ?? ReportApproval(period: period)
    }
}

extension Session {
    /// Methodist: approves (or, with `false`, returns to draft) the analytic report of a period.
    @discardableResult
    public func approveReport(period: String, approved: Bool = true) throws -> ReportApproval {
        let c = try workspace.campaign(period)
        try require(.manageCampaign, campaign: c)
        return try update(ReportApproval.self, at: workspace.reportApprovalPath(period), initial: { ReportApproval(period: period) }) { a in
            let before = a
            if approved { a.approvedBy = person.id; a.approvedByName = person.name; a.approvedAt = now() }
            else { a.approvedBy = nil; a.approvedByName = nil; a.approvedAt = nil }
            guard before.approvedBy != a.approvedBy || approved else { return [] }
            return [Change(approved ? "report.approve" : "report.draft", target: "report:\(period)", before: .from(before), after: .from(a))]
        }
    }

    /// The analytic document of a period (seed 002, 3.5; seed 000, 7.2) as Markdown.
    public func analyticDocument(period: String, scheme: ClusterScheme? = nil) throws -> String {
        let report = try analyticsReport(period: period, scheme: scheme)
        let data = try periodResults(period: period)
        let previous = try workspace.previousCampaign(before: period).map { try workspace.periodResults($0) }
        let approval = try workspace.reportApproval(period)
        let decisions = try visibleDecisions()
        let outcomes = try decisions.filter { $0.period <= period }.map { try DecisionEffect.evaluate($0, workspace: workspace) }
        let runs = try workspace.monitorings(period: period).map { ($0, try workspace.programme($0.template)) }
        return AnalyticDocument(report: report, data: data, previous: previous, approval: approval, outcomes: outcomes,
                                runs: runs, organisations: data.organisations, today: today).markdown
    }
}

/// Builds the Markdown of the analytic report. Pure: everything it shows is passed in.
struct AnalyticDocument {
    let report: AnalyticsReport
    let data: PeriodResults
    let previous: PeriodResults?
    let approval: ReportApproval
    let outcomes: [DecisionOutcome]
    let runs: [(Monitoring, Programme)]
    let organisations: [Organisation]
    let today: Day

    var period: String { data.campaign.russianPeriod }

    var markdown: String {
        var md: [String] = []
        md.append("# Аналитическая справка по итогам мониторинга профессионального развития педагогических работников за \(period) учебный год")
        md.append("")
        md.append("**\(cell(report.municipality))**")
        md.append("")
        if approval.isApproved {
            md.append("Статус: **утверждена** — \(cell(approval.approvedByName ?? approval.approvedBy ?? "")), \(approval.approvedAt.map { Timestamp.russian($0) } ?? "")")
        } else {
            md.append("Статус: **проект** (не утверждена)")
        }
        md.append("")
        md.append("Сформирована \(today.russian). Основание: Порядок проведения мониторинга, п. 3.5 (аналитические материалы) и п. 3.6 (адресные рекомендации, планы мероприятий, анализ их эффективности).")
        md += levels() + clusters() + zones() + dynamics() + practices() + recommendations() + decisionsSection() + otherMonitorings()
        return md.joined(separator: "\n") + "\n"
    }

    /// Table cells: no line breaks or pipes (they would break the table), no control characters.
    func cell(_ s: String) -> String {
        Sanitize.line(s, limit: 300).replacingOccurrences(of: "|", with: "/")
    }

    func table(_ header: [String], _ rows: [[String]]) -> [String] {
        guard !rows.isEmpty else { return ["", "_Нет данных._", ""] }
        let head: String = "| " + header.joined(separator: " | ") + " |"
        let rule: String = "|" + String(repeating: " --- |", count: header.count)
        var out: [String] = ["", head, rule]
        for r in rows {
            let cells: [String] = r.map { cell($0) }
            out.append("| " + cells.joined(separator: " | ") + " |")
        }
        out.append("")
        return out
    }

    func pct(_ d: Double) -> String { NumberText.short(d) }

    func levels() -> [String] {
        var out = ["", "## 1. Уровни и их распределение"]
        out += table(["Тип организаций", Level.high.russian.capitalized, Level.medium.russian.capitalized, Level.low.russian.capitalized, "Всего"],
                     report.levels.map { [$0.type.russianName, "\($0.high)", "\($0.medium)", "\($0.low)", "\($0.total)"] })
        // The chart: text bars (one █ per organisation), readable in Markdown, .docx and .odt alike.
        out.append("Диаграмма: число организаций по уровням (█ — одна организация).")
        out.append("")
        out.append("```")
        for l in report.levels {
            out.append(l.type.russianShort)
            for (level, n) in [(Level.high, l.high), (Level.medium, l.medium), (Level.low, l.low)] {
                let name = level.russian.padding(toLength: 8, withPad: " ", startingAt: 0)
                out.append("  \(name) \(String(repeating: "█", count: min(n, 60)))\(n > 60 ? "…" : "") \(n)")
            }
        }
        out.append("```")
        return out
    }

    func clusters() -> [String] {
        var out = ["", "## 2. Кластеры и места", "", "Кластеры: \(report.ranking.scheme.russian); место — по проценту от максимума, равные проценты делят место."]
        for c in report.ranking.clusters {
            out.append("")
            out.append("### \(c.name)")
            out += table(["Место", "Организация", "Баллы", "%", "Уровень", "Дин."],
                         c.rows.map { ["\($0.rank)", $0.name, "\($0.points) из \($0.max)", pct($0.percent), $0.level.russian, $0.trend?.arrow ?? ""] })
        }
        return out
    }

    func zones() -> [String] {
        var out = ["", "## 3. Проблемные зоны", "", "Зона — показатель или направление, по которому не получили баллов не менее \(Int(report.zones.threshold * 100)) % организаций."]
        var rows: [[String]] = []
        for s in report.zones.scopes {
            for z in s.zones {
                let what = z.indicator.map { "\($0) (\(z.orgType?.russianShort ?? ""))" } ?? "направление \(z.direction)"
                rows.append([s.name, what, z.title, "\(z.zero) из \(z.total)"])
            }
        }
        out += table(["Где", "Показатель", "Содержание", "Без баллов"], rows)
        return out
    }

    func dynamics() -> [String] {
        var out = ["", "## 4. Динамика"]
        guard let prev = previous else { return out + ["", "Предыдущего периода нет: динамика появится со следующего года."] }
        out.append("")
        out.append("Сравнение с \(prev.campaign.russianPeriod) по баллам за показатели, которые в обеих версиях карты одинаковы.")
        var rows: [[String]] = []
        for t in OrgType.allCases {
            guard let (diff, lines) = ComparableDynamics.compare(previous: prev, current: data, type: t) else { continue }
            let v1 = prev.campaign.templates[t.rawValue]?.version ?? 1, v2 = data.campaign.templates[t.rawValue]?.version ?? 1
            rows.append([t.russianName, v1 == v2 ? "\(v2)" : "\(v1) → \(v2)", "\(lines.filter { $0.trend == .up }.count)",
                         "\(lines.filter { $0.trend == .same }.count)", "\(lines.filter { $0.trend == .down }.count)", diff.russian])
        }
        out += table(["Тип", "Версия карты", "↑ выросли", "→ без изменений", "↓ снизились", "Сопоставимость"], rows)
        return out
    }

    func practices() -> [String] {
        var out = ["", "## 5. Эффективные практики", "", "Организации, получившие баллы по показателю, по которому их не получило большинство кластера (п. 1.6: распространение положительного опыта)."]
        let found = EffectivePractices.find(data, scheme: report.ranking.scheme)
        out += table(["Кластер", "Показатель", "Содержание", "Организация", "Получили в кластере"],
                     found.prefix(60).map { [$0.clusterName, $0.indicator ?? "направление \($0.direction)", $0.text, $0.name, "\($0.earning) из \($0.members)"] })
        if found.count > 60 { out.append("…и ещё \(found.count - 60).") }
        return out
    }

    func recommendations() -> [String] {
        var out = ["", "## 6. Рекомендации по целевым группам"]
        let clusterOf = Dictionary(report.ranking.clusters.flatMap { c in c.rows.map { ($0.org, c.name) } }, uniquingKeysWith: { a, _ in a })
        var groups: [String: [String: [String]]] = [:]
        for o in report.recommendations {
            for r in o.items { groups[clusterOf[o.org] ?? "—", default: [:]][r.text, default: []].append(o.name) }
        }
        for c in report.ranking.clusters where groups[c.name] != nil {
            out.append("")
            out.append("### \(c.name)")
            let items = (groups[c.name] ?? [:]).sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
            out += table(["Рекомендация", "Организаций", "Кому"], items.map { [$0.key, "\($0.value.count)", $0.value.prefix(6).joined(separator: ", ") + ($0.value.count > 6 ? "…" : "")] })
        }
        return out
    }

    func decisionsSection() -> [String] {
        var out = ["", "## 7. Управленческие решения и их эффективность"]
        if outcomes.isEmpty { return out + ["", "Решений не записано."] }
        for o in outcomes {
            let d = o.decision
            out.append("")
            out.append("**\(d.id)** (\(d.period.replacingOccurrences(of: "-", with: "/")), \(d.kind.russian); \(d.target.kind.russian) \(cell(d.target.id)), \(o.members.count) орг.): \(cell(d.what)). Ответственный: \(cell(d.responsible)), срок \(d.due.russian).")
            out += table(["Показатель", "Было", "Стало", "Период", "Итог"],
                         o.lines.map { [$0.indicator + " " + $0.text, $0.before.map { pct($0) + "%" } ?? "—", $0.after.map { pct($0) + "%" } ?? "—",
                                        $0.afterPeriod?.replacingOccurrences(of: "-", with: "/") ?? "—", $0.russianVerdict] })
        }
        return out
    }

    func otherMonitorings() -> [String] {
        guard !runs.isEmpty else { return [] }
        var out = ["", "## 8. Другие мониторинги периода"]
        for (m, p) in runs {
            out.append("")
            out.append("### \(cell(p.title))")
            out.append("")
            out.append("\(cell(p.source)). Сроки: \(m.opens.russian) – \(m.closes.russian).")
            if p.ranking == .scaled {
                for c in MonitoringResults.scaled(m, programme: p, organisations: organisations) {
                    out.append("")
                    out.append("**\(c.name)** — рейтинг (сумма шкалированных значений)")
                    out += table(["Место", "Организация", "Рейтинг"], c.rows.map { ["\($0.rank)", $0.name, String(format: "%.3f", $0.rating)] })
                }
            } else {
                out += table(["Показатель", "Содержание", "Значение", "Представили"],
                             MonitoringResults.municipal(m, programme: p, organisations: organisations).filter { $0.reported > 0 }
                                .map { [$0.id, $0.text, $0.display, "\($0.reported) из \($0.asked)"] })
            }
        }
        return out
    }
}
