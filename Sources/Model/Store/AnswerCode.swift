import Foundation

/// A card's answers as one short line, for the score index: `d1.1=r14/19 d1.3=y d2.1=t7/8/10 d6.1=p42.5`.
///
/// `y`/`n` a fact, `r` part/whole, `t` retained/last year[/this year], `p` a percent. One string per card
/// decodes far faster than a JSON object per answer (the index is read on every `score`, `rank` and
/// overview screen). Anything unexpected decodes to nil, and the caller then reads the card itself.
enum AnswerCode {
    /// The line for `answers`, sorted by indicator id; nil when an id could not be written unambiguously.
    static func encode(_ answers: [String: Answer]) -> String? {
        var parts: [String] = []
        parts.reserveCapacity(answers.count)
        for (id, a) in answers.sorted(by: { $0.key < $1.key }) {
            guard !id.isEmpty, !id.contains(" "), !id.contains("=") else { return nil }
            let code: String
            switch a {
            case .fact(let p): code = p ? "y" : "n"
            case .ratio(let part, let whole): code = "r\(part)/\(whole)"
            case .retention(let r, let l, let c): code = c.map { "t\(r)/\(l)/\($0)" } ?? "t\(r)/\(l)"
            case .percent(let v):
                guard v.isFinite else { return nil }
                code = "p\(v)"
            }
            parts.append("\(id)=\(code)")
        }
        return parts.joined(separator: " ")
    }

    /// The answers of a line written by `encode`; nil when the line is not one.
    static func decode(_ line: String) -> [String: Answer]? {
        var line = line
        return line.withUTF8 { buf -> [String: Answer]? in
            var out: [String: Answer] = [:]
            out.reserveCapacity(32)
            let n = buf.count
            var i = 0
            while i < n {
                let keyStart = i
                while i < n, buf[i] != UInt8(ascii: "=") { i += 1 }
                guard i < n, i > keyStart else { return nil }
                let key = String(decoding: UnsafeBufferPointer(rebasing: buf[keyStart..<i]), as: UTF8.self)
                i += 1
                guard i < n else { return nil }
                let kind = buf[i]
                i += 1
                let valueStart = i
                while i < n, buf[i] != UInt8(ascii: " ") { i += 1 }
                guard let a = answer(kind, UnsafeBufferPointer(rebasing: buf[valueStart..<i])) else { return nil }
                out[key] = a
                i += 1
            }
            return out
        }
    }

    private static func answer(_ kind: UInt8, _ v: UnsafeBufferPointer<UInt8>) -> Answer? {
        switch kind {
        case UInt8(ascii: "y"): return v.isEmpty ? .fact(true) : nil
        case UInt8(ascii: "n"): return v.isEmpty ? .fact(false) : nil
        case UInt8(ascii: "r"):
            guard let xs = integers(v), xs.count == 2 else { return nil }
            return .ratio(part: xs[0], whole: xs[1])
        case UInt8(ascii: "t"):
            guard let xs = integers(v), xs.count == 2 || xs.count == 3 else { return nil }
            return .retention(retained: xs[0], lastYear: xs[1], current: xs.count == 3 ? xs[2] : nil)
        case UInt8(ascii: "p"):
            guard let d = Double(String(decoding: v, as: UTF8.self)), d.isFinite else { return nil }
            return .percent(d)
        default: return nil
        }
    }

    /// `a/b[/c]` as integers (a leading `-` allowed); nil on anything else or overflow.
    private static func integers(_ v: UnsafeBufferPointer<UInt8>) -> [Int]? {
        var out: [Int] = []
        var i = 0
        while true {
            var negative = false
            if i < v.count, v[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            let start = i
            var x = 0
            while i < v.count, v[i] != UInt8(ascii: "/") {
                let d = Int(v[i]) - 48
                guard (0...9).contains(d) else { return nil }
                let (m, o1) = x.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(d)
                guard !o1, !o2 else { return nil }
                x = s
                i += 1
            }
            guard i > start else { return nil }
            out.append(negative ? -x : x)
            if i == v.count { return out }
            i += 1  // the slash
        }
    }
}
