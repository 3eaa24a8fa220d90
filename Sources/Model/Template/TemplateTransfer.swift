import Foundation

/// Templates as spreadsheet rows (one indicator a row: a CSV or an .xlsx sheet) and back; the JSON form is the file itself.
///
/// A CSV carries the indicators only: importing it makes a new version of a *base* template, whose title,
/// source, levels, notes and measures it keeps. Reordering rows reorders indicators, a deleted row retires one,
/// a new row adds one. Every error names the file's line.
public enum TemplateTransfer {
    public static let cardHeader = ["direction", "direction_title", "direction_max", "id", "text", "rule", "points",
                                    "threshold", "rule_text", "periodicity", "evidence"]
    public static let programmeHeader = ["section", "section_title", "id", "text", "group", "kind", "reporter",
                                         "numerator", "denominator", "evidence", "method"]

    /// Header and rows for a CSV or a sheet.
    public static func rows(_ t: AnyTemplate) -> (header: [String], rows: [[String]]) {
        switch t {
        case .card(let c):
            return (cardHeader, c.directions.flatMap { d in
                d.indicators.map { i -> [String] in
                    let (points, threshold): (Int, Int?) = {
                        switch i.rule {
                        case .fact(let p): return (p, nil)
                        case .share(let t, let p), .retention(let t, let p), .participation(let t, let p): return (p, t)
                        case .percent: return (0, nil)
                        }
                    }()
                    return ["\(d.number)", d.title, "\(d.declaredMax)", i.id, i.text, i.rule.kind.rawValue, "\(points)",
                            threshold.map(String.init) ?? "", i.ruleText, i.periodicity, i.evidenceSource]
                }
            })
        case .programme(let p):
            return (programmeHeader, p.sections.flatMap { s in
                s.indicators.map { m in
                    ["\(s.number)", s.title, m.id, m.text, m.group ?? "", m.kind.rawValue, m.reporter.rawValue,
                     m.numerator ?? "", m.denominator ?? "", m.evidence, m.method]
                }
            })
        }
    }

    /// A template from JSON bytes (either kind), checked; errors name `name` and the line.
    public static func fromJSON(_ data: Data, name: String) throws -> AnyTemplate {
        let t = try AnyTemplate.decode(data, path: name)
        if let p = TemplateValidation.problems(t).first {
            throw StoreError.corrupt(path: name, line: line(of: p, in: data, template: t), reason: p.english)
        }
        return t
    }

    /// The line of the JSON where the indicator a problem names is, else 1.
    static func line(of problem: InputError, in data: Data, template: AnyTemplate) -> Int {
        let text = String(decoding: data, as: UTF8.self)
        guard let id = template.indicatorIDs.first(where: { problem.english.hasPrefix("\($0):") || problem.english.contains("id \($0) ") }),
              let r = text.range(of: "\"id\" : \"\(id)\"") ?? text.range(of: "\"id\": \"\(id)\"") ?? text.range(of: "\"\(id)\"") else { return 1 }
        return text[..<r.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }

    /// A new version of `base` with the indicators of a CSV (`;` or `,`, UTF-8 or Windows-1251, header first) or of
    /// the first sheet of an .xlsx workbook (`ImportTable`). Every error names the line (the sheet's row).
    public static func fromTable(_ data: Data, name: String, base: AnyTemplate) throws -> AnyTemplate {
        let table = try ImportTable.read(data, name: name)
        let records = table.rows
        func fail(_ line: Int?, _ english: String, _ russian: String) -> StoreError {
            .rejected(path: table.name, line: line, InputError(english, russian: russian))
        }
        guard let head = records.first else { throw fail(nil, "the file is empty", "файл пуст") }
        let header = head.fields.map { Whitespace.trimmed($0.lowercased()) }
        let expected: [String]
        switch base { case .card: expected = cardHeader; case .programme: expected = programmeHeader }
        guard header.count >= expected.count, Array(header.prefix(expected.count)) == expected else {
            throw fail(head.line, "the header must be \(expected.joined(separator: ";")) (template \(base.id) is a \(base.kind.rawValue))",
                       "первая строка должна быть заголовком \(expected.joined(separator: ";")) (как в выгрузке шаблона \(base.id))")
        }
        let body = records.dropFirst().filter { !$0.fields.allSatisfy { $0.isEmpty } }
        if body.isEmpty { throw fail(head.line, "no indicators under the header", "под заголовком нет ни одного показателя") }
        var seen: [String: Int] = [:]
        func field(_ r: CSVTable.Record, _ i: Int) -> String { i < r.fields.count ? r.fields[i] : "" }
        func int(_ s: String, _ what: String, _ line: Int, _ range: ClosedRange<Int>) throws -> Int {
            guard let v = Int(Whitespace.trimmed(s)), range.contains(v) else {
                let shown = Sanitize.line(s, limit: 40)
                throw fail(line, "\(what) must be a whole number \(range.lowerBound)-\(range.upperBound), got \"\(shown)\"",
                           "\(what): нужно целое число от \(range.lowerBound) до \(range.upperBound), а указано «\(shown)»")
            }
            return v
        }
        func common(_ r: CSVTable.Record) throws -> (section: Int, id: String) {
            // A sheet leaves out empty cells at a row's end: those fields are empty; up to the text they must be there.
            guard r.fields.count >= (expected == cardHeader ? 5 : 4) else {
                throw fail(r.line, "expected \(expected.count) fields, got \(r.fields.count)", "ожидается \(expected.count) полей, а их \(r.fields.count)")
            }
            let section = try int(r.fields[0], expected[0], r.line, 1...99)
            let id = field(r, expected == cardHeader ? 3 : 2)
            guard TemplateValidation.isValidIndicatorID(id) else {
                let shown = Sanitize.line(id, limit: 40)
                throw fail(r.line, "indicator id \"\(shown)\" must look like d1.2", "код показателя «\(shown)» должен быть вида d1.2")
            }
            if let first = seen[id] { throw fail(r.line, "indicator id \(id) repeats line \(first)", "показатель \(id) уже был в строке \(first)") }
            seen[id] = r.line
            let text = field(r, expected == cardHeader ? 4 : 3)
            if Whitespace.isBlank(text) { throw fail(r.line, "\(id): the indicator has no text", "\(id): у показателя нет текста") }
            return (section, id)
        }
        var result: AnyTemplate
        switch base {
        case .card(var c):
            var dirs: [Direction] = []
            for r in body {
                let (n, id) = try common(r)
                let f = (0..<expected.count).map { field(r, $0) }
                guard let kind = Rule.Kind(rawValue: f[5].lowercased()) else {
                    let kinds = Rule.Kind.allCases.map(\.rawValue).joined(separator: ", "), shown = Sanitize.line(f[5], limit: 40)
                    throw fail(r.line, "rule must be one of \(kinds), got \"\(shown)\"", "rule: одно из \(kinds), а указано «\(shown)»")
                }
                let rule: Rule
                switch kind {
                case .fact: rule = .fact(points: try int(f[6], "points", r.line, 1...10))
                case .share: rule = .share(thresholdPercent: try int(f[7], "threshold", r.line, 1...100), points: try int(f[6], "points", r.line, 1...10))
                case .retention: rule = .retention(thresholdPercent: try int(f[7], "threshold", r.line, 1...100), points: try int(f[6], "points", r.line, 1...10))
                case .participation: rule = .participation(thresholdPercent: try int(f[7], "threshold", r.line, 1...100), points: try int(f[6], "points", r.line, 1...10))
                case .percent: rule = .percent
                }
                let ind = Indicator(id: id, text: f[4], rule: rule, ruleText: f[8], periodicity: f[9], evidenceSource: f[10])
                if let i = dirs.firstIndex(where: { $0.number == n }) {
                    dirs[i].indicators.append(ind)
                } else {
                    dirs.append(Direction(number: n, title: f[1], declaredMax: try int(f[2], "direction_max", r.line, 0...999), indicators: [ind]))
                }
            }
            c.directions = dirs
            result = .card(c)
        case .programme(var p):
            var secs: [ProgrammeSection] = []
            for r in body {
                let (n, id) = try common(r)
                let f = (0..<expected.count).map { field(r, $0) }
                guard let kind = MeasureKind(rawValue: f[5].lowercased()) else {
                    let kinds = MeasureKind.allCases.map(\.rawValue).joined(separator: ", "), shown = Sanitize.line(f[5], limit: 40)
                    throw fail(r.line, "kind must be one of \(kinds), got \"\(shown)\"", "kind: одно из \(kinds), а указано «\(shown)»")
                }
                guard let reporter = Reporter(rawValue: f[6].lowercased()) else {
                    let shown = Sanitize.line(f[6], limit: 40)
                    throw fail(r.line, "reporter must be organisation or municipality, got \"\(shown)\"",
                               "reporter: organisation или municipality, а указано «\(shown)»")
                }
                let m = Measure(id: id, text: f[3], group: f[4].isEmpty ? nil : f[4], kind: kind, reporter: reporter,
                                numerator: f[7].isEmpty ? nil : f[7], denominator: f[8].isEmpty ? nil : f[8], evidence: f[9], method: f[10])
                if let i = secs.firstIndex(where: { $0.number == n }) {
                    secs[i].indicators.append(m)
                } else {
                    let old = p.sections.first { $0.number == n }
                    secs.append(ProgrammeSection(number: n, title: f[1], goal: old?.goal ?? "", note: old?.note, indicators: [m],
                                                 measures: old?.measures ?? []))
                }
            }
            // Sections the table leaves without indicators keep their text (measures, notes): nothing is lost.
            for s in p.sections where !secs.contains(where: { $0.number == s.number }) {
                var kept = s; kept.indicators = []; secs.append(kept)
            }
            p.sections = secs.sorted { $0.number < $1.number }
            result = .programme(p)
        }
        if let p = TemplateValidation.problems(result).first {
            let line = result.indicatorIDs.first { p.english.hasPrefix("\($0):") }.flatMap { seen[$0] } ?? head.line
            throw StoreError.rejected(path: table.name, line: line, p)
        }
        return result
    }
}

/// A CSV reader for spreadsheets: `;` or `,` (whichever the first line has more of), quoted fields with `""`
/// and line breaks, UTF-8 with or without BOM or else Windows-1251 (`TextEncoding`), Excel's `'` before `=+-@`
/// removed. Records keep their first line.
public enum CSVTable {
    public struct Record: Equatable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    public static func parse(_ data: Data, name: String) throws -> [Record] {
        var text = TextEncoding.decode(data)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let sep: Character = firstLine.filter { $0 == ";" }.count >= firstLine.filter { $0 == "," }.count ? ";" : ","
        var out: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false, inQuotes = false
        var line = 1, recordLine = 1
        var it = Array(text)
        it.append("\n")
        var i = 0
        func endField() {
            var f = quoted ? field : Whitespace.trimmed(field)
            if f.count > 1, f.first == "'", let s = f.dropFirst().first, "=+-@".contains(s) { f.removeFirst() }
            fields.append(f); field = ""; quoted = false
        }
        while i < it.count {
            let ch = it[i]
            if inQuotes {
                if ch == "\"" {
                    if i + 1 < it.count, it[i + 1] == "\"" { field.append("\""); i += 1 } else { inQuotes = false }
                } else {
                    if ch == "\n" || ch == "\r\n" { line += 1; field.append("\n") } else { field.append(ch) }
                }
            } else if ch == "\"" && Whitespace.isBlank(field) {
                inQuotes = true; quoted = true; field = ""
            } else if ch == sep {
                endField()
            } else if ch == "\n" || ch == "\r\n" || ch == "\r" {
                endField()
                if !(fields.count == 1 && fields[0].isEmpty) { out.append(Record(line: recordLine, fields: fields)) }
                fields = []; line += 1; recordLine = line
            } else {
                field.append(ch)
            }
            i += 1
        }
        if inQuotes {
            throw StoreError.rejected(path: name, line: recordLine, InputError("a quoted field is never closed",
                                                                               russian: "кавычка открыта и не закрыта до конца файла"))
        }
        return out
    }
}
