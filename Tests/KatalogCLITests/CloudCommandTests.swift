import Foundation
import Testing
import KatalogTestSupport
import KatalogCore
import KatalogCloud

/// The CLI against a cloud project: the BigQuery emulator from scripts/with-emulator.sh.
@Suite("The command line on a cloud project", .offThePool)
struct CloudCommandTests {
    static let emulator = ProcessInfo.processInfo.environment["KATALOG_TEST_BIGQUERY"]

    @Test(.enabled(if: emulator != nil, "needs KATALOG_TEST_BIGQUERY (make test sets it)"))
    func browsingTheEmulatedProject() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        // host:port, the goccy convention; the other test uses the Python client's http:// form.
        let host = Self.emulator!.replacingOccurrences(of: "http://", with: "")
        let ls = try katalog.run(["ls", "--project", "dagpenger-prod-4e2b"], environment: ["BIGQUERY_EMULATOR_HOST": host])
        #expect(ls.status == 0, "\(ls.stderr)")
        #expect(ls.stdout.contains("mange") && ls.stdout.contains("Råsone"))
        let show = try katalog.run(["show", "rasone.tabell_1", "--json"],
                                   environment: ["BIGQUERY_EMULATOR_HOST": Self.emulator!, "KATALOG_PROJECT": "dagpenger-prod-4e2b"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let fields = try #require((object["table"] as? [String: Any])?["schema"] as? [[String: Any]])
        #expect(fields.map { $0["name"] as? String } == ["søknad_id", "person", "søknadstype", "mottatt", "vedlegg", "datastream_metadata"])
        let missing = try katalog.run(["show", "rasone.finnes_ikke", "--project", "dagpenger-prod-4e2b"], environment: ["BIGQUERY_EMULATOR_HOST": host])
        #expect(missing.status == 1 && missing.stderr.contains("does not exist"))
    }

    @Test func aProjectWithoutCredentialsSaysHowToSignIn() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        // No gcloud on this PATH, no key file, no metadata server.
        let result = try katalog.run(["ls"], environment: ["KATALOG_PROJECT": "dagpenger-prod-4e2b", "PATH": "/nonexistent", "NO_GCE_CHECK": "1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("No Google credentials were found") && result.stderr.contains("gcloud auth application-default login"))
    }

    @Test func theActiveGcloudConfigurationNamesTheProject() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let gcloud = katalog.home.appendingPathComponent("gcloud")
        try FileManager.default.createDirectory(at: gcloud.appendingPathComponent("configurations"), withIntermediateDirectories: true)
        try "arbeid\n".write(to: gcloud.appendingPathComponent("active_config"), atomically: true, encoding: .utf8)
        try "[core]\naccount = ola@nav.no\nproject = Ugyldig_Fra_Gcloud\n".write(to: gcloud.appendingPathComponent("configurations/config_arbeid"), atomically: true, encoding: .utf8)
        let result = try katalog.run(["ls"], environment: ["CLOUDSDK_CONFIG": gcloud.path])
        #expect(result.status == 1 && result.stderr.contains("Ugyldig_Fra_Gcloud") && result.stderr.contains("(from the active gcloud configuration)"))
    }
}

@Suite("katalog doctor", .offThePool)
struct DoctorTests {
    static let emulator = ProcessInfo.processInfo.environment["KATALOG_TEST_BIGQUERY"]
    static let keys = ProcessInfo.processInfo.environment["KATALOG_TEST_KEYS"]
    static let google = ProcessInfo.processInfo.environment["KATALOG_TEST_GOOGLE"]

    /// config.yaml with BigQuery at the emulator and the other Google APIs at the fake server.
    static func pointAtTheEmulators(_ katalog: KatalogBinary) throws {
        let config = katalog.home.appendingPathComponent("config/katalog")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let siblings = ["connection", "datatransfer", "datastream", "lineage"].map { "\($0):\n  endpoint: \(google!)\n" }.joined()
        try ("bigquery:\n  endpoint: \(emulator!)\n" + siblings).write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
    }

    @Test func withoutAProjectItPointsAtTheWorkspace() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let result = try katalog.run(["doctor"])
        #expect(result.status == 0 && result.stdout.contains("none set — katalog shows the local workspace"))
    }

    @Test(.enabled(if: emulator != nil && keys != nil && google != nil, "needs the emulator and the fake Google server (make test)"))
    func credentialsProjectAndAPIsWithTimings() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try Self.pointAtTheEmulators(katalog)
        let result = try katalog.run(["doctor", "--project", "dagpenger-prod-4e2b"],
                                     environment: ["GOOGLE_APPLICATION_CREDENTIALS": Self.keys! + "/service_account.json"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Project:       dagpenger-prod-4e2b (from --project)"))
        #expect(result.stdout.contains("✓ service account katalog-test@dagpenger-prod-4e2b.iam.gserviceaccount.com — token obtained in"))
        #expect(result.stdout.contains("✓ BigQuery"))
        #expect(result.stdout.contains("✓ Connection API     1 connections"))
        #expect(result.stdout.contains("✓ Data Transfer API  3 scheduled queries"))
        #expect(result.stdout.contains("✓ Datastream API     1 streams"))
        #expect(result.stdout.contains("✓ Data Lineage API   0 links"))
        #expect(!result.stdout.contains("ya29") && !result.stderr.contains("ya29"))
    }

    /// The lineage needs the datasets, and the sibling APIs and the Data Lineage API (once per
    /// table) their locations: one datasets.list answers them all.
    @Test(.enabled(if: emulator != nil && keys != nil && google != nil, "needs the emulator and the fake Google server (make test)"))
    func oneDatasetListServesEveryAPI() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try Self.pointAtTheEmulators(katalog)
        let started = Date()
        let result = try katalog.run(["lineage", "--project", "dagpenger-prod-4e2b", "--trace"],
                                     environment: ["GOOGLE_APPLICATION_CREDENTIALS": Self.keys! + "/service_account.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let lists = lines.filter { $0.range(of: #"GET \S*/projects/dagpenger-prod-4e2b/datasets \d{3} "#, options: .regularExpression) != nil }
        // One list is shared for 30 s (SharedDatasetList.maxAge); an emulator kept busy by the
        // other tests can stretch the run past that, and then one more list is right.
        #expect(lists.count <= 1 + Int(Date().timeIntervalSince(started) / 30), "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains(":searchLinks") } && lines.contains { $0.contains("/transferConfigs") })
    }

    @Test func aRefusedKeyIsReportedWithExitTwo() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let key = katalog.home.appendingPathComponent("key.json")
        try #"{"type":"external_account"}"#.write(to: key, atomically: true, encoding: .utf8)
        let result = try katalog.run(["doctor", "--project", "dagpenger-prod-4e2b"], environment: ["GOOGLE_APPLICATION_CREDENTIALS": key.path])
        #expect(result.status == 2 && result.stdout.contains("✗") && result.stdout.contains("external_account"))
    }
}

/// Cloud commands against a server on 127.0.0.1 that answers badly on purpose.
@Suite("The command line against a broken server", .offThePool)
struct BrokenServerCommandTests {
    static let token = "ya29.cli-fault-" + UUID().uuidString

    func run(_ server: FaultServer, _ arguments: [String]) throws -> KatalogBinary.Result {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let config = katalog.home.appendingPathComponent("config/katalog")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        // Every API at the server: nothing may go anywhere but 127.0.0.1.
        let endpoints = ["bigquery", "connection", "datatransfer", "datastream", "lineage"].map { "\($0):\n  endpoint: \(server.url.absoluteString)\n" }
        try endpoints.joined().write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        return try katalog.run(arguments + ["--project", "dagpenger-prod-4e2b", "--timeout", "3"], environment: ["KATALOG_ACCESS_TOKEN": Self.token])
    }

    @Test(arguments: ["-1", "NaN", "-1e300"])
    func aNegativeOrNaNRetryAfterIsAnErrorNotACrash(_ header: String) throws {
        let server = try FaultServer { _ in .json(503, #"{"error":{"code":503,"message":"busy","status":"UNAVAILABLE"}}"#, headers: [("Retry-After", header)]) }
        defer { server.stop() }
        let result = try run(server, ["ls"])
        #expect(result.status == 2, "\(result.status): \(result.stderr)")
        #expect(result.stderr.contains("answered with error 503"))
    }

    @Test(arguments: [["ls"], ["show", "rasone.tabell_1"], ["lineage"], ["doctor"]])
    func anEchoedTokenIsNeverPrinted(_ command: [String]) throws {
        let server = try FaultServer { request in
            .json(400, #"{"error":{"code":400,"message":"you sent Authorization: \#(request.header("Authorization") ?? "")"}}"#)
        }
        defer { server.stop() }
        let result = try run(server, command)
        #expect(result.status != 0 && !server.received.isEmpty)
        #expect(!(result.stdout + result.stderr).contains(Self.token), "\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("[redacted]"), "\(result.stdout)\(result.stderr)")
    }

    @Test func aRedirectToAnotherHostIsRefused() throws {
        let elsewhere = try FaultServer { _ in .json(200, "{}") }
        defer { elsewhere.stop() }
        let server = try FaultServer { _ in .respond(status: 302, headers: [("Location", elsewhere.url.absoluteString + "/x")]) }
        defer { server.stop() }
        let result = try run(server, ["ls"])
        #expect(result.status == 2 && result.stderr.contains("does not send your credentials to another host"), "\(result.stderr)")
        #expect(elsewhere.received.isEmpty)
    }
}

/// The marketplace chosen by flag, environment or config.yaml, its token from the environment
/// or a command: `doctor` says which, and who the server says you are — never the token.
@Suite("Choosing the marketplace", .offThePool)
struct MarketplaceChoiceTests {
    static let userData = #"{"name":"Ola Nordmann","email":"ola.nordmann@nav.no","googleGroups":[{"name":"teamdagpenger","email":"teamdagpenger@nav.no"}],"gcpProjects":null,"dataproducts":null,"accessRequests":null,"accessRequestsAsGranter":null,"ident":"X123"}"#

    @Test func doctorSaysWhichMarketplaceWhoYouAreAndWhereTheTokenCameFrom() throws {
        let token = "mp-token-" + UUID().uuidString
        let server = try FaultServer { request in
            request.header("Authorization") == "Bearer \(token)" ? .json(200, Self.userData) : .respond(status: 401, body: Data("Unauthorized".utf8))
        }
        defer { server.stop() }
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let result = try katalog.run(["doctor", "--marketplace", server.url.absoluteString], environment: ["KATALOG_MARKETPLACE_TOKEN": token])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Marketplace:   \(server.url.absoluteString) (from --marketplace)"))
        #expect(result.stdout.contains("✓ Ola Nordmann <ola.nordmann@nav.no> — teamdagpenger@nav.no") && result.stdout.contains("token from access token from KATALOG_MARKETPLACE_TOKEN"))
        #expect(!result.stdout.contains(token) && !result.stderr.contains(token))
        #expect(server.received.first?.uri == "/api/userData")
    }

    /// A token command is run without a shell; on a 401 it is run once more, then the refusal stands.
    @Test func aTokenCommandIsRunAgainOnceOn401() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let counter = katalog.home.appendingPathComponent("runs")
        let script = katalog.home.appendingPathComponent("token.sh")
        // The first token is stale; the second is the one the server takes.
        try "#!/bin/sh\necho x >> \(counter.path)\nif [ $(wc -l < \(counter.path)) -eq 1 ]; then echo stale-token-1234; else echo fresh-token-5678; fi\n"
            .write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        let server = try FaultServer { request in
            request.header("Authorization") == "Bearer fresh-token-5678" ? .json(200, Self.userData) : .respond(status: 401, body: Data("Unauthorized".utf8))
        }
        defer { server.stop() }
        let config = katalog.home.appendingPathComponent("config/katalog")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "marketplace:\n  url: \(server.url.absoluteString)\n  token_command: [\(script.path)]\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let result = try katalog.run(["doctor"])
        #expect(result.stdout.contains("(from marketplace.url in config.yaml)") && result.stdout.contains("✓ Ola Nordmann"), "\(result.stdout)")
        #expect(try String(contentsOf: counter, encoding: .utf8).split(separator: "\n").count == 2)
        #expect(!result.stdout.contains("fresh-token-5678") && !result.stdout.contains("stale-token-1234"))
    }

    @Test func aTokenCommandThatFailsOrPrintsNothingIsAClearError() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let server = try FaultServer { _ in .json(200, Self.userData) }
        defer { server.stop() }
        for command in ["[/bin/false]", "[/bin/true]"] {
            let config = katalog.home.appendingPathComponent("config/katalog")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try "marketplace:\n  url: \(server.url.absoluteString)\n  token_command: \(command)\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
            let result = try katalog.run(["doctor"])
            #expect(result.status == 2 && result.stdout.contains("Got no token for the marketplace") && result.stdout.contains("token_command"), "\(result.stdout)")
        }
        #expect(server.received.isEmpty, "nothing sent without a token")
    }

    @Test func prodAndDevAreShorthandsAndABadURLIsRefused() throws {
        #expect(try MarketplaceTarget.resolve(flag: "prod", environment: [:], configured: nil)?.baseURL.absoluteString == "https://data.ansatt.nav.no")
        #expect(try MarketplaceTarget.resolve(flag: nil, environment: ["KATALOG_MARKETPLACE_URL": "dev"], configured: "prod")?.source == "KATALOG_MARKETPLACE_URL")
        #expect(try MarketplaceTarget.resolve(flag: nil, environment: [:], configured: nil) == nil)
        #expect(throws: InvalidInput.self) { try MarketplaceTarget.resolve(flag: "ftp://x", environment: [:], configured: nil) }
    }
}
