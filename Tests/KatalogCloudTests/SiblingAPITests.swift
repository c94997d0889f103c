import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogCloud
@testable import KatalogLocal

/// Connections, scheduled queries and streams from their v1 APIs (the fake server serves the
/// demo's in the documented shapes, one per page), next to BigQuery from the emulator.
@Suite("Sibling APIs", .enabled(if: EmulatorFixture.url != nil && GoogleFixture.url != nil, "needs make test's emulator and fake server"))
struct SiblingAPITests {
    func warehouse(project: String = "dagpenger-prod-4e2b") throws -> BigQueryWarehouse {
        let fake = GoogleFixture.url!.appendingPathComponent("v1")
        func client(_ api: String) -> GoogleAPIClient {
            GoogleAPIClient(api: api, baseURL: fake, transport: AsyncHTTPClientTransport(), tokens: nil, policy: RetryPolicy(attempts: 1))
        }
        return BigQueryWarehouse(project: try ProjectID(project), http: EmulatorFixture.client(),
                                 siblings: .init(connection: client("Connection API"), dataTransfer: client("Data Transfer API"),
                                                 datastream: client("Datastream API"), lineage: client("Data Lineage API")))
    }

    @Test func theSameTransferMachineryAsTheLocalWorkspace() async throws {
        let demo = DemoWorkspace.warehouse(now: Date())
        let cloud = try warehouse()
        #expect(try await cloud.connections() == demo.connections)
        let queries = try await cloud.scheduledQueries()
        #expect(queries.map(\.displayName) == demo.scheduledQueries.map(\.displayName).sorted())
        for query in queries {
            let expected = try #require(demo.scheduledQueries.first { $0.id == query.id })
            #expect(query.query == expected.query && query.destination == expected.destination)
            #expect(query.destinationTableTemplate == expected.destinationTableTemplate && query.lastRunState == expected.lastRunState)
        }
        let streams = try await cloud.streams()
        #expect(streams.map(\.sourceObjects) == [["public.tabell_1"]])
        #expect(streams.first?.destination == demo.streams.first?.destination && streams.first?.sourceType == "POSTGRESQL")
        #expect(streams.first?.sourceProfile == "dp-soknad-postgres")
    }

    @Test func aDisabledAPIIsOneClearNotice() async throws {
        // The emulator knows no such project either, but the sibling call fails first.
        let cloud = try warehouse(project: "annet-prod-1234")
        do {
            _ = try await SiblingAPIs(project: try ProjectID("annet-prod-1234"), client: cloud.siblings.datastream!).streams(in: ["europe-north1"])
            Issue.record("expected a disabled API")
        } catch let error as CloudError {
            #expect(error.kind == .serviceDisabled && error.message.en.hasPrefix("Datastream API is not enabled in the project"))
        }
    }

    @Test func withoutAnEndpointTheSectionSaysWhy() async throws {
        let bare = BigQueryWarehouse(project: try ProjectID("dagpenger-prod-4e2b"), http: EmulatorFixture.client())
        do {
            _ = try await bare.streams()
            Issue.record("expected unavailable")
        } catch let error as ServiceError {
            #expect(error.message.en.contains("Datastream API is not available here"))
        }
    }

    @Test func theLineageAPIGivesUpstreamAndDownstreamLinks() async throws {
        let view = try TableRef(parsing: "dagpenger-prod-4e2b.behandling.søknader_beriket")
        let links = try await warehouse().lineageLinks(of: view)
        let upstream = Set(links.filter { $0.target == LineageLink.name(of: view) }.compactMap { LineageLink.table(named: $0.source)?.description })
        let downstream = Set(links.filter { $0.source == LineageLink.name(of: view) }.compactMap { LineageLink.table(named: $0.target)?.description })
        #expect(upstream == ["dagpenger-prod-4e2b.rasone.tabell_1", "dagpenger-prod-4e2b.rasone.tabell_2"])
        #expect(downstream == ["dagpenger-prod-4e2b.dataprodukter.søknader_per_måned", "dagpenger-prod-4e2b.behandling.vedtak_daglig"])
        let federated = try await warehouse().lineageLinks(of: try TableRef(parsing: "dagpenger-prod-4e2b.rasone.tabell_2"))
        #expect(federated.contains(LineageLink(source: "bigquery:connection:dagpenger-prod-4e2b.europe-north1.dp-vedtak-pg",
                                               target: "bigquery:dagpenger-prod-4e2b.rasone.tabell_2")))
        #expect(LineageLink.table(named: "bigquery:connection:p.eu.c") == nil)
    }

    /// The whole lineage graph, built from the emulator and the fake APIs through katalog's
    /// cloud backend, is the graph of the local workspace: every node, zone and edge.
    @Test(.enabled(if: !EmulatorFixture.isBQEmulator, "bqemulator refuses the demo's Unicode table ids"))
    func theSameLineageGraphAsTheLocalWorkspace() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-lineage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try LocalWorkspace(path: folder.appendingPathComponent("ws.sqlite").path, create: true)
        try await DemoWorkspace.reset(workspace, now: Date())
        let local = try await LineageBuilder(services: try workspace.services()).build()
        let cloud = try await LineageBuilder(services: try workspace.services(warehouse: try warehouse())).build()
        #expect(local.notices.isEmpty && cloud.notices.isEmpty)
        // The emulator also holds the paging dataset: 60 tables with no lineage.
        let cloudNodes = cloud.graph.nodes.filter { !$0.id.hasPrefix("dagpenger-prod-4e2b.mange.") }
        #expect(cloudNodes == local.graph.nodes)
        #expect(cloud.graph.edges == local.graph.edges)
        #expect(local.graph.edges.count == 26)
        try workspace.close()
    }
}
