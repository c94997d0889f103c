import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal

@Suite("The local marketplace")
struct LocalMarketplaceTests {
    @Test func demoProductsAreRegistered() async throws {
        let ws = try await TestWorkspace()
        let products = try await ws.services.marketplace.myDataprodukter()
        #expect(products.map(\.slug) == ["dagpengevedtak", "meldekort-anonymisert", "soknader-per-maned"])
        let kinds = products.flatMap(\.datasett).map(\.source.tableKind)
        #expect(kinds.filter { $0 == .table }.count == 1 && kinds.filter { $0 == .view }.count == 2)
        let vedtak = try await ws.product("dagpengevedtak")
        #expect(vedtak.datasett.first?.source.piiTags["fødselsnummer"] == .direkteIdentifiserende)
        #expect(vedtak.keywords == ["dagpenger", "vedtak", "statistikk"])
        #expect(try await ws.services.marketplace.currentUser().email == "ola.nordmann@nav.no")
    }

    @Test func myDataprodukterAreThoseOfMyGroupsAndTheRestAreFoundBySearchAndSlug() async throws {
        let ws = try await TestWorkspace()
        let market = ws.services.marketplace
        let other = try await LocalMarketplace(pool: ws.workspace.pool, now: { TestWorkspace.now }).createDataprodukt(
            NewDataprodukt(name: "Skatteoppgjør", group: "team-skatt@nav.no", teamID: "t9"),
            audit: AuditNote(actor: "kari@nav.no", action: "dataprodukt.create", target: nil, detail: "test"))
        #expect(try await market.myDataprodukter().map(\.slug) == ["dagpengevedtak", "meldekort-anonymisert", "soknader-per-maned"])
        #expect(try await market.searchAll(SearchQuery()).map(\.slug).contains("skatteoppgjor"))
        #expect(try await market.dataprodukt(idOrSlug: "skatteoppgjor").id == other.id, "another team's, by slug through the search")
        let summary = try #require(try await market.search(SearchQuery(text: "dagpengevedtak")).first)
        #expect(summary.datasett.map(\.name) == (try await ws.product("dagpengevedtak")).datasett.map(\.name))
        #expect(summary.keywords == ["dagpenger", "vedtak", "statistikk"])
    }

    @Test func createUpdateDeleteADataprodukt() async throws {
        let ws = try await TestWorkspace()
        let market = ws.services.marketplace
        let created = try await market.createDataprodukt(NewDataprodukt(name: "Utbetalinger på ÅØÆ", group: "teamdagpenger@nav.no", teamID: "t1"))
        #expect(created.slug == "utbetalinger-pa-aoae")
        let again = try await market.createDataprodukt(NewDataprodukt(name: "Utbetalinger på ÅØÆ", group: "teamdagpenger@nav.no", teamID: "t1"))
        #expect(again.slug == "utbetalinger-pa-aoae-2")

        var update = DataproduktUpdate(name: "Utbetalinger", description: "Nytt", teamID: "t1")
        update.teamContact = "team-dagpenger"
        let updated = try await market.updateDataprodukt(created.id, update)
        #expect(updated.name == "Utbetalinger" && updated.description == "Nytt" && updated.owner.teamContact == "team-dagpenger")

        try await market.deleteDataprodukt(created.id)
        await #expect(throws: ServiceError.self) { try await market.dataprodukt(created.id) }
        let audit = try await ws.services.audit.events(limit: 3).map(\.action)
        #expect(audit == ["dataprodukt.delete", "dataprodukt.update", "dataprodukt.create"])
    }

    @Test func rulesAreCheckedBeforeAnythingIsWritten() async throws {
        let ws = try await TestWorkspace()
        let before = try await ws.services.marketplace.myDataprodukter().count
        do {
            _ = try await ws.services.marketplace.createDataprodukt(NewDataprodukt(name: "", group: "team-annet@nav.no", teamID: nil))
            Issue.record("expected invalid")
        } catch let ServiceError.invalid(problems) {
            #expect(Set(problems.map(\.code)) == ["required", "wrong_owner"])
        }
        #expect(try await ws.services.marketplace.myDataprodukter().count == before)
    }

    @Test func registerAViewAuthorizesItAndUpdatingKeepsIt() async throws {
        let ws = try await TestWorkspace()
        let market = ws.services.marketplace
        let product = try await ws.product("dagpengevedtak")
        let view = TestWorkspace.ref("dagpenger-prod-4e2b.behandling.søknader_beriket")
        let created = try await market.createDatasett(NewDatasett(
            dataproduktID: product.id, name: "Søknader beriket", pii: .sensitive, keywords: ["søknad"], table: view,
            piiTags: ["fødselsnummer": .direkteIdentifiserende]))
        #expect(created.source.tableKind == .view)
        let access = try await ws.services.iam.datasetAccess(view.datasetRef)
        #expect(access.entries.contains(DatasetAccessEntry(role: nil, grantee: .view(view))))

        var update = DatasettUpdate(of: created)
        update.keywords = ["søknad", "beriket"]
        update.description = "Med vedtak"
        let updated = try await market.updateDatasett(created.id, update)
        #expect(updated.keywords == ["søknad", "beriket"] && updated.description == "Med vedtak")
        #expect(try await market.keywords().first == KeywordCount(keyword: "dagpenger", count: 3))

        try await market.deleteDatasett(created.id)
        await #expect(throws: ServiceError.self) { try await market.datasett(created.id) }
    }

    @Test func registeringAMissingOrExternalTableIsRefused() async throws {
        let ws = try await TestWorkspace()
        let product = try await ws.product("dagpengevedtak")
        do {
            _ = try await ws.services.marketplace.createDatasett(NewDatasett(
                dataproduktID: product.id, name: "X", pii: .none, table: TestWorkspace.ref("dagpenger-prod-4e2b.rasone.finnes_ikke")))
            Issue.record("expected invalid")
        } catch let ServiceError.invalid(problems) {
            #expect(problems.map(\.code) == ["gcp_bigquery"])
        }
    }

    @Test func searchFindsByTextKeywordAndGroup() async throws {
        let ws = try await TestWorkspace()
        let market = ws.services.marketplace
        #expect(try await market.search(SearchQuery(text: "meldekort")).map(\.slug) == ["meldekort-anonymisert"])
        #expect(try await market.search(SearchQuery(text: "SØKNADER")).map(\.slug).contains("soknader-per-maned"))
        #expect(try await market.search(SearchQuery(keywords: ["vedtak"])).map(\.slug) == ["dagpengevedtak"])
        #expect(try await market.search(SearchQuery(groups: ["team-annet@nav.no"])).isEmpty)
        #expect(try await market.search(SearchQuery()).count == 3)
    }

    @Test func searchIsPagedAsTheAPIPagesIt() async throws {
        let ws = try await TestWorkspace()
        let market = ws.services.marketplace
        let all = try await market.search(SearchQuery()).map(\.slug)
        let first = SearchQuery(limit: 2)
        #expect(try await market.search(first).map(\.slug) == Array(all.prefix(2)))
        #expect(try await market.search(first.next).map(\.slug) == Array(all.dropFirst(2)))
        #expect(try await market.search(first.next.next).isEmpty)
        #expect(try await market.searchAll(SearchQuery(limit: 1)).map(\.slug) == all, "searchAll follows every page")
        #expect(try await market.searchAll(SearchQuery(limit: 3)).map(\.slug) == all, "a full last page, then an empty one")
        #expect(SearchQuery(limit: 0, offset: -5) == SearchQuery(limit: 1, offset: 0), "no page of nothing, no offset before the start")
    }
}
