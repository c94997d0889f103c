import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal

/// `katalog demo --synthetic N`: a project of N tables shaped like a team's, the same for the
/// same seed, whose SQL and dataprodukter hold together as the demo's do.
@Suite("The synthetic demo project")
struct SyntheticProjectTests {
    let now = TestWorkspace.now

    @Test func theSameSeedMakesTheSameProjectAndAnotherSeedAnother() {
        let one = SyntheticProject(tables: 600, seed: 7, now: now), again = SyntheticProject(tables: 600, seed: 7, now: now)
        let other = SyntheticProject(tables: 600, seed: 8, now: now)
        #expect(one.tables == again.tables && one.datasets == again.datasets && one.scheduledQueries == again.scheduledQueries)
        #expect(one.tables.map(\.ref) != other.tables.map(\.ref))
    }

    @Test func itHasTheSizeAndShapeOfATeamProject() {
        let project = SyntheticProject(tables: 1_234, seed: 1, now: now)
        #expect(project.tables.count == 1_234)
        #expect(Set(project.tables.map(\.ref)).count == 1_234, "every table its own name")
        #expect(project.datasets.count == 25, "50 tables a dataset, the last one short")
        let columns = project.tables.map(\.schema.count)
        #expect(columns.allSatisfy { (16...25).contains($0) })
        #expect(project.tables.contains { $0.schema.contains { !$0.fields.isEmpty } }, "some nested records")
        #expect(project.tables.filter { $0.kind == .view }.count > 300)
        #expect(project.tables.filter { $0.labels["kilde"] != nil }.count > 300, "råsone tables say where they come from")
        #expect(!project.scheduledQueries.isEmpty)
        #expect(project.products.count == 1 && project.products[0].grants.count == SyntheticProject.grantsPerProduct)
    }

    @Test func everyViewAndScheduledQueryReadsTablesOfTheProject() {
        let project = SyntheticProject(tables: 900, seed: 3, now: now)
        let known = Set(project.tables.map(\.ref))
        let queries = project.tables.compactMap(\.query) + project.scheduledQueries.map(\.query)
        #expect(queries.count > 300)
        for query in queries {
            let reads = SQLReferences.extract(from: query, defaultProject: DemoProject.project).reads
            #expect(!reads.isEmpty && reads.allSatisfy { $0.resolved.map(known.contains) == true }, "\(query)")
        }
        for query in project.scheduledQueries {
            let destination = query.destination.map { TableRef($0, try! TableID(query.destinationTableTemplate!)) }
            #expect(destination.map(known.contains) == true, "\(query.displayName) writes a table the project has")
        }
    }

    @Test func aSyntheticWorkspaceIsPublishedThroughTheServiceLayerAndHasLineage() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let workspace = try await DemoWorkspace.create(at: folder.appendingPathComponent("ws.sqlite").path, now: now,
                                                       synthetic: SyntheticSize(tables: 2_000, seed: 1))
        defer { try? workspace.close() }
        let services = try workspace.services(now: { now })
        #expect(try await services.warehouse.datasets().count == 40)
        let products = try await services.marketplace.myDataprodukter()
        #expect(products.count == 2)
        let grants = try await services.access.datasettWithGrants(products[0].datasett[0].id).grants
        #expect(grants.count == SyntheticProject.grantsPerProduct)
        let graph = try await LineageBuilder(services: services).build().graph
        #expect(graph.edges.count > 2_000, "views and scheduled queries join the zones")
        #expect(graph.nodes.contains { $0.kind == .datasett })
    }
}
