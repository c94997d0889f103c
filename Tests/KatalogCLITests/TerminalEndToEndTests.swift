import Foundation
import Glibc
import Testing
import KatalogTestSupport

/// The real binary in a real terminal: tmux on its own socket, a plain shell, fixed size and
/// locale, keys sent and the screen read back.
@Suite("The terminal UI end to end (tmux)", .serialized, .offThePool)
struct TerminalEndToEndTests {
    final class Tmux {
        let socket = "katalog-test-\(UUID().uuidString.prefix(8))"
        let katalog: KatalogBinary

        init(katalog: KatalogBinary, term: String, extraEnvironment: String = "", width: Int = 120, height: Int = 40) throws {
            self.katalog = katalog
            let environment = katalog.environment.merging(["TERM": term, "PS1": "$ "]) { $1 }
                .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            try tmux(["new-session", "-d", "-s", "e2e", "-x", "\(width)", "-y", "\(height)",
                      "env -i \(environment) \(extraEnvironment) bash --norc --noprofile"])
        }

        deinit { _ = try? tmux(["kill-server"]) }

        /// Runs a tmux client with posix_spawn and waitpid. (Foundation's Process never saw
        /// the client exit here: the server that `new-session` forks keeps its descriptors.)
        @discardableResult
        func tmux(_ arguments: [String], output: Bool = false) throws -> String {
            let outputFile = katalog.home.appendingPathComponent("tmux-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: outputFile) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, output ? outputFile : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            // The test thread blocks signals; the tmux server must not inherit that, or it
            // never hears kill-server.
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var noSignals = sigset_t()
            sigemptyset(&noSignals)
            var allSignals = sigset_t()
            sigfillset(&allSignals)
            posix_spawnattr_setsigmask(&attributes, &noSignals)
            posix_spawnattr_setsigdefault(&attributes, &allSignals)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            let argv = (["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, "/usr/bin/tmux", &actions, &attributes, argv, environ) == 0 else {
                throw CocoaError(.executableNotLoadable)
            }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            return output ? (try String(contentsOfFile: outputFile, encoding: .utf8)) : ""
        }

        func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "e2e"] + keys) }

        /// Types `PREFIX katalog --workspace W SUFFIX` at the shell and waits for the Explorer.
        @discardableResult
        func startKatalog(prefix: String = "", suffix: String = "; echo \"exit=$?\"", sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            try type(prefix + "\(KatalogBinary.executable.path) --workspace \(katalog.workspace)" + suffix)
            try send("Enter")
            return try waitFor("Datastream streams", sourceLocation: sourceLocation)
        }
        /// The process the pane's shell runs in the foreground: katalog, once started.
        func katalogPID() throws -> Int32? {
            let pane = try tmux(["list-panes", "-t", "e2e", "-F", "#{pane_pid}"], output: true)
            guard let shell = Int32(pane.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
            let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
            return children.split(separator: " ").compactMap { Int32($0) }.first
        }
        func type(_ text: String) throws { try tmux(["send-keys", "-t", "e2e", "-l", text]) }
        /// `:goto TABLE`, then `p`: the publish wizard on its first page.
        func openWizard(on table: String = "behandling.vedtak_daglig", sourceLocation: SourceLocation = #_sourceLocation) throws {
            try send(":")
            try type("goto \(table)")
            try send("Enter")
            try waitFor(String(table.split(separator: ".").last ?? ""), sourceLocation: sourceLocation)
            try send("p")
            try waitFor("Dataprodukt  1/5", sourceLocation: sourceLocation)
        }
        func screen(escapes: Bool = false) throws -> String { try tmux(["capture-pane", "-p", "-t", "e2e"] + (escapes ? ["-e"] : []), output: true) }
        func resize(_ width: Int, _ height: Int) throws { try tmux(["resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"]) }

        /// Waits (up to 10 s) until the screen shows `text`.
        @discardableResult
        func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let deadline = Date().addingTimeInterval(10)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if last.contains(text) { return last }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("the screen never showed “\(text)”:\n\(last)", sourceLocation: sourceLocation)
            return last
        }

        /// Waits (up to 10 s) until `text` is gone from the screen.
        @discardableResult
        func waitUntilGone(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let deadline = Date().addingTimeInterval(10)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if !last.contains(text) { return last }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("the screen still shows “\(text)”:\n\(last)", sourceLocation: sourceLocation)
            return last
        }

        /// Colour escapes (SGR 30–37, 90–97, 38;5;n, and their backgrounds) in a capture.
        static func colourCodes(_ capture: String) -> [String] {
            let pattern = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)m")
            let range = NSRange(capture.startIndex..., in: capture)
            return pattern.matches(in: capture, range: range).flatMap { match -> [String] in
                let codes = (capture as NSString).substring(with: match.range(at: 1)).split(separator: ";").map(String.init)
                return codes.filter { code in
                    guard let n = Int(code) else { return false }
                    return (30...38).contains(n) || (40...48).contains(n) || (90...97).contains(n) || (100...107).contains(n)
                }
            }
        }
    }

    /// A crash inside the terminal UI (a real Swift trap, SIGILL) gives the terminal back: the
    /// same `stty -a` as before, the shell's screen, not the alternate one.
    @Test func aCrashRestoresTheTerminal() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color", extraEnvironment: "SWIFT_BACKTRACE=enable=no")
        let before = katalog.home.appendingPathComponent("stty.before").path, after = katalog.home.appendingPathComponent("stty.after").path
        try tmux.type("stty -a > \(before); echo vor\"\"-katalog; KATALOG_TEST_CRASH=after-first-frame \(KatalogBinary.executable.path) --workspace \(katalog.workspace); echo \"exit=$?\"; stty -a > \(after); echo fer\"\"dig")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("ferdig")
        #expect(screen.contains("vor-katalog"), "back on the shell's screen:\n\(screen)")
        #expect(screen.contains("exit=132"), "killed by SIGILL:\n\(screen)")
        let modes = (try String(contentsOfFile: before, encoding: .utf8), try String(contentsOfFile: after, encoding: .utf8))
        #expect(!modes.0.isEmpty && modes.0 == modes.1)
        #expect(modes.1.contains(" icanon ") && modes.1.contains(" echo "))
    }

    /// A stop (SIGTERM, or SIGHUP when the terminal closes) ends katalog even when the main loop
    /// is busy in a long computation: two seconds later, the terminal restored.
    @Test(arguments: [("TERM", 143), ("HUP", 129)])
    func aStopEndsKatalogEvenWhenItIsBusy(_ signal: String, _ status: Int) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        let before = katalog.home.appendingPathComponent("stty.before").path, after = katalog.home.appendingPathComponent("stty.after").path
        try tmux.type("stty -a > \(before); KATALOG_TEST_CRASH=busy-after-first-frame \(KatalogBinary.executable.path) --workspace \(katalog.workspace); echo \"exit=$?\"; stty -a > \(after); echo fer\"\"dig")
        try tmux.send("Enter")
        try tmux.waitFor("dagpenger-prod-4e2b")  // the first frame; then it is busy for good
        let child = try #require(try tmux.katalogPID())
        let started = Date()
        #expect(kill(child, signal == "TERM" ? SIGTERM : SIGHUP) == 0)
        let screen = try tmux.waitFor("ferdig")
        #expect(Date().timeIntervalSince(started) < 5, "ended within the forced exit's two seconds (and tmux's polling)")
        #expect(screen.contains("exit=\(status)"), "\(screen)")
        let modes = (try String(contentsOfFile: before, encoding: .utf8), try String(contentsOfFile: after, encoding: .utf8))
        #expect(!modes.0.isEmpty && modes.0 == modes.1, "the terminal is as it was")
    }

    /// A bracketed paste arrives as text, line breaks included, not as keys (no Enter fires).
    @Test func aPasteGoesIntoTheFilterWhole() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        try tmux.startKatalog()
        try tmux.send("/")
        try tmux.tmux(["set-buffer", "stønad\nhistorikk"])
        try tmux.tmux(["paste-buffer", "-p", "-t", "e2e"])
        try tmux.waitFor("/stønad historikk")
        // The count can follow the filter line by a frame (a loaded run caught "6 matches", the
        // count for "stønad" alone); Enter would have closed the line.
        let screen = try tmux.waitFor("no matches")
        #expect(screen.contains("/stønad historikk"), "still typing: the line break did not press Enter")
        try tmux.send("C-w", "BSpace")
        try tmux.waitFor("1 match")
        try tmux.send("Escape", "q")
        try tmux.waitFor("exit=0")
    }

    /// Shift-Up and Shift-Down move on the Lineage screen, also where terminfo has no entry for
    /// them (screen-256color, tmux's default).
    @Test(arguments: ["xterm-256color", "screen-256color"])
    func shiftUpAndDownMoveOnTheLineageScreen(_ term: String) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: term)
        try tmux.startKatalog()
        try tmux.send("2")
        try tmux.waitFor("nodes  ·")
        try tmux.send("/")
        try tmux.type("dp-db2-eksport")
        try tmux.send("Enter")
        try tmux.waitFor("Naisjob: dp-db2-eksport  (Transfer)")
        try tmux.send("S-Up")
        try tmux.waitFor("Naisjob: dp-arena-sync  (Transfer)")
        try tmux.send("S-Down")
        try tmux.waitFor("Naisjob: dp-db2-eksport  (Transfer)")
        try tmux.send("S-Down")
        let screen = try tmux.waitFor("Nais app: dp-rapid-sink  (Transfer)")
        #expect(screen.contains("2 Lineage"), "still on the Lineage screen: no stray keys")
        try tmux.send("q")
        try tmux.waitFor("exit=0")
    }

    /// On a terminal the CLI's tables fit it, the widest columns cut with `…`.
    @Test(arguments: [60, 100])
    func cliTablesFitTheTerminal(_ width: Int) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color", width: width, height: 20)
        try tmux.type("\(KatalogBinary.executable.path) ls --workspace \(katalog.workspace); echo fer\"\"dig")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("ferdig")
        let rows = screen.split(separator: "\n").filter { $0.hasPrefix("behandling ") || $0.hasPrefix("rasone ") || $0.hasPrefix("DATASET") }
        #expect(rows.count == 3 && rows.allSatisfy { DisplayWidthOf($0) <= width }, "\(rows)")
        #expect(rows.contains { $0.hasSuffix("…") } == (width < 140))
    }

    /// TERM=dumb draws every frame on one line: refused, as without a terminal.
    @Test func aDumbTerminalIsRefused() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "dumb")
        try tmux.type("\(KatalogBinary.executable.path) --workspace \(katalog.workspace); echo \"exit=$?\"")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("exit=1")
        #expect(screen.contains("not TERM=dum") && !screen.contains("Datastream streams"), "\(screen)")
    }

    /// A locale that cannot show æøå (LANG=C): every letter kept in ASCII, and the names stay
    /// typeable in :goto.
    @Test func anASCIILocaleKeepsEveryLetter() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color", extraEnvironment: "LANG=C LC_ALL=C")
        try tmux.startKatalog()
        try tmux.type(":goto rasone.stonadshistorikk")
        try tmux.send("Enter")
        try tmux.waitFor("rasone > stonadshistorikk")
        let screen = try tmux.waitFor("Schema")
        #expect(screen.contains("T stonadshistorikk") && !screen.contains("stnadshistorikk") && !screen.contains("loading"), "\(screen)")
        try tmux.send("q")
        try tmux.waitFor("exit=0")
    }

    /// A cloud call that hangs says within a second what it waits for, then ends by --timeout.
    @Test func aSlowCloudCallSaysWhatItWaitsFor() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let server = try FaultServer { _ in .noAnswer }
        defer { server.stop() }
        let config = katalog.home.appendingPathComponent("config/katalog")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try ["bigquery", "connection", "datatransfer", "datastream", "lineage"].map { "\($0):\n  endpoint: \(server.url.absoluteString)\n" }.joined()
            .write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color", extraEnvironment: "KATALOG_ACCESS_TOKEN=ya29.e2e-slow-token")
        try tmux.type("\(KatalogBinary.executable.path) ls --project dagpenger-prod-4e2b --timeout 4; echo \"exit=$?\"")
        try tmux.send("Enter")
        let started = Date()
        try tmux.waitFor("has not answered yet, waiting")
        #expect(Date().timeIntervalSince(started) < 3.5, "said within about a second")
        let screen = try tmux.waitFor("exit=2")
        #expect(screen.contains("BigQuery (127.0.0.1)") && !screen.contains("ya29.e2e-slow-token"))
    }

    @Test func aSessionWithEveryTransientStateAndACleanExit() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        try tmux.startKatalog(prefix: "echo før-katalog; ", suffix: "")

        // Open a table's schema.
        try tmux.type(":goto rasone.tabell_1")
        try tmux.send("Enter")
        let schema = try tmux.waitFor("├─ fødselsnummer")
        #expect(schema.contains("dagpenger-prod-4e2b › rasone › tabell_1"))

        // Filter, then leave it: the match stays selected.
        try tmux.type("/stønad")
        try tmux.waitFor("1 match")
        try tmux.send("Escape")
        try tmux.waitFor("Datastream streams")
        try tmux.waitFor("└─ beløp")

        // Help, then close it.
        try tmux.send("?")
        try tmux.waitFor("Everywhere")
        try tmux.send("Escape")
        try tmux.waitUntilGone("Everywhere")

        // Too small, smaller, and back.
        try tmux.resize(40, 12)
        try tmux.waitFor("Terminal too small (need 60×15)")
        try tmux.resize(20, 5)
        try tmux.waitFor("(need 60×15)")
        try tmux.resize(120, 40)
        try tmux.waitFor("└─ beløp")

        // Suspend to the shell and come back.
        try tmux.send("C-z")
        try tmux.waitFor("Stopped")
        try tmux.type("fg")
        try tmux.send("Enter")
        try tmux.waitFor("└─ beløp")

        // Quit: the shell's screen is back and katalog exited 0 (fg returns its status).
        try tmux.send("q")
        try tmux.waitUntilGone("└─ beløp")
        try tmux.type("echo \"exit=$?\"")
        try tmux.send("Enter")
        let after = try tmux.waitFor("exit=0")
        #expect(after.contains("før-katalog"))
        #expect(!after.contains("└─ beløp"))
    }

    @Test func eightColoursAndNoColor() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()

        let eight = try Tmux(katalog: katalog, term: "xterm")
        try eight.startKatalog()
        let colours = Tmux.colourCodes(try eight.screen(escapes: true))
        #expect(!colours.isEmpty, "expected colour escapes")
        #expect(!colours.contains("38") && !colours.contains("48"), "an 8-colour terminal got 256-colour escapes")
        try eight.send("q")
        try eight.waitFor("exit=0")

        let plain = try Tmux(katalog: katalog, term: "xterm-256color", extraEnvironment: "NO_COLOR=1")
        try plain.startKatalog()
        let mono = try plain.screen(escapes: true)
        #expect(Tmux.colourCodes(mono).isEmpty, "NO_COLOR still produced colour: \(Tmux.colourCodes(mono))")
        #expect(mono.contains("\u{1B}[7m") || mono.contains("\u{1B}[1m"), "monochrome still marks with attributes")
        try plain.send("C-c")
        try plain.waitFor("exit=130")  // Ctrl-C: 128 + SIGINT, as a shell expects
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        try tmux.startKatalog(prefix: "echo før-katalog; ")
        let child = try #require(try tmux.katalogPID())
        kill(child, SIGTERM)
        let after = try tmux.waitFor("exit=143")  // 128 + SIGTERM
        #expect(after.contains("før-katalog") && !after.contains("Datastream streams"))
    }

    /// What `make bench` times: KATALOG_EXIT_AFTER_FIRST_FRAME=loaded ends katalog by itself
    /// once everything the start loads is on screen (every dataset's tables: the filter can
    /// find them), with the terminal given back; `=1` after the very first frame.
    @Test func exitAfterTheFirstFrameForTheBenchmarks() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        try tmux.type("KATALOG_EXIT_AFTER_FIRST_FRAME=loaded \(KatalogBinary.executable.path) --workspace \(katalog.workspace); echo \"loaded-exit=$?\"")
        try tmux.send("Enter")
        try tmux.waitFor("loaded-exit=0")
        try tmux.type("KATALOG_EXIT_AFTER_FIRST_FRAME=1 \(KatalogBinary.executable.path) --workspace \(katalog.workspace); echo \"first-exit=$?\"")
        try tmux.send("Enter")
        let after = try tmux.waitFor("first-exit=0")
        #expect(!after.contains("Datastream streams"), "the terminal is back to the shell")
    }

    @Test func lineageAndBackToTheExplorer() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color", width: 160, height: 40)
        try tmux.startKatalog()
        try tmux.type(":goto rasone.tabell_1")
        try tmux.send("Enter")
        try tmux.waitFor("├─ fødselsnummer")
        try tmux.send("L")
        // The graph loads in the background: wait for it, not just for the header.
        let graph = try tmux.waitFor("26 edges")
        #expect(graph.contains("Lineage › rasone.tabell_1") && graph.contains("Datastream: dp-soknad til råsone"))
        try tmux.send("Tab")
        try tmux.waitUntilGone("Lineage › rasone.tabell_1")
        try tmux.send("Escape")
        try tmux.waitFor("├─ fødselsnummer")
        try tmux.send("2")
        try tmux.waitFor("28 nodes")
        try tmux.send("1")
        try tmux.waitFor("local workspace")
        try tmux.send("q")
        try tmux.waitFor("exit=0")
    }

    /// The team's lineage.yaml widens one fan past the limit: it collapses, expands on Enter,
    /// collapses again on x; / finds, shift-arrows move, f focuses, Enter opens the Explorer.
    @Test func lineageFansFindAndFocus() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let topics = (1...12).map { String(format: "kafka:teamdagpenger-topic-%02d", $0) }.joined(separator: ", ")
        try "flows:\n  - from: [\(topics)]\n    through: nais-app:dp-rapid-sink\n    to: rasone.rapid_hendelser\n"
            .write(to: katalog.home.appendingPathComponent("lineage.yaml"), atomically: true, encoding: .utf8)
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color", width: 160, height: 44)
        try tmux.startKatalog(prefix: "cd \(katalog.home.path) && ")
        try tmux.send("2")
        let collapsed = try tmux.waitFor("35 nodes")
        #expect(collapsed.contains("… +6 more"))
        try tmux.send("/")
        try tmux.type("+6")
        try tmux.send("Enter")
        try tmux.waitFor("+6 more  (Internal model)")
        try tmux.send("Enter")
        let expanded = try tmux.waitFor("40 nodes")
        #expect(expanded.contains("kafka: teamdagpenger-topic-07  (Internal model)") && !expanded.contains("+6 more"))
        try tmux.send("x")
        try tmux.waitFor("35 nodes")
        // Shift-right from a source selects the transfer it feeds.
        try tmux.send("/")
        try tmux.type("oracle")
        try tmux.send("Enter")
        try tmux.waitFor("oracle: tabell_n  (Internal model)")
        try tmux.send("S-Right")
        try tmux.waitFor("Naisjob: dp-arena-sync  (Transfer)")
        // Focus on a table, open it in the Explorer, and come back to the same focus.
        try tmux.send("/")
        try tmux.type("rasone.tabell_1")
        try tmux.send("Enter", "f")
        try tmux.waitFor("focus 2+…+2")
        try tmux.send("Enter")
        try tmux.waitFor("├─ fødselsnummer")
        try tmux.send("2")
        try tmux.waitFor("focus 2+…+2")
        try tmux.send("q")
        try tmux.waitFor("exit=0")
    }
}

/// Cells a line takes on screen (the test's own count: wide letters are two).
func DisplayWidthOf<S: StringProtocol>(_ text: S) -> Int {
    text.unicodeScalars.reduce(0) { width, scalar in
        // As a terminal counts (wcwidth): marks and format characters (ZWJ, BOM) take no cell.
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return width
        default: return width + (scalar.properties.isEmojiPresentation || (0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value) ? 2 : 1)
        }
    }
}
