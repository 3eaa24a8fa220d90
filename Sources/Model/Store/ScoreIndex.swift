import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `campaigns/<period>/score-index.txt`: every card's summary (`CardSummary`) with the stamp of the card file it
/// was taken from, so that scoring a period reads one file and `stat`s the cards instead of decoding them.
///
///     profrost score index 2 2025-26
///     dou-001<TAB><IndexLine>
///     …
///
/// A line file rather than JSON (format 1 was `{"cards": {org: line}}`): it is read as one byte buffer and each
/// organisation's line is cut out of it by the core that needs it, so 3,000 entries cost the file's bytes and
/// a table of offsets, not a JSON map plus 3,000 strings (half of a TUI session's heap), and loading it is a
/// scan for newlines. The index is profrost's own cache, never edited by hand.
///
/// Never trusted blindly:
/// - an entry is used only while its card still has the recorded `FileStamp` (inode, size, mtime, ctime).
///   Every save through `Workspace.update` renames a new file into place (new inode, new ctime), so a save
///   makes its entry stale by construction, with no extra write and no lock on the index; a hand edit
///   changes the ctime. A stale or missing entry means the card itself is decoded, with the usual error
///   (path and line) when it does not parse; the index cannot hide a broken card.
/// - a stamp changed less than `settleMargin` ago is not recorded ("racily clean" in git's words), because
///   two changes within one file-time tick could share a stamp.
/// - an index with another header (format, period) is ignored and rebuilt; a line that does not parse is as
///   good as missing.
/// The index is a cache: it is rewritten (temp file + rename, no fsync) by whichever reader found it out of
/// date; losing it, or two readers racing to rewrite it, costs time, never correctness. It is not journaled.
struct ScoreIndex: Sendable {
    /// 3: lines carry `CardSummary.marked` (an index of format 2 is ignored and rebuilt).
    static let currentFormat = 3
    static let fileName = "score-index.txt"
    /// Two seconds: far above the file-time tick of any Linux file system, and cheap (a card saved within the
    /// last two seconds is decoded rather than looked up).
    static let settleMargin: Int64 = 2_000_000_000

    var period: String
    /// The file's bytes.
    private var bytes: [UInt8]
    /// Where each organisation's `IndexLine` lies in `bytes`.
    private var ranges: [String: Range<Int>]

    static func header(_ period: String) -> String { "profrost score index \(currentFormat) \(period)" }

    /// The index at `path` for `period`, or nil when there is none usable (missing, another format or period).
    static func load(_ path: String, period: String) -> ScoreIndex? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return parse([UInt8](data), period: period)
    }

    static func parse(_ bytes: [UInt8], period: String) -> ScoreIndex? {
        let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t")
        guard let firstEnd = bytes.firstIndex(of: newline),
              String(decoding: bytes[..<firstEnd], as: UTF8.self) == header(period) else { return nil }
        var ranges: [String: Range<Int>] = [:]
        var i = firstEnd + 1
        while i < bytes.count {
            let end = bytes[i...].firstIndex(of: newline) ?? bytes.count
            if let t = bytes[i..<end].firstIndex(of: tab), t > i {
                ranges[String(decoding: bytes[i..<t], as: UTF8.self)] = (t + 1)..<end
            }
            i = end + 1
        }
        return ScoreIndex(period: period, bytes: bytes, ranges: ranges)
    }

    var count: Int { ranges.count }
    var orgs: [String] { Array(ranges.keys) }
    func has(_ org: String) -> Bool { ranges[org] != nil }

    /// The line recorded for `org`.
    func line(_ org: String) -> String? {
        guard let r = ranges[org] else { return nil }
        return String(decoding: bytes[r], as: UTF8.self)
    }

    /// An index file's text from lines by organisation (sorted, so the file is stable).
    static func text(period: String, lines: [String: String]) -> String {
        var out = header(period) + "\n"
        for org in lines.keys.sorted() {
            guard let line = lines[org], !org.contains("\t"), !org.contains("\n"), !line.contains("\n") else { continue }
            out += org + "\t" + line + "\n"
        }
        return out
    }

    /// Writes the index beside the cards: temp file, then rename. No fsync: see the type's comment.
    /// Failures (a read-only workspace, a full disk) are ignored; the next reader decodes cards instead.
    static func write(_ text: String, to path: String) {
        let tmp = "\(path).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: tmp, contents: Data(text.utf8)) else { return }
        if rename(tmp, path) != 0 { unlink(tmp) }
    }
}

/// Where card summaries come from: the score index where it still matches each card (screens, `rank` while cards are
/// being filled), or the cards themselves (final results, exports, audits).
public enum SummarySource: Sendable { case cache, cards }

/// A card that could not be read, for a report to mark its organisation's row instead of failing as a whole.
public struct UnreadableCard: Codable, Equatable, Sendable {
    public var org: String
    /// Relative to the workspace.
    public var path: String
    public var line: Int?
    public var reason: String

    public init(org: String, path: String, error: Error) {
        self.org = org; self.path = path
        switch error as? StoreError {
        case .corrupt(_, let l, let r)?: line = l; reason = r
        case .io(_, let r)?: line = nil; reason = r
        default: line = nil; reason = "\(error)"
        }
    }

    /// `path:line`.
    public var location: String { line.map { "\(path):\($0)" } ?? path }
    /// The error reading it alone would have raised.
    var error: StoreError { line.map { .corrupt(path: path, line: $0, reason: reason) } ?? .io(path: path, reason: reason) }
    public var russian: String { "карта не читается (\(location))" }
}

/// What `readSummaries` found: a value per organisation (nil: no card, or unreadable) and the unreadable cards.
public struct SummaryRead<T> {
    public var values: [T?]
    public var unreadable: [UnreadableCard]
}

extension Workspace {
    /// Where the score index of a period lives.
    public func scoreIndexPath(_ period: String) -> String { path("campaigns", period, ScoreIndex.fileName) }

    /// Every saved card of a period, summarised, by organisation: from the score index where its entry matches the
    /// card file, else by decoding the card (all cores); the index is then rewritten. A card that does not parse
    /// throws `StoreError.corrupt` with its path and line, exactly as reading it alone would.
    public func cardSummaries(period: String, orgs: [String]) throws -> [String: CardSummary] {
        try cardSummaries(period: period, orgs: orgs, settleMargin: ScoreIndex.settleMargin)
    }

    func cardSummaries(period: String, orgs: [String], settleMargin: Int64) throws -> [String: CardSummary] {
        let read = readSummaries(period: period, orgs: orgs, settleMargin: settleMargin) { _, s in s }
        if let first = read.unreadable.first { throw first.error }
        var out: [String: CardSummary] = [:]
        out.reserveCapacity(orgs.count)
        for (i, s) in read.values.enumerated() { if let s { out[orgs[i]] = s } }
        return out
    }

    /// Each organisation's card summary turned into what the caller keeps by `transform(index in orgs, summary)` on
    /// the core that read it; nil where an organisation has no card. A screen of 3,000 organisations keeps its rows
    /// and lets the answers go, instead of holding 3,000 summaries at once (most of a TUI session's memory).
    ///
    /// A card that cannot be read is not an error for the whole period: its organisation is nil in `values` and
    /// listed in `unreadable` (path, line, reason), so that every report shows the others and marks that one.
    /// `source`: `.cache` reads the score index where it matches the card file's stamp; `.cards` decodes every card
    /// (what final results and exports use: the cache never decides a result, see `ScoreIndex`).
    public func readSummaries<T: Sendable>(period: String, orgs: [String], source: SummarySource = .cache,
                                           _ transform: @Sendable (Int, CardSummary) -> T) -> SummaryRead<T> {
        readSummaries(period: period, orgs: orgs, settleMargin: ScoreIndex.settleMargin, source: source, transform)
    }

    private enum Found<T> {
        case none
        /// From the index (its line stays).
        case indexed(T)
        /// Decoded from the card; the line to record, when its stamp is settled.
        case read(T, String?)
    }

    func readSummaries<T: Sendable>(period: String, orgs: [String], settleMargin: Int64, source: SummarySource = .cache,
                                    _ transform: @Sendable (Int, CardSummary) -> T) -> SummaryRead<T> {
        let indexPath = scoreIndexPath(period)
        let old = ScoreIndex.load(indexPath, period: period)
        let useIndex = source == .cache
        let now = FileStamp.now()
        let n = orgs.count
        var found = [Result<Found<T>, Error>](repeating: .success(.none), count: n)
        found.withUnsafeMutableBufferPointer { buf in
            let base = buf.baseAddress
            DispatchQueue.concurrentPerform(iterations: n) { i in
                let org = orgs[i]
                let file = self.cardPath(org: org, period: period)
                // The stamp is taken before the card is read: if the card changes in between, the line records
                // the older stamp, which no longer matches, and the next reader decodes the card again.
                let stamp = FileStamp.of(file)
                if useIndex, let stamp, let line = old?.line(org) {
                    let fields = IndexLine.fields(line)
                    if IndexLine.stamp(fields) == stamp, let s = IndexLine.summary(fields) {
                        base?[i] = .success(.indexed(transform(i, s)))
                        return
                    }
                }
                base?[i] = Result {
                    guard let card = try self.savedCard(org: org, period: period) else { return .none }
                    let s = CardSummary(card)
                    guard let stamp, stamp.isSettled(now: now, margin: settleMargin) else { return .read(transform(i, s), nil) }
                    return .read(transform(i, s), IndexLine.encode(s, stamp: stamp))
                }
            }
        }
        var out = [T?](repeating: nil, count: n)
        var unreadable: [UnreadableCard] = []
        // New lines, for entries read from their cards; nil: keep the old line (or drop it, for a card now gone).
        var fresh: [Int: String] = [:]
        var kept = 0
        var changed = false
        for (i, r) in found.enumerated() {
            switch r {
            case .failure(let error):
                unreadable.append(UnreadableCard(org: orgs[i], path: relative(cardPath(org: orgs[i], period: period)), error: error))
                if old?.has(orgs[i]) == true { changed = true }
            case .success(.none):
                if old?.has(orgs[i]) == true { changed = true }
            case .success(.indexed(let s)):
                out[i] = s
                kept += 1
            case .success(.read(let s, let line)):
                out[i] = s
                // A stamp too recent to record keeps the old, now unmatched line: harmless, and no rewrite.
                if let line { fresh[i] = line; changed = true } else if old?.has(orgs[i]) == true { kept += 1 }
            }
        }
        if kept + fresh.count != (old?.count ?? 0) { changed = true }
        if changed, FileManager.default.fileExists(atPath: path("campaigns", period, "cards")) {
            var lines: [String: String] = [:]
            for (i, r) in found.enumerated() {
                guard case .success(let f) = r else { continue }
                let org = orgs[i]
                switch f {
                case .none: break
                case .indexed: lines[org] = old?.line(org)
                case .read: lines[org] = fresh[i] ?? old?.line(org)
                }
            }
            ScoreIndex.write(ScoreIndex.text(period: period, lines: lines), to: indexPath)
        }
        return SummaryRead(values: out, unreadable: unreadable)
    }

    /// Writes the index of a period from summaries already at hand (the demo generator, which wrote the cards
    /// itself into a folder nobody else sees yet, so every stamp is taken as settled).
    func writeScoreIndex(period: String, summaries: [String: CardSummary]) {
        var lines: [String: String] = [:]
        for (org, s) in summaries {
            if let stamp = FileStamp.of(cardPath(org: org, period: period)), let line = IndexLine.encode(s, stamp: stamp) {
                lines[org] = line
            }
        }
        ScoreIndex.write(ScoreIndex.text(period: period, lines: lines), to: scoreIndexPath(period))
    }
}
