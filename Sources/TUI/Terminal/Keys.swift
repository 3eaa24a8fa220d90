/// Keys that mean the same in the Latin and the Russian layout (the key under the finger, not the letter).
public enum Keys {
    public static let quit: [Key] = [.char("q"), .char("й")]
    public static let help: [Key] = [.function(1), .char("?")]
    public static let up: [Key] = [.up, .char("k"), .char("л")]
    public static let down: [Key] = [.down, .char("j"), .char("о")]
    /// `p` (з): an organisation's profile; F3 too.
    public static let profile: [Key] = [.char("p"), .char("з"), .function(3)]
    /// `c` (с): switch the cluster scheme (type / size).
    public static let scheme: [Key] = [.char("c"), .char("с")]

    public static func isQuit(_ key: Key) -> Bool { quit.contains(key) }
    public static func isHelp(_ key: Key) -> Bool { help.contains(key) }
    public static func isUp(_ key: Key) -> Bool { up.contains(key) }
    public static func isDown(_ key: Key) -> Bool { down.contains(key) }
    public static func isProfile(_ key: Key) -> Bool { profile.contains(key) }
    public static func isScheme(_ key: Key) -> Bool { scheme.contains(key) }
}
