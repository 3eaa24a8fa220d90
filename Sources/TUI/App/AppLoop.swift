import Model

/// The one message loop, for the terminal and for tests alike: a message goes through `update`, the effects it asks
/// for are performed, their results go through `update` in turn, until nothing is left or `.quit` was asked for.
public struct AppLoop {
    public var state: AppState
    /// Performs one effect (with the Session, in the app and in tests) and returns what came of it.
    let perform: (Effect) -> [Msg]
    /// Every effect asked for so far, in order, when `records` is set (the tests read it).
    public private(set) var effects: [Effect] = []
    public var records = false
    public private(set) var quit = false

    public init(state: AppState, perform: @escaping (Effect) -> [Msg]) {
        self.state = state
        self.perform = perform
    }

    /// The app's start: the role's first screen and the effects that fill it.
    public init(person: Person, today: Day, workspaceName: String, size: TerminalSize, runner: EffectRunner,
                records: Bool = false) {
        let (state, first) = AppState.start(person: person, today: today, workspaceName: workspaceName, size: size)
        self.init(state: state, perform: runner.perform)
        self.records = records
        run(first)
    }

    /// Handles one message and everything that follows from it.
    public mutating func send(_ msg: Msg) {
        guard !quit else { return }
        run(update(&state, msg))
    }

    /// Performs effects, feeding their results back through `update`.
    mutating func run(_ first: [Effect]) {
        var queue = first
        while !queue.isEmpty, !quit {
            let e = queue.removeFirst()
            if records { effects.append(e) }
            if e == .quit { quit = true; return }
            for msg in perform(e) { queue += update(&state, msg) }
        }
    }
}
