import Foundation
import Glibc
import Testing
import KatalogTestSupport

/// The real binary through a fault-injecting proxy on 127.0.0.1 — in front of the BigQuery
/// emulator and of the test marketplace — where a fifth of the calls meet 429 with Retry-After,
/// 500/502/503/504, a reset, a server that never answers, truncated or malformed JSON, an
/// HTML page, 10 MB of nothing or a body that trickles in: no crash; every command ends within
/// its `--timeout`; what fails names what and what to do; a read is tried again within the
/// budget; a POST is never sent twice.
@Suite("Network faults through a proxy", .serialized, .offThePool)
struct NetworkFaultTests {
    static let timeout = 8.0
    static let token = "katalog-test-marketplace-token-faults"

    struct Run {
        let arguments: [String]
        let result: KatalogBinary.Result
        let seconds: TimeInterval
    }

    /// What every run must be, failed or not.
    static func judge(_ run: Run, api: String, _ tally: inout Tally) {
        let (result, name) = (run.result, run.arguments.prefix(3).joined(separator: " "))
        tally.check([0, 1, 2].contains(result.status), "\(name): exit \(result.status) (a signal?)\n\(result.stderr)")
        tally.check(!result.stderr.contains("Fatal error") && !result.stderr.contains("Backtrace"), "\(name) crashed:\n\(result.stderr)")
        tally.check(run.seconds <= timeout + 3, "\(name) took \(Int(run.seconds)) s with --timeout \(Int(timeout))")
        guard result.status != 0 else { return }
        let said = result.stderr
        tally.check(said.hasPrefix("katalog: ") && said.contains(api), "\(name): the failure does not name \(api): \(said)")
        let advice = ["try again", "Try again", "Check", "Wait", "Reload", "Sign in", "Get a new", "--trace"]
        tally.check(advice.contains { said.contains($0) }, "\(name): the failure says nothing to do: \(said)")
        tally.check(!said.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(name): raw control characters: \(said.debugDescription)")
    }

    static func run(_ katalog: KatalogBinary, _ arguments: [String], environment: [String: String]) throws -> Run {
        let started = Date()
        let result = try katalog.run(arguments + ["--timeout", "\(Int(timeout))"], environment: environment)
        return Run(arguments: arguments, result: result, seconds: Date().timeIntervalSince(started))
    }

    static func faults(_ proxy: FaultProxy) -> String {
        let counted = Dictionary(grouping: proxy.log.compactMap(\.fault), by: \.rawValue).mapValues(\.count)
        return counted.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    @Test(.enabled(if: CloudCommandTests.emulator != nil, "needs KATALOG_TEST_BIGQUERY (make test sets it)"))
    func bigQueryThroughFaults() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let calls = Stress.count(quick: 120, long: 1_000)
        let proxy = try FaultProxy(upstream: URL(string: CloudCommandTests.emulator!)!, rate: 0.2, seed: Stress.seed)
        defer { proxy.stop() }
        let environment = ["BIGQUERY_EMULATOR_HOST": proxy.url.absoluteString]
        let commands = [["ls"], ["ls", "rasone"], ["show", "rasone.tabell_1"], ["ls", "-r", "--no-sizes"], ["ls", "behandling", "--json"]]
        var tally = Tally()
        var (runs, succeeded) = (0, 0)
        while proxy.log.count < calls {
            let run = try Self.run(katalog, commands[runs % commands.count] + ["--project", "dagpenger-prod-4e2b", "--workspace", katalog.workspace],
                                   environment: environment)
            Self.judge(run, api: "BigQuery", &tally)
            runs += 1
            if run.result.status == 0 { succeeded += 1 }
        }
        // Reads are tried again: nearly all succeed although a fifth of the calls fail.
        tally.check(Double(succeeded) >= Double(runs) * 0.85, "only \(succeeded) of \(runs) reads succeeded (seed \(Stress.seed); \(Self.faults(proxy)))")
        Stress.report("network faults: BigQuery (emulator) behind the proxy, 20 %", volume: "\(proxy.log.count) calls, \(runs) commands, \(succeeded) succeeded; \(Self.faults(proxy))",
                      failures: tally.failures, lost: tally.failures == 0 ? "nothing; every command within --timeout" : "see the failures")
    }

    @Test func marketplaceThroughFaults() async throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let now = try Date("2026-11-25T12:00:00Z", strategy: .iso8601)
        let server = try await MarketplaceTestServer.seeded(like: katalog, token: Self.token, now: now)
        defer { server.stop() }
        try await offThePool { () -> Void in
            let calls = Stress.count(quick: 120, long: 1_000)
            let proxy = try FaultProxy(upstream: server.url, rate: 0.2, seed: Stress.seed)
            defer { proxy.stop() }
            let environment = ["KATALOG_MARKETPLACE_TOKEN": Self.token]
            let ws = ["--workspace", katalog.workspace, "--marketplace", proxy.url.absoluteString]
            var tally = Tally()
            var (runs, reads, readsSucceeded, grants) = (0, 0, 0, 0)
            var failedReads: [String] = []
            while proxy.log.count < calls {
                let arguments: [String]
                let isGrant = runs % 4 == 3
                if isGrant {
                    arguments = ["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:nf\(runs)@nav.no"]
                    grants += 1
                } else {
                    arguments = [["products", "--json"], ["products", "show", "dagpengevedtak"], ["access", "list"]][runs % 3]
                }
                let run = try Self.run(katalog, arguments + ws, environment: environment)
                Self.judge(run, api: "Datamarkedsplassen", &tally)
                if !isGrant {
                    reads += 1
                    if run.result.status == 0 { readsSucceeded += 1 } else { failedReads.append("\(arguments.joined(separator: " ")): \(run.result.stderr)") }
                }
                runs += 1
            }
            // A grant is a POST: sent once, whatever happened to it.
            let posts = proxy.log.filter { $0.request.method == "POST" && $0.request.uri.hasPrefix("/api/accesses/bigquery/grant") }
            let bySubject = Dictionary(grouping: posts) { String(decoding: $0.request.body, as: UTF8.self) }
            tally.check(bySubject.values.allSatisfy { $0.count == 1 }, "a grant was sent more than once: \(bySubject.filter { $0.value.count > 1 }.keys)")
            tally.check(posts.count <= grants, "\(grants) grant commands, \(posts.count) grant POSTs")  // fewer: a read before it failed
            tally.check(Double(readsSucceeded) >= Double(reads) * 0.85, "only \(readsSucceeded) of \(reads) reads succeeded (seed \(Stress.seed); \(Self.faults(proxy))):\n\(failedReads.joined())")
            Stress.report("network faults: the marketplace behind the proxy, 20 %",
                          volume: "\(proxy.log.count) calls, \(runs) commands (\(grants) grants, \(posts.count) POSTed, none twice), \(readsSucceeded)/\(reads) reads succeeded; \(Self.faults(proxy))",
                          failures: tally.failures, lost: tally.failures == 0 ? "nothing; no POST repeated" : "see the failures")
        }
    }

    /// While every BigQuery call hangs (a server that accepts and never answers), the terminal UI
    /// answers keys as fast as it does on the local demo, and `q` quits at once. Times are key
    /// to screen through tmux (its own client calls included); the demo is the yardstick.
    @Test func theTerminalUIAnswersWhileCallsHang() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let hanging = try FaultServer { _ in .noAnswer }
        defer { hanging.stop() }
        var tally = Tally()
        let presses = Stress.count(quick: 5, long: 30)
        func measure(_ tmux: TerminalEndToEndTests.Tmux) throws -> [TimeInterval] {
            try (0..<presses).map { _ in
                let started = Date()
                try tmux.send("?")
                while try !tmux.screen().contains("─ Help ") {
                    guard Date().timeIntervalSince(started) < 5 else { break }
                }
                let took = Date().timeIntervalSince(started)
                try tmux.send("Escape")
                while try tmux.screen().contains("─ Help ") { guard Date().timeIntervalSince(started) < 10 else { break } }
                return took
            }
        }
        func quitTime(_ tmux: TerminalEndToEndTests.Tmux) throws -> TimeInterval {
            let started = Date()
            try tmux.send("q")
            // "exit=" and a digit: the typed command line itself says `exit=$?`.
            while try tmux.screen().range(of: #"exit=\d"#, options: .regularExpression) == nil { guard Date().timeIntervalSince(started) < 10 else { break } }
            return Date().timeIntervalSince(started)
        }
        let demo = try TerminalEndToEndTests.Tmux(katalog: katalog, term: "xterm-256color")
        try demo.startKatalog()
        let yardstick = try measure(demo)
        let demoQuit = try quitTime(demo)
        let tmux = try TerminalEndToEndTests.Tmux(katalog: katalog, term: "xterm-256color", extraEnvironment: "BIGQUERY_EMULATOR_HOST=\(hanging.url.absoluteString)")
        try tmux.type("\(KatalogBinary.executable.path) --workspace \(katalog.workspace) --project dagpenger-prod-4e2b; echo \"exit=$?\"")
        try tmux.send("Enter")
        try tmux.waitFor("1 Explorer")
        let hung = try measure(tmux)
        tally.check(!hanging.received.isEmpty, "katalog asked the hanging server nothing:\n\((try? tmux.screen()) ?? "")")
        let hungQuit = try quitTime(tmux)
        let screen = try tmux.screen()
        tally.check(screen.contains("exit=0"), "q did not end katalog at once:\n\(screen)")
        func median(_ times: [TimeInterval]) -> Double { times.sorted()[times.count / 2] * 1000 }
        let (slow, fast) = (median(hung), median(yardstick))
        // Answered, not stuck behind a call: within a tenth of a second of the demo's own time.
        tally.check(slow <= fast + 100 && (hung.max() ?? 9) < 1, "keys took \(Int(slow)) ms (max \(Int((hung.max() ?? 0) * 1000)) ms) while calls hang, \(Int(fast)) ms on the demo")
        tally.check(hungQuit < 1.5, "q took \(hungQuit) s while calls hang")
        Stress.report("network faults: the terminal UI while every call hangs",
                      volume: String(format: "%d keys: median %.0f ms (max %.0f), demo %.0f ms; q quit in %.0f ms (demo %.0f ms)", presses, slow,
                                     (hung.max() ?? 0) * 1000, fast, hungQuit * 1000, demoQuit * 1000),
                      failures: tally.failures, lost: tally.failures == 0 ? "nothing" : "see the failures")
    }
}
