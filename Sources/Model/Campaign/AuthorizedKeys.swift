import Foundation

/// Lines for `~/.ssh/authorized_keys`: one per person, the forced command carrying the identity.
public enum AuthorizedKeys {
    /// `command="<binary> --data <workspace> --as <id>",restrict,pty <type> <key> <id>`.
    public static func line(personID: String, publicKey: String, binary: String, workspace: String) throws -> String {
        guard Identifier.isValid(personID) else {
            throw StoreError.invalid(InputError("\"\(personID)\" is not a valid id", russian: "Недопустимый идентификатор"))
        }
        let fields = publicKey.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard fields.count >= 2, fields[0].hasPrefix("ssh-") || fields[0].hasPrefix("ecdsa-") || fields[0].hasPrefix("sk-"),
              fields[1].allSatisfy({ $0.isLetter || $0.isNumber || "+/=".contains($0) }) else {
            throw StoreError.invalid(InputError("not an OpenSSH public key (expected \"ssh-ed25519 AAAA…\")",
                                                russian: "Это не открытый ключ OpenSSH"))
        }
        for p in [binary, workspace] where p.contains("\"") || p.contains(" ") || p.contains("\\") || !p.hasPrefix("/") {
            throw StoreError.invalid(InputError("\(p): paths in the forced command must be absolute, without spaces or quotes",
                                                russian: "Пути должны быть абсолютными, без пробелов и кавычек"))
        }
        return "command=\"\(binary) --data \(workspace) --as \(personID)\",restrict,pty \(fields[0]) \(fields[1]) \(personID)"
    }
}
