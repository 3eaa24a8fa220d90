import Foundation

/// One thing `audit verify` found wrong, with a stable code for programs and a Russian sentence for people.
public struct AuditProblem: Codable, Equatable, Sendable {
    /// `journal-broken`, `checkpoint-signature`, `checkpoint-missing-entries`, `checkpoint-mismatch`,
    /// `document-edited`, `answers-not-journaled`, `document-not-journaled`, `document-missing`, `card-link`,
    /// `index-forged`, `interrupted-save`, `checkpoints-unreadable`.
    public var code: String
    /// The file concerned, relative to the workspace (or the journal, a checkpoint file).
    public var path: String
    public var message: String
}

/// What `audit verify` found: the chain, the checkpoints, every document against the journal, the score index against
/// the cards. Intact only when `problems` is empty.
public struct AuditReport: Codable, Sendable {
    public var entries: Int
    public var checkpoints: Int
    /// The newest checkpoint's entry number, when there is one: entries after it are covered by the chain only.
    public var lastCheckpointSeq: Int?
    /// Fingerprints of the keys that signed the checkpoints.
    public var signers: [String]
    /// Whether the checkpoints were checked against a key the methodist supplied (not only the key inside them).
    public var keySupplied: Bool
    public var documents: Int
    public var indexLines: Int
    public var problems: [AuditProblem]
    public var intact: Bool { problems.isEmpty }
}

extension Workspace {
    /// Checks everything the journal can vouch for. `key`: the methodist's audit key (private or public), whose
    /// checkpoint copy is read too; without it, checkpoints are checked against the key they carry.
    public func audit(key: AuditKey? = nil) -> AuditReport {
        var problems: [AuditProblem] = []
        func problem(_ code: String, _ path: String, _ message: String) {
            problems.append(AuditProblem(code: code, path: path, message: message))
        }

        // 1. The chain, and what it says of every document.
        var entries: [JournalEntry] = []
        switch journal.verify() {
        case .intact:
            entries = (try? journal.entries()) ?? []
        case .broken(let line, let seq, let reason):
            problem("journal-broken", "journal.jsonl",
                    "Журнал нарушен в строке \(line)\(seq.map { " (запись \($0))" } ?? ""): \(Self.russianReason(reason))")
            entries = (try? journal.entries()) ?? []
        }

        // 2. Checkpoints: the workspace's and the copy beside the key.
        var checkpoints: [Checkpoint] = []
        do { checkpoints = try Checkpoint.readAll(checkpointsPath) } catch {
            problem("checkpoints-unreadable", "checkpoints.jsonl", "Файл контрольных точек не читается")
        }
        if let copy = key?.checkpointCopyPath {
            for c in (try? Checkpoint.readAll(copy)) ?? [] where !checkpoints.contains(c) { checkpoints.append(c) }
        }
        checkpoints.sort { $0.seq < $1.seq }
        let bySeq = Dictionary(entries.map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
        for c in checkpoints {
            let valid = c.signatureIsValid(publicKey: key?.publicKeyBase64)
            if !valid {
                problem("checkpoint-signature", "checkpoints.jsonl",
                        "Контрольная точка на записи \(c.seq) от \(Timestamp.russian(c.time)): подпись не подходит"
                        + (key == nil ? "" : " к ключу \(key?.fingerprint ?? "")"))
                continue
            }
            guard let e = bySeq[c.seq] else {
                problem("checkpoint-missing-entries", "journal.jsonl",
                        "В журнале \(entries.count) записей, а контрольная точка от \(Timestamp.russian(c.time)) подписала \(c.seq): записи удалены (журнал усечён или очищен)")
                continue
            }
            if e.hash != c.hash {
                problem("checkpoint-mismatch", "journal.jsonl",
                        "Запись \(c.seq) не та, что подписана \(Timestamp.russian(c.time)): журнал до неё переписан")
            }
        }

        // 3. Documents against the last digest the journal holds for them.
        var lastDigest: [String: (digest: DocumentDigest, entry: JournalEntry)] = [:]
        var journaled: [String: [String: JSONValue]] = [:]   // card path → indicator → last journaled answer
        // Cards whose every answer the journal holds: made by `card.create` (with all its answers) or first saved
        // from an empty draft (revision 1), and never with a save that did not take effect (`save.abort`).
        var replayable: Set<String> = []
        for e in entries {
            if let d = e.document { lastDigest[d.path] = (d, e) }
            Self.replay(e, into: &journaled)
            if e.action == "card.create" || e.document?.revision == 1, let d = e.document { replayable.insert(d.path) }
            if e.action == "save.abort" { replayable.remove(String(e.target.dropFirst("file:".count))) }
        }
        var documents = 0
        for rel in lastDigest.keys.sorted() {
            guard let (digest, entry) = lastDigest[rel] else { continue }
            documents += 1
            let file = path(rel)
            let current: DocumentDigest
            do { current = try self.digest(of: file) } catch {
                problem("document-unreadable", rel, "Файл \(rel) не читается: \((error as? StoreError)?.russian ?? "\(error)")")
                continue
            }
            if current.sha256 != digest.sha256 {
                if current.sha256 == Self.absent {
                    problem("document-missing", rel, "Файл \(rel) удалён, хотя журнал его описывает (запись \(entry.seq))")
                } else if digest.sha256 == Self.absent {
                    problem("document-not-journaled", rel, "Файл \(rel) появился без записи в журнале")
                } else {
                    problem("document-edited", rel, "Файл \(rel) изменён мимо журнала" + editedDetail(rel, journaled[rel]))
                }
                continue
            }
            if Self.documentType(of: rel) == ExpertCard.self, let card = try? read(ExpertCard.self, at: file) {
                if card.journal != JournalLink(seq: entry.seq, hash: entry.hash) {
                    problem("card-link", rel, "Карта \(rel) ссылается не на ту запись журнала, что её сохранила (запись \(entry.seq))")
                } else if replayable.contains(rel), let diffs = Self.answerDiffs(card, journaled[rel] ?? [:]) {
                    // The file is what its last save wrote, but that save started from a file edited by hand:
                    // the edit went into the save's digest, yet no entry ever changed those answers.
                    problem("answers-not-journaled", rel, "Ответы карты \(rel) расходятся с журналом (изменены вручную "
                            + "до сохранения, запись \(entry.seq)): " + diffs)
                }
            }
        }
        // Documents on disk that the journal never described (made or replaced by hand); leftovers of writers.
        for rel in documentFiles() where lastDigest[rel] == nil {
            if rel.hasSuffix(".json") {
                documents += 1
                problem("document-not-journaled", rel, "Файл \(rel) не описан журналом (создан или подменён вручную)")
            } else {
                problem("leftover", rel, "Посторонний или временный файл \(rel)")
            }
        }
        var indexLines = 0
        for period in ((try? FileManager.default.contentsOfDirectory(atPath: path("campaigns"))) ?? []).sorted() {
            indexLines += auditScoreIndex(period: period, problem: problem)
        }
        // Dot files there are the shared fsyncs' records (`FolderSync`) and the documents' spares, not saves.
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: path("pending"))) ?? []).sorted() where !name.hasPrefix(".") {
            problem("interrupted-save", "pending/\(name)",
                    "Незавершённое сохранение pending/\(name): будет завершено или отменено при следующем открытии")
        }
        let signers = Array(Set(checkpoints.map { AuditKey.fingerprint(ofPublicKey: $0.publicKey) })).sorted()
        return AuditReport(entries: entries.count, checkpoints: checkpoints.count, lastCheckpointSeq: checkpoints.last?.seq,
                           signers: signers, keySupplied: key != nil, documents: documents, indexLines: indexLines,
                           problems: problems)
    }

    /// Every file of the workspace that is a document or should not be there, relative and sorted: all but the
    /// journal, the checkpoints, score indexes, lock files and `pending/` (reported apart).
    func documentFiles() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        for case let rel as String in walker {
            if rel == "pending" { walker.skipDescendants(); continue }
            let name = (rel as NSString).lastPathComponent
            if rel == "journal.jsonl" || rel == "journal.jsonl.sync" || rel == "checkpoints.jsonl" || name == ScoreIndex.fileName || name.hasSuffix(".lock") { continue }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path(rel), isDirectory: &isDir), !isDir.boolValue else { continue }
            out.append(rel)
        }
        return out.sorted()
    }

    /// The digest of a file as the journal records it: typed documents without their journal link, other files
    /// (templates) by their bytes; `absent` when there is no file.
    func digest(of file: String) throws -> DocumentDigest {
        let rel = relative(file)
        if let type = Self.documentType(of: rel) { return try currentDigest(type, at: file) }
        guard let data = try AtomicFile.read(file) else { return DocumentDigest(path: rel, revision: nil, sha256: Self.absent) }
        return DocumentDigest(path: rel, revision: nil, sha256: Hashing.sha256(data))
    }

    /// Keeps, per card file, the last answer the journal recorded for each indicator (demo creation included).
    static func replay(_ e: JournalEntry, into journaled: inout [String: [String: JSONValue]]) {
        guard e.target.hasPrefix("card:") else { return }
        let t = e.target.dropFirst(5)
        let (card, indicator): (Substring, Substring?) = {
            if let h = t.firstIndex(of: "#") { return (t[..<h], t[t.index(after: h)...]) }
            return (t, nil)
        }()
        let parts = card.split(separator: "/")
        guard parts.count == 2 else { return }
        let rel = "campaigns/\(parts[0])/cards/\(parts[1]).json"
        switch (e.action, indicator) {
        case ("card.answer", let ind?):
            journaled[rel, default: [:]][String(ind)] = e.after
        case ("card.create", nil):
            if case .object(let o) = e.after, case .object(let answers)? = o["answers"] {
                journaled[rel] = answers
            }
        default: break
        }
    }

    /// Names the indicators whose answer in the file differs from the journal's last word on them.
    private func editedDetail(_ rel: String, _ journaled: [String: JSONValue]?) -> String {
        guard let journaled, Self.documentType(of: rel) == ExpertCard.self,
              let card = try? read(ExpertCard.self, at: path(rel)) else { return "" }
        guard let diffs = Self.answerDiffs(card, journaled) else {
            return " (ответы совпадают с журналом; изменены статус, документы или отметки)"
        }
        return ": " + diffs
    }

    /// The card's answers that differ from the journal's last word on them (`d1.1: в журнале …, в файле …`), or nil.
    static func answerDiffs(_ card: ExpertCard, _ journaled: [String: JSONValue]) -> String? {
        var diffs: [String] = []
        for id in Set(journaled.keys).union(card.answers.keys).sorted(by: { $0.localizedStandardCompare($1) == .orderedAscending }) {
            let inJournal = journaled[id] ?? .null
            let inFile = JSONValue.from(card.answers[id])
            if inJournal != inFile {
                diffs.append("\(id): в журнале \(Self.show(inJournal)), в файле \(Self.show(inFile))")
            }
        }
        return diffs.isEmpty ? nil : diffs.joined(separator: "; ")
    }

    private static func show(_ v: JSONValue) -> String {
        if v == .null { return "нет ответа" }
        guard let data = try? JSONFiles.encoder(pretty: false).encode(v),
              let a = try? JSONFiles.decoder().decode(Answer.self, from: data) else { return v.compact }
        return a.display
    }

    /// Lines of a period's score index that the cache would trust (their stamp matches the card file) but that say
    /// something other than the card: a forged or corrupted cache. Returns how many lines were checked.
    private func auditScoreIndex(period: String, problem: (String, String, String) -> Void) -> Int {
        guard let index = ScoreIndex.load(scoreIndexPath(period), period: period) else { return 0 }
        var checked = 0
        for org in index.orgs.sorted() {
            guard let line = index.line(org) else { continue }
            checked += 1
            let fields = IndexLine.fields(line)
            let file = cardPath(org: org, period: period)
            guard let stamp = IndexLine.stamp(fields), FileStamp.of(file) == stamp else { continue }   // stale: not trusted anyway
            guard let s = IndexLine.summary(fields), let card = try? read(ExpertCard.self, at: file) else { continue }
            let real = CardSummary(card)
            if s.revision != real.revision || s.status != real.status || s.answers != real.answers
                || s.reviewedAnswers != real.reviewedAnswers || s.marked != real.marked {
                problem("index-forged", relative(scoreIndexPath(period)),
                        "Кэш баллов \(relative(scoreIndexPath(period))) расходится с картой \(org): кэш не совпадает с файлом карты (подделан или повреждён; будет пересчитан)")
            }
        }
        return checked
    }

    static func russianReason(_ reason: String) -> String {
        if reason.contains("does not parse") { return "запись не читается" }
        if reason.contains("hash") { return "содержимое не совпадает с хешем (запись изменена)" }
        if reason.contains("sequence") { return "нарушен порядок номеров (запись удалена или переставлена)" }
        if reason.contains("link") { return "запись не связана с предыдущей (удалена или переставлена)" }
        return reason
    }
}
