import CNcurses
import Foundation

/// Terminal size in cells.
public struct TerminalSize: Hashable, Sendable {
    public var rows: Int
    public var cols: Int

    public init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
    }
}

/// Why the terminal could not be started; the description is a message for the user.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case noUTF8Locale
    case cannotInitialize(term: String)
    /// The terminal cannot place the cursor (TERM=dumb, an Emacs shell buffer): a full screen would be garbage.
    case cannotAddressCursor(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "Нужен терминал: ввод и вывод программы не подключены к терминалу "
                + "(при входе по SSH включите выделение pty, например ssh -t)."
        case .noUTF8Locale:
            return "В системе нет локали UTF-8 (например, C.UTF-8): кириллица не будет показана. "
                + "Установите её (пакет locales) и повторите."
        case .cannotAddressCursor(let term):
            return "Терминал «\(term)» не умеет ставить курсор в нужное место, и экран программы на нём не нарисовать. "
                + "Откройте профрост в обычном терминале (PuTTY, xterm, консоль) или задайте TERM=xterm-256color; "
                + "для работы без экрана есть команды профроста (profrost --help)."
        case .cannotInitialize(let term):
            let name = term.isEmpty ? "не задан" : "«\(term)»"
            return "Не удалось открыть терминал (TERM \(name)). Задайте, например, TERM=xterm-256color."
        }
    }
}

/// The live ncurses screen: start it once, read keys, draw frames, stop it on the way out.
///
/// Runs in raw mode (Ctrl+C arrives as `Key.ctrl("c")`); SIGINT, SIGTERM and SIGHUP restore
/// the terminal and exit with 128+signo. Use from one thread only.
public final class CursesTerminal {
    /// Current size; refreshed on `Key.resize` and before every frame.
    public private(set) var size: TerminalSize
    /// Whether colours are used (the terminal has them and NO_COLOR is not set).
    public let usesColor: Bool
    /// The LC_CTYPE locale in effect (always a UTF-8 one).
    public let localeName: String

    private let window: UnsafeMutablePointer<WINDOW>
    private let palette: CursesPalette
    private var stopped = false
    private var cursorVisible = false
    /// The frame ncurses holds (the last one drawn), to compare the next one with; valid once `hasShown`.
    private var shown = CellGrid(width: 0, height: 0)
    private var hasShown = false
    /// The frame before `shown`, whose buffer the next frame is drawn into.
    private var spare = CellGrid(width: 0, height: 0)
    /// The characters of one row on their way to ncurses (kept to reuse its buffer).
    private var cellBuffer: [cchar_t] = []

    private init(window: UnsafeMutablePointer<WINDOW>, palette: CursesPalette, localeName: String) {
        self.window = window
        self.palette = palette
        self.usesColor = palette.usesColor
        self.localeName = localeName
        size = TerminalSize(rows: Int(profrost_getmaxy(window)), cols: Int(profrost_getmaxx(window)))
    }

    deinit { stop() }

    // MARK: - Start and stop

    /// Switches the terminal to full-screen mode. Selects a UTF-8 locale first (falling back to
    /// C.UTF-8 when LANG is missing or not UTF-8, as it often is over SSH).
    public static func start() throws -> CursesTerminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError.notATerminal
        }
        let localeName = try selectUTF8Locale()
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if profrost_term_can_address_cursor() == 0 { throw TerminalError.cannotAddressCursor(term: term) }
        guard profrost_newterm() != nil, let window = profrost_stdscr() else {
            throw TerminalError.cannotInitialize(term: ProcessInfo.processInfo.environment["TERM"] ?? "")
        }
        raw()
        noecho()
        nonl()
        keypad(window, true)
        Self.defineMoreKeys()
        _ = set_escdelay(25)
        _ = curs_set(0)
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        var palette = CursesPalette.monochrome
        if has_colors(), !noColor, start_color() == OK {
            palette = CursesPalette.colored()
        }
        profrost_install_signal_handlers()
        profrost_install_atexit()  // exit() while the screen is up still restores the terminal
        return CursesTerminal(window: window, palette: palette, localeName: localeName)
    }

    /// Sequences other terminals send for keys the terminal description may not list: PuTTY's default
    /// (ESC[11~…ESC[14~ for F1–F4, ESC[1~ / ESC[4~ for Home / End, even with TERM=xterm), the Linux console
    /// (ESC[[A…ESC[[E for F1–F5) and rxvt (ESC[7~ / ESC[8~ for Home / End).
    static let extraKeys: [(String, Int32)] = [
        ("\u{1B}[11~", profrost_key_f(1)), ("\u{1B}[12~", profrost_key_f(2)),
        ("\u{1B}[13~", profrost_key_f(3)), ("\u{1B}[14~", profrost_key_f(4)),
        ("\u{1B}[[A", profrost_key_f(1)), ("\u{1B}[[B", profrost_key_f(2)), ("\u{1B}[[C", profrost_key_f(3)),
        ("\u{1B}[[D", profrost_key_f(4)), ("\u{1B}[[E", profrost_key_f(5)),
        ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
        ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END), ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END),
    ]

    /// Teaches ncurses the sequences of `extraKeys` (those it already knows keep their meaning).
    private static func defineMoreKeys() {
        for (sequence, code) in extraKeys where key_defined(sequence) <= 0 { _ = define_key(sequence, code) }
    }

    /// Leaves full-screen mode and gives the terminal back to the shell. Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        _ = curs_set(1)
        endwin()
        profrost_restore_signal_handlers()
    }

    /// Makes LC_ALL a UTF-8 locale: the user's if it is one, C.UTF-8 (or another UTF-8 locale)
    /// otherwise, also exported to the environment. Returns the locale's name.
    static func selectUTF8Locale() throws -> String {
        _ = setlocale(LC_ALL, "")
        if profrost_codeset_is_utf8() != 0 { return currentLocaleName() }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "ru_RU.UTF-8"] {
            if setlocale(LC_ALL, name) != nil, profrost_codeset_is_utf8() != 0 {
                setenv("LC_ALL", name, 1)
                setenv("LANG", name, 1)
                return name
            }
        }
        throw TerminalError.noUTF8Locale
    }

    private static func currentLocaleName() -> String {
        guard let name = setlocale(LC_CTYPE, nil) else { return "" }
        return String(cString: name)
    }

    // MARK: - Input

    /// The next key, waiting at most `timeoutMs` milliseconds (negative: wait forever); nil on timeout.
    /// A lone Esc is reported after 25 ms; Esc followed by an unknown sequence is `.unknown`.
    public func readKey(timeoutMs: Int32) -> Key? {
        guard !stopped else { return nil }
        wtimeout(window, timeoutMs)
        var value: wint_t = 0
        let status = wget_wch(window, &value)
        guard let key = Key.decode(status: status, value: UInt32(value)) else { return nil }
        switch key {
        case .resize:
            updateSize()
            // ncurses cut the screen to the new size (and cells cut off are gone if it grows back): every row of
            // the next frame is sent whole.
            hasShown = false
            return key
        case .escape:
            return finishEscape()
        default:
            return key
        }
    }

    /// After an ESC: a lone Esc, or the rest of a sequence ncurses did not know (swallowed).
    private func finishEscape() -> Key {
        wtimeout(window, 0)
        var value: wint_t = 0
        let status = wget_wch(window, &value)
        if status == profrost_key_code_yes() {
            _ = ungetch(Int32(truncatingIfNeeded: value))
            return .escape
        }
        guard status == OK else { return .escape }
        switch value {
        case 27:
            _ = unget_wch(wchar_t(bitPattern: UInt32(value)))
            return .escape
        case 0x5B, 0x4F:  // "[" CSI or "O" SS3: read up to the final byte
            let isCSI = value == 0x5B
            wtimeout(window, 10)
            for _ in 0..<32 {
                var next: wint_t = 0
                guard wget_wch(window, &next) == OK else { break }
                if !isCSI || (next >= 0x40 && next <= 0x7E) { break }
                if next < 0x20 || next > 0x3F { break }
            }
            return .unknown
        default:
            return .unknown  // Alt+key
        }
    }

    // MARK: - Output

    /// Draws one frame: `body` draws the whole screen into a grid of cells, then only the cells that differ from the
    /// frame before are handed to ncurses, which sends the terminal only what changed on it (never a full clear,
    /// which is slow over SSH and flickers).
    ///
    /// Why the comparison is ours and not only ncurses' (`wrefresh` compares too): ncurses compares what it was
    /// given, and giving it a whole frame — `werase` and a `setcchar` and `wadd_wchnstr` per cell — was most of
    /// what a key cost (about 1.5 ms of CPU at 80×24). Comparing two grids of 8-byte cells costs microseconds.
    /// The frame ncurses holds is always the last one given (`shown`); after a resize, or before the first frame,
    /// every row is sent whole.
    public func draw(_ body: (inout CursesCanvas) -> Void) {
        guard !stopped else { return }
        updateSize()
        var canvas = CursesCanvas(grid: CellGrid(width: 0, height: 0))
        swap(&canvas.grid, &spare)  // reuse the buffer of the frame before last: no allocation per frame
        if canvas.grid.width != size.cols || canvas.grid.height != size.rows {
            canvas.grid = CellGrid(width: size.cols, height: size.rows)
        } else {
            canvas.grid.reset()
        }
        body(&canvas)
        for change in canvas.grid.changes(from: hasShown ? shown : nil) {
            send(canvas.grid, row: change.row, columns: change.columns)
        }
        swap(&canvas.grid, &shown)
        swap(&canvas.grid, &spare)
        hasShown = true
        if let at = canvas.cursorPosition {
            wmove(window, Int32(at.row), Int32(at.col))
            setCursorVisible(true)
        } else {
            setCursorVisible(false)
        }
        wrefresh(window)
    }

    /// Hands ncurses the characters of `columns` of `row`, in one call (a wide character is one entry, its right
    /// half is filled in by ncurses). `columns` starts and ends on whole characters (`CellGrid.changedSpan`).
    private func send(_ grid: CellGrid, row: Int, columns: Range<Int>) {
        guard !columns.isEmpty else { return }
        cellBuffer.removeAll(keepingCapacity: true)
        var text: [wchar_t] = [0, 0, 0, 0, 0, 0]
        var lastStyle: UInt8?
        var attrs: (attr_t, Int16) = (0, 0)
        for x in columns {
            let cell = grid[row, x]
            if cell.isContinuation { continue }
            if cell.style != lastStyle {
                lastStyle = cell.style
                attrs = palette.attributes(for: CellStyle(packed: cell.style))
            }
            text[0] = wchar_t(bitPattern: cell.scalar)
            var n = 1
            if cell.marks > 0 {
                for mark in grid.marks(of: cell).unicodeScalars where n < text.count - 1 {
                    text[n] = wchar_t(bitPattern: mark.value)
                    n += 1
                }
            }
            text[n] = 0
            var made = cchar_t()
            _ = profrost_set_cell(&made, text, attrs.0, attrs.1)
            cellBuffer.append(made)
        }
        _ = profrost_put_cells(window, Int32(row), Int32(columns.lowerBound), cellBuffer, Int32(cellBuffer.count))
    }

    private func setCursorVisible(_ visible: Bool) {
        guard visible != cursorVisible else { return }
        cursorVisible = visible
        _ = curs_set(visible ? 1 : 0)
    }

    private func updateSize() {
        size = TerminalSize(rows: Int(profrost_getmaxy(window)), cols: Int(profrost_getmaxx(window)))
    }
}
