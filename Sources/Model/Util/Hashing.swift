import Foundation
import Crypto

/// SHA-256 as lowercase hex (swift-crypto: CryptoKit is not on Linux).
public enum Hashing {
    public static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lowercase hex of bytes, without a formatter per byte (`String(format:)` was a third of an import's
    /// time: every journal entry is hashed).
    static func hex<B: Sequence>(_ bytes: B) -> String where B.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
