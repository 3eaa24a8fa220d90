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

    static let genesis = String(repeating: "0", count: 64)

    /// The hash an entry must carry.
    public func computedHash() -> String {
        struct Body: Encodable {
            let seq: Int, time: Date, actor: String, action: String, target: String
            let before: JSONValue, after: JSONValue, prev: String
        }
        let body = Body(seq: seq, time: time, actor: actor, action: action, target: target,
                        before: before, after: after, prev: prev)
        let data = (try? JSONFiles.encoder(pretty: false).encode(body)) ?? Data()
        return Hashing.sha256(data)
    }
}

/// A change to record, before it has a place in the chain.
public struct Change: Sendable {
    public var action: String
    public var target: String
    public var before: JSONValue
    public var after: JSONValue
    public init(_ action: String, target: String, before: JSONValue = .null, after: JSONValue = .null) {
        self.action = action; self.target = target; self.before = before; self.after = after
    }
}

/// `journal.jsonl`: the append-only, hash-chained record of every change (seed 002, 3.4: personal responsibility).
public struct Journal {
    public let path: String

    public init(path: String) { self.path = path }

    /// Appends changes under the journal's lock; returns the entries as written.
    @discardableResult
    public func append(_ changes: [Change], actor: String, at time: Date = Date()) throws -> [JournalEntry] {
        guard !changes.isEmpty else { return [] }
        // Writers queue in flock(2) on the journal (see `FileQueue`); the `.lock` file inside is then uncontended.
        let queue = try FileQueue.lock(path, timeout: 5)
        var released = false
        defer { if !released { queue?.unlock() } }
        let written: [JournalEntry] = try FileLock.with(path) { _ in
            var (seq, prev) = try lastLink()
            var out: [JournalEntry] = []
            var blob = Data()
            let enc = JSONFiles.encoder(pretty: false)
            // Whole-second time, so that the entry re-encodes to the same text it was hashed over.
            let t = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
            for ch in changes {
                seq += 1
                var e = JournalEntry(seq: seq, time: t, actor: actor, action: ch.action, target: ch.target,
                                     before: ch.before, after: ch.after, prev: prev, hash: "")
                e.hash = e.computedHash()
                prev = e.hash
                do { blob.append(try enc.encode(e)) } catch {
                    throw StoreError.io(path: path, reason: "cannot encode journal entry: \(error)")
                }
                blob.append(0x0A)
                out.append(e)
            }
            if let queue { try queue.append(blob, path: path) } else { try AtomicFile.append(blob, to: path) }
            return out
        }
        if let queue {
            released = true
            try queue.unlockThenSync(path: path)
        }
        return written
    }

    /// Sequence number and hash of the last entry, read from the end of the file.
    func lastLink() throws -> (Int, String) {
        guard let fh = FileHandle(forReadingAtPath: path) else { return (0, JournalEntry.genesis) }
        defer { try? fh.close() }
        let size = (try? fh.seekToEnd()) ?? 0
        guard size > 0 else { return (0, JournalEntry.genesis) }
        var chunk: UInt64 = 8192
        while true {
            let start = size > chunk ? size - chunk : 0
            try? fh.seek(toOffset: start)
            let data = (try? fh.readToEnd()) ?? Data()
            var body = data
            while body.last == 0x0A { body.removeLast() }
            if let nl = body.lastIndex(of: 0x0A) ?? (start == 0 ? body.startIndex - 1 : nil) {
                let line = body[(nl + 1)...]
                // Only the link is needed: skipping the rest of the entry (its before/after trees, its time)
                // keeps the journal's lock short.
                struct Link: Decodable { let seq: Int; let hash: String }
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
