import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Workspace {
    /// Does a save's work for `card` in memory — its encoding and digest, its link spliced in, a journal entry's
    /// encoding and hash, the link read back from the entry's line, the worker thread a save fsyncs on, the card's
    /// lock and the journal's taken and let go, the shared flushes' records read — and writes nothing (not even a
    /// lock's pid note), so that the first real save of a session does not pay for first use (code paged in, the runtime's
    /// type caches filled, a thread started). The editor calls it when a card is opened, off the keystroke path.
    ///
    /// Why: in `profrost-bench`, the first of 25 rounds of 20 saves at once was the slowest every time (round median
    /// 18–22 ms against 7–10 for the others) and alone set the p99; one save made before the timed rounds took the
    /// p99 from 24–44 ms to 14–17 ms (2026-11-30). `Session.openCard` also reads the card `forEditing`, remembered
    /// with its bytes, so that the first save does not decode it again: round 0's maximum 9–15 → 7–8 ms on a
    /// workspace whose cards had been saved before (2026-12-07; the rest of round 0's excess was the bench's own
    /// number formatting, now done after the last round).
    public func warmUpSaving(_ card: ExpertCard) {
        guard let body = try? Self.hashedBytes(card) else { return }
        let digest = DocumentDigest(path: relative(cardPath(org: card.org, period: card.period)), revision: card.revision + 1,
                                    sha256: Hashing.sha256(body))
        let change = Change("card.answer", target: "card:\(card.period)/\(card.org)",
                            before: .from(card.answers.values.first), after: .from(card.evidence.values.first), document: digest)
        guard let draft = try? EntryDraft(change, actor: "", time: Date(), path: journal.path),
              let (entry, line) = try? draft.finished(seq: 1, prev: JournalEntry.genesis) else { return }
        _ = Journal.link(inLine: Array(line))
        _ = JSONFiles.inserting(key: "journal", value: JournalLink(seq: entry.seq, hash: entry.hash), into: body)
        try? FileQueue.Alongside({}).wait()
        // The same for the locks and files a save opens, taken and let go at once (never waited for: a lock held by
        // someone else is simply skipped), nothing written into them. Not through `FileLock.acquire`: that writes
        // its pid over a pid a dead owner left, which the next save must find to journal the takeover.
        let file = cardPath(org: card.org, period: card.period)
        let lockFile = open(file + ".lock", O_RDONLY | O_CLOEXEC)   // none yet for a card never saved here
        if lockFile >= 0 {
            if flock(lockFile, LOCK_EX | LOCK_NB) == 0 { flock(lockFile, LOCK_UN) }
            close(lockFile)
        }
        if let queue = try? FileQueue.lock(journal.path, timeout: 0) {
            _ = try? journal.lastLink(fd: queue.fd)
            queue.unlock()
        }
        let folder = folderSync(for: file)
        for record in [journal.path + ".sync", folder.gate, folder.gate + ".done"] {
            let fd = open(record, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { _ = SizeMark.read(fd); close(fd) }
        }
    }
}
