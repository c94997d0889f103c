import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal

@Suite("The local warehouse serves the demo project")
struct LocalWarehouseTests {
    @Test func datasetsWithTableCounts() async throws {
        let ws = try await TestWorkspace()
        let datasets = try await ws.services.warehouse.datasets()
        #expect(datasets.map(\.ref.description) == ["dagpenger-prod-4e2b.behandling", "dagpenger-prod-4e2b.dataprodukter", "dagpenger-prod-4e2b.rasone"])
        #expect(datasets.map(\.tableCount) == [5, 3, 5])
        #expect(datasets.last?.friendlyName == "Råsone")
    }

    @Test func tablesListLikeTablesList() async throws {
        let ws = try await TestWorkspace()
        let rasone = DatasetRef(project: try ProjectID("dagpenger-prod-4e2b"), dataset: try DatasetID("rasone"))
        let tables = try await ws.services.warehouse.tables(in: rasone)
        #expect(tables.map(\.ref.table.rawValue) == ["rapid_hendelser", "stønadshistorikk", "tabell_1", "tabell_2", "tabell_n"])
        // Like the REST API's tables.list: no schema, description or SQL in the listing.
        #expect(tables.allSatisfy { $0.schema.isEmpty && $0.description == nil && $0.query == nil })
        #expect(tables.first { $0.ref.table.rawValue == "tabell_1" }?.numRows == 1_284_331)
        // Every other field as stored: labels, sizes, times, location.
        for listed in tables {
            let whole = try await ws.services.warehouse.table(listed.ref)
            #expect(listed == TableInfo(ref: whole.ref, kind: whole.kind, friendlyName: whole.friendlyName, labels: whole.labels,
                                        numRows: whole.numRows, numBytes: whole.numBytes, created: whole.created, modified: whole.modified,
                                        expires: whole.expires, location: whole.location))
        }
        #expect(tables.contains { !$0.labels.isEmpty } && tables.allSatisfy { $0.modified != nil })
    }

    /// Many datasets' lists in one read, each as `tables(in:)` gives it; one that does not
    /// exist fails on its own.
    @Test func manyDatasetsListsAtOnceAreTheListsOneByOne() async throws {
        let ws = try await TestWorkspace()
        let warehouse = ws.services.warehouse
        let datasets = try await warehouse.datasets().map(\.ref)
        let missing = DatasetRef(project: try ProjectID("dagpenger-prod-4e2b"), dataset: try DatasetID("finnes_ikke"))
        let lists = await warehouse.tables(in: datasets + [missing])
        #expect(lists.count == 4)
        for dataset in datasets {
            let oneByOne = try await warehouse.tables(in: dataset)
            #expect(try lists[dataset]?.get() == oneByOne && !oneByOne.isEmpty)
        }
        guard case let .failure(error as ServiceError)? = lists[missing] else { Issue.record("expected notFound"); return }
        #expect(error.isBadInput && error.message.en.contains("finnes_ikke"))
    }

    @Test func tableDetailsKeepNestedSchemasAndSQL() async throws {
        let ws = try await TestWorkspace()
        let table = try await ws.services.warehouse.table(TestWorkspace.ref("dagpenger-prod-4e2b.rasone.tabell_1"))
        let person = try #require(table.schema.first { $0.name == "person" })
        #expect(person.fields.map(\.name) == ["fødselsnummer", "navn", "bostedsadresse"])
        #expect(person.fields[1].fields.map(\.name) == ["fornavn", "etternavn"])
        #expect(table.schema.first { $0.name == "vedlegg" }?.mode == .repeated)
        #expect(table.partitioning == .time(unit: "DAY", field: "mottatt", expirationMs: nil))
        #expect(table.clustering == ["søknadstype"])
        #expect(table.labels["overforing"] == "datastream")

        let view = try await ws.services.warehouse.table(TestWorkspace.ref("dagpenger-prod-4e2b.behandling.søknader_beriket"))
        #expect(view.kind == .view)
        #expect(view.query?.contains("FROM `dagpenger-prod-4e2b.rasone.tabell_1` AS s") == true)
    }

    @Test func viewDefinitionsOfADataset() async throws {
        let ws = try await TestWorkspace()
        let behandling = DatasetRef(project: try ProjectID("dagpenger-prod-4e2b"), dataset: try DatasetID("behandling"))
        let definitions = try await ws.services.warehouse.viewDefinitions(in: behandling)
        #expect(Set(definitions.keys.map(\.table.rawValue)) == ["hendelser_per_time", "meldekort_renset", "søknader_beriket"])
    }

    @Test func unknownTablesAndDatasetsAreNotFound() async throws {
        let ws = try await TestWorkspace()
        await #expect(throws: ServiceError.self) {
            try await ws.services.warehouse.table(TestWorkspace.ref("dagpenger-prod-4e2b.rasone.finnes_ikke"))
        }
        let missing = DatasetRef(project: try ProjectID("dagpenger-prod-4e2b"), dataset: try DatasetID("finnes_ikke"))
        do {
            _ = try await ws.services.warehouse.tables(in: missing)
            Issue.record("expected notFound")
        } catch let error as ServiceError {
            #expect(error.isBadInput)
            #expect(error.message.en.contains("finnes_ikke"))
        }
    }

    @Test func transferMachinery() async throws {
        let ws = try await TestWorkspace()
        let connections = try await ws.services.warehouse.connections()
        #expect(connections.map(\.id) == ["europe-north1.dp-vedtak-pg"])
        #expect(connections.first?.databaseType == "POSTGRES")
        let queries = try await ws.services.warehouse.scheduledQueries()
        #expect(queries.count == 3)
        #expect(queries.contains { $0.query.contains("EXTERNAL_QUERY(") && $0.destinationTableTemplate == "tabell_2" })
        #expect(queries.contains { $0.lastRunState == .failed })
        let streams = try await ws.services.warehouse.streams()
        #expect(streams.first?.sourceObjects == ["public.tabell_1"])
        #expect(streams.first?.destination.dataset.rawValue == "rasone")
    }

    @Test func aFailedWriteLeavesNothingBehind() async throws {
        let ws = try await TestWorkspace()
        let project = try ProjectID("dagpenger-prod-4e2b")
        let fresh = DatasetInfo(ref: DatasetRef(project: project, dataset: try DatasetID("ny_sone")), location: "europe-north1")
        let orphan = TableInfo(ref: TableRef(DatasetRef(project: project, dataset: try DatasetID("finnes_ikke")), try TableID("t")), kind: .table)
        await #expect(throws: (any Error).self) {
            try await ws.workspace.warehouseStore.store(datasets: [fresh], tables: [orphan])
        }
        let names = try await ws.services.warehouse.datasets().map(\.ref.dataset.rawValue)
        #expect(!names.contains("ny_sone"))
    }
}
