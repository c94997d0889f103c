import Foundation
import Glibc
import Testing
import KatalogTestSupport

/// Canary secrets in use — a Google access token, a service-account key (and the tokens the
/// fake Google server gives for it), a marketplace token — through every kind of run: listings,
/// `--trace`, `doctor`, changes with their audit records, errors from servers that quote the
/// token back, the terminal UI with its message log and a draft, a crash. Then every output,
/// every screen and every byte katalog left on disk is searched: the canaries are nowhere. What
/// katalog makes under the XDG folders is private: files 0600, folders 0700.
@Suite("Canary secrets appear nowhere", .serialized, .offThePool)
struct CanaryTests {
    static let googleToken = "ya29.canary-google-" + UUID().uuidString
    static let marketplaceToken = "canary-marketplace-" + UUID().uuidString
    /// What the fake Google server issues for a key: each must stay as secret as the canaries.
    static let issuedPrefix = "ya29.katalog-test-"

    final class Evidence: @unchecked Sendable {
        var texts: [(String, String)] = []
        func add(_ what: String, _ result: KatalogBinary.Result) { texts.append((what + " (stdout)", result.stdout)); texts.append((what + " (stderr)", result.stderr)) }
        func add(_ what: String, _ text: String) { texts.append((what, text)) }
    }

    /// Every file under `folder`, read as bytes (the SQLite workspace and its WAL included).
    static func files(under folder: URL) -> [(String, Data)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .compactMap { url in (try? Data(contentsOf: url)).map { (url.path, $0) } }
    }

    static func modes(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var wrong: [String] = []
        for case let relative as String in walker {
            var info = stat()
            let path = folder.appendingPathComponent(relative).path
            guard lstat(path, &info) == 0 else { continue }
            let (mode, isFolder) = (info.st_mode & 0o777, info.st_mode & S_IFMT == S_IFDIR)
            if mode != (isFolder ? 0o700 : 0o600) { wrong.append("\(relative) \(String(mode, radix: 8))") }
        }
        return wrong
    }

    @Test func theCanariesAppearNowhere() async throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()  // for the marketplace server; katalog makes its own demo below
        let now = try Date("2026-11-25T12:00:00Z", strategy: .iso8601)
        let marketplace = try await MarketplaceTestServer.seeded(like: katalog, token: Self.marketplaceToken, now: now)
        defer { marketplace.stop() }
        try FileManager.default.removeItem(atPath: katalog.workspace)
        let evidence = Evidence()
        try await offThePool { () -> Void in
            var tally = Tally()
            // Servers that quote the request back, Authorization header and all.
            let quoting = try FaultServer { request in
                .json(500, #"{"error":{"code":500,"message":"Authorization: \#(request.header("Authorization") ?? "") x-token=\#(request.header("Authorization")?.split(separator: " ").last ?? "")","status":"INTERNAL"}}"#)
            }
            defer { quoting.stop() }
            let market = ["KATALOG_MARKETPLACE_TOKEN": Self.marketplaceToken]
            let viaMarket = ["--marketplace", marketplace.url.absoluteString]
            func run(_ what: String, _ arguments: [String], _ environment: [String: String] = [:]) throws {
                evidence.add(what, try katalog.run(arguments, environment: environment))
            }
            // The marketplace token: reads, a grant and a revoke (audit records, the journal), --trace, an error that quotes it.
            try run("products", ["products", "--json", "--trace"] + viaMarket, market)
            try run("grant", ["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:kanari@nav.no", "--trace"] + viaMarket, market)
            try run("access list", ["access", "list", "--json"] + viaMarket, market)
            try run("doctor (marketplace)", ["doctor", "--marketplace", marketplace.url.absoluteString], market)
            try run("quoting marketplace", ["products", "--marketplace", quoting.url.absoluteString, "--timeout", "3"], market)
            // The Google token, at the emulator and at a server that quotes it.
            if let emulator = CloudCommandTests.emulator {
                let google = ["KATALOG_ACCESS_TOKEN": Self.googleToken, "BIGQUERY_EMULATOR_HOST": emulator]
                try run("ls -r (token)", ["ls", "-r", "--project", "dagpenger-prod-4e2b", "--trace"], google)
                try run("lineage (token)", ["lineage", "--project", "dagpenger-prod-4e2b", "--format", "json", "--trace"], google)
            }
            try run("quoting BigQuery", ["ls", "--project", "dagpenger-prod-4e2b", "--timeout", "3", "--trace"],
                    ["KATALOG_ACCESS_TOKEN": Self.googleToken, "BIGQUERY_EMULATOR_HOST": quoting.url.absoluteString])
            // The service-account key, and the tokens the fake Google server issues for it.
            var key: String?
            if let keys = DoctorTests.keys, DoctorTests.google != nil, CloudCommandTests.emulator != nil {
                try DoctorTests.pointAtTheEmulators(katalog)
                let credentials = ["GOOGLE_APPLICATION_CREDENTIALS": keys + "/service_account.json"]
                try run("doctor (key)", ["doctor", "--project", "dagpenger-prod-4e2b"], credentials)
                try run("ls (key)", ["ls", "rasone", "--project", "dagpenger-prod-4e2b", "--trace"], credentials)
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: keys + "/service_account.json"))) as? [String: Any]
                // The key's body, past the PEM header every key shares.
                key = (json?["private_key"] as? String).map { String($0.replacingOccurrences(of: "\n", with: "").dropFirst(60).prefix(48)) }
                try FileManager.default.removeItem(at: katalog.home.appendingPathComponent("config"))
            }
            // The terminal UI: the marketplace token quoted back in an error, the message log, a draft, a crash.
            let tmux = try TerminalEndToEndTests.Tmux(katalog: katalog, term: "xterm-256color",
                                                      extraEnvironment: "KATALOG_MARKETPLACE_TOKEN=\(Self.marketplaceToken) SWIFT_BACKTRACE=enable=no")
            try tmux.type("\(KatalogBinary.executable.path) --marketplace \(quoting.url.absoluteString); echo \"exit=$?\"")
            try tmux.send("Enter")
            try tmux.waitFor("1 Explorer")
            Thread.sleep(forTimeInterval: 1)
            evidence.add("TUI", try tmux.screen())
            try tmux.send("M")
            Thread.sleep(forTimeInterval: 0.3)
            evidence.add("TUI message log", try tmux.screen())
            try tmux.send("Escape")
            try tmux.send(":")
            try tmux.type("goto behandling.vedtak_daglig")
            try tmux.send("Enter")
            try tmux.send("p")
            try tmux.send("Tab")
            try tmux.type("Kanari")
            Thread.sleep(forTimeInterval: 2.5)  // the autosave
            try tmux.send("Escape")
            try tmux.send("q")
            evidence.add("TUI at the end", try tmux.waitFor("exit=0"))
            try tmux.type("clear; KATALOG_TEST_CRASH=after-first-frame \(KatalogBinary.executable.path); echo \"exit=$?\"")
            try tmux.send("Enter")
            evidence.add("crash", try tmux.waitFor("exit=132"))

            let canaries = [Self.googleToken, Self.marketplaceToken, Self.issuedPrefix] + (key.map { [$0] } ?? [])
            for (what, text) in evidence.texts {
                for canary in canaries { tally.check(!text.contains(canary), "\(what) shows a secret (\(canary.prefix(18))…)") }
            }
            let left = Self.files(under: katalog.home)
            for (path, bytes) in left {
                for canary in canaries { tally.check(bytes.range(of: Data(canary.utf8)) == nil, "\(path) holds a secret (\(canary.prefix(18))…)") }
            }
            // Not an empty search: the runs did leave an audit log, a draft and traces behind.
            let workspace = left.first { $0.0.hasSuffix("data/katalog/demo.sqlite") }?.1 ?? Data()
            tally.check(workspace.range(of: Data("grant.create".utf8)) != nil, "no audit record of the grant")
            tally.check(workspace.range(of: Data("Kanari".utf8)) != nil || left.contains { $0.0.hasSuffix("-wal") && $0.1.range(of: Data("Kanari".utf8)) != nil }, "no draft")
            tally.check(evidence.texts.contains { $0.1.contains("[redacted]") }, "no redacted token anywhere: did a server quote it?")
            let wrong = Self.modes(under: katalog.home.appendingPathComponent("data/katalog"))
            tally.check(wrong.isEmpty, "not private: \(wrong)")
            Stress.report("secrets: canary Google token, service-account key and marketplace token",
                          volume: "\(evidence.texts.count) outputs and screens, \(left.count) files searched for \(canaries.count) canaries",
                          failures: tally.failures, lost: tally.failures == 0 ? "nothing; files 0600, folders 0700" : "see the failures")
        }
    }
}
