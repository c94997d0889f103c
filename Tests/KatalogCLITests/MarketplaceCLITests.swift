import Foundation
import Testing
import KatalogCore
@testable import KatalogTestSupport

/// The built binary against the test marketplace server: `--marketplace http://127.0.0.1:PORT`,
/// the token in `KATALOG_MARKETPLACE_TOKEN`. Every command reads the server, every change
/// changes the server's state as the web app would, and the token is found nowhere afterwards.
@Suite("The CLI against Datamarkedsplassen", .offThePool)
struct MarketplaceCLITests {
    static let token = "katalog-test-marketplace-token-" + UUID().uuidString

    /// A demo workspace for the warehouse and the audit log, and the server seeded with the same
    /// demo, plus a dataprodukt of another team that only the server has.
    func start() async throws -> (KatalogBinary, MarketplaceTestServer, [String]) {
        let katalog = try KatalogBinary()
        try katalog.seed()
        let now = try Date("2026-11-25T12:00:00Z", strategy: .iso8601)
        let server = try await MarketplaceTestServer.seeded(like: katalog, token: Self.token, now: now)
        server.with { state in
            let product = MarketplaceTestServer.Product(name: "Skatteoppgjør", description: "Fra Skatteetaten", slug: "skatteoppgjor",
                                                        group: "team-skatt@nav.no", created: now, lastModified: now)
            state.products[product.id] = product
        }
        return (katalog, server, ["--marketplace", server.url.absoluteString, "--workspace", katalog.workspace])
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func productsAndAccessReadAndChangeTheServer() async throws {
        let (katalog, server, options) = try await start()
        defer { server.stop(); katalog.remove() }
        let environment = ["KATALOG_MARKETPLACE_TOKEN": Self.token]
        var outputs: [KatalogBinary.Result] = []
        func run(_ arguments: [String]) throws -> KatalogBinary.Result {
            let result = try katalog.run(arguments + options, environment: environment)
            outputs.append(result)
            return result
        }

        let products = try run(["products", "--json"])
        #expect(products.status == 0, "\(products.stderr)")
        let listed = try #require(try json(products.stdout) as? [[String: Any]])
        #expect(Set(listed.compactMap { $0["slug"] as? String }) == ["dagpengevedtak", "meldekort-anonymisert", "soknader-per-maned", "skatteoppgjor"])
        let text = try run(["products"])
        #expect(text.status == 0 && text.stdout.contains("skatteoppgjor") && text.stdout.contains("team-skatt@nav.no"))

        let show = try run(["products", "show", "dagpengevedtak", "--json"])
        #expect(show.status == 0, "\(show.stderr)")
        let product = try #require(try json(show.stdout) as? [String: Any])
        let datasett = try #require((product["datasett"] as? [[String: Any]])?.first)
        #expect(((datasett["source"] as? [String: Any])?["table"] as? String) == "dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk")
        let other = try run(["products", "show", "skatteoppgjor"])
        #expect(other.status == 0 && other.stdout.contains("Skatteoppgjør") && other.stdout.contains("team-skatt@nav.no"), "\(other.stderr)")

        let grants = try run(["access", "list", "--lang", "nb"])
        #expect(grants.status == 0 && grants.stdout.contains("user:per.hansen@nav.no") && grants.stdout.contains("utløpt"), "\(grants.stderr)")
        let pending = try #require(try json(try run(["access", "list", "--pending", "--json"]).stdout) as? [[String: Any]])
        #expect(pending.count == 3)
        func request(_ email: String) throws -> String {
            try #require(pending.first { ($0["subject"] as? [String: Any])?["email"] as? String == email }?["id"] as? String)
        }

        // Approve, deny, grant and revoke, each as the web app would.
        let nora = try request("nora.berg@nav.no")
        let approve = try run(["access", "approve", nora])
        #expect(approve.status == 0 && approve.stdout.contains("user:nora.berg@nav.no now has access"), "\(approve.stderr)")
        let team = try request("team-analyse@nav.no")
        #expect(try run(["access", "deny", team, "--reason", "Mangler behandlingsgrunnlag"]).status == 0)
        let grant = try run(["access", "grant", "--datasett", "meldekort-anonymisert", "--subject", "user: Ny.Bruker@NAV.no", "--expires", "2027-01-31", "--json"])
        #expect(grant.status == 0, "\(grant.stderr)")
        let granted = try #require(try json(grant.stdout) as? [String: Any])
        #expect(granted["expires"] as? String == "2027-01-31T22:59:59Z")
        let id = try #require(granted["id"] as? String)
        let revoke = try run(["access", "revoke", id])
        #expect(revoke.status == 0, "\(revoke.stderr)")

        server.with { state in
            let approved = state.requests.first { $0.id.uuidString.lowercased() == nora }
            #expect(approved?.status == "approved" && approved?.granter == "ola.nordmann@nav.no")
            #expect(state.accesses.contains { $0.requestID?.uuidString.lowercased() == nora && $0.subject == "user:nora.berg@nav.no" && $0.revoked == nil })
            #expect(state.tableBindings["dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk"]?.contains("user:nora.berg@nav.no") == true)
            let denied = state.requests.first { $0.id.uuidString.lowercased() == team }
            #expect(denied?.status == "denied" && denied?.reason == "Mangler behandlingsgrunnlag")
            let made = state.accesses.first { $0.id.uuidString.lowercased() == id }
            #expect(made?.subject == "user:ny.bruker@nav.no" && made?.granter == "ola.nordmann@nav.no" && made?.revoked != nil)
            #expect(state.tableBindings["dagpenger-prod-4e2b.dataprodukter.meldekort_anonymisert"]?.contains("user:ny.bruker@nav.no") == false)
        }
        #expect(server.received.contains { $0.uri.hasPrefix("/api/accessRequests/process/\(nora)?action=approve") })

        // The token is nowhere: not in any output, not in the workspace or anything else in the home.
        for output in outputs { #expect(!output.stdout.contains(Self.token) && !output.stderr.contains(Self.token)) }
        let files = FileManager.default.enumerator(at: katalog.home, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let bytes = try Data(contentsOf: file)
            #expect(bytes.range(of: Data(Self.token.utf8)) == nil, "the token in \(file.lastPathComponent)")
        }
        #expect(server.received.allSatisfy { $0.header("Authorization") == "Bearer " + Self.token })
    }

    @Test func aRefusedTokenSaysWhatToDoAndAReadOnlyRunChangesNothing() async throws {
        let (katalog, server, options) = try await start()
        defer { server.stop(); katalog.remove() }
        let refused = try katalog.run(["products", "show", "dagpengevedtak"] + options, environment: ["KATALOG_MARKETPLACE_TOKEN": "not-a-token"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("did not accept the token") && refused.stderr.contains("KATALOG_MARKETPLACE_TOKEN"), "\(refused.stderr)")
        let none = try katalog.run(["access", "list"] + options)
        #expect(none.status == 2 && none.stderr.contains("KATALOG_MARKETPLACE_TOKEN"), "\(none.stderr)")
        let before = server.received.count
        let readOnly = try katalog.run(["access", "grant", "--datasett", "meldekort-anonymisert", "--subject", "user:a@nav.no", "--read-only"] + options,
                                       environment: ["KATALOG_MARKETPLACE_TOKEN": Self.token])
        #expect(readOnly.status == 1 && server.received.count == before, "--read-only sends nothing")
    }

    /// The marketplace works with either warehouse: here BigQuery (the emulator) for the tables,
    /// Datamarkedsplassen for who registered them.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KATALOG_TEST_BIGQUERY"] != nil, "needs KATALOG_TEST_BIGQUERY (make test sets it)"))
    func withACloudProjectTheTablesComeFromBigQueryAndTheDataprodukterFromTheMarketplace() async throws {
        let (katalog, server, options) = try await start()
        defer { server.stop(); katalog.remove() }
        let show = try katalog.run(["show", "dataprodukter.vedtak_statistikk", "--project", "dagpenger-prod-4e2b"] + options,
                                   environment: ["KATALOG_MARKETPLACE_TOKEN": Self.token,
                                                 "BIGQUERY_EMULATOR_HOST": ProcessInfo.processInfo.environment["KATALOG_TEST_BIGQUERY"]!])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Dagpengevedtak"), "\(show.stdout)")
        #expect(server.received.contains { $0.uri.hasPrefix("/api/userData") })
    }

    /// `--trace` names every request — method, path, status, time — and counts them; nothing else.
    @Test func traceListsEveryRequestAndTheirNumber() async throws {
        let (katalog, server, options) = try await start()
        defer { server.stop(); katalog.remove() }
        let before = server.received.count
        let run = try katalog.run(["products", "show", "dagpengevedtak", "--trace"] + options, environment: ["KATALOG_MARKETPLACE_TOKEN": Self.token])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let made = server.received.count - before
        #expect(lines.filter { $0.hasPrefix("katalog: GET /api/") }.count == made, "\(lines)")
        #expect(lines.contains { $0.range(of: #"^katalog: GET /api/userData 200 \d+ ms$"#, options: .regularExpression) != nil })
        #expect(lines.last == "katalog: \(made) requests")
        #expect(!run.stderr.contains(Self.token) && !run.stderr.contains("Bearer") && !run.stderr.contains("?"), "no header, no query")
    }
}
