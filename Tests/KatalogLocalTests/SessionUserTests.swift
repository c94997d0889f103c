import Foundation
import GRDB
import Testing
import KatalogCore
@testable import KatalogServices
@testable import KatalogLocal

/// The signed-in user is asked for once per session: over REST every ask is a round trip.
@Suite("The user, asked for once")
struct SessionUserTests {
    actor Counter {
        private(set) var value = 0
        func next() -> Int { value += 1; return value }
    }

    /// The workspace's marketplace, counting how often it is asked who the user is.
    struct CountingMarketplace: MarketplaceBackend {
        let base: LocalMarketplace
        let asks = Counter()

        func currentUser() async throws -> UserContext {
            _ = await asks.next()
            return try await base.currentUser()
        }
        func myDataprodukter() async throws -> [Dataprodukt] { try await base.myDataprodukter() }
        func dataprodukt(_ id: UUID) async throws -> Dataprodukt { try await base.dataprodukt(id) }
        func datasett(_ id: UUID) async throws -> Datasett { try await base.datasett(id) }
        func search(_ query: SearchQuery) async throws -> [DataproduktSummary] { try await base.search(query) }
        func keywords() async throws -> [KeywordCount] { try await base.keywords() }
        func createDataprodukt(_ new: NewDataprodukt, audit: AuditNote) async throws -> Dataprodukt { try await base.createDataprodukt(new, audit: audit) }
        func updateDataprodukt(_ id: UUID, _ update: DataproduktUpdate, audit: AuditNote) async throws -> Dataprodukt {
            try await base.updateDataprodukt(id, update, audit: audit)
        }
        func deleteDataprodukt(_ id: UUID, audit: AuditNote) async throws { try await base.deleteDataprodukt(id, audit: audit) }
        func createDatasett(_ new: NewDatasett, audit: AuditNote) async throws -> Datasett { try await base.createDatasett(new, audit: audit) }
        func updateDatasett(_ id: UUID, _ update: DatasettUpdate, audit: AuditNote) async throws -> Datasett {
            try await base.updateDatasett(id, update, audit: audit)
        }
        func deleteDatasett(_ id: UUID, audit: AuditNote) async throws { try await base.deleteDatasett(id, audit: audit) }
    }

    @Test func grantingToManyAsksWhoTheUserIsOnceAndRefreshAsksAgain() async throws {
        let ws = try await TestWorkspace()
        let pool = ws.workspace.pool
        let counting = CountingMarketplace(base: LocalMarketplace(pool: pool, now: { TestWorkspace.now }))
        let warehouse = LocalWarehouse(pool: pool, project: try #require(try ws.workspace.project()))
        let services = ServiceLayer(warehouse: warehouse,
                                    marketplace: counting, access: LocalAccess(pool: pool, now: { TestWorkspace.now }), directory: LocalDirectory(warehouse: warehouse),
                                    iam: LocalIAM(pool: pool), drafts: LocalDrafts(pool: pool, now: { TestWorkspace.now }),
                                    audit: LocalAudit(pool: pool), now: { TestWorkspace.now })
        let datasett = try #require(try await ws.product("dagpengevedtak").datasett.first)
        for name in ["a", "b", "c", "d"] {
            _ = try await services.access.grant(GrantRequest(datasettID: datasett.id, subject: try Subject(.user, "\(name)@nav.no"), expires: nil))
        }
        #expect(await counting.asks.value == 1)
        _ = try await services.marketplace.refreshCurrentUser()
        #expect(await counting.asks.value == 2)
    }

    @Test func callersArrivingTogetherShareOneAskAndAFailedAskIsNotKept() async throws {
        let asks = Counter()
        let user = UserContext(name: "Ola", email: "ola@nav.no", groups: [], teamProjects: [])
        let session = SessionUser {
            let attempt = await asks.next()
            try await Task.sleep(for: .milliseconds(50))
            if attempt == 1 { throw URLError(.networkConnectionLost) }
            return user
        }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try? await session.get() } }
        }
        #expect(await asks.value == 1, "eight callers at once share the first ask")
        #expect(try await session.get() == user, "the failed ask was not kept")
        #expect(try await session.get() == user)
        #expect(await asks.value == 2)
    }
}
