import Foundation
import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// A signed statement of the journal's head: "the journal had `seq` entries, the last one hashing to `hash`", signed
/// with an Ed25519 key the methodist keeps outside the workspace (as Certificate Transparency signs tree heads).
///
/// The chain of hashes alone shows an entry edited, removed or reordered *in the middle*; it cannot show the newest
/// entries cut off, the whole journal emptied, or everything rewritten with the hashes recomputed, because whoever
/// can write the files can also recompute hashes. They cannot recompute a signature without the key: once a head is
/// signed, `audit verify` finds any change to the entries up to it. A copy of every checkpoint is also kept beside
/// the key (`<key>.checkpoints`), so that deleting `checkpoints.jsonl` from the workspace does not hide a truncation.
public struct Checkpoint: Codable, Equatable, Sendable {
    public var seq: Int
    public var hash: String
    public var time: Date
    /// The signer's public key, raw 32 bytes in base64.
    public var publicKey: String
    /// Ed25519 signature of `message`, base64.
    public var signature: String

    /// What is signed: fixed text, so that the signature never depends on how JSON is formatted.
    public static func message(seq: Int, hash: String, time: Date) -> Data {
        Data("profrost checkpoint v1\n\(seq)\n\(hash)\n\(Timestamp.format(time))\n".utf8)
    }

    public static func sign(seq: Int, hash: String, time: Date, key: AuditKey) throws -> Checkpoint {
        let t = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
        guard let priv = key.privateKey else {
            throw StoreError.invalid(InputError("a checkpoint needs the private key, not the public one",
                                                russian: "Для подписи нужен закрытый ключ, а не открытый"))
        }
        let sig = try priv.signature(for: message(seq: seq, hash: hash, time: t))
        return Checkpoint(seq: seq, hash: hash, time: t, publicKey: key.publicKeyBase64, signature: sig.base64EncodedString())
    }

    /// Whether the signature is the holder's of `publicKey` (the checkpoint's own key when nil).
    public func signatureIsValid(publicKey expected: String? = nil) -> Bool {
        guard let raw = Data(base64Encoded: expected ?? publicKey), let pub = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
              let sig = Data(base64Encoded: signature) else { return false }
        return pub.isValidSignature(sig, for: Self.message(seq: seq, hash: hash, time: time))
    }

    /// Reads a checkpoints file (one JSON object a line); a line that does not parse is an error naming it.
    public static func readAll(_ path: String) throws -> [Checkpoint] {
        guard let data = try AtomicFile.read(path) else { return [] }
        var out: [Checkpoint] = []
        let dec = JSONFiles.decoder()
        for (i, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            do { out.append(try dec.decode(Checkpoint.self, from: Data(line))) } catch {
                throw StoreError.corrupt(path: path, line: i + 1, reason: "not a checkpoint")
            }
        }
        return out
    }

    func line() throws -> Data {
        var d = try JSONFiles.encoder(pretty: false).encode(self)
        d.append(0x0A)
        return d
    }
}

/// The methodist's audit key: an Ed25519 key pair in a text file outside the workspace (private: mode 0600), or
/// only its public half (`<file>.pub`), which is enough to verify.
public struct AuditKey {
    public let privateKey: Curve25519.Signing.PrivateKey?
    public let publicKey: Curve25519.Signing.PublicKey
    /// The file the key came from, for the copy of the checkpoints kept beside it.
    public let path: String?

    static let privateHeader = "profrost audit private key v1"
    static let publicHeader = "profrost audit public key v1"

    public var publicKeyBase64: String { publicKey.rawRepresentation.base64EncodedString() }
    /// The first 16 hex digits of the public key's SHA-256: what the methodist writes down to recognise the key.
    public var fingerprint: String { Self.fingerprint(ofPublicKey: publicKeyBase64) }

    public static func fingerprint(ofPublicKey base64: String) -> String {
        String(Hashing.sha256(Data(base64Encoded: base64) ?? Data(base64.utf8)).prefix(16))
    }

    /// The file where checkpoints signed with this key are copied: beside the private key.
    public var checkpointCopyPath: String? {
        path.map { ($0.hasSuffix(".pub") ? String($0.dropLast(4)) : $0) + ".checkpoints" }
    }

    /// Makes a new key pair and writes `path` (private, 0600, refused if it exists) and `path.pub`.
    public static func generate(at path: String) throws -> AuditKey {
        let priv = Curve25519.Signing.PrivateKey()
        let text = "\(privateHeader)\n\(priv.rawRepresentation.base64EncodedString())\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError.io(path: path, reason: errno == EEXIST ? "already exists; a key is never overwritten" : String(cString: strerror(errno)))
        }
        let bytes = Array(text.utf8)
        let ok = write(fd, bytes, bytes.count) == bytes.count && fsync(fd) == 0
        close(fd)
        guard ok else { unlink(path); throw StoreError.io(path: path, reason: "cannot write the key") }
        let key = AuditKey(privateKey: priv, publicKey: priv.publicKey, path: path)
        try AtomicFile.write(Data("\(publicHeader)\n\(key.publicKeyBase64)\n".utf8), to: path + ".pub")
        return key
    }

    /// Reads a private or public key file.
    public static func load(_ path: String) throws -> AuditKey {
        guard let data = try AtomicFile.read(path), let text = String(data: data, encoding: .utf8) else {
            throw StoreError.notFound(what: "key file", id: path)
        }
        let lines = text.split(whereSeparator: \.isNewline).map { Whitespace.trimmed($0) }
        guard lines.count >= 2, let raw = Data(base64Encoded: lines[1]) else {
            throw StoreError.corrupt(path: path, line: 2, reason: "not a profrost audit key")
        }
        switch lines[0] {
        case privateHeader:
            guard let priv = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
                throw StoreError.corrupt(path: path, line: 2, reason: "not an Ed25519 private key")
            }
            return AuditKey(privateKey: priv, publicKey: priv.publicKey, path: path)
        case publicHeader:
            guard let pub = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
                throw StoreError.corrupt(path: path, line: 2, reason: "not an Ed25519 public key")
            }
            return AuditKey(privateKey: nil, publicKey: pub, path: path)
        default:
            throw StoreError.corrupt(path: path, line: 1, reason: "not a profrost audit key")
        }
    }
}

extension Workspace {
    public var checkpointsPath: String { path("checkpoints.jsonl") }

    /// Signs the journal's head now and appends the checkpoint to the workspace's `checkpoints.jsonl` and to the
    /// copy beside the key. Refuses a journal whose chain is broken (signing it would bless the damage).
    public func checkpoint(key: AuditKey, at time: Date) throws -> Checkpoint {
        if case .broken(let line, _, let reason) = journal.verify() {
            throw StoreError.corrupt(path: journal.path, line: line, reason: reason)
        }
        let (seq, hash) = try journal.lastLink()
        guard seq > 0 else {
            throw StoreError.invalid(InputError("the journal is empty: nothing to sign", russian: "Журнал пуст: подписывать нечего"))
        }
        let cp = try Checkpoint.sign(seq: seq, hash: hash, time: time, key: key)
        if let copy = key.checkpointCopyPath { try AtomicFile.append(try cp.line(), to: copy) }
        try AtomicFile.append(try cp.line(), to: checkpointsPath)
        return cp
    }
}
