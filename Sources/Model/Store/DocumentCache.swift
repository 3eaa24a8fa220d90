import Foundation

/// A document small enough, and read often enough, to keep decoded between reads: the organisation list,
/// the people, the campaigns, the templates, `workspace.json`. Cards are not kept (there are thousands).
protocol CachedDocument {}
extension OrganisationList: CachedDocument {}
extension PeopleList: CachedDocument {}
extension WorkspaceInfo: CachedDocument {}
extension Campaign: CachedDocument {}
extension Template: CachedDocument {}

/// A template file as read for a campaign: its sha256 (checked against the campaign's pin) and its content.
struct PinnedTemplate {
    var sha256: String
    var template: Template
}

/// Decoded documents of one `Workspace`, reused while their file keeps the `FileStamp` it had when read.
///
/// Why: a session checks the policy against `people.json` on every action and finds the organisation in
/// `organisations.json` for every card; at 3,000 organisations decoding both took ~20 ms of every save.
/// Same rules as the score index: the stamp is taken before the file is read, and a stamp younger than
/// `ScoreIndex.settleMargin` is not kept (two writes within one file-time tick could share it).
final class DocumentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (stamp: FileStamp, value: Any)] = [:]
    /// The last documents this process saved (or read for editing: `Workspace.card(…, forEditing:)`), with their exact
    /// bytes, newest last (at most `knownLimit`).
    private var recent: [(path: String, bytes: Data, value: Any)] = []
    private let knownLimit = 8

    func value<T>(_ type: T.Type, at path: String, stamp: FileStamp) -> T? {
        lock.lock(); defer { lock.unlock() }
        guard let e = entries[path], e.stamp == stamp else { return nil }
        return e.value as? T
    }

    /// The document at `path` decoded, if the file still holds exactly the bytes this process last wrote or
    /// read there (`know`). Comparing bytes needs no stamp and no settling: equal bytes decode to the equal value.
    func known<T>(_ type: T.Type, at path: String, bytes: Data) -> T? {
        lock.lock(); defer { lock.unlock() }
        guard let e = recent.last(where: { $0.path == path }), e.bytes == bytes else { return nil }
        return e.value as? T
    }

    /// Remembers `value` as the decoding of `bytes`, the content of `path` (just written, or just read).
    func know(_ value: Any, bytes: Data, at path: String) {
        lock.lock(); defer { lock.unlock() }
        recent.removeAll { $0.path == path }
        recent.append((path, bytes, value))
        if recent.count > knownLimit { recent.removeFirst(recent.count - knownLimit) }
    }

    func store(_ value: Any, at path: String, stamp: FileStamp) {
        guard stamp.isSettled(now: FileStamp.now(), margin: ScoreIndex.settleMargin) else { return }
        lock.lock(); defer { lock.unlock() }
        entries[path] = (stamp, value)
    }
}
