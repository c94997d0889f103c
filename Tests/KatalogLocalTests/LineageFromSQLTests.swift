import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal

/// View SQL through the whole LineageBuilder (not just the extractor): what each shape of
/// reference gives in the graph.
@Suite("Lineage from view SQL, end to end")
struct LineageFromSQLTests {
    static let p = "dagpenger-prod-4e2b"

    /// The demo plus three day tables `rasone.events_2026…` and one view per case.
    func graph(views: [String: String]) async throws -> LineageGraph {
        let ws = try await TestWorkspace()
        let rasone = DatasetRef(project: try ProjectID(Self.p), dataset: try DatasetID("rasone"))
        let behandling = DatasetRef(project: try ProjectID(Self.p), dataset: try DatasetID("behandling"))
        var tables = try ["events_20260101", "events_20260102", "events_20260103", "eventsummary"].map {
            TableInfo(ref: TableRef(rasone, try TableID($0)), kind: .table)
        }
        for (name, sql) in views {
            tables.append(TableInfo(ref: TableRef(behandling, try TableID(name)), kind: .view, query: sql))
        }
        try await ws.workspace.warehouseStore.store(datasets: [], tables: tables)
        return try await LineageBuilder(services: ws.services).build().graph
    }

    func sources(_ graph: LineageGraph, of view: String) -> [String] {
        graph.edges.filter { $0.to == "\(Self.p).behandling.\(view)" }.map(\.from).sorted()
    }

    static let days = ["events_20260101", "events_20260102", "events_20260103"].map { "\(p).rasone.\($0)" }

    @Test(arguments: [
        "SELECT * FROM `dagpenger-prod-4e2b.rasone.events_*`",
        "SELECT * FROM `dagpenger-prod-4e2b`.`rasone`.`events_*`",
        "SELECT * FROM `dagpenger-prod-4e2b.rasone`.`events_*`",
        "SELECT * FROM dagpenger-prod-4e2b.rasone.events_*",
        "SELECT * FROM rasone.events_* WHERE _TABLE_SUFFIX BETWEEN '20260101' AND '20260102'",
    ])
    func aWildcardLinksEveryTableItsPrefixMatches(_ sql: String) async throws {
        let graph = try await graph(views: ["alle_hendelser": sql])
        #expect(sources(graph, of: "alle_hendelser") == Self.days, "eventsummary does not match events_*")
        #expect(graph.edges.filter { $0.to.hasSuffix("alle_hendelser") }.allSatisfy { $0.via == "view SQL (wildcard)" })
    }

    @Test func referencesOnlyInCommentsOrStringsGiveNoEdge() async throws {
        let graph = try await graph(views: ["kommentert": """
            -- FROM `dagpenger-prod-4e2b.rasone.tabell_1`
            /* JOIN rasone.tabell_2 */
            SELECT 'FROM rasone.tabell_n' AS tekst, "rasone.stønadshistorikk" AS annen FROM `dagpenger-prod-4e2b.rasone.eventsummary`
            """])
        #expect(sources(graph, of: "kommentert") == ["\(Self.p).rasone.eventsummary"])
    }

    @Test func aCTENameIsNotATable() async throws {
        let graph = try await graph(views: ["med_cte": """
            WITH eventsummary AS (SELECT * FROM `dagpenger-prod-4e2b.rasone.events_20260101`)
            SELECT * FROM eventsummary
            """])
        #expect(sources(graph, of: "med_cte") == ["\(Self.p).rasone.events_20260101"])
    }

    @Test func unnestOfAColumnIsNotATable() async throws {
        let graph = try await graph(views: ["utpakket": """
            SELECT s.søknad_id, v FROM `dagpenger-prod-4e2b.rasone.tabell_1` AS s, UNNEST(s.vedlegg) AS v
            """])
        #expect(sources(graph, of: "utpakket") == ["\(Self.p).rasone.tabell_1"])
    }

    @Test func aTableOfAnotherProjectIsANodeOutsideTheProject() async throws {
        let graph = try await graph(views: ["med_felles": """
            SELECT * FROM `dagpenger-prod-4e2b.rasone.tabell_1` JOIN `nav-felles-prod.kodeverk.postnummer` USING (postnummer)
            """])
        #expect(sources(graph, of: "med_felles") == ["\(Self.p).rasone.tabell_1", "nav-felles-prod.kodeverk.postnummer"])
        let outside = try #require(graph.node("nav-felles-prod.kodeverk.postnummer"))
        #expect(outside.kind == .externalTable && outside.zone == .source)
    }
}

/// Counts what the lineage asks the warehouse, forwarding everything to the workspace's own.
final class CountingWarehouse: Warehouse, @unchecked Sendable {
    let base: any Warehouse
    private let lock = NSLock()
    private(set) var tableCalls = 0
    private(set) var definitionCalls = 0

    init(_ base: any Warehouse) { self.base = base }

    var project: ProjectID { base.project }
    func datasets() async throws -> [DatasetInfo] { try await base.datasets() }
    func tables(in dataset: DatasetRef) async throws -> [TableInfo] { try await base.tables(in: dataset) }
    func table(_ ref: TableRef) async throws -> TableInfo {
        lock.withLock { tableCalls += 1 }
        return try await base.table(ref)
    }
    func tableDetails(in dataset: DatasetRef) async throws -> [TableInfo] { try await base.tableDetails(in: dataset) }
    func connections() async throws -> [Connection] { try await base.connections() }
    func scheduledQueries() async throws -> [ScheduledQuery] { try await base.scheduledQueries() }
    func streams() async throws -> [DatastreamStream] { try await base.streams() }
    func viewDefinitions(in dataset: DatasetRef) async throws -> [TableRef: String] {
        lock.withLock { definitionCalls += 1 }
        return try await base.viewDefinitions(in: dataset)
    }
}

@Suite("Lineage reads view SQL in bulk")
struct LineageBulkReadTests {
    @Test func theLineageReadsNoViewOneByOne() async throws {
        let ws = try await TestWorkspace()
        let counting = CountingWarehouse(try ws.workspace.warehouseStore)
        let local = ws.services
        let services = ServiceLayer(warehouse: counting, marketplace: LocalMarketplace(pool: ws.workspace.pool, now: { TestWorkspace.now }),
                                    access: LocalAccess(pool: ws.workspace.pool, now: { TestWorkspace.now }), directory: local.directory, iam: local.iam,
                                    drafts: local.drafts, audit: local.audit, now: { TestWorkspace.now })
        let graph = try await LineageBuilder(services: services).build().graph
        #expect(graph.nodes.contains { $0.kind == .view })
        #expect(counting.tableCalls == 0, "every view's SQL came from viewDefinitions")
        #expect(counting.definitionCalls == 3, "one per dataset")
    }
}

@Suite("A lineage build can be stopped")
struct LineageCancellationTests {
    @Test func aCancelledBuildEndsWithCancellation() async throws {
        let ws = try await TestWorkspace()
        let services = ws.services
        let build = Task { try await LineageBuilder(services: services).build() }
        build.cancel()
        await #expect(throws: CancellationError.self) { _ = try await build.value }
        // Not cancelled, the same build finishes.
        #expect(try await LineageBuilder(services: services).build().graph.nodes.count > 20)
    }
}
