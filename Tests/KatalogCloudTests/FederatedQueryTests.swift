import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogCloud
@testable import KatalogLocal

/// The demo's Federated Query path end to end: its scheduled query runs EXTERNAL_QUERY through
/// local-bigquery against a real PostgreSQL (scripts/start-postgres.sh), and the source table
/// katalog's lineage names is the one the database has.
@Suite("Federated Query against PostgreSQL", .enabled(if: FederatedFixture.postgres != nil && EmulatorFixture.url != nil,
                                                       "needs make test's PostgreSQL and local-bigquery"))
struct FederatedQueryTests {
    let project = try! ProjectID("dagpenger-prod-4e2b")
    var client: BigQueryClient { BigQueryClient(http: EmulatorFixture.client(), pageSize: 2) }
    var federated: ScheduledQuery { DemoWorkspace.warehouse(now: Date()).scheduledQueries.first { $0.displayName == "Hent vedtak fra dp-vedtak" }! }

    @Test func theDemosScheduledQueryReadsTheSourceDatabase() async throws {
        // Two rows a page: the rows come through getQueryResults paging too.
        let rows = try await client.queryValues(federated.query, project: project)
        #expect(rows == [
            [.scalar("V-1001"), .scalar("S-2001"), .scalar("INNVILGET"), .scalar("2026-11-20"), .scalar("1021.5"), .array([.scalar("ftrl § 4-3"), .scalar("ftrl § 4-12")])],
            [.scalar("V-1002"), .scalar("S-2002"), .scalar("AVSLÅTT"), .scalar("2026-11-21"), .null, .array([.scalar("ftrl § 4-4")])],
            [.scalar("V-1003"), .scalar("S-2003"), .scalar("INNVILGET"), .scalar("2026-11-24"), .scalar("987"), .array([])],
        ])
    }

    @Test func theLineageSourceIsATableTheDatabaseHas() async throws {
        let references = SQLReferences.extract(from: federated.query, defaultProject: project)
        let external = try #require(references.externalQueries.first)
        #expect(external.connection == "europe-north1.dp-vedtak-pg" && external.tables == ["public.tabell_2"])
        // Ask the database itself, through the same connection.
        let tables = try await client.query("""
            SELECT * FROM EXTERNAL_QUERY("\(external.connection)",
              "SELECT table_schema || '.' || table_name, current_database() FROM information_schema.tables WHERE table_schema = 'public'")
            """, project: project)
        #expect(tables.map { $0[0] } == external.tables)
        // The lineage node names that database, as the demo's Connection says.
        let connection = try #require(DemoWorkspace.warehouse(now: Date()).connections.first { $0.id == external.connection })
        #expect(tables.first?[1] == connection.database)
    }

    @Test func aBadInnerQueryIsAClearError() async throws {
        do {
            _ = try await client.query(#"SELECT * FROM EXTERNAL_QUERY("europe-north1.dp-vedtak-pg", "SELECT * FROM public.finnes_ikke")"#, project: project)
            Issue.record("expected a failure")
        } catch let error as CloudError {
            #expect(error.message.en.contains("finnes_ikke"))
        }
    }
}

enum FederatedFixture {
    static let postgres = ProcessInfo.processInfo.environment["KATALOG_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
}
