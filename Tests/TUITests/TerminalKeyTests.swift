import Testing
@testable import TUI

// ncurses key codes (curses.h, octal): KEY_CODE_YES 0400, KEY_DOWN 0402, KEY_UP 0403,
// KEY_LEFT 0404, KEY_RIGHT 0405, KEY_HOME 0406, KEY_BACKSPACE 0407, KEY_F0 0410,
// KEY_DC 0512, KEY_NPAGE 0522, KEY_PPAGE 0523, KEY_ENTER 0527, KEY_BTAB 0541,
// KEY_END 0550, KEY_RESIZE 0632. OK is 0, ERR is -1.
private let keyCodeYes: Int32 = 0o400

@Test func typedCharactersIncludingCyrillicAreCharacters() {
    #expect(Key.decode(status: 0, value: 0x436) == .char("ж"))
    #expect(Key.decode(status: 0, value: 0x71) == .char("q"))
    #expect(Key.decode(status: 0, value: 0x2116) == .char("№"))
    #expect(Key.decode(status: 0, value: 0x20) == .char(" "))
}

@Test func controlCharactersAreNamedKeys() {
    #expect(Key.decode(character: 13) == .enter)
    #expect(Key.decode(character: 10) == .enter)
    #expect(Key.decode(character: 27) == .escape)
    #expect(Key.decode(character: 127) == .backspace)
    #expect(Key.decode(character: 8) == .backspace)
    #expect(Key.decode(character: 9) == .tab)
    #expect(Key.decode(character: 3) == .ctrl("c"))
    #expect(Key.decode(character: 19) == .ctrl("s"))
    #expect(Key.decode(character: 0x9B) == .unknown)
    #expect(Key.decode(character: 0xD800) == .unknown)
}

@Test func functionKeysAreDecoded() {
    #expect(Key.decode(status: keyCodeYes, value: 0o403) == .up)
    #expect(Key.decode(status: keyCodeYes, value: 0o402) == .down)
    #expect(Key.decode(status: keyCodeYes, value: 0o404) == .left)
    #expect(Key.decode(status: keyCodeYes, value: 0o405) == .right)
    #expect(Key.decode(status: keyCodeYes, value: 0o406) == .home)
    #expect(Key.decode(status: keyCodeYes, value: 0o550) == .end)
    #expect(Key.decode(status: keyCodeYes, value: 0o523) == .pageUp)
    #expect(Key.decode(status: keyCodeYes, value: 0o522) == .pageDown)
    #expect(Key.decode(status: keyCodeYes, value: 0o407) == .backspace)
    #expect(Key.decode(status: keyCodeYes, value: 0o512) == .delete)
    #expect(Key.decode(status: keyCodeYes, value: 0o527) == .enter)
    #expect(Key.decode(status: keyCodeYes, value: 0o541) == .backTab)
    #expect(Key.decode(status: keyCodeYes, value: 0o632) == .resize)
    #expect(Key.decode(status: keyCodeYes, value: 0o410 + 1) == .function(1))
    #expect(Key.decode(status: keyCodeYes, value: 0o410 + 12) == .function(12))
    #expect(Key.decode(status: keyCodeYes, value: 0o777) == .unknown)
}

@Test func timeoutIsNoKey() {
    #expect(Key.decode(status: -1, value: 0) == nil)
}
