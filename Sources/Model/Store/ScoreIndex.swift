import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `campaigns/<period>/index.json`: every card's summary (`CardSummary`) with the stamp of the card file it
/// was taken from, so that scoring a period reads one file and `stat`s the cards instead of decoding them.
///
/// Never trusted blindly:
/// - an entry is used only while its card still has the recorded `FileStamp` (inode, size, mtime, ctime).
///   Every save through `Workspace.update` renames a new file into place (new inode, new ctime), so a save
///   makes its entry stale by construction, with no extra write and no lock on the index; a hand edit
///   changes the ctime. A stale or missing entry means the card itself is decoded, with the usual error
///   (path and line) when it does not parse; the index cannot hide a broken card.
/// - a stamp changed less than `settleMargin` ago is not recorded ("racily clean" in git's words), because
///   two changes within one file-time tick could share a stamp.
/// - an index that does not parse, has another format or another period is ignored and rebuilt.
/// The index is a cache: it is rewritten (temp file + rename, no fsync) by whichever reader found it out of
/// date; losing it, or two readers racing to rewrite it, costs time, never correctness. It is not journaled.
struct ScoreIndex: Codable {
    static let currentFormat = 1
    /// Two seconds: far above the file-time tick of any Linux file system, and cheap (a card saved within the
    /// last two seconds is decoded rather than looked up).
    static let settleMargin: Int64 = 2_000_000_000

    var formatVersion = ScoreIndex.currentFormat
    var period: String
    var cards: [String: Entry]

    /// One card: `[revision, status, inode, size, mtime, ctime, updatedAt, updatedBy, answers, reviewed, history]`,
    /// an array rather than an object because it decodes several times faster; `reviewed` is null when the
    /// review changed nothing; the answers are `AnswerCode` lines; history is `[[status, by, at, comment]…]`
    /// with times as seconds since 1970.
    struct Entry: Codable, Equatable {
        var stamp: FileStamp
        var revision: Int
        var status: CardStatus
        var history: [Step]
        var updatedAt: Double?
        var updatedBy: String?
        var answers: String
        var reviewed: String?

        init?(_ s: CardSummary, stamp: FileStamp) {
            guard let a = AnswerCode.encode(s.answers) else { return nil }
            let r: String?
            if s.reviewedAnswers == s.answers { r = nil } else {
                guard let coded = AnswerCode.encode(s.reviewedAnswers) else { return nil }
                r = coded
            }
            self.stamp = stamp; revision = s.revision; status = s.status; history = s.history.map(Step.init)
            updatedAt = s.updatedAt?.timeIntervalSince1970; updatedBy = s.updatedBy; answers = a; reviewed = r
        }

        /// One status change: `[status, by, at, comment]`.
        struct Step: Codable, Equatable {
            var change: StatusChange
            init(_ change: StatusChange) { self.change = change }
            init(from decoder: Decoder) throws {
                var c = try decoder.unkeyedContainer()
                change = StatusChange(status: try c.decode(CardStatus.self), by: try c.decode(String.self),
                                      at: Date(timeIntervalSince1970: try c.decode(Double.self)),
                                      comment: try c.decodeIfPresent(String.self))
            }
            func encode(to encoder: Encoder) throws {
                var c = encoder.unkeyedContainer()
                try c.encode(change.status); try c.encode(change.by); try c.encode(change.at.timeIntervalSince1970)
                try c.encode(change.comment)
            }
        }

        /// The summary this entry holds; nil when its answers do not decode (then the card is read).
        var summary: CardSummary? {
            guard let a = AnswerCode.decode(answers) else { return nil }
            var r = a
            if let reviewed { guard let d = AnswerCode.decode(reviewed) else { return nil }; r = d }
            return CardSummary(revision: revision, status: status, history: history.map(\.change),
                               updatedAt: updatedAt.map(Date.init(timeIntervalSince1970:)), updatedBy: updatedBy,
                               answers: a, reviewedAnswers: r)
        }

        init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            revision = try c.decode(Int.self)
            status = try c.decode(CardStatus.self)
            stamp = FileStamp(inode: try c.decode(UInt64.self), size: try c.decode(Int64.self),
                              mtime: try c.decode(Int64.self), ctime: try c.decode(Int64.self))
            updatedAt = try c.decodeIfPresent(Double.self)
            updatedBy = try c.decodeIfPresent(String.self)
            answers = try c.decode(String.self)
            reviewed = try c.decodeIfPresent(String.self)
            history = try c.decode([Step].self)
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(revision); try c.encode(status)
            try c.encode(stamp.inode); try c.encode(stamp.size); try c.encode(stamp.mtime); try c.encode(stamp.ctime)
            try c.encode(updatedAt); try c.encode(updatedBy)
            try c.encode(answers); try c.encode(reviewed); try c.encode(history)
        }
    }

    /// The index at `path` for `period`, or nil when there is none usable (missing, torn, another format or period).
    static func load(_ path: String, period: String) -> ScoreIndex? {
        guard let data = FileManager.default.contents(atPath: path),
              let index = try? JSONDecoder().decode(ScoreIndex.self, from: data),
              index.formatVersion == currentFormat, index.period == period else { return nil }
        return index
    }

    /// Writes the index beside the cards: temp file, then rename. No fsync: see the type's comment.
    /// Failures (a read-only workspace, a full disk) are ignored; the next reader decodes cards instead.
    func write(to path: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var data = try? encoder.encode(self) else { return }
        data.append(0x0A)
        let tmp = "\(path).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: tmp, contents: data) else { return }
        if rename(tmp, path) != 0 { unlink(tmp) }
    }
}

extension Workspace {
    /// Where the score index of a period lives.
    public func scoreIndexPath(_ period: String) -> String { path("campaigns", period, "index.json") }

    /// Every saved card of a period, summarised, by organisation: from the score index where its entry matches the
    /// card file, else by decoding the card (all cores); the index is then rewritten. A card that does not parse
    /// throws `StoreError.corrupt` with its path and line, exactly as reading it alone would.
    public func cardSummaries(period: String, orgs: [String]) throws -> [String: CardSummary] {
        try cardSummaries(period: period, orgs: orgs, settleMargin: ScoreIndex.settleMargin)
    }

    private enum Found {
        case none
        case indexed(CardSummary)
        /// Decoded from the card; the entry to record, when its stamp is settled.
        case read(CardSummary, ScoreIndex.Entry?)
    }

    func cardSummaries(period: String, orgs: [String], settleMargin: Int64) throws -> [String: CardSummary] {
        let indexPath = scoreIndexPath(period)
        let old = ScoreIndex.load(indexPath, period: period)?.cards ?? [:]
        let now = FileStamp.now()
        let n = orgs.count
        var found = [Result<Found, Error>](repeating: .success(.none), count: n)
        found.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress
            DispatchQueue.concurrentPerform(iterations: n) { i in
                let org = orgs[i]
                let file = self.cardPath(org: org, period: period)
                // The stamp is taken before the card is read: if the card changes in between, the entry records
                // the older stamp, which no longer matches, and the next reader decodes the card again.
                let stamp = FileStamp.of(file)
                if let stamp, let e = old[org], e.stamp == stamp, let s = e.summary {
                    base?[i] = .success(.indexed(s))
                    return
                }
                base?[i] = Result {
                    guard let card = try self.savedCard(org: org, period: period) else { return .none }
                    let s = CardSummary(card)
                    let settled = stamp.map { $0.isSettled(now: now, margin: settleMargin) } ?? false
                    return .read(s, settled ? stamp.flatMap { ScoreIndex.Entry(s, stamp: $0) } : nil)
                }
            }
        }
        var out: [String: CardSummary] = [:]
        out.reserveCapacity(n)
        var entries: [String: ScoreIndex.Entry] = [:]
        var changed = false
        for (i, r) in found.enumerated() {
            let org = orgs[i]
            switch try r.get() {
            case .none:
                if old[org] != nil { changed = true }
            case .indexed(let s):
                out[org] = s
                entries[org] = old[org]
            case .read(let s, let e):
                out[org] = s
                // A stamp too recent to record keeps the old, now unmatched entry: harmless, and no rewrite.
                if let e { entries[org] = e; changed = true } else { entries[org] = old[org] }
            }
        }
        if entries.count != old.count { changed = true }
        if changed, FileManager.default.fileExists(atPath: path("campaigns", period, "cards")) {
            ScoreIndex(period: period, cards: entries).write(to: indexPath)
        }
        return out
    }

    /// Writes the index of a period from summaries already at hand (the demo generator, which wrote the cards
    /// itself into a folder nobody else sees yet, so every stamp is taken as settled).
    func writeScoreIndex(period: String, summaries: [String: CardSummary]) {
        var entries: [String: ScoreIndex.Entry] = [:]
        for (org, s) in summaries {
            if let stamp = FileStamp.of(cardPath(org: org, period: period)), let e = ScoreIndex.Entry(s, stamp: stamp) {
                entries[org] = e
            }
        }
        ScoreIndex(period: period, cards: entries).write(to: scoreIndexPath(period))
    }
}
