import Foundation
import Testing
import KatalogCore
import KatalogServices
import KatalogTestSupport
@testable import KatalogCloud

/// Publishing from a spec, on the local workspace and over REST against the test server: the
/// plan applied, then nothing left to do; a run stopped half-way resumed without a duplicate.
@Suite("Publishing, on both backends")
struct PublisherConformanceTests {
    typealias Backend = MarketplaceFixture.Backend

    static let team = "https://teamkatalog.nav.no/team/6a1f3c2e-8d2b-4b7a-9c1e-5f3d2a1b0c9d"

    func spec(description: String = "Vedtak per dag <b>&amp;</b> utfall", table: String = "dagpenger-prod-4e2b.behandling.vedtak_daglig") throws -> DataproduktSpec {
        DataproduktSpec(name: "Vedtak daglig", description: description, group: "teamdagpenger@nav.no", teamkatalogenURL: Self.team,
                        teamID: "6a1f3c2e-8d2b-4b7a-9c1e-5f3d2a1b0c9d", teamContact: "team-dagpenger", slug: "vedtak-daglig", datasett: [
                            DatasettSpec(table: try TableRef(parsing: table), name: "Daglig", description: description, keywords: ["vedtak"],
                                         pii: .none),
                            DatasettSpec(table: try TableRef(parsing: "dagpenger-prod-4e2b.behandling.søknader_beriket"), name: "Søknader beriket",
                                         pii: .none, allOfNAV: true),
                        ])
    }

    func count(_ slug: String, _ fixture: MarketplaceFixture) async throws -> Int {
        try await fixture.services.marketplace.myDataprodukter().filter { $0.slug == slug }.count
    }

    @Test(arguments: Backend.allCases)
    func planApplyThenNothingLeftToDo(_ backend: Backend) async throws {
        let fixture = try await MarketplaceFixture(backend)
        let publisher = Publisher(services: fixture.services)
        let wanted = try spec()
        let plan = try await publisher.plan(wanted)
        #expect(plan.lines.map(\.call) == ["POST /api/dataproducts/new", "POST /api/datasets/new", "POST /api/datasets/new"])
        let product = try await publisher.apply(plan, of: wanted)
        #expect(product.datasett.map(\.name).sorted() == ["Daglig", "Søknader beriket"])
        #expect(product.description == wanted.description, "shown as typed")
        #expect(try await fixture.tableReaders(try TableRef(parsing: "dagpenger-prod-4e2b.behandling.søknader_beriket")).contains("group:all-users@nav.no"))
        #expect(!(try await publisher.plan(wanted).hasChanges), "a second plan finds nothing to do")

        // A change goes out as a PUT (escaped twice by the real server) and still reads as typed.
        var changed = wanted
        changed.datasett[0].keywords = ["vedtak", "daglig"]
        let second = try await publisher.plan(changed)
        #expect(second.lines.map(\.call) == ["PUT /api/datasets/{id}"])
        let after = try await publisher.apply(second, of: changed)
        #expect(after.datasett.first { $0.name == "Daglig" }?.description == "Vedtak per dag <b>&amp;</b> utfall")
        #expect(!(try await publisher.plan(changed).hasChanges), "no &amp;amp; creeping into the plan")
        #expect(try await count("vedtak-daglig", fixture) == 1)
    }

    @Test(arguments: Backend.allCases)
    func aRunStoppedAtTheDatasettResumesWithoutADuplicate(_ backend: Backend) async throws {
        let fixture = try await MarketplaceFixture(backend)
        let publisher = Publisher(services: fixture.services)
        // The first datasett names a table that is not there: refused after the dataprodukt is made.
        let broken = try spec(table: "dagpenger-prod-4e2b.behandling.finnes_ikke")
        do {
            try await publisher.apply(try await publisher.plan(broken), of: broken)
            Issue.record("expected the datasett to be refused")
        } catch let failure as PublishFailure {
            #expect(failure.step == 2 && failure.of == 3)
            #expect(failure.message.en.contains("run again to go on from here"))
        }
        #expect(try await count("vedtak-daglig", fixture) == 1, "the dataprodukt was made")
        let fixed = try spec()
        let resumed = try await publisher.plan(fixed)
        #expect(resumed.lines.map(\.call) == ["POST /api/datasets/new", "POST /api/datasets/new"], "the dataprodukt is not made again")
        try await publisher.apply(resumed, of: fixed)
        #expect(try await count("vedtak-daglig", fixture) == 1)
        #expect(!(try await publisher.plan(fixed).hasChanges))
    }

    /// The server itself refuses the datasett (not katalog's rules): the same resume.
    @Test func theServerRefusingTheDatasettResumesToo() async throws {
        let fixture = try await MarketplaceFixture(.rest)
        let server = try #require(fixture.server)
        let publisher = Publisher(services: fixture.services)
        let wanted = try spec()
        server.with { $0.answers = [("POST /api/datasets/new", .json(500, #"{"error":{"kind":"io_error","statusCode":500,"message":"bigquery is down"}}"#))] }
        await #expect(throws: PublishFailure.self) { try await publisher.apply(try await publisher.plan(wanted), of: wanted) }
        #expect(server.received.filter { $0.uri == "/api/dataproducts/new" }.count == 1)
        try await publisher.apply(try await publisher.plan(wanted), of: wanted)
        #expect(server.received.filter { $0.uri == "/api/dataproducts/new" }.count == 1, "no second dataprodukt")
        #expect(server.with { $0.products.values.filter { $0.slug == "vedtak-daglig" }.count } == 1)
    }
}
