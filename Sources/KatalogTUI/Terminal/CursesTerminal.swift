import CNcurses
import Foundation

/// The only code that talks to ncurses. It starts and restores the terminal, reads keys, and
/// flushes a `Canvas` — only the rows that changed since the last frame. Every call happens on
/// the thread that runs the app loop.
final class CursesTerminal {
    let glyphs: Glyphs
    private(set) var colors = 0
    private var previous: Canvas?
    private var pairs: [PairKey: Int16] = [:]
    private var theme: Theme
    private let useColor: Bool

    private struct PairKey: Hashable {
        let foreground: Int
        let background: Int
    }

    /// Initialises ncurses the way tig and htop do; nil when there is no usable terminal.
    init?(theme: Theme, useColor: Bool, mouse: Bool) {
        self.theme = theme
        self.useColor = useColor
        setlocale(LC_ALL, "")
        glyphs = katalog_locale_is_utf8() != 0 ? .unicode : .ascii
        // newterm, unlike initscr, returns nil instead of exiting when TERM is unusable.
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, !term.isEmpty, term != "dumb", katalog_newterm() != nil else { return nil }
        // A terminal that cannot address the cursor would get every frame on one line.
        guard katalog_can_move_cursor() != 0 else {
            endwin()
            return nil
        }
        katalog_crash_restore_curses_started()
        cbreak()
        noecho()
        nonl()
        keypad(katalog_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        wtimeout(katalog_stdscr(), Self.keyTimeout)
        if useColor && has_colors() {
            start_color()
            use_default_colors()
            colors = Int(katalog_COLORS())
        }
        if mouse { mousemask(katalog_MOUSE_MASK(), nil) }
        katalog_define_extra_keys()
    }

    /// Ctrl-Z: give the terminal to the shell until `fg`, then redraw everything.
    func suspend() -> (width: Int, height: Int) {
        katalog_suspend()
        previous = nil
        return size
    }

    /// Lends the terminal to another program (the user's editor): curses steps aside as for
    /// Ctrl-Z, and the next frame is drawn whole.
    func whileSuspended<T>(_ body: () -> T) -> T {
        katalog_end_paste_mode()
        endwin()
        defer {
            refresh()
            katalog_define_extra_keys()
            previous = nil
        }
        return body()
    }

    /// Gives the terminal back: the shell's screen returns.
    func stop() {
        katalog_end_paste_mode()
        endwin()
        katalog_crash_restore_curses_stopped()
    }

    var size: (width: Int, height: Int) {
        (Int(katalog_getmaxx(katalog_stdscr())), Int(katalog_getmaxy(katalog_stdscr())))
    }

    /// Uses another theme from the next frame on.
    func apply(_ theme: Theme) {
        self.theme = theme
        previous = nil
    }

    /// Input already waiting, without waiting for more.
    func readWaiting() -> Event? {
        wtimeout(katalog_stdscr(), 0)
        defer { wtimeout(katalog_stdscr(), Self.keyTimeout) }
        return read()
    }

    /// Waits up to 100 ms for input.
    func read() -> Event? {
        var character: wint_t = 0
        let status = wget_wch(katalog_stdscr(), &character)
        if status == ERR { return nil }
        if status == KEY_CODE_YES { return special(Int32(character)) }
        switch character {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.control(Character(UnicodeScalar(UInt8(character) + 96))))
        default:
            guard let scalar = UnicodeScalar(UInt32(character)) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    private func special(_ code: Int32) -> Event? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        // Shift-arrows: xterm's kLFT/kRIT, and kri/kind (scroll up/down) for up and down.
        case KEY_SLEFT: return .key(.shiftLeft)
        case KEY_SRIGHT: return .key(.shiftRight)
        case KEY_SR: return .key(.shiftUp)
        case KEY_SF: return .key(.shiftDown)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case Int32(KATALOG_KEY_SHIFT_UP): return .key(.shiftUp)
        case Int32(KATALOG_KEY_SHIFT_DOWN): return .key(.shiftDown)
        case Int32(KATALOG_KEY_SHIFT_LEFT): return .key(.shiftLeft)
        case Int32(KATALOG_KEY_SHIFT_RIGHT): return .key(.shiftRight)
        case Int32(KATALOG_KEY_WORD_LEFT): return .key(.wordLeft)
        case Int32(KATALOG_KEY_WORD_RIGHT): return .key(.wordRight)
        case Int32(KATALOG_KEY_PASTE_START): return readPaste()
        case KEY_RESIZE:
            previous = nil
            let (width, height) = size
            return .resize(width: width, height: height)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            let button: MouseButton
            if event.bstate & katalog_BUTTON4_PRESSED() != 0 {
                button = .wheelUp
            } else if event.bstate & katalog_BUTTON5_PRESSED() != 0 {
                button = .wheelDown
            } else if event.bstate & katalog_BUTTON1_PRESSED() != 0 {
                button = .click
            } else {
                return nil
            }
            return .mouse(x: Int(event.x), y: Int(event.y), button: button)
        default:
            for n in 1...12 where code == katalog_KEY_F(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }

    /// How long a read waits for a key, in milliseconds; a paste's silence counts in these.
    static let keyTimeout: Int32 = 100
    static let pasteSilence = 10

    /// The text between the paste brackets, as one event (a line break is a character here,
    /// not Enter). Bounded, so a runaway paste cannot take all memory; and a start marker
    /// whose end never comes (a broken terminal, a stray byte sequence) ends after a second of
    /// silence — else every key after it, `q` too, would be swallowed as pasted text.
    private func readPaste() -> Event? {
        var text = String.UnicodeScalarView()
        var character: wint_t = 0
        var silent = 0
        wtimeout(katalog_stdscr(), Self.keyTimeout)  // also when the paste began in `readWaiting`
        while text.count < 1 << 20 {
            let status = wget_wch(katalog_stdscr(), &character)
            if status == ERR {
                // The key timeout (100 ms): a real paste streams on without such gaps.
                silent += 1
                if silent >= Self.pasteSilence || katalog_stop_requested() != 0 { break }
                continue
            }
            silent = 0
            if status == KEY_CODE_YES {
                if Int32(character) == Int32(KATALOG_KEY_PASTE_END) { break }
                continue
            }
            if character == 13 { character = 10 }
            if let scalar = UnicodeScalar(UInt32(character)) { text.append(scalar) }
        }
        return .paste(String(text))
    }

    /// Draws the rows that differ from the last frame, then updates the screen once.
    /// An identical frame sends nothing: ncurses ignores SIGTSTP while it updates the screen,
    /// so an idle loop that kept updating would swallow Ctrl-Z now and then.
    func draw(_ canvas: Canvas) {
        if let previous, previous == canvas { return }
        let full = previous == nil || previous?.width != canvas.width || previous?.height != canvas.height
        if full { werase(katalog_stdscr()) }
        for y in 0..<canvas.height {
            if !full, let previous, (0..<canvas.width).allSatisfy({ previous[$0, y] == canvas[$0, y] }) { continue }
            drawRow(canvas, y)
        }
        previous = canvas
        if let cursor = canvas.cursor {
            curs_set(1)
            wmove(katalog_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(katalog_stdscr())
        doupdate()
    }

    private func drawRow(_ canvas: Canvas, _ y: Int) {
        var x = 0
        while x < canvas.width {
            // A run of cells with the same role goes out in one call.
            let role = canvas[x, y].role
            var text = ""
            let start = x
            while x < canvas.width && canvas[x, y].role == role {
                text += canvas[x, y].text
                x += 1
            }
            setStyle(theme.style(role))
            wmove(katalog_stdscr(), Int32(y), Int32(start))
            // The last cell of the screen: writing it would scroll, so stop one short.
            if y == canvas.height - 1 && x == canvas.width, !text.isEmpty { text.removeLast() }
            var wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            waddnwstr(katalog_stdscr(), wide, -1)
        }
    }

    private func setStyle(_ themed: Style) {
        let style = colors > 0 ? themed.adapted(toColors: colors) : themed
        var attributes = katalog_A_NORMAL()
        if style.attributes.contains(.bold) { attributes |= katalog_A_BOLD() }
        if style.attributes.contains(.dim) { attributes |= katalog_A_DIM() }
        if style.attributes.contains(.reverse) { attributes |= katalog_A_REVERSE() }
        if style.attributes.contains(.underline) { attributes |= katalog_A_UNDERLINE() }
        if style.attributes.contains(.italic) { attributes |= katalog_A_ITALIC() }
        wattr_set(katalog_stdscr(), attributes, pair(for: style), nil)
    }

    /// Colour pairs are made as themes need them.
    private func pair(for style: Style) -> Int16 {
        guard colors > 0 else { return 0 }
        let key = PairKey(foreground: style.foreground.index(forTerminalColors: colors),
                          background: style.background.index(forTerminalColors: colors))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let existing = pairs[key] { return existing }
        guard pairs.count + 1 < Int(katalog_COLOR_PAIRS()) else { return 0 }
        let number = Int16(pairs.count + 1)
        init_pair(number, Int16(key.foreground), Int16(key.background))
        pairs[key] = number
        return number
    }

    /// Writes the clipboard through the terminal (OSC 52), for terminals that allow it.
    func copyToClipboard(_ text: String) {
        let sequence = "\u{1B}]52;c;\(Data(text.utf8).base64EncodedString())\u{07}"
        FileHandle.standardOutput.write(Data(sequence.utf8))
    }
}
