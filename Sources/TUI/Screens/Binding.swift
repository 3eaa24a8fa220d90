import Model

/// One key binding, declared once: the keys, what the bottom line and the help say, whether it works now (and
/// why not), and what it does. The bottom line, the help box and the key handling are all made from these lists,
/// so a key cannot do something the help does not say, nor be shown where it does nothing.
struct Binding<Target> {
    /// The keys that run it (Latin and Russian layout, the function key, …).
    var keys: [Key]
    /// How the key is written on the bottom line and in the help: `F5`, `Enter`, `1-5`.
    var label: String
    /// The word on the bottom line; nil: in the help only.
    var hint: String?
    /// How the key is written on the bottom line, when shorter than `label` (`F5` for `F5, s`).
    var shown: String?
    /// What the help says it does; empty: a twin of the binding before it, which the help already covers.
    var help: String
    /// Why it does not work now; nil when it does. A disabled key says why when pressed, and the help says so too.
    var disabled: String?
    /// Whether it also works while a text field has the keys (only for non-printable keys: Enter, Esc, F-keys).
    var whileTyping = false
    var run: (inout Target, ScreenContext) -> [ScreenCommand]

    init(_ keys: [Key], _ label: String, shown: String? = nil, hint: String? = nil, help: String, disabled: String? = nil,
         whileTyping: Bool = false, run: @escaping (inout Target, ScreenContext) -> [ScreenCommand]) {
        self.keys = keys; self.label = label; self.shown = shown; self.hint = hint; self.help = help; self.disabled = disabled
        self.whileTyping = whileTyping; self.run = run
    }

    /// Whether `key` runs this binding; while typing, printable keys are text and only `whileTyping` bindings count.
    func matches(_ key: Key, typing: Bool) -> Bool {
        guard keys.contains(key) else { return false }
        if typing {
            if case .char = key { return false }
            return whileTyping
        }
        return true
    }

    var keyHint: KeyHint? { hint.map { KeyHint(shown ?? label, $0) } }

    var helpEntry: KeyHint { KeyHint(label, disabled.map { "\(help) (сейчас нельзя: \($0))" } ?? help) }
}

extension Array {
    /// Runs the first binding that `key` matches on `target`: its commands, a warning when it is disabled,
    /// nil when no binding has the key.
    func dispatch<T>(_ key: Key, typing: Bool, on target: inout T, _ ctx: ScreenContext) -> [ScreenCommand]?
    where Element == Binding<T> {
        guard let b = first(where: { $0.matches(key, typing: typing) }) else { return nil }
        if let why = b.disabled { return [.message(StatusMessage(why, .warning))] }
        return b.run(&target, ctx)
    }
}

/// Keys in both layouts: the key under the finger is the same whether the keyboard types Latin or Cyrillic.
func letters(_ s: String) -> [Key] { s.map { Key.char($0) } }

/// What every screen of the app answers for: its title, its keys, its drawing, what it loads and what it takes from
/// finished effects. `Screen` holds one of them; the app talks to them only through this protocol.
protocol ScreenPart: Equatable, Sendable {
    var title: String { get }
    /// The paragraphs at the top of the help box.
    func helpIntro(_ ctx: ScreenContext) -> [String]
    /// The screen's own keys, in the order the bottom line shows them.
    func bindings(_ ctx: ScreenContext) -> [Binding<Self>]
    /// Keys no binding claims (text into a field, moving in a table); nil when the screen does not use the key.
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]?
    func draw(on canvas: inout some Canvas, _ ctx: ScreenContext)
    /// What the screen loads for itself when opened and reloads when something changed elsewhere.
    var loadEffects: [Effect] { get }
    /// Whether the screen shows the overview (and so wants it reloaded when something changed).
    var usesOverview: Bool { get }
    /// Whether printable keys go into a field (so `?`, `q`, `j`… are text, not commands).
    var capturesText: Bool { get }
    /// Text typed but not saved yet, which quitting would lose.
    var hasUnsavedInput: Bool { get }
    /// Whether reloading it now would disturb the user (a form open).
    var isBusy: Bool { get }
    /// Takes the result of an effect if it is this screen's; nil when it is not.
    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]?
    /// The screen as a value of `Screen`.
    var asScreen: Screen { get }
}

extension ScreenPart {
    func helpIntro(_ ctx: ScreenContext) -> [String] { [] }
    mutating func other(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? { nil }
    var loadEffects: [Effect] { [] }
    var usesOverview: Bool { false }
    var capturesText: Bool { false }
    var hasUnsavedInput: Bool { false }
    var isBusy: Bool { false }
    mutating func receive(_ msg: Msg, _ ctx: ScreenContext) -> [ScreenCommand]? { nil }

    /// Handles a key: the first binding with it, else `other`; nil when the screen does not use it.
    mutating func handle(_ key: Key, _ ctx: ScreenContext) -> [ScreenCommand]? {
        if let done = bindings(ctx).dispatch(key, typing: capturesText, on: &self, ctx) { return done }
        return other(key, ctx)
    }

    /// The bottom line's share of the screen.
    func hints(_ ctx: ScreenContext) -> [KeyHint] { bindings(ctx).compactMap(\.keyHint) }

    /// The help's share of the screen.
    func helpEntries(_ ctx: ScreenContext) -> [KeyHint] { bindings(ctx).filter { !$0.help.isEmpty }.map(\.helpEntry) }
}
