import Foundation

/// `workspace.json`: what this folder is.
public struct WorkspaceInfo: Codable, Equatable, Sendable {
    public var formatVersion: Int
    /// Name of the municipality / department.
    public var name: String
    public var revision: Int
    public static let currentFormat = 1
    public init(name: String) { formatVersion = Self.currentFormat; self.name = name; revision = 0 }
}

/// `organisations.json`.
public struct OrganisationList: Codable, Equatable, Sendable {
    public var formatVersion = 1
    public var revision = 0
    public var organisations: [Organisation] = []
    public init() {}
}

/// `people.json`.
public struct PeopleList: Codable, Equatable, Sendable {
    public var formatVersion = 1
    public var revision = 0
    public var people: [Person] = []
    public init() {}
}

/// A stored document with a revision that every save checks and increases.
public protocol Revisioned: Codable, Versioned {
    var revision: Int { get set }
    /// The journal entry that produced this document, for documents that record it (cards).
    var journalLink: JournalLink? { get set }
    /// The JSON key under which the document stores `journalLink`; nil for documents that record none.
    static var journalLinkKey: String? { get }
}

extension Revisioned {
    public var journalLink: JournalLink? { get { nil } set {} }
    public static var journalLinkKey: String? { nil }
}

extension ExpertCard {
    public var journalLink: JournalLink? { get { journal } set { journal = newValue } }
    public static var journalLinkKey: String? { "journal" }
}

/// A stored document that names the format it was written in.
public protocol Versioned {
    var formatVersion: Int { get }
}
extension Template: Versioned {}

extension ExpertCard: Revisioned {}
extension Campaign: Revisioned {}
extension OrganisationList: Revisioned {}
extension PeopleList: Revisioned {}
extension WorkspaceInfo: Revisioned {}

/// A workspace folder of JSON files (layout in DESIGN.md). Reads are plain; every write goes through
/// `update`, which locks, checks the revision, writes atomically and journals, in that order.
public final class Workspace: @unchecked Sendable {
    public let root: String
    public let journal: Journal
    /// Small documents kept decoded while their file is unchanged (see `DocumentCache`).
    let cache = DocumentCache()
    /// The highest `formatVersion` this build reads; a newer file is refused rather than misread.
    static let maxFormat = 1

    public init(root: String) throws {
        self.root = (root as NSString).standardizingPath
        journal = Journal(path: (self.root as NSString).appendingPathComponent("journal.jsonl"))
        guard FileManager.default.fileExists(atPath: path("workspace.json")) else {
            throw StoreError.noWorkspace(path: self.root)
        }
        if FileManager.default.fileExists(atPath: path("pending")) { recoverInterrupted() }
    }

    private init(creating root: String) {
        self.root = (root as NSString).standardizingPath
        journal = Journal(path: (self.root as NSString).appendingPathComponent("journal.jsonl"))
    }

    public func path(_ parts: String...) -> String {
        parts.reduce(root) { ($0 as NSString).appendingPathComponent($1) }
    }

    public func cardPath(org: String, period: String) -> String { path("campaigns", period, "cards", "\(org).json") }
    public func campaignPath(_ period: String) -> String { path("campaigns", period, "campaign.json") }

    // MARK: - Creating

    /// Makes a new, empty workspace with frozen copies of `templates`; refuses a folder that already has one.
    public static func create(at root: String, name: String, templates: [Template], actor: String,
                              methodist: Person) throws -> Workspace {
        let ws = Workspace(creating: root)
        if FileManager.default.fileExists(atPath: ws.path("workspace.json")) {
            throw StoreError.invalid(InputError("a workspace already exists at \(ws.root)",
                                                russian: "Рабочая папка уже существует: \(ws.root)"))
        }
        if let items = try? FileManager.default.contentsOfDirectory(atPath: ws.root), !items.isEmpty {
            throw StoreError.invalid(InputError("\(ws.root) is not empty; choose an empty or new folder",
                                                russian: "Папка \(ws.root) не пуста"))
        }
        try AtomicFile.ensureDirectory(ws.root)
        var changes: [Change] = []
        for t in templates {
            let data = try JSONFiles.encode(t)
            let rel = "templates/\(t.id).json"
            try AtomicFile.write(data, to: ws.path(rel))
            changes.append(Change("template.add", target: "template:\(t.id)", after: .string(Hashing.sha256(data)),
                                  document: DocumentDigest(path: rel, revision: nil, sha256: Hashing.sha256(data))))
        }
        var people = PeopleList()
        people.people = [methodist]
        people.revision = 1
        try AtomicFile.write(try JSONFiles.encode(people), to: ws.path("people.json"))
        changes.append(Change("person.add", target: "person:\(methodist.id)", after: .from(methodist),
                              document: DocumentDigest(path: "people.json", revision: 1, sha256: try contentHash(people))))
        var orgs = OrganisationList()
        orgs.revision = 1
        try AtomicFile.write(try JSONFiles.encode(orgs), to: ws.path("organisations.json"))
        changes.append(Change("org.list.create", target: "organisations", after: .int(0),
                              document: DocumentDigest(path: "organisations.json", revision: 1, sha256: try contentHash(orgs))))
        var info = WorkspaceInfo(name: name)
        info.revision = 1
        changes.insert(Change("workspace.create", target: "workspace", after: .from(info),
                              document: DocumentDigest(path: "workspace.json", revision: 1, sha256: try contentHash(info))), at: 0)
        // The journal before workspace.json, and workspace.json last: a folder without it is not a workspace, so a
        // crash anywhere here leaves no workspace whose files the journal does not describe.
        try ws.journal.append(changes, actor: actor)
        try AtomicFile.write(try JSONFiles.encode(info), to: ws.path("workspace.json"))
        return ws
    }

    // MARK: - Reading

    /// Reads and decodes one file; a missing file is nil, a broken one an error naming path and line.
    public func read<T: Decodable>(_ type: T.Type, at path: String) throws -> T? {
        let stamp = T.self is CachedDocument.Type ? FileStamp.of(path) : nil
        if let stamp, let kept = cache.value(T.self, at: path, stamp: stamp) { return kept }
        guard let data = try AtomicFile.read(path) else { return nil }
        let value = try decode(type, from: data, at: path)
        if let stamp { cache.store(value, at: path, stamp: stamp) }
        return value
    }

    /// Decodes what was read from `path`, refusing a format newer than this build's.
    private func decode<T: Decodable>(_ type: T.Type, from data: Data, at path: String) throws -> T {
        let value: T
        do { value = try JSONFiles.decode(type, from: data, path: path) } catch {
            if let v = FormatProbe.version(in: data), v > Self.maxFormat { throw newer(path, v) }
            throw error
        }
        if let v = (value as? Versioned)?.formatVersion, v > Self.maxFormat { throw newer(path, v) }
        return value
    }

    private func newer(_ path: String, _ v: Int) -> StoreError {
        .corrupt(path: path, line: 1, reason: "formatVersion \(v) is newer than this profrost understands (\(Self.maxFormat))")
    }

    public func info() throws -> WorkspaceInfo {
        guard let i = try read(WorkspaceInfo.self, at: path("workspace.json")) else { throw StoreError.noWorkspace(path: root) }
        return i
    }

    public func organisations() throws -> [Organisation] {
        try read(OrganisationList.self, at: path("organisations.json"))?.organisations ?? []
    }

    /// One organisation, without decoding the others (see `first(in:)`).
    public func organisation(_ id: String) throws -> Organisation {
        guard let o = try first(in: path("organisations.json"), key: "organisations", OrganisationList.self, \.organisations,
                                field: "id", is: id, where: { $0.id == id }) else {
            throw StoreError.notFound(what: "organisation", id: id)
        }
        return o
    }

    public func people() throws -> [Person] {
        try read(PeopleList.self, at: path("people.json"))?.people ?? []
    }

    /// One person, without decoding the others (see `first(in:)`): every action of a session asks for its person.
    public func person(_ id: String) throws -> Person {
        guard let p = try first(in: path("people.json"), key: "people", PeopleList.self, \.people,
                                field: "id", is: id, where: { $0.id == id }) else {
            throw StoreError.notFound(what: "person", id: id)
        }
        return p
    }

    /// The first methodist whose access is not revoked: whom a session without `--as` acts as. Decodes the
    /// methodists' entries only (see `first(in:)`).
    public func activeMethodist() throws -> Person? {
        try first(in: path("people.json"), key: "people", PeopleList.self, \.people, field: "role", is: Role.methodist.rawValue,
                  where: { $0.role == .methodist && $0.isActive })
    }

    /// The first entry of the list under `key` in `file` that `accept`s, when every entry it accepts has `field`
    /// equal to `value`: what `read(List.self, at: file)?[keyPath: entries].first(where: accept)` gives, including
    /// its errors, decoding only the entries whose `field` is `value` (`ListEntryScan` says why, and when it
    /// decodes the whole list after all). A list this process already holds decoded (the methodist's) is used as
    /// it is; an entry found is kept while the file keeps its stamp, as whole documents are (`DocumentCache`).
    private func first<List: Decodable, Entry: Decodable>(
        in file: String, key: String, _ list: List.Type, _ entries: KeyPath<List, [Entry]>,
        field: String, is value: String, where accept: (Entry) -> Bool
    ) throws -> Entry? {
        let stamp = FileStamp.of(file)
        let kept = file + "#" + field + "=" + value
        if let stamp {
            if let whole = cache.value(List.self, at: file, stamp: stamp) { return whole[keyPath: entries].first(where: accept) }
            if let one = cache.value(Entry.self, at: kept, stamp: stamp) { return one }
        }
        // nil: take the ordinary way; .some(nil): well formed, and no entry accepted.
        let scanned: Entry?? = ListEntryScan.withBytes(of: file) { bytes -> Entry?? in
            guard case .found(let ranges) = ListEntryScan.find(field, is: value, listKey: key, in: bytes, maxFormat: Self.maxFormat) else {
                return nil
            }
            let decoder = JSONFiles.decoder()
            for r in ranges {
                guard let e = try? decoder.decode(Entry.self, from: Data(bytes[r])) else { return nil }
                if accept(e) { return .some(e) }
            }
            return .some(nil)
        } ?? nil
        guard let scanned else {
            // Not plainly well formed, or an entry does not decode: the whole decode says what and where.
            return try read(List.self, at: file)?[keyPath: entries].first(where: accept)
        }
        if let stamp, let found = scanned { cache.store(found, at: kept, stamp: stamp) }
        return scanned
    }

    /// Every template in `templates/`, by id.
    public func templates() throws -> [String: Template] {
        let dir = path("templates")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var out: [String: Template] = [:]
        for f in files {
            if let t = try read(Template.self, at: (dir as NSString).appendingPathComponent(f)) { out[t.id] = t }
        }
        return out
    }

    /// The template a campaign uses for a type, checked against the sha256 the campaign pinned.
    public func template(for type: OrgType, in campaign: Campaign) throws -> Template {
        guard let ref = campaign.templates[type.rawValue] else { throw StoreError.notFound(what: "template", id: type.rawValue) }
        let p = path("templates", "\(ref.id).json")
        let stamp = FileStamp.of(p)
        if let stamp, let kept = cache.value(PinnedTemplate.self, at: p + "#pinned", stamp: stamp), kept.sha256 == ref.sha256 {
            return kept.template
        }
        guard let data = try AtomicFile.read(p) else { throw StoreError.notFound(what: "template", id: ref.id) }
        let sha = Hashing.sha256(data)
        if sha != ref.sha256 {
            throw StoreError.corrupt(path: p, line: 1,
                                     reason: "the template changed after campaign \(campaign.period) pinned it (sha256 \(sha.prefix(12))… ≠ \(ref.sha256.prefix(12))…)")
        }
        let t = try JSONFiles.decode(Template.self, from: data, path: p)
        if let stamp { cache.store(PinnedTemplate(sha256: sha, template: t), at: p + "#pinned", stamp: stamp) }
        return t
    }

    /// Templates of a campaign by type.
    public func templates(of campaign: Campaign) throws -> [OrgType: Template] {
        var out: [OrgType: Template] = [:]
        for t in OrgType.allCases where campaign.templates[t.rawValue] != nil { out[t] = try template(for: t, in: campaign) }
        return out
    }

    /// Every campaign, oldest first.
    public func campaigns() throws -> [Campaign] {
        try periodFolders().compactMap { try read(Campaign.self, at: campaignPath($0)) }
    }

    /// The folders under `campaigns/`, in order (a folder without a campaign file is skipped by the readers).
    private func periodFolders() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path("campaigns"))) ?? []).sorted()
    }

    public func campaign(_ period: String) throws -> Campaign {
        try Campaign.requireValid(period: period)   // the period becomes a path: `2025-26/../2024-25` must not
        guard let c = try read(Campaign.self, at: campaignPath(period)) else { throw StoreError.notFound(what: "campaign", id: period) }
        return c
    }

    /// The newest campaign, or the one named.
    public func campaign(orLatest period: String?) throws -> Campaign {
        if let p = period { return try campaign(p) }
        // The newest only: every save of a session asks for it, and reading the older campaigns too cost a stat
        // of each (and their decoding when changed) for nothing; a broken older campaign is no reason to refuse.
        for p in periodFolders().reversed() {
            if let c = try read(Campaign.self, at: campaignPath(p)) { return c }
        }
        throw StoreError.notFound(what: "campaign", id: "(none yet)")
    }

    /// An organisation's card for a period; a new draft (revision 0) when none is saved yet. `forEditing`: the
    /// card is about to be saved by this process, so it is remembered with its bytes, and the first save, finding
    /// the file unchanged, does not decode it again (`DocumentCache.known`).
    public func card(org: String, period: String, template: String, forEditing: Bool = false) throws -> ExpertCard {
        let path = cardPath(org: org, period: period)
        guard forEditing else { return try read(ExpertCard.self, at: path) ?? ExpertCard(org: org, period: period, template: template) }
        guard let data = try AtomicFile.read(path) else { return ExpertCard(org: org, period: period, template: template) }
        let card = try decode(ExpertCard.self, from: data, at: path)
        cache.know(card, bytes: data, at: path)
        return card
    }

    /// The saved card, or nil.
    public func savedCard(org: String, period: String) throws -> ExpertCard? {
        try read(ExpertCard.self, at: cardPath(org: org, period: period))
    }

    // MARK: - Writing

    /// The one way to change a stored document. Write-ahead, so that no state reaches the disk that the journal
    /// does not describe, and a save either happened whole (exit 0) or not at all:
    ///
    /// 1. lock the file (`FileLock`); finish any save of it that was interrupted (`recoverPending`);
    /// 2. read it, check `expectedRevision`, let `mutate` change it; it returns the changes to journal (an empty
    ///    list means nothing to save);
    /// 3. under the journal's lock: number the entries, the last one carrying the new document's digest; link the
    ///    document to that entry; write it to `pending/<path>`; append the entries (the commit point);
    /// 4. at the same time, fsync the pending file and the journal (the journal's fsync shared with writers who
    ///    arrive together: `FileQueue.unlockThenSync`); then rename the pending file over the document; fsync the folder
    ///    (shared too: `FolderSync`). Only then does the save return.
    ///
    /// A crash before the append leaves at most a pending file the journal does not know: it is dropped. A crash
    /// after it leaves a pending file the journal describes — renamed into place — or, after a power cut between
    /// the two fsyncs, one whose content did not reach the disk — then `save.abort` is journaled, naming what is
    /// on disk. Either way on the next save of that file or the next opening of the workspace, and the
    /// interrupted save had not returned. A writer killed between creating its pending file and the append leaves
    /// it empty or unjournaled: dropped. A failure after the append journals `save.abort` and removes the pending
    /// file, so the journal again describes what is on disk.
    @discardableResult
    public func update<T: Revisioned>(_ type: T.Type, at path: String, actor: String, expectedRevision: Int? = nil,
                                      at time: Date = Date(),
                                      initial: () -> T?, _ mutate: (inout T) throws -> [Change]) throws -> T {
        try FileLock.with(path) { lock in
            if let dead = lock.tookOverFrom {
                try journal.append([Change("lock.takeover", target: "file:\(relative(path))",
                                           before: .int(Int(dead)), after: .int(Int(getpid())))], actor: actor, at: time)
            }
            try recoverPending(T.self, at: path, actor: actor)
            // The file's bytes, decoded again only when they are not what this process last wrote or read there
            // (`DocumentCache.known`): a person saving field after field pays one decode, not one per save.
            // The file stays open until the save is done: held, the rename does not free it (`ReplacedFile`).
            let current = try AtomicFile.openForReading(path)
            let held = ReplacedFile(holding: current ?? -1)
            var kept = false
            defer { held.release(stillLinked: kept) }
            let existing: T? = try current.map { fd in
                let data = try AtomicFile.read(fd: fd, path: path)
                return try cache.known(T.self, at: path, bytes: data) ?? decode(T.self, from: data, at: path)
            }
            guard var doc = existing ?? initial() else {
                throw StoreError.notFound(what: "file", id: relative(path))
            }
            let found = existing?.revision ?? 0
            if let exp = expectedRevision, exp != found {
                throw StoreError.conflict(path: relative(path), expected: exp, found: found,
                                          by: (doc as? ExpertCard)?.updatedBy)
            }
            var changes = try mutate(&doc)
            guard !changes.isEmpty else { return doc }
            doc.revision = found + 1
            // Encoded once, without the link to the journal: these bytes are what the entry's digest hashes
            // (`contentHash`), and the stored file is them with the link added (`JSONFiles.inserting`).
            let body = try Self.hashedBytes(doc)
            changes[changes.count - 1].document = DocumentDigest(path: relative(path), revision: doc.revision,
                                                                 sha256: Hashing.sha256(body))
            let pending = pendingPath(for: path)
            // Created (empty) before the journal's lock, so that under it the document is only written.
            let spare = sparePath(for: path)
            let file = try PendingDocument(path: pending, spare: spare, bytes: body)
            defer { file.close() }
            do {
                // Under the journal's lock: link the document to its entry and write it to the pending file before
                // the entry is appended, so that a writer killed after the append always leaves the pending file
                // its entry describes (the page cache outlives the process). Its fsync runs after the lock is let
                // go, while the journal's does (`alongsideSync`): the next writer need not wait for it, and the
                // two flushes overlap.
                try journal.append(changes, actor: actor, at: time, prepare: { entries in
                    var bytes = body
                    if let last = entries.last {
                        doc.journalLink = JournalLink(seq: last.seq, hash: last.hash)
                        if let link = doc.journalLink, let key = T.journalLinkKey {
                            bytes = try JSONFiles.inserting(key: key, value: link, into: body) ?? JSONFiles.encode(doc)
                        }
                    }
                    try file.write(bytes)
                }, alongsideSync: { try file.sync() })
            } catch let error as JournalAppendError {
                // The entries may be in the journal without being durable: say the save did not happen.
                try? abortSave(T.self, path: path, pending: pending, digest: changes.last?.document, actor: actor)
                throw error.underlying
            } catch {
                unlink(pending)   // nothing appended: the pending file means nothing
                throw error
            }
            do {
                kept = try AtomicFile.commit(pending, to: path, synced: true, folder: folderSync(for: path), replacing: held,
                                             keepingOld: spare)
            } catch {
                try? abortSave(T.self, path: path, pending: pending, digest: changes.last?.document, actor: actor)
                throw error
            }
            cache.know(doc, bytes: file.bytes, at: path)
            return doc
        }
    }

    /// A save's new document in `pending/`: made ready before the journal's lock, written under it (`write`: no
    /// open, no create there), fsynced on another thread while the journal is (`sync`).
    ///
    /// The file is the document's spare when it has one (`pending/.<name>.spare`: the version the previous save
    /// replaced, see `AtomicFile.commit`), renamed to the pending name and overwritten; else a new file. Why:
    /// creating a file and, at the rename, freeing the one it replaced cost the kernel an inode to find and one to
    /// free on every save — on a file system without a journal it looks past every inode freed in the last minute
    /// to find one, and freeing blocks on a disk mounted with `discard` waits for the disk (the floor's writers
    /// in `profrost-bench`: CPU a write 0.57–0.65 → 0.42–0.46 ms, median 4.2–4.7 → 2.9–3.1 ms, 2026-11-30).
    private final class PendingDocument: @unchecked Sendable {
        let path: String
        private(set) var bytes: Data
        private var fd: Int32
        /// The size of the recycled spare (0 for a new file): what is past the new bytes is cut off.
        private let oldSize: off_t

        init(path: String, spare: String, bytes: Data) throws {
            self.path = path
            self.bytes = bytes
            var recycled: Int32 = -1
            var st = stat()
            // Only a plain file is recycled: a link or a folder put there is left alone, and a new file made.
            if lstat(spare, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, rename(spare, path) == 0 {
                recycled = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
            }
            if recycled >= 0, fstat(recycled, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
                fd = recycled
                oldSize = st.st_size
                return
            }
            if recycled >= 0 { Glibc.close(recycled); unlink(path) }
            oldSize = 0
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
            if fd < 0 && errno == ENOENT {   // `pending/` is made when first missing, not checked on every save
                try AtomicFile.ensureDirectory((path as NSString).deletingLastPathComponent)
                fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
            }
            guard fd >= 0 else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
        }

        /// Written once, over whatever the file held, which is then cut to the new length (a recycled spare's tail).
        func write(_ data: Data) throws {
            bytes = data
            try FileQueue.writeAll(data, to: fd, path: path, at: 0)
            if oldSize > off_t(data.count), ftruncate(fd, off_t(data.count)) != 0 {
                throw StoreError.io(path: path, reason: String(cString: strerror(errno)))
            }
        }

        func sync() throws {
            guard fsync(fd) == 0 else { throw StoreError.io(path: path, reason: String(cString: strerror(errno))) }
        }

        func close() {
            if fd >= 0 { Glibc.close(fd); fd = -1 }
        }
    }

    /// SHA-256 of a document as stored, without its link to the journal (which names the entry that holds this
    /// very hash). The same bytes `update` writes, so a document untouched since its save always matches.
    public static func contentHash<T: Revisioned>(_ doc: T) throws -> String {
        Hashing.sha256(try hashedBytes(doc))
    }

    /// The bytes `contentHash` hashes: the document as stored, without its link to the journal.
    static func hashedBytes<T: Revisioned>(_ doc: T) throws -> Data {
        var d = doc
        d.journalLink = nil
        return try JSONFiles.encode(d)
    }

    /// Where a save of `path` writes the new document before the journal commits it: `pending/<relative path>`,
    /// with `%` and `/` percent-encoded so that one folder holds them all.
    func pendingPath(for file: String) -> String {
        path("pending", Self.pendingName(relative(file)))
    }

    /// Where the version a save of `file` replaced is kept for the next save to write over (`PendingDocument`): a
    /// dot file in `pending/`, which recovery and `audit verify` pass over (it is no save).
    func sparePath(for file: String) -> String {
        path("pending", ".\(Self.pendingName(relative(file))).spare")
    }

    /// The shared fsync of the folder that holds `file` (`FolderSync`); its gate lives in `pending/`, under a
    /// name that starts with a dot, which no pending save has.
    func folderSync(for file: String) -> FolderSync {
        let dir = (file as NSString).deletingLastPathComponent
        let name = dir == root ? "workspace" : Self.pendingName(relative(dir))
        return FolderSync(gate: path("pending", ".\(name).sync"))
    }

    static func pendingName(_ rel: String) -> String {
        // By bytes: Foundation's replacingOccurrences cost a save more than its encoding of the journal entry.
        var out: [UInt8] = []
        out.reserveCapacity(rel.utf8.count + 16)
        for b in rel.utf8 {
            switch b {
            case UInt8(ascii: "%"): out += Array("%25".utf8)
            case UInt8(ascii: "/"): out += Array("%2F".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func pendingTarget(_ name: String) -> String? {
        guard !name.contains("/"), !name.hasPrefix(".") else { return nil }
        let rel = name.replacingOccurrences(of: "%2F", with: "/").replacingOccurrences(of: "%25", with: "%")
        guard !rel.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        return rel
    }

    /// After a failure past the journal's commit point: remove the pending file and journal that the save did not
    /// take effect, naming what is on disk instead.
    private func abortSave<T: Revisioned>(_ type: T.Type, path: String, pending: String, digest: DocumentDigest?,
                                          actor: String) throws {
        unlink(pending)
        let current = try currentDigest(T.self, at: path)
        try journal.append([Change("save.abort", target: "file:\(relative(path))", before: .from(digest),
                                   after: .from(current), document: current)], actor: actor)
    }

    /// The digest of the document now at `path` (`absent` when there is none).
    func currentDigest<T: Revisioned>(_ type: T.Type, at path: String) throws -> DocumentDigest {
        guard let data = try AtomicFile.read(path) else {
            return DocumentDigest(path: relative(path), revision: nil, sha256: Self.absent)
        }
        let doc = try decode(T.self, from: data, at: path)
        return DocumentDigest(path: relative(path), revision: doc.revision, sha256: try Self.contentHash(doc))
    }

    /// Finishes a save of `path` that was interrupted (a file in `pending/`), under the file's lock: forward when
    /// the journal's last digest for the file is the pending document's (the journal committed it), else the
    /// pending file is dropped (never committed). If the journal's last digest then still differs from the file —
    /// the journal committed a save whose pending file was lost, which only a power cut can do — `save.abort`
    /// records what is on disk. Returns what was done, for the caller to report.
    @discardableResult
    func recoverPending<T: Revisioned>(_ type: T.Type, at path: String, actor: String) throws -> String? {
        let pending = pendingPath(for: path)
        guard FileManager.default.fileExists(atPath: pending) else { return nil }
        let rel = relative(path)
        let recorded = try journal.lastDocument(rel)
        var pendingDigest: DocumentDigest?
        if let data = try AtomicFile.read(pending),
           let doc = try? JSONFiles.decode(T.self, from: data, path: pending) {
            pendingDigest = DocumentDigest(path: rel, revision: doc.revision, sha256: try Self.contentHash(doc))
        }
        if let recorded, let pd = pendingDigest, recorded.sha256 == pd.sha256 {
            let current = try? currentDigest(T.self, at: path)
            if current?.sha256 == pd.sha256 { unlink(pending); return nil }
            try AtomicFile.commit(pending, to: path)
            try journal.append([Change("save.recover", target: "file:\(rel)", before: .from(current),
                                       after: .string("rolled forward: the journal had committed revision \(pd.revision ?? 0)"))],
                               actor: actor)
            return "forward"
        }
        unlink(pending)
        let current = try currentDigest(T.self, at: path)
        if let recorded, recorded.sha256 != current.sha256 {
            try journal.append([Change("save.abort", target: "file:\(rel)", before: .from(recorded), after: .from(current),
                                       document: current)], actor: actor)
            return "abort"
        }
        return "dropped"
    }

    /// The digest a missing file is recorded with.
    public static let absent = "absent"

    public func relative(_ p: String) -> String {
        p.hasPrefix(root + "/") ? String(p.dropFirst(root.count + 1)) : p
    }
}

/// Reads `formatVersion` without decoding the rest, so a file from a newer profrost is refused, not misread.
enum FormatProbe {
    struct Probe: Decodable { let formatVersion: Int? }
    static func version(in data: Data) -> Int? { (try? JSONDecoder().decode(Probe.self, from: data))?.formatVersion }
}
