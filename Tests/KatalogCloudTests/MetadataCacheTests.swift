import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogCloud
@testable import KatalogLocal

/// A cloud project read through the workspace cache: the emulator answers first, then a dead
/// endpoint stands for being offline.
@Suite("Metadata cache", .enabled(if: EmulatorFixture.url != nil, "needs KATALOG_TEST_BIGQUERY (make test sets it)"))
struct MetadataCacheTests {
    /// A fresh demo workspace in its own folder, removed when the test is done.
    static func workspace(_ body: (LocalWorkspace) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try LocalWorkspace(path: folder.appendingPathComponent("ws.sqlite").path, create: true)
        try await DemoWorkspace.reset(workspace, now: Date())
        try await body(workspace)
        try workspace.close()
    }

    @Test func answersAreCachedAndServedWhenTheBackendIsGone() async throws { try await Self.workspace { workspace in
        let project = try ProjectID("dagpenger-prod-4e2b")
        let fetchedAt = try Date("2026-11-25T10:00:00Z", strategy: .iso8601)
        let laterAt = try Date("2026-11-25T11:30:00Z", strategy: .iso8601)

        let online = try workspace.services(now: { fetchedAt }, warehouse: BigQueryWarehouse(project: project, http: EmulatorFixture.client())).warehouse
        #expect(await online.lastKnownDatasets() == nil)  // nothing fetched yet
        let datasets = try await online.datasets()
        let rasone = try #require(datasets.first { $0.ref.dataset.rawValue == "rasone" })
        let tables = try await online.tables(in: rasone.ref)
        let tabell1 = try await online.table(try TableRef(parsing: "dagpenger-prod-4e2b.rasone.tabell_1"))
        // `R` on a dataset: every table's details at once, so all of it browses offline later.
        let behandling = try #require(datasets.first { $0.ref.dataset.rawValue == "behandling" })
        let details = try await online.tableDetails(in: behandling.ref)
        // (bqemulator gives views no schema.)
        #expect(details.count == 5 && details.allSatisfy { !$0.schema.isEmpty || (EmulatorFixture.isBQEmulator && $0.kind.isView) })
        #expect(await online.offline() == nil)
        #expect(await online.lastKnownDatasets()?.fetched == fetchedAt)
        #expect(await online.lastKnownTables(in: rasone.ref)?.value.map(\.ref) == tables.map(\.ref))

        // The same project, its API unreachable: the cache answers, marked offline.
        let dead = GoogleAPIClient(api: "BigQuery", baseURL: URL(string: "http://127.0.0.1:9/bigquery/v2")!, transport: AsyncHTTPClientTransport(),
                                   tokens: nil, policy: RetryPolicy(attempts: 1, timeout: 2))
        let offline = try workspace.services(now: { laterAt }, warehouse: BigQueryWarehouse(project: project, http: dead)).warehouse
        #expect(try await offline.datasets().map(\.ref) == datasets.map(\.ref))
        #expect(try await offline.tables(in: rasone.ref).map(\.ref) == tables.map(\.ref))
        let cachedTable = try await offline.table(tabell1.ref)
        #expect(cachedTable.schema == tabell1.schema && cachedTable.description == tabell1.description)
        for table in details {
            let cached = try await offline.table(table.ref)
            #expect(cached.schema == table.schema && cached.query == table.query, "\(table.ref)")
        }
        #expect(try await offline.tableDetails(in: behandling.ref).map(\.schema) == details.map(\.schema))
        let notice = try #require(await offline.offline())
        #expect(notice.since == laterAt && notice.reason.en.contains("Could not reach BigQuery"))
        // Never fetched: no cache to fall back on, so the failure shows.
        await #expect(throws: CloudError.self) { try await offline.table(try TableRef(parsing: "dagpenger-prod-4e2b.rasone.tabell_2")) }
        // "No such table" is an answer, not an outage: it is not hidden by the cache.
        await #expect(throws: ServiceError.self) { try await online.table(try TableRef(parsing: "dagpenger-prod-4e2b.rasone.finnes_ikke")) }
    } }

    /// Connections, scheduled queries and streams are kept too: the Explorer's transfer
    /// sections browse offline like the tables.
    @Test(.enabled(if: GoogleFixture.url != nil, "needs make test's fake Google server"))
    func theTransferMachineryIsCachedToo() async throws { try await Self.workspace { workspace in
        let project = try ProjectID("dagpenger-prod-4e2b")
        func warehouse(_ root: URL) -> BigQueryWarehouse {
            func client(_ api: String) -> GoogleAPIClient {
                GoogleAPIClient(api: api, baseURL: root, transport: AsyncHTTPClientTransport(), tokens: nil, policy: RetryPolicy(attempts: 1, timeout: 2))
            }
            return BigQueryWarehouse(project: project, http: EmulatorFixture.client(),
                                     siblings: .init(connection: client("Connection API"), dataTransfer: client("Data Transfer API"),
                                                     datastream: client("Datastream API"), lineage: nil))
        }
        let online = try workspace.services(warehouse: warehouse(GoogleFixture.url!.appendingPathComponent("v1"))).warehouse
        let connections = try await online.connections()
        let queries = try await online.scheduledQueries()
        let streams = try await online.streams()
        #expect(!connections.isEmpty && !queries.isEmpty && !streams.isEmpty)

        let offline = try workspace.services(warehouse: warehouse(URL(string: "http://127.0.0.1:9/v1")!)).warehouse
        #expect(try await offline.connections() == connections)
        #expect(try await offline.scheduledQueries() == queries)
        #expect(try await offline.streams() == streams)
        #expect(await offline.offline()?.reason.en.contains("Could not reach") == true)
    } }
}
