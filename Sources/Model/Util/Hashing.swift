import Foundation
import Crypto

/// SHA-256 as lowercase hex (swift-crypto: CryptoKit is not on Linux).
public enum Hashing {
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
