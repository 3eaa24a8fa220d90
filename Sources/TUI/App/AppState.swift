import Model

/// A line of feedback under the screen: what happened, or what went wrong.
public struct StatusMessage: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case info, warning, error }
    public var text: String
    public var kind: Kind
    public init(_ text: String, _ kind: Kind = .info) { self.text = text; self.kind = kind }

    var style: CellStyle {
        switch kind {
        case .info: return .good
        case .warning: return .warn
        case .error: return CellStyle.bad.emphasized
        }
    }
}

/// What a dialog's "yes" does.
public enum DialogAction: Equatable, Sendable {
    case quit
    /// Performs these effects.
    case effects([Effect])
    /// Returns the card with the typed comment.
    case returnCard(org: String, period: String, expectedRevision: Int)
    /// Methodist: sends the card back to the principal with the typed comment.
    case reopen(org: String, period: String)
    /// Saves the open indicator form, then closes it.
    case saveForm
    /// Saves the open indicator form although it has warnings (the user confirmed them).
    case saveFormAnyway
    /// Drops the open indicator form.
    case discardForm
    /// Closes the screen on top, dropping what was typed in it (an unsaved template draft).
    case closeScreen
}

/// Everything on screen, in one value: who is signed in, the screens stacked so far, the data, the overlays.
public struct AppState: Equatable, Sendable {
    public var person: Person
    public var today: Day
    public var workspaceName: String
    public var size: TerminalSize
    /// The screens, the first one at the bottom (the role's top screen); the last is shown.
    public var stack: [Screen]
    public var overview: Overview?
    public var dialog: Dialog?
    public var showHelp = false
    /// How far the help box is scrolled.
    public var helpScroll = 0
    public var message: StatusMessage?
    /// The workspace's files as last seen; a different stamp means someone changed something.
    public var stamp: WorkspaceStamp?
    /// Something changed while the screen could not be reloaded (a form open): reload once it can.
    public var staleShown = false
    /// How far the work in the background (the export) has got; keys wait while it runs.
    public var progress: WorkProgress?

    public init(person: Person, today: Day, workspaceName: String, size: TerminalSize, stack: [Screen]) {
        self.person = person; self.today = today; self.workspaceName = workspaceName; self.size = size
        self.stack = stack
    }

    /// The first screen for the person's role, and the effects that fill it.
    public static func start(person: Person, today: Day, workspaceName: String,
                             size: TerminalSize) -> (AppState, [Effect]) {
        switch person.role {
        case .methodist:
            return (AppState(person: person, today: today, workspaceName: workspaceName, size: size,
                             stack: [.dashboard(DashboardScreen())]), [.pollChanges, .loadOverview])
        case .reviewer:
            return (AppState(person: person, today: today, workspaceName: workspaceName, size: size,
                             stack: [.queue(ReviewQueueScreen())]), [.pollChanges, .loadOverview])
        case .principal:
            let org = person.org ?? ""
            var state = AppState(person: person, today: today, workspaceName: workspaceName, size: size,
                                 stack: [.card(CardScreen(org: org, purpose: .fill))])
            guard !org.isEmpty else {
                state.message = StatusMessage("Руководитель не привязан к организации; обратитесь к методисту", .error)
                return (state, [])
            }
            return (state, [.pollChanges, .loadCard(org: org, period: nil)])
        }
    }

    public var top: Screen { stack[stack.count - 1] }

    /// Whether the terminal is at least 80×24.
    public var isLargeEnough: Bool { size.cols >= AppState.minimumSize.cols && size.rows >= AppState.minimumSize.rows }
    public static let minimumSize = TerminalSize(rows: 24, cols: 80)

    /// The rows between the title bar and the message and key lines.
    public var body: Rect { Rect(row: 1, col: 0, width: size.cols, height: max(size.rows - 3, 0)) }

    var context: ScreenContext { ScreenContext(person: person, today: today, overview: overview, body: body) }
}
