import Foundation

/// One card's entry in the score index, as one line of `|`-separated fields:
///
///     revision|status|inode|size|mtime|ctime|updatedAt|updatedBy|wasReturned|answers|reviewed|marked|history…
///
/// `updatedAt` is seconds since 1970 or empty; `updatedBy` is `+` and the id, or empty for none; `wasReturned`
/// is 1 or 0; `answers` and `reviewed` are `AnswerCode` lines, `reviewed` being `=` when the review changed
/// nothing; `marked` is `CardSummary.marked`; then four fields per status change: status, `+`by, at, and `+`comment or empty. Free text has `%`,
/// `|` and line breaks percent-encoded.
///
/// Why a line and not a JSON object per card: the JSON decoder then sees one string per organisation, and the
/// lines are checked and parsed on both cores; the index is profrost's own cache, never edited by hand. A line
/// that does not parse is as good as missing: the card is decoded instead.
enum IndexLine {
    static func encode(_ s: CardSummary, stamp: FileStamp) -> String? {
        guard let answers = AnswerCode.encode(s.answers), !answers.contains("|") else { return nil }
        var reviewed = "="
        if s.reviewedAnswers != s.answers {
            guard let r = AnswerCode.encode(s.reviewedAnswers), !r.contains("|") else { return nil }
            reviewed = r
        }
        var f = ["\(s.revision)", s.status.rawValue, "\(stamp.inode)", "\(stamp.size)", "\(stamp.mtime)", "\(stamp.ctime)",
                 s.updatedAt.map { "\($0.timeIntervalSince1970)" } ?? "", optional(s.updatedBy), s.wasReturned ? "1" : "0",
                 answers, reviewed, "\(s.marked)"]
        for h in s.history {
            f += [h.status.rawValue, optional(h.by), "\(h.at.timeIntervalSince1970)", optional(h.comment)]
        }
        return f.joined(separator: "|")
    }

    /// The fields of a line.
    /// Split on the UTF-8 bytes (`|` is ASCII, so never inside a multi-byte character): splitting the `String`
    /// walks grapheme clusters and was a fifth of `rank`'s time.
    static func fields(_ line: String) -> [Substring] {
        line.utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// The stamp a line recorded; nil when the line is not one.
    static func stamp(_ f: [Substring]) -> FileStamp? {
        guard f.count >= 12, (f.count - 12) % 4 == 0, let inode = UInt64(f[2]), let size = Int64(f[3]),
              let mtime = Int64(f[4]), let ctime = Int64(f[5]) else { return nil }
        return FileStamp(inode: inode, size: size, mtime: mtime, ctime: ctime)
    }

    /// The summary a line holds; nil when the line is not one.
    static func summary(_ f: [Substring]) -> CardSummary? {
        guard f.count >= 12, (f.count - 12) % 4 == 0, let revision = Int(f[0]), let status = CardStatus(rawValue: String(f[1])),
              let updatedBy = optional(f[7]), let answers = AnswerCode.decode(String(f[9])), let marked = Int(f[11]),
              marked >= 0 else { return nil }
        var updatedAt: Date?
        if !f[6].isEmpty {
            guard let t = Double(f[6]) else { return nil }
            updatedAt = Date(timeIntervalSince1970: t)
        }
        var reviewed = answers
        if f[10] != "=" {
            guard let r = AnswerCode.decode(String(f[10])) else { return nil }
            reviewed = r
        }
        var history: [StatusChange] = []
        var i = 12
        while i + 3 < f.count {
            guard let st = CardStatus(rawValue: String(f[i])), let by = optional(f[i + 1]), let who = by,
                  let at = Double(f[i + 2]), let comment = optional(f[i + 3]) else { return nil }
            history.append(StatusChange(status: st, by: who, at: Date(timeIntervalSince1970: at), comment: comment))
            i += 4
        }
        return CardSummary(revision: revision, status: status, history: history, wasReturned: f[8] == "1",
                           updatedAt: updatedAt, updatedBy: updatedBy, answers: answers, reviewedAnswers: reviewed,
                           marked: marked)
    }

    // MARK: - Free text

    /// `+text` with `%`, `|` and line breaks percent-encoded (the index holds one line per card), or empty for nil.
    private static func optional(_ s: String?) -> String {
        guard let s else { return "" }
        guard s.contains(where: { $0 == "%" || $0 == "|" || $0.isNewline }) else { return "+" + s }
        var out = "+"
        for u in s.unicodeScalars {
            switch u {
            case "%": out += "%25"
            case "|": out += "%7C"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// The inverse of `optional(_ s:)`: `.some(nil)` for an empty field, nil for a malformed one.
    private static func optional(_ f: Substring) -> String?? {
        if f.isEmpty { return .some(nil) }
        guard f.first == "+" else { return nil }
        let s = String(f.dropFirst())
        guard s.contains("%") else { return .some(s) }
        return .some(s.replacingOccurrences(of: "%7C", with: "|").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%"))
    }
}
