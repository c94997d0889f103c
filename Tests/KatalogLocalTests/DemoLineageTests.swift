import Foundation
import Testing
import KatalogCore
@testable import KatalogLocal

/// The demo's SQL names only tables the demo has: its lineage is whole.
@Suite("The demo project's SQL")
struct DemoLineageTests {
    let demo = DemoProject(now: Date())

    @Test func everyViewReadsTablesOfTheDemo() {
        let known = Set(demo.tables.map(\.ref))
        for view in demo.tables where view.query != nil {
            let references = SQLReferences.extract(from: view.query!, defaultProject: DemoProject.project)
            #expect(!references.reads.isEmpty, "\(view.ref) reads nothing")
            for read in references.reads {
                #expect(read.resolved.map(known.contains) == true, "\(view.ref) reads \(read), which the demo does not have")
            }
        }
    }

    @Test func scheduledQueriesReadTheDemoAndTheFederatedSource() {
        let known = Set(demo.tables.map(\.ref))
        let byName = Dictionary(uniqueKeysWithValues: demo.scheduledQueries.map { ($0.displayName, $0) })
        let federated = SQLReferences.extract(from: byName["Hent vedtak fra dp-vedtak"]!.query, defaultProject: DemoProject.project)
        #expect(federated.reads.isEmpty)
        #expect(federated.externalQueries == [ExternalQueryReference(connection: "europe-north1.dp-vedtak-pg", tables: ["public.tabell_2"])])
        #expect(demo.connections.map(\.id).contains(federated.externalQueries[0].connection))
        for query in demo.scheduledQueries where query.displayName != "Hent vedtak fra dp-vedtak" {
            let references = SQLReferences.extract(from: query.query, defaultProject: DemoProject.project)
            #expect(!references.reads.isEmpty && references.reads.allSatisfy { $0.resolved.map(known.contains) == true }, "\(query.displayName)")
        }
    }
}
