import Foundation
import GRDB
import Testing
import KatalogTestSupport

/// Hostile metadata (HostileText) planted in a synthetic project, then every command in text
/// and `--json`, and the terminal UI under tmux with `pipe-pane` keeping every byte it sent:
/// no raw control from the data in any output or in the byte stream, JSON that parses, no
/// screen line wider than the terminal, no hang.
@Suite("Hostile metadata through every command and the real terminal", .serialized, .offThePool)
struct HostileCommandTests {
    static func workspace(_ katalog: KatalogBinary, tables: Int, planted: Int) throws {
        let made = try katalog.run(["demo", "--synthetic", String(tables), "--workspace", katalog.workspace])
        precondition(made.status == 0, made.stderr)
        let queue = try DatabaseQueue(path: katalog.workspace)
        defer { try? queue.close() }
        try queue.write { db in try HostileText.plant(planted) { sql, arguments in try db.execute(sql: sql, arguments: StatementArguments(arguments)) } }
    }

    @Test func everyCommandInTextAndJSON() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let (tables, planted) = (Stress.count(quick: 250, long: 2_000), Stress.count(quick: 2_000, long: 10_000))
        try Self.workspace(katalog, tables: tables, planted: planted)
        var tally = Tally()
        let ws = ["--workspace", katalog.workspace]
        let refs = try DatabaseQueue(path: katalog.workspace).read { db in
            try String.fetchAll(db, sql: "SELECT dataset || '.' || tableId FROM bqTable ORDER BY rowid LIMIT ?", arguments: [Stress.count(quick: 15, long: 300)])
        }
        let slugs = try DatabaseQueue(path: katalog.workspace).read { db in try String.fetchAll(db, sql: "SELECT slug FROM dataprodukt") }
        var commands: [[String]] = [["ls"], ["ls", "-r"], ["lineage"], ["lineage", "--format", "dot"], ["lineage", "--format", "mermaid"], ["products"],
                                    ["access", "list"], ["access", "list", "--pending"], ["access", "requests"], ["access", "risks"], ["access", "drift"],
                                    ["audit"], ["drafts"], ["connections"], ["scheduled"], ["streams"]]
        commands += refs.flatMap { [["show", $0], ["impact", $0], ["publish", "--init", "dagpenger-prod-4e2b." + $0]] } + slugs.map { ["products", "show", $0] }
        commands += [["doctor"], ["keys"]]
        let json = commands.filter { $0.first != "lineage" && $0.first != "publish" }.map { $0 + ["--json"] }
            + [["lineage", "--format", "json"]]
        var ran = 0
        // Piped, tables come whole (for other programs); on a terminal they fit it (TerminalEndToEndTests).
        for command in commands + json {
            let result = try katalog.run(command + ws)
            ran += 1
            let name = command.joined(separator: " ")
            tally.check([0, 1, 3].contains(result.status), "\(name): exit \(result.status): \(result.stderr.prefix(300))")
            for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                let raw = HostileText.unsafe(text)
                tally.check(raw.isEmpty, "\(name) \(stream): \(Set(raw.map { String($0.value, radix: 16) }))")
            }
            if command.contains("--json") || command.suffix(2) == ["--format", "json"] {
                tally.check((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil, "\(name): not JSON")
            }
        }
        // The manifest --init writes for a hostile table reads back: its escapes are YAML's own.
        for ref in refs.prefix(3) {
            let template = try katalog.run(["publish", "--init", "dagpenger-prod-4e2b." + ref] + ws)
            let file = katalog.home.appendingPathComponent("init.yaml")
            try template.stdout.write(to: file, atomically: true, encoding: .utf8)
            let plan = try katalog.run(["publish", "-f", file.path] + ws)
            tally.check(plan.status == 0, "the manifest for \(ref) does not read back: \(plan.stderr.prefix(400))")
            ran += 2
        }
        Stress.report("hostile metadata: every command, text and --json", volume: "\(planted) strings planted, \(ran) runs",
                      failures: tally.failures, lost: tally.failures == 0 ? "nothing; no raw control, every JSON parses" : "see the failures")
    }

    /// The bytes a real ncurses session sent the terminal, from tmux's `pipe-pane`: every escape
    /// sequence in them is one ncurses makes (CSI and the few two-byte ones), none carries the
    /// data's 6666, and no C1, DEL, BEL, OSC, DCS, APC or bidi control is there.
    static func rawProblems(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        var index = 0
        func problem(_ text: String) { if problems.count < 10 { problems.append("\(text) at byte \(index)") } }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B, index + 1 < bytes.count {
                let next = bytes[index + 1]
                if next == UInt8(ascii: "[") {
                    var end = index + 2
                    while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
                    let sequence = String(decoding: bytes[index..<min(end + 1, bytes.count)], as: UTF8.self)
                    if sequence.contains("6666") { problem("the data's CSI \(sequence.debugDescription)") }
                    index = end + 1
                    continue
                }
                if [UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"), UInt8(ascii: "X"), UInt8(ascii: "c")].contains(next) { problem("ESC \(Character(UnicodeScalar(next)))") }
                index += next == UInt8(ascii: "(") || next == UInt8(ascii: ")") ? 3 : 2
                continue
            }
            if byte == 0x07 || byte == 0x7F || byte == 0x00 { problem(String(format: "raw 0x%02x", byte)) }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { problem(String(format: "C1 U+%04X", bytes[index + 1])) }
            if byte == 0xE2, index + 2 < bytes.count, (bytes[index + 1] == 0x80 && (0xAA...0xAE).contains(bytes[index + 2]) || bytes[index + 1] == 0x81 && (0xA6...0xA9).contains(bytes[index + 2])) {
                problem("a bidi control")
            }
            index += 1
        }
        return problems
    }

    @Test func theByteStreamCheckFindsWhatItLooksFor() {
        #expect(Self.rawProblems(Array("\u{1B}[1;1H\u{1B}[38;5;12mok\u{1B}(B\u{1B}[m\r\n".utf8)).isEmpty, "ncurses' own sequences")
        for raw in ["\u{1B}]52;c;NjY2Ng==\u{07}", "\u{1B}[6666;6666H", "a\u{9B}b", "\u{202E}", "\u{7F}", "\u{1B}P6666\u{1B}\\"] {
            #expect(!Self.rawProblems(Array(raw.utf8)).isEmpty, "\(raw.debugDescription)")
        }
    }

    @Test func theRealTerminalGetsNoRawControlFromTheData() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try Self.workspace(katalog, tables: 250, planted: 2_000)
        var tally = Tally()
        let raw = katalog.home.appendingPathComponent("raw.bytes").path
        let tmux = try TerminalEndToEndTests.Tmux(katalog: katalog, term: "xterm-256color")
        try tmux.tmux(["pipe-pane", "-o", "-t", "e2e", "cat >> \(raw)"])
        try tmux.type("\(KatalogBinary.executable.path) --workspace \(katalog.workspace); echo \"exit=$?\"")
        try tmux.send("Enter")
        try tmux.waitFor("1 Explorer")
        var screens = 0
        func look() throws {
            Thread.sleep(forTimeInterval: 0.05)
            let screen = try tmux.screen()
            screens += 1
            let wide = screen.split(separator: "\n").first { DisplayWidthOf($0) > 120 }
            tally.check(wide == nil, "a line wider than the terminal: \(wide ?? "")")
        }
        for key in Array(repeating: ["l", "j"], count: Stress.count(quick: 25, long: 150)).flatMap({ $0 }) + ["Tab", "PgDn", "Tab", "2"]
            + Array(repeating: "Tab", count: 15) + ["c", "l", "c", "4", "j", "Enter", "Escape", "Tab", "j", "Enter", "Escape", "Tab", "Tab", "1", "M", "Escape", "?", "Escape"] {
            try tmux.send(key)
            try look()
        }
        let shown = try tmux.screen()
        try tmux.send("q")
        tally.check(try tmux.waitFor("exit=0").contains("exit=0"), "katalog did not end cleanly")
        Thread.sleep(forTimeInterval: 0.3)
        let bytes = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: raw))) ?? Data())
        tally.check(bytes.count > 10_000, "pipe-pane kept only \(bytes.count) bytes")
        let problems = Self.rawProblems(bytes)
        tally.check(problems.isEmpty, "raw controls from the data reached the terminal: \(problems)")
        let visible = String(decoding: bytes, as: UTF8.self)
        tally.check(visible.contains("\\x1b[6666") || shown.contains("\\x1b[6666"), "the planted escapes were never on screen")
        Stress.report("hostile metadata: a real ncurses session under tmux (pipe-pane)", volume: "\(bytes.count) bytes over \(screens) screens",
                      failures: tally.failures, lost: tally.failures == 0 ? "nothing; no raw control byte from the data" : "see the failures")
    }
}
