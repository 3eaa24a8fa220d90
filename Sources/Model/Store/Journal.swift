import Foundation
import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// One change in the workspace: who, when, what, before and after, chained to the entry before by hash.
public struct JournalEntry: Codable, Equatable, Sendable {
    public var seq: Int
    public var time: Date
    public var actor: String
    /// A verb: `card.set`, `card.submit`, `org.add`, `lock.takeover`, …
    public var action: String
    /// What changed: `card:2025-26/sch-01`, `org:sch-01`, `person:ivanova`, …
    public var target: String
    public var before: JSONValue
    public var after: JSONValue
    /// Hash of the entry before (64 zeros for the first).
    public var prev: String
    /// SHA-256 of this entry's canonical form (every field but `hash`, sorted keys, no spaces).
    public var hash: String
    /// The file this entry's change produced and its content hash, on the last entry of a save: what
    /// `audit verify` holds every document to, and what recovery rolls an interrupted save forward or back by.
    /// Absent on entries that write no file (and on every entry before this field existed; they hash as before).
    public var document: DocumentDigest?

    static let genesis = String(repeating: "0", count: 64)

    /// The hash an entry must carry.
    public func computedHash() -> String {
        Hashing.sha256(hashedBytes())
    }

    /// The canonical form `computedHash` hashes (`EntryJSON`, or `JSONEncoder` for a value it has no form for).
    func hashedBytes() -> Data {
        let body = hashedBody()
        return EntryJSON.body(body) ?? (try? JSONFiles.encoder(pretty: false).encode(body)) ?? Data()
    }

    /// What the hash is computed over: every field but `hash` (sorted keys, no spaces: `computedHash`).
    struct HashedBody: Encodable {
        let seq: Int, time: Date, actor: String, action: String, target: String
        let before: JSONValue, after: JSONValue, prev: String
        let document: DocumentDigest?   // encoded only when present, so older entries keep their hash
    }

    func hashedBody() -> HashedBody {
        HashedBody(seq: seq, time: time, actor: actor, action: action, target: target,
                   before: before, after: after, prev: prev, document: document)
    }
}

/// A change to record, before it has a place in the chain.
public struct Change: Sendable {
    public var action: String
    public var target: String
    public var before: JSONValue
    public var after: JSONValue
    /// The file this change leaves behind (see `JournalEntry.document`).
    public var document: DocumentDigest?
    public init(_ action: String, target: String, before: JSONValue = .null, after: JSONValue = .null,
                document: DocumentDigest? = nil) {
        self.action = action; self.target = target; self.before = before; self.after = after; self.document = document
    }
}

/// A file of the workspace as a journal entry describes it: path (relative to the workspace), revision and the
/// SHA-256 of its content (`Workspace.contentHash`: the document without its own link to the journal).
public struct DocumentDigest: Codable, Equatable, Sendable {
    public var path: String
    public var revision: Int?
    public var sha256: String
    public init(path: String, revision: Int?, sha256: String) { self.path = path; self.revision = revision; self.sha256 = sha256 }
}

/// Where a card points into the journal: the entry that produced it.
public struct JournalLink: Codable, Equatable, Sendable {
    public var seq: Int
    public var hash: String
    public init(seq: Int, hash: String) { self.seq = seq; self.hash = hash }
}

/// An entry encoded before the journal's lock is taken, but for its place in the chain (`seq`, `prev`) and its
/// hash, which `finished` splices in under the lock. The canonical form that `computedHash` hashes and the line
/// `append` writes are both sorted-key compact JSON, so they differ only in `"hash"` — which sorts just before
/// `"prev"` — and the last `"prev":"` of the text is the entry's own: only strings (`target`, `time`), whose
/// quotes are escaped, come after it. `FileQueueTests` checks that every finished entry is the text that encoding
/// the entry gives, with the hash `computedHash` gives.
struct EntryDraft {
    private var entry: JournalEntry
    /// The canonical form up to `"prev":"` (excluded), and from `,"target":` on; nil when the text did not have
    /// the expected shape (then `finished` encodes the whole entry).
    private let head: Data?
    private let tail: Data?
    private let path: String

    init(_ change: Change, actor: String, time: Date, path: String) throws {
        self.path = path
        entry = JournalEntry(seq: 0, time: time, actor: actor, action: change.action, target: change.target,
                             before: change.before, after: change.after, prev: "", hash: "", document: change.document)
        let body = entry.hashedBytes()
        let marker = Data("\"prev\":\"\",\"seq\":0,\"target\":".utf8)
        if let r = body.range(of: marker, options: .backwards) {
            head = body[..<r.lowerBound]
            tail = body[(r.upperBound - Data(",\"target\":".utf8).count)...]
        } else {
            head = nil; tail = nil
        }
    }

    /// The entry at its place in the chain, and its line (without the newline).
    func finished(seq: Int, prev: String) throws -> (JournalEntry, Data) {
        var e = entry
        e.seq = seq
        e.prev = prev
        guard let head, let tail else {
            e.hash = e.computedHash()
            do { return (e, try JSONFiles.encoder(pretty: false).encode(e)) } catch {
                throw StoreError.io(path: path, reason: "cannot encode journal entry: \(error)")
            }
        }
        let link = Data("\"prev\":\"\(prev)\",\"seq\":\(seq)".utf8)
        e.hash = Hashing.sha256(head + link + tail)
        return (e, head + Data("\"hash\":\"\(e.hash)\",".utf8) + link + tail)
    }
}

/// The entries were appended but could not be made durable: the caller must not report success, and must
/// journal that its change did not take effect (see `Workspace.update`).
public struct JournalAppendError: Error {
    public var underlying: Error
}

/// `journal.jsonl`: the append-only, hash-chained record of every change (seed 002, 3.4: personal responsibility).
public struct Journal {
    public let path: String

    public init(path: String) { self.path = path }

    /// Appends changes under the journal's lock; returns the entries as written. `prepare` runs under the lock
    /// with the entries about to be appended, before they are: a save links its document to its entry and writes
    /// it to its pending file there; if `prepare` throws, nothing is appended. `alongsideSync` runs after the lock
    /// is let go, while the entries are made durable (`FileQueue.unlockThenSync`): a save fsyncs its document
    /// there (write-ahead: see `Workspace.update`). A torn last line (a write cut short) is cut off first and the
    /// cut is journaled (`journal.repair`, with the bytes removed). When this returns, the entries are durable.
    ///
    /// Every writer of the workspace queues for this lock, so it holds as little as can be: the entries are
    /// encoded before it is taken (`EntryDraft`), and under it only their number and the hash of the entry before
    /// are put in (byte splices, then one SHA-256 each). Why: 20 principals saving at once spent most of a save
    /// waiting here (strace: 7 ms a save in flock), because the holder encoded entries, opened files and was
    /// preempted meanwhile by the others.
    @discardableResult
    public func append(_ changes: [Change], actor: String, at time: Date = Date(),
                       prepare: ([JournalEntry]) throws -> Void = { _ in },
                       alongsideSync: (@Sendable () throws -> Void)? = nil) throws -> [JournalEntry] {
        guard !changes.isEmpty else { return [] }
        // Whole-second time, so that the entry re-encodes to the same text it was hashed over.
        let t = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
        var drafts = try changes.map { try EntryDraft($0, actor: actor, time: t, path: path) }
        let queue = try FileQueue.lock(path, timeout: 5)
        var released = false
        defer { if !released { queue.unlock() } }
        if let repair = try repairTornEnd(fd: queue.fd) {
            drafts.insert(try EntryDraft(repair, actor: actor, time: t, path: path), at: 0)
        }
        var (seq, prev) = try lastLink(fd: queue.fd)
        var out: [JournalEntry] = []
        var blob = Data()
        for draft in drafts {
            seq += 1
            let (entry, line) = try draft.finished(seq: seq, prev: prev)
            prev = entry.hash
            blob.append(line)
            blob.append(0x0A)
            out.append(entry)
        }
        try prepare(out)
        try queue.append(blob, path: path)
        released = true
        do { try queue.unlockThenSync(path: path, alongside: alongsideSync) } catch { throw JournalAppendError(underlying: error) }
        return out
    }

    /// Cuts off a torn last line — bytes after the last newline, which every whole entry ends with — and returns
    /// the change that records the cut (line number, byte count, the bytes as text). Called under the lock, on its
    /// file. A whole last line that does not parse is not torn but edited: `lastLink` refuses it, and
    /// `audit verify` names it.
    func repairTornEnd(fd: Int32) throws -> Change? {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { return nil }
        let size = Int(st.st_size)
        var last: UInt8 = 0
        guard pread(fd, &last, 1, off_t(size - 1)) == 1, last != 0x0A else { return nil }
        // Find the last newline, reading backwards in chunks.
        var end = size
        var keep = 0
        let chunk = 65_536
        var tail: [UInt8] = []
        search: while end > 0 {
            let start = max(0, end - chunk)
            var buf = [UInt8](repeating: 0, count: end - start)
            guard pread(fd, &buf, buf.count, off_t(start)) == buf.count else {
                throw StoreError.io(path: path, reason: "cannot read the journal's end")
            }
            if let nl = buf.lastIndex(of: 0x0A) {
                keep = start + nl + 1
                tail = Array(buf[(nl + 1)...]) + tail
                break search
            }
            tail = buf + tail
            end = start
        }
        let lines = try countLines(fd: fd, upTo: keep)
        unlink(path + ".sync")   // the group-commit record (FileQueue) must not outlive the bytes it counted
        guard ftruncate(fd, off_t(keep)) == 0, fsync(fd) == 0 else {
            throw StoreError.io(path: path, reason: "cannot cut off the torn last entry: \(String(cString: strerror(errno)))")
        }
        let text = String(decoding: tail.prefix(4096), as: UTF8.self)
        return Change("journal.repair", target: "journal",
                      before: .object(["line": .int(lines + 1), "bytes": .int(tail.count), "text": .string(text)]),
                      after: .object(["lines": .int(lines)]))
    }

    private func countLines(fd: Int32, upTo limit: Int) throws -> Int {
        var n = 0, offset = 0
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        while offset < limit {
            let want = min(buf.count, limit - offset)
            let got = pread(fd, &buf, want, off_t(offset))
            guard got > 0 else { break }
            for i in 0..<got where buf[i] == 0x0A { n += 1 }
            offset += got
        }
        return n
    }

    /// Sequence number and hash of the last entry, read from the end of the file.
    func lastLink() throws -> (Int, String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return (0, JournalEntry.genesis) }
        defer { close(fd) }
        return try lastLink(fd: fd)
    }

    /// The same, on an open journal (under the lock: `append`).
    func lastLink(fd: Int32) throws -> (Int, String) {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { return (0, JournalEntry.genesis) }
        let size = Int(st.st_size)
        var chunk = 8192
        while true {
            let start = max(0, size - chunk)
            var data = [UInt8](repeating: 0, count: size - start)
            guard pread(fd, &data, data.count, off_t(start)) == data.count else {
                throw StoreError.io(path: path, reason: "cannot read the journal's end")
            }
            var body = data[...]
            while body.last == 0x0A { body = body.dropLast() }
            if let nl = body.lastIndex(of: 0x0A) ?? (start == 0 ? body.startIndex - 1 : nil) {
                let line = body[(nl + 1)...]
                // Only the link is needed: skipping the rest of the entry (its before/after trees, its time)
                // keeps the journal's lock short.
                struct Link: Decodable { let seq: Int; let hash: String }
                if let link = Self.link(inLine: line) { return link }
                guard let e = try? JSONDecoder().decode(Link.self, from: Data(line)) else {
                    // Rare: count the lines only now, to name the broken one.
                    let all = (try? AtomicFile.read(path)) ?? nil
                    let lineNo = all.map { d in d.split(separator: 0x0A, omittingEmptySubsequences: false).count - (d.last == 0x0A ? 1 : 0) } ?? 0
                    throw StoreError.corrupt(path: path, line: lineNo, reason: "the last journal entry does not parse; nothing was written")
                }
                return (e.seq, e.hash)
            }
            if start == 0 { return (0, JournalEntry.genesis) }
            chunk *= 4
        }
    }

    /// The `seq` and `hash` of an entry's line as `append` writes it (sorted keys, no spaces), read from the bytes:
    /// this runs under the journal's lock, where a JSONDecoder cost every writer waiting behind it. The last
    /// `"hash":"` of the line is the entry's own: keys named so inside `after`, `before` or `document` come before
    /// it (keys are sorted), and only strings, whose quotes are escaped, come after. nil when the line does not
    /// have exactly that shape (the caller then decodes it). `FileQueueTests` checks it against the decoder.
    static func link<Line: BidirectionalCollection>(inLine line: Line) -> (Int, String)? where Line.Element == UInt8, Line.Index == Int {
        let bytes = Array(line)
        let key = Array("\"hash\":\"".utf8), between = Array("\",\"prev\":\"".utf8), seqKey = Array("\",\"seq\":".utf8)
        guard bytes.count > key.count + 64 + between.count + 64 + seqKey.count + 1 else { return nil }
        var at = bytes.count - key.count
        while at >= 0, !bytes[at..<(at + key.count)].elementsEqual(key) { at -= 1 }
        guard at >= 0 else { return nil }
        func isHex(_ r: Range<Int>) -> Bool {
            r.upperBound <= bytes.count && bytes[r].allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        }
        let hash = (at + key.count)..<(at + key.count + 64)
        let prev = (hash.upperBound + between.count)..<(hash.upperBound + between.count + 64)
        guard isHex(hash), bytes[hash.upperBound..<prev.lowerBound].elementsEqual(between), isHex(prev),
              prev.upperBound + seqKey.count < bytes.count,
              bytes[prev.upperBound..<(prev.upperBound + seqKey.count)].elementsEqual(seqKey) else { return nil }
        var i = prev.upperBound + seqKey.count
        var seq = 0
        let first = i
        while i < bytes.count, (0x30...0x39).contains(bytes[i]), i - first < 18 {
            seq = seq * 10 + Int(bytes[i] - 0x30)
            i += 1
        }
        guard i > first, i < bytes.count, bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "}") else { return nil }
        return (seq, String(decoding: bytes[hash], as: UTF8.self))
    }

    /// All entries, in order; a line that does not parse is reported with its number.
    public func entries() throws -> [JournalEntry] {
        guard let data = try AtomicFile.read(path) else { return [] }
        var out: [JournalEntry] = []
        let dec = JSONFiles.decoder()
        for (i, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do { out.append(try dec.decode(JournalEntry.self, from: Data(line))) } catch {
                throw StoreError.corrupt(path: path, line: i + 1, reason: "not a journal entry")
            }
        }
        return out
    }

    /// The result of checking the chain.
    public enum Verification: Equatable {
        case intact(entries: Int)
        /// The first entry (1-based line) that is edited, missing, reordered or unreadable.
        case broken(line: Int, seq: Int?, reason: String)
    }

    /// Walks the chain: every entry's hash, its link to the one before, and consecutive sequence numbers.
    public func verify() -> Verification {
        guard let data = try? AtomicFile.read(path) else {
            return .broken(line: 0, seq: nil, reason: "cannot read \(path)")
        }
        let dec = JSONFiles.decoder()
        var prev = JournalEntry.genesis
        var expectedSeq = 1
        var count = 0
        for (i, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            guard let e = try? dec.decode(JournalEntry.self, from: Data(line)) else {
                return .broken(line: i + 1, seq: nil, reason: "does not parse")
            }
            if e.hash != e.computedHash() {
                return .broken(line: i + 1, seq: e.seq, reason: "its content does not match its hash (edited)")
            }
            if e.seq != expectedSeq {
                return .broken(line: i + 1, seq: e.seq, reason: "sequence \(e.seq) where \(expectedSeq) was expected (removed or reordered)")
            }
            if e.prev != prev {
                return .broken(line: i + 1, seq: e.seq, reason: "does not link to the entry before (removed or reordered)")
            }
            prev = e.hash; expectedSeq += 1; count += 1
        }
        return .intact(entries: count)
    }
}

extension Journal {
    /// The last digest the journal records for the file at `relativePath`, or nil when it records none.
    /// Reads the journal backwards and decodes only lines that name the path (recovery is rare; this is its cost).
    func lastDocument(_ relativePath: String) throws -> DocumentDigest? {
        guard let data = try AtomicFile.read(path) else { return nil }
        let needle = Array("\"path\":\"\(relativePath)\"".utf8)
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        let dec = JSONFiles.decoder()
        for line in lines.reversed() where line.count >= needle.count {
            guard Data(line).range(of: Data(needle)) != nil else { continue }
            if let e = try? dec.decode(JournalEntry.self, from: Data(line)), let d = e.document, d.path == relativePath {
                return d
            }
        }
        return nil
    }
}
