import Foundation
import Glibc
import GRDB
import Testing
import KatalogTestSupport

/// The real binary under tmux, abused: a storm of random sizes while a big project loads, and
/// random keys — escape sequences, bracketed-paste markers, invalid UTF-8 — on every screen, in
/// the wizard and in access review. katalog never crashes, gives the terminal back exactly
/// (`stty -a` the same before and after), and changes nothing without a confirmation's yes.
@Suite("Terminal abuse (tmux)", .serialized, .offThePool)
struct TerminalAbuseTests {
    typealias Tmux = TerminalEndToEndTests.Tmux

    /// One random key as the bytes a terminal sends. Never `q` (quit), `y`/`Y` (a
    /// confirmation's yes), Ctrl-C, Ctrl-Z or Ctrl-\ (quit and job control): the test ends katalog
    /// itself, and a yes must be the user's.
    static func key(_ random: inout SeededRandom) -> [UInt8] {
        let plain = Array("abcdefghijklmnoprstuvwxzABCDEFGHIJKLMNOPQRSTUVWXZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8)
        let sequences: [[UInt8]] = ["\u{1B}[A", "\u{1B}[B", "\u{1B}[C", "\u{1B}[D", "\u{1B}[1;2A", "\u{1B}[1;2B", "\u{1B}[1;5C", "\u{1B}[1;5D", "\u{1B}[5~",
                                    "\u{1B}[6~", "\u{1B}[H", "\u{1B}[F", "\u{1B}[3~", "\u{1B}[Z", "\u{1B}OP", "\u{1B}[15~", "\u{1B}[<0;12;7M", "\u{1B}[<0;12;7m",
                                    "\u{1B}b", "\u{1B}f", "\u{1B}[999;999R", "\u{1B}]52;c;aGk=\u{07}", "\u{1B}["].map { Array($0.utf8) }
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<55: return [plain.randomElement(using: &random)!]
        case 55..<63: return [[0x0D], [0x09], [0x7F], [0x1B], [0x08], [0x0E], [0x10], [0x17], [0x0B], [0x15], [0x01], [0x05], [0x04]].randomElement(using: &random)!
        case 63..<85: return sequences.randomElement(using: &random)!
        case 85..<90:
            let pasted = (0..<Int.random(in: 0...40, using: &random)).map { _ in plain.randomElement(using: &random)! } + Array("\n\u{1B}[2J".utf8)
            return Array("\u{1B}[200~".utf8) + pasted + (Bool.random(using: &random) ? Array("\u{1B}[201~".utf8) : [])
        case 90..<95: return [[0xFF], [0xC3], [0xE2, 0x82], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x9B], [0xC2, 0x9B]].randomElement(using: &random)!
        default: return Array(["æ", "Ø", "å", "👍🏽", "表", "\u{202E}", "\u{200B}"].randomElement(using: &random)!.utf8)
        }
    }

    /// What changes data: every audit record, dataprodukt, datasett, grant and request.
    static func changes(_ path: String) throws -> [Int] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try ["auditEvent", "dataprodukt", "datasett", "accessGrant WHERE revoked IS NULL", "accessRequest WHERE status = 'pending'"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0
            }
        }
    }

    /// Starts katalog with `stty -a` written before and after, without waiting for a screen.
    static func start(_ tmux: Tmux, _ katalog: KatalogBinary) throws -> (before: String, after: String) {
        let before = katalog.home.appendingPathComponent("stty.before").path, after = katalog.home.appendingPathComponent("stty.after").path
        try tmux.type("stty -a > \(before); \(KatalogBinary.executable.path) --workspace \(katalog.workspace); echo \"exit=$?\"; stty -a > \(after); echo fer\"\"dig")
        try tmux.send("Enter")
        return (before, after)
    }

    /// Leaves whatever is open (Esc pops one screen or closes one thing) and quits; true when
    /// katalog said exit 0 and gave the terminal back as it found it.
    static func quit(_ tmux: Tmux, stty: (before: String, after: String)) throws -> Bool {
        // A paste whose end marker never came ends after a second of silence.
        Thread.sleep(forTimeInterval: 1.2)
        for _ in 0..<6 {
            try tmux.send("Escape")
            Thread.sleep(forTimeInterval: 0.1)
        }
        try tmux.send("q")
        let screen = try tmux.waitFor("ferdig")
        let modes = (try? String(contentsOfFile: stty.before, encoding: .utf8), try? String(contentsOfFile: stty.after, encoding: .utf8))
        return screen.contains("exit=0") && modes.0 != nil && modes.0 == modes.1
    }

    /// A paste start marker without its end swallowed every key after it, `q` too, for good.
    @Test func aPasteThatNeverEndsEndsAfterASecondOfSilence() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        let stty = try Self.start(tmux, katalog)
        try tmux.waitFor("Datastream streams")
        try tmux.send("/")
        try tmux.tmux(["send-keys", "-t", "e2e", "-H"] + Array("\u{1B}[200~vedtak".utf8).map { String(format: "%02x", $0) })
        Thread.sleep(forTimeInterval: 1.5)
        try tmux.type("_dag")
        let screen = try tmux.waitFor("/vedtak_dag")
        var tally = Tally()
        tally.check(screen.contains("/vedtak_dag"), "the paste, then the typing, in the filter:\n\(screen)")
        tally.check(try Self.quit(tmux, stty: stty), "katalog did not end cleanly")
    }

    @Test func aResizeStormWhileAProjectLoads() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        var tally = Tally()
        tally.check(try katalog.run(["demo", "--synthetic", "5000", "--workspace", katalog.workspace]).status == 0, "demo --synthetic")
        let sizes = Stress.count(quick: 40, long: 200)
        var random = SeededRandom(seed: Stress.seed)
        let seed = random.state
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color")
        let stty = try Self.start(tmux, katalog)
        for _ in 0..<sizes {
            try tmux.resize(Int.random(in: 1...300, using: &random), Int.random(in: 1...100, using: &random))
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.02, using: &random))
        }
        try tmux.resize(120, 40)
        let screen = try tmux.waitFor("råsone")
        tally.check(screen.split(separator: "\n").allSatisfy { DisplayWidthOf($0) <= 120 }, "a line wider than the terminal (seed \(seed))")
        tally.check(try Self.quit(tmux, stty: stty), "katalog did not end cleanly or left the terminal changed (seed \(seed)):\n\((try? tmux.screen()) ?? "")")
        Stress.report("terminal: resize storm while 5,000 tables load", volume: "\(sizes) sizes from 1×1 to 300×100", failures: tally.failures,
                      lost: tally.failures == 0 ? "nothing; stty -a the same" : "see the failures")
    }

    @Test func keyMashingOnEveryScreen() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let keys = Stress.count(quick: 1_500, long: 10_000)
        var random = SeededRandom(seed: Stress.seed)
        let seed = random.state
        var tally = Tally()
        let before = try Self.changes(katalog.workspace)
        let tmux = try Tmux(katalog: katalog, term: "xterm-256color", extraEnvironment: "EDITOR=true VISUAL=true SWIFT_BACKTRACE=enable=no")
        let stty = try Self.start(tmux, katalog)
        try tmux.waitFor("Datastream streams")
        var sent = 0
        // Each screen in turn — the Explorer, lineage, the wizard (opened on a table), access
        // review — gets its share, a batch at a time.
        let screens = [["1"], ["2"], ["1", "p"], ["4"], ["3"]]
        var turn = 0
        while sent < keys {
            for key in screens[turn % screens.count] { try tmux.send(key) }
            turn += 1
            for _ in 0..<5 {
                var batch: [UInt8] = []
                for _ in 0..<min(40, keys - sent) { batch += Self.key(&random); sent += 1 }
                guard !batch.isEmpty else { break }
                try tmux.tmux(["send-keys", "-t", "e2e", "-H"] + batch.map { String(format: "%02x", $0) })
            }
            Thread.sleep(forTimeInterval: 0.05)
            guard try tmux.katalogPID() != nil else { break }
        }
        tally.check(try tmux.katalogPID() != nil, "katalog ended while keys were mashed (seed \(seed)):\n\((try? tmux.screen()) ?? "")")
        tally.check(!(try tmux.screen()).contains("Fatal error"), "a crash (seed \(seed))")
        tally.check(try Self.quit(tmux, stty: stty), "katalog did not end cleanly or left the terminal changed (seed \(seed)):\n\((try? tmux.screen()) ?? "")")
        let after = try Self.changes(katalog.workspace)
        tally.check(after == before, "mashing changed data without a yes (seed \(seed)): \(before) → \(after)")
        Stress.report("terminal: key mashing on every screen, the wizard and access review", volume: "\(sent) random keys",
                      failures: tally.failures, lost: tally.failures == 0 ? "nothing; no change without a yes; stty -a the same" : "see the failures")
    }
}
