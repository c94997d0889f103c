import Foundation
import Testing
import KatalogCore
import KatalogServices
import KatalogTestSupport
@testable import KatalogCloud
@testable import KatalogLocal

/// What only the REST backend does: the bodies it sends, the quirks it survives, a change whose
/// connection drops, the intents it settles at start.
@Suite("The marketplace REST backend")
struct MarketplaceRESTTests {
    func body(_ received: FaultServer.Received) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: received.body) as? [String: Any])
    }

    func sent(_ server: MarketplaceTestServer, _ method: String, _ prefix: String) -> [FaultServer.Received] {
        server.received.filter { $0.method == method && $0.uri.hasPrefix(prefix) }
    }

    @Test func everyBodyIsSpeltAsTheServerReadsIt() async throws {
        let fixture = try await MarketplaceFixture(.rest)
        let server = try #require(fixture.server)
        let market = fixture.services.marketplace
        let product = try await market.createDataprodukt(NewDataprodukt(name: "Ny", group: "TeamDagpenger@nav.no", teamID: "t1"))
        let created = try body(try #require(sent(server, "POST", "/api/dataproducts/new").first))
        #expect(created["group"] as? String == "teamdagpenger@nav.no")
        #expect(created["description"] is NSNull && created["slug"] is NSNull && created["teamkatalogenURL"] is NSNull, "optionals sent as null")

        _ = try await market.updateDataprodukt(product.id, DataproduktUpdate(name: "Nytt navn", teamID: "t1"))
        let put = try body(try #require(sent(server, "PUT", "/api/dataproducts/").first))
        #expect(put["slug"] as? String == "ny", "the current slug, or the server makes one from the new name")
        #expect(Set(put.keys) == ["name", "description", "slug", "teamkatalogenURL", "teamContact", "productAreaID", "teamID"])

        let datasett = try await market.createDatasett(NewDatasett(
            dataproduktID: product.id, name: "Daglig", pii: .none, table: try TableRef(parsing: "dagpenger-prod-4e2b.behandling.vedtak_daglig")))
        let new = try body(try #require(sent(server, "POST", "/api/datasets/new").first))
        let source = try #require(new["bigquery"] as? [String: Any])
        #expect(source["piiTags"] as? String == "{}", "a JSON string, always")
        #expect(source["projectID"] as? String == "dagpenger-prod-4e2b" && source["table"] as? String == "vedtak_daglig")
        #expect(new["grantAllUsers"] is NSNull, "null unless true, as the web form sends it")

        var update = DatasettUpdate(of: datasett)
        update.piiTags = ["utfall": .kanVaereIndirekteIdentifiserende]
        _ = try await market.updateDatasett(datasett.id, update)
        let putDataset = try body(try #require(sent(server, "PUT", "/api/datasets/").first))
        #expect(putDataset["slug"] as? String == "daglig" && putDataset["piiTags"] as? String == #"{"utfall":"PII_KanVæreIndirekteIdentifiserende"}"#)
        #expect(Set(putDataset.keys) == ["name", "description", "slug", "repo", "pii", "keywords", "dataproductID", "anonymisationDescription",
                                          "piiTags", "targetUser", "pseudoColumns"])
        // Read back JSONB-normalised (`": "`), compared as a map.
        #expect(try await market.datasett(datasett.id).source.piiTags == ["utfall": .kanVaereIndirekteIdentifiserende])

        _ = try await fixture.services.access.grant(GrantRequest(datasettID: datasett.id, subject: try Subject(.serviceAccount, "Jobb@P.iam.gserviceaccount.com"),
                                                                 owner: "Team-Analyse@nav.no ", expires: nil))
        let grant = try body(try #require(sent(server, "POST", "/api/accesses/bigquery/grant").first))
        #expect(grant["subject"] as? String == "jobb@p.iam.gserviceaccount.com" && grant["subjectType"] as? String == "serviceAccount")
        #expect(grant["owner"] as? String == "team-analyse@nav.no" && grant["expires"] is NSNull)

        let waiting = try #require(try await fixture.services.access.requestsToHandle().first)
        try await fixture.services.access.deny(request: waiting.id, reason: "Mangler formål & hjemmel")
        let deny = try #require(sent(server, "POST", "/api/accessRequests/process/").first)
        let query = URLComponents(string: deny.uri)?.queryItems ?? []
        #expect(query.contains(URLQueryItem(name: "action", value: "deny")) && query.contains(URLQueryItem(name: "reason", value: "Mangler formål & hjemmel")))
        #expect(server.received.allSatisfy { $0.header("Authorization") == "Bearer " + MarketplaceFixture.token })
    }

    @Test func aPUTWhoseConnectionDropsAfterTheChangeIsReadBackAsMadeAndNotSentAgain() async throws {
        let fixture = try await MarketplaceFixture(.rest)
        let server = try #require(fixture.server)
        let datasett = try await fixture.datasett("soknader-per-maned")
        server.with { $0.drops = [("PUT /api/datasets/", true)] }
        var update = DatasettUpdate(of: datasett)
        update.keywords = ["søknad"]
        let updated = try await fixture.services.marketplace.updateDatasett(datasett.id, update)
        #expect(updated.keywords == ["søknad"])
        #expect(sent(server, "PUT", "/api/datasets/").count == 1, "never repeated")
        #expect(server.with { $0.drops.isEmpty }, "the connection was dropped")
        let event = try #require(try await fixture.services.audit.events(limit: 1).first)
        #expect(event.action == "datasett.update" && event.status == .succeeded)
    }

    @Test func aGrantWhoseConnectionDropsBeforeTheChangeSaysItWasNotMade() async throws {
        let fixture = try await MarketplaceFixture(.rest)
        let server = try #require(fixture.server)
        let datasett = try await fixture.datasett("dagpengevedtak")
        server.with { $0.drops = [("POST /api/accesses/bigquery/grant", false)] }
        do {
            _ = try await fixture.services.access.grant(GrantRequest(datasettID: datasett.id, subject: try Subject(.user, "b@nav.no"), expires: nil))
            Issue.record("expected the grant to fail")
        } catch let error as ChangeNotMade {
            #expect(error.message.en.contains("it was not done, nothing changed"))
        }
        #expect(sent(server, "POST", "/api/accesses/bigquery/grant").count == 1)
        #expect(server.with { $0.drops.isEmpty }, "the connection was dropped")
        #expect(!(try await fixture.tableReaders(datasett.source.table).contains("user:b@nav.no")))
        let event = try #require(try await fixture.services.audit.events(limit: 1).first)
        #expect(event.action == "grant.create" && event.status == .failed)
    }

    @Test func aPOSTAnswered503IsNotRepeatedAndAGETIs() async throws {
        let fixture = try await MarketplaceFixture(.rest)
        let server = try #require(fixture.server)
        let datasett = try await fixture.datasett("dagpengevedtak")
        server.with { $0.answers = [("POST /api/accesses/bigquery/grant", .json(503, #"{"error":{"kind":"internal_error","statusCode":503,"message":"down"}}"#))] }
        await #expect(throws: CloudError.self) {
            _ = try await fixture.services.access.grant(GrantRequest(datasettID: datasett.id, subject: try Subject(.user, "c@nav.no"), expires: nil))
        }
        #expect(sent(server, "POST", "/api/accesses/bigquery/grant").count == 1)

        server.with { $0.answers = [("GET /api/keywords", .json(503, "{}"))] }
        #expect(try await fixture.services.marketplace.keywords().isEmpty == false)
        #expect(sent(server, "GET", "/api/keywords").count == 2, "an idempotent call is retried")
    }

    @Test func theServersQuirksAreReadAsWhatTheyMean() async throws {
        let fixture = try await MarketplaceFixture(.rest)
        let server = try #require(fixture.server)
        let rest = MarketplaceFixture.rest(server, workspace: fixture.workspace)
        // GET of an unknown datasett answers 200 null.
        let unknown = UUID()
        await #expect(throws: ServiceError.self) { try await rest.datasett(unknown) }
        // The server refuses a table type with code gcp_bigquery and param table_type.
        server.with { $0.tables["dagpenger-prod-4e2b.behandling.vedtak_daglig"]?.type = "EXTERNAL" }
        let product = try await fixture.product("dagpengevedtak")
        do {
            _ = try await rest.createDatasett(NewDatasett(dataproduktID: product.id, name: "Ekstern", pii: .none,
                                                          table: try TableRef(parsing: "dagpenger-prod-4e2b.behandling.vedtak_daglig")),
                                              audit: AuditNote(actor: "ola.nordmann@nav.no", action: "datasett.create", target: nil, detail: "test"))
            Issue.record("expected table_type")
        } catch let error as CloudError {
            #expect(error.kind == .invalid && error.message.en.contains("registers only tables, views and materialized views"))
        }
        // A table the warehouse knew and BigQuery no longer has: 404 gcp_bigquery.
        server.with { $0.tables["dagpenger-prod-4e2b.behandling.vedtak_daglig"] = nil }
        do {
            _ = try await rest.createDatasett(NewDatasett(dataproduktID: product.id, name: "Borte", pii: .none,
                                                          table: try TableRef(parsing: "dagpenger-prod-4e2b.behandling.vedtak_daglig")),
                                              audit: AuditNote(actor: "ola.nordmann@nav.no", action: "datasett.create", target: nil, detail: "test"))
            Issue.record("expected gcp_bigquery")
        } catch let error as CloudError {
            #expect(error.message.en.hasPrefix("The table does not exist in BigQuery (the registration of the datasett “Borte”"), "\(error.message.en)")
        }
        // Someone removed from the owner group since katalog last asked: the server's wrong_owner, named.
        server.with { $0.users[MarketplaceFixture.token]?.groups = ["all-users@nav.no"] }
        do {
            try await rest.deleteDataprodukt(product.id, audit: AuditNote(actor: "ola.nordmann@nav.no", action: "dataprodukt.delete", target: product.id.text, detail: "test"))
            Issue.record("expected wrong_owner")
        } catch let error as CloudError {
            #expect(error.message.en.hasPrefix("You are not in teamdagpenger@nav.no, which owns this dataprodukt"))
            #expect(error.message.nb.hasPrefix("Du er ikke med i teamdagpenger@nav.no, som eier dette dataproduktet"))
        }
        #expect(try await rest.dataprodukt(product.id).id == product.id, "nothing deleted")
    }

    /// Past katalog's own checks (the backend called directly), the server's rules answer, and
    /// katalog words them; where the server has no rule, katalog's is all there is.
    @Test func theServersOwnRulesAnswerInWords() async throws {
        let fixture = try await MarketplaceFixture(.rest)
        let server = try #require(fixture.server)
        let rest = MarketplaceFixture.rest(server, workspace: fixture.workspace)
        let note = AuditNote(actor: "ola.nordmann@nav.no", action: "test", target: nil, detail: "test")
        let datasett = try await fixture.datasett("dagpengevedtak")
        func refusal(_ body: () async throws -> Void) async -> CloudError? {
            do { try await body(); return nil } catch let error as CloudError { return error } catch { return nil }
        }
        let past = await refusal {
            _ = try await rest.grant(GrantRequest(datasettID: datasett.id, subject: try Subject(.user, "x@nav.no"),
                                                  expires: MarketplaceFixture.now.addingTimeInterval(-86_400)), audit: note)
        }
        #expect(past?.kind == .invalid && past?.message.en.contains("expiry date has passed") == true)
        let open = await refusal { _ = try await rest.grant(GrantRequest(datasettID: datasett.id, subject: .allUsers, expires: nil), audit: note) }
        #expect(open?.message.en.contains("cannot be opened to all of NAV") == true)

        // Another user: neither owner nor the grant's owner.
        let grant = try #require(try await rest.grants(datasett: datasett.id).first { $0.revoked == nil && $0.subject.type == .group })
        server.with { $0.users["other"] = MarketplaceTestServer.User(name: "Kari", email: "kari@nav.no", groups: ["team-annet@nav.no"]) }
        let other = MarketplaceREST(client: MarketplaceFixture.client(server, token: "other"), journal: AuditJournal(audit: fixture.workspace.audit, now: { MarketplaceFixture.now }))
        do {
            try await other.revoke(grant: grant.id, audit: note)
            Issue.record("expected wrong_team")
        } catch let error as CloudError {
            #expect(error.reason == "wrong_team" && error.message.en.hasPrefix("You cannot revoke this grant"))
        }
        let request = try #require(server.with { $0.requests.first })
        let approve = await refusal {
            try await other.client.perform(.post, "accessRequests/process/\(request.id.uuidString.lowercased())", query: ["action": "approve"],
                                           body: String?.none, idempotent: false, what: "the approval")
        }
        #expect(approve?.kind == .permissionDenied)

        // The real server opens a sensitive datasett to all of NAV at registration: only katalog's rule stops it.
        let product = try await fixture.product("dagpengevedtak")
        let opened = try await rest.createDatasett(NewDatasett(dataproduktID: product.id, name: "Åpen", pii: .sensitive,
                                                               table: try TableRef(parsing: "dagpenger-prod-4e2b.behandling.vedtak_daglig"), grantAllUsers: true),
                                                   audit: note)
        #expect(try await rest.grants(datasett: opened.id).map(\.subject) == [.allUsers])

        // A registered view is authorized on its own dataset, as the real server does in BigQuery.
        let view = try await rest.createDatasett(NewDatasett(dataproduktID: product.id, name: "Beriket", pii: .none,
                                                             table: try TableRef(parsing: "dagpenger-prod-4e2b.behandling.søknader_beriket")), audit: note)
        #expect(view.source.tableKind == .view)
        #expect(server.with { $0.authorizedViews["dagpenger-prod-4e2b.behandling"] } == ["dagpenger-prod-4e2b.behandling.søknader_beriket"])
    }

    @Test func openIntentsAreSettledAgainstTheServerAtStart() async throws {
        let fixture = try await MarketplaceFixture(.rest)
        let server = try #require(fixture.server)
        let datasett = try await fixture.datasett("dagpengevedtak")
        let grant = try #require(try await fixture.services.access.grants(datasett: datasett.id).first { $0.revoked == nil })
        let audit = fixture.workspace.audit
        // A revoke katalog died waiting for (it reached the server), and one that never left.
        let revoked = try await audit.recordIntent(AuditEvent(time: MarketplaceFixture.now, actor: "ola.nordmann@nav.no", action: "grant.revoke",
                                                              target: grant.id.text, detail: "test", status: .intended))
        server.with { state in state.accesses = state.accesses.map { var access = $0; if access.id == grant.id { access.revoked = MarketplaceFixture.now }; return access } }
        let other = try #require(try await fixture.services.access.grants(datasett: datasett.id).first { $0.revoked == nil })
        _ = try await audit.recordIntent(AuditEvent(time: MarketplaceFixture.now, actor: "ola.nordmann@nav.no", action: "grant.revoke",
                                                    target: other.id.text, detail: "test", status: .intended))
        let settled = try await MarketplaceFixture.rest(server, workspace: fixture.workspace).reconcile()
        #expect(settled.count == 2)
        let outcomes = try await audit.events(limit: 2)
        #expect(Set(outcomes.map(\.status)) == [.succeeded, .failed])
        #expect(try await audit.unresolvedIntents().isEmpty)
        _ = revoked
    }
}
