import CNcurses
import Foundation
import KatalogCore
import KatalogServices

/// The application loop: read a key or a finished load, update the state, draw the frame.
/// ncurses is only touched here, on one thread; service calls run as tasks and post their
/// results to the inbox, so the UI never waits on I/O.
public final class TerminalApp {
    private var state: AppState
    private let services: ServiceLayer
    private let keys: KeyRegistry
    private let themes: ThemeCatalog
    fileprivate var theme: Theme
    private let useColor: Bool
    private let mouse: Bool
    private let inbox = Inbox()
    /// The lineage being built, for `.cancelLineage`.
    private var lineageBuild: Task<Void, Never>?
    /// `KATALOG_TEST_CRASH=after-first-frame`: traps after the first frame, so the tests can see
    /// the terminal restored after a real crash.
    public var crashAfterFirstFrame = false
    public var busyAfterFirstFrame = false
    /// `KATALOG_EXIT_AFTER_FIRST_FRAME`: ends the loop after the first frame (`1`), or after the
    /// first frame with everything the start loads shown (`loaded`) — what `make bench` times.
    public var exitAfter: ExitPoint?

    public enum ExitPoint: String, Sendable {
        case firstFrame = "1", loaded
    }

    public init(state: AppState, services: ServiceLayer, keys: KeyRegistry, themes: ThemeCatalog, theme: Theme,
                useColor: Bool, mouse: Bool) {
        self.state = state
        self.services = services
        self.keys = keys
        self.themes = themes
        self.theme = theme
        self.useColor = useColor
        self.mouse = mouse
    }

    /// Runs until the user quits or a signal asks to stop; the terminal is restored either way.
    /// Returns the exit status: 0, or 128 + the signal that stopped it (130 for Ctrl-C, 143 for
    /// SIGTERM), as a shell expects. Throws when there is no terminal to run in.
    public func run(startupNotices: [LocalizedText] = []) throws(NoTerminal) -> Int32 {
        guard let terminal = CursesTerminal(theme: theme, useColor: useColor, mouse: mouse) else { throw NoTerminal() }
        katalog_install_stop_handlers()
        defer { terminal.stop() }
        (state.width, state.height) = terminal.size
        for notice in startupNotices { state.notify(notice, isError: true) }
        state.started(AppState.startEffects)  // so the spinner turns, and `loaded` waits, for them too
        perform(AppState.startEffects, terminal)
        var lastTick = Date()
        // A frame only when something changed: a key, a resize, a result, a toast going, the
        // spinner while something loads — never on an idle timer.
        var dirty = true
        while !state.shouldQuit && katalog_stop_requested() == 0 {
            if katalog_take_suspend_request() != 0 {
                let (width, height) = terminal.suspend()
                apply(.resize(width: width, height: height), terminal)  // the terminal may have changed meanwhile
                dirty = true
            }
            for event in inbox.drain() {
                apply(event, terminal)
                dirty = true
            }
            if dirty {
                terminal.draw(Renderer.render(state, keys: keys, glyphs: terminal.glyphs))
                dirty = false
                switch exitAfter {
                case .firstFrame: state.shouldQuit = true
                case .loaded where state.inFlight == 0 && state.catalog.datasets != nil: state.shouldQuit = true
                default: break
                }
                if state.shouldQuit { break }
            }
            if crashAfterFirstFrame { fatalError("KATALOG_TEST_CRASH=after-first-frame") }
            // A computation that never returns, for the test that a stop still ends katalog.
            if busyAfterFirstFrame { while true { usleep(1_000) } }
            if let event = terminal.read() {
                apply(event, terminal)
                dirty = true
                // Keys that came together — a burst, a key held down, a paste without brackets —
                // are all handled before the next frame, up to 50 ms of them: a frame per key
                // would fall ever further behind the keyboard.
                let burst = Date()
                while !state.shouldQuit, Date().timeIntervalSince(burst) < 0.05, let next = terminal.readWaiting() { apply(next, terminal) }
            }
            if Date().timeIntervalSince(lastTick) >= 0.1 {
                lastTick = Date()
                let toast = state.toast
                apply(.tick, terminal)
                dirty = dirty || state.inFlight > 0 || state.toast != toast
            }
        }
        katalog_cancel_forced_exit()
        let signal = katalog_stop_requested()
        return signal == 0 ? 0 : 128 + signal
    }

    private func apply(_ event: Event, _ terminal: CursesTerminal) {
        let effects = state.handle(event, keys: keys)
        state.started(effects)
        perform(effects, terminal)
    }

    private func perform(_ effects: [Effect], _ terminal: CursesTerminal) {
        for effect in effects {
            if EffectRunner.touchesTerminal(effect) {
                let side = TerminalAdapter(app: self, terminal: terminal)
                for event in EffectRunner.runOnTerminal(effect, themes: themes, terminal: side) { apply(event, terminal) }
            } else if effect == .cancelLineage {
                lineageBuild?.cancel()
                lineageBuild = nil
            } else {
                let services = services
                let inbox = inbox
                let task = Task.detached { inbox.post(await EffectRunner.run(effect, services: services, post: { inbox.post($0) })) }
                if effect.isLineage { lineageBuild = task }
            }
        }
    }

    /// The terminal's part of the effects: a new theme from the next frame on, the clipboard.
    private final class TerminalAdapter: TerminalSide {
        let app: TerminalApp
        let terminal: CursesTerminal
        init(app: TerminalApp, terminal: CursesTerminal) { self.app = app; self.terminal = terminal }
        func apply(_ theme: Theme) { app.theme = theme; terminal.apply(theme) }
        func copyToClipboard(_ text: String) { terminal.copyToClipboard(text) }
        func edit(_ text: String) -> Result<String, LoadFailure> {
            terminal.whileSuspended { ExternalEditor(environment: ProcessInfo.processInfo.environment).edit(text) }
        }
    }
}

/// The terminal UI needs a terminal: standard input and output a TTY and a known `TERM`.
public struct NoTerminal: UserFacingError {
    public var message: LocalizedText {
        LocalizedText(
            nb: "Terminalgrensesnittet trenger en terminal (stdin og stdout til en tty og en TERM som kan flytte markøren — ikke TERM=dumb). Bruk en underkommando, for eksempel `katalog ls`; `katalog --help` viser alle.",
            en: "The terminal UI needs a terminal (stdin and stdout on a tty, and a TERM that can move the cursor — not TERM=dumb). Use a subcommand such as `katalog ls`; `katalog --help` lists them all.")
    }

    public var isBadInput: Bool { true }
}
