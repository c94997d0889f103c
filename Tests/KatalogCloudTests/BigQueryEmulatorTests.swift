import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogCloud
@testable import KatalogLocal

/// katalog's BigQuery REST backend against local-bigquery, seeded with the demo by Google's
/// Python client (scripts/with-emulator.sh; `make test` runs it). Against the fallback,
/// bqemulator, the checks it cannot serve are skipped, each saying why.
@Suite("BigQuery REST against an emulator", .enabled(if: EmulatorFixture.url != nil, "needs KATALOG_TEST_BIGQUERY (make test sets it)"))
struct BigQueryEmulatorTests {
    let project = try! ProjectID("dagpenger-prod-4e2b")

    func warehouse(pageSize: Int = 1000) -> BigQueryWarehouse {
        BigQueryWarehouse(project: project, http: EmulatorFixture.client(), pageSize: pageSize)
    }

    @Test func datasetsAreTheDemoPlusThePagingDataset() async throws {
        let datasets = try await warehouse().datasets()
        let names = datasets.map(\.ref.dataset.rawValue)
        #expect(["behandling", "dataprodukter", "mange", "rasone"].allSatisfy(names.contains))
        let rasone = try #require(datasets.first { $0.ref.dataset.rawValue == "rasone" })
        #expect(rasone.friendlyName == "Råsone" && rasone.labels["sone"] == "rasone")
        #expect(rasone.description?.hasPrefix("Rådata landet fra fagsystemene") == true)
    }

    @Test(.enabled(if: !EmulatorFixture.isBQEmulator, "bqemulator has no list paging (no nextPageToken)"))
    func listsArePagedToTheEnd() async throws {
        let mange = DatasetRef(project: project, dataset: try DatasetID("mange"))
        let tables = try await warehouse(pageSize: 25).tables(in: mange)
        #expect(tables.count == 60)
        #expect(Set(tables.map(\.ref.table.rawValue)).count == 60)
        #expect(tables.first?.ref.table.rawValue == "t_000" && tables.last?.ref.table.rawValue == "t_059")
    }

    @Test(.enabled(if: !EmulatorFixture.isBQEmulator, "bqemulator: no Unicode table ids, no view schemas, no range partitioning"))
    func theExplorerSeesTheSameProjectAsTheLocalWorkspace() async throws {
        let local = DemoWorkspace.warehouse(now: Date())
        let cloud = warehouse(pageSize: 7)
        for dataset in local.datasets {
            let remote = try await cloud.tables(in: dataset.ref)
            let expected = local.tables.filter { $0.ref.datasetRef == dataset.ref }
            #expect(remote.map(\.ref) == expected.map(\.ref).sorted(), "tables of \(dataset.ref)")
            for table in expected {
                let got = try await cloud.table(table.ref)
                #expect(got.kind == table.kind, "\(table.ref)")
                #expect(got.schema == table.schema, "\(table.ref) schema")
                #expect(got.description == table.description, "\(table.ref) description")
                #expect(got.labels == table.labels, "\(table.ref) labels")
                if table.kind == .view { #expect(got.query?.trimmingCharacters(in: .whitespacesAndNewlines) == table.query?.trimmingCharacters(in: .whitespacesAndNewlines), "\(table.ref) SQL") }
                if table.kind == .table {
                    #expect(got.partitioning == table.partitioning, "\(table.ref) partitioning")
                    #expect(got.clustering == table.clustering, "\(table.ref) clustering")
                }
            }
        }
    }

    /// The BigQuery part of the lineage — which table each view reads — is the same whether the
    /// SQL comes from the emulator or the local workspace.
    @Test(.enabled(if: !EmulatorFixture.isBQEmulator, "bqemulator refuses the demo's Unicode table ids"))
    func theSameBigQueryLineageAsTheLocalWorkspace() async throws {
        let local = DemoWorkspace.warehouse(now: Date())
        var remote: [TableInfo] = []
        for table in local.tables where table.query != nil { remote.append(try await warehouse().table(table.ref)) }
        #expect(Set(ResourceExport.lineageLinks(tables: remote, scheduledQueries: []))
                == Set(ResourceExport.lineageLinks(tables: local.tables, scheduledQueries: [])))
        #expect(ResourceExport.lineageLinks(tables: remote, scheduledQueries: []).count >= 7)
    }

    @Test(.enabled(if: !EmulatorFixture.isBQEmulator, "bqemulator's INFORMATION_SCHEMA.VIEWS drops the quotes of string literals"))
    func everyViewsSQLInOneQuery() async throws {
        let local = DemoWorkspace.warehouse(now: Date())
        for dataset in local.datasets {
            let remote = try await warehouse().viewDefinitions(in: dataset.ref)
            let expected = local.tables.filter { $0.ref.datasetRef == dataset.ref && $0.kind == .view }
            #expect(Set(remote.keys).isSuperset(of: expected.map(\.ref)), "\(dataset.ref)")
            for view in expected {
                #expect(remote[view.ref]?.trimmingCharacters(in: .whitespacesAndNewlines) == view.query?.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
    }

    /// The details of every table of a dataset in a handful of queries, the same as a
    /// tables.get per table would give.
    @Test(.enabled(if: !EmulatorFixture.isBQEmulator, "bqemulator's INFORMATION_SCHEMA has no column descriptions and other labels"))
    func aWholeDatasetsDetailsInAFewCalls() async throws {
        let local = DemoWorkspace.warehouse(now: Date())
        for dataset in local.datasets {
            let bulk = try await warehouse().tableDetails(in: dataset.ref)
            #expect(bulk.count == local.tables.filter { $0.ref.datasetRef == dataset.ref }.count)
            for table in bulk {
                let single = try await warehouse().table(table.ref)
                #expect(table.kind == single.kind && table.description == single.description && table.labels == single.labels, "\(table.ref)")
                // A table lives where its dataset does (the emulator's tables.get says US for all;
                // its materialized view comes from tables.get, as it has no MATERIALIZED_VIEWS).
                let location = table.kind == .materializedView ? single.location : dataset.location
                #expect(table.location == location && table.friendlyName == single.friendlyName, "\(table.ref)")
                #expect(table.query?.trimmingCharacters(in: .whitespacesAndNewlines) == single.query?.trimmingCharacters(in: .whitespacesAndNewlines), "\(table.ref) SQL")
                #expect(Self.sameSchema(table.schema, single.schema), "\(table.ref): \(table.schema) vs \(single.schema)")
            }
        }
    }

    /// Equal, except that a nested field tables.get calls REQUIRED may come back NULLABLE: the
    /// emulator's STRUCT types leave out NOT NULL (BigQuery's have it; ColumnTypeTests read it).
    static func sameSchema(_ a: [SchemaField], _ b: [SchemaField], nested: Bool = false) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.name == y.name && x.type == y.type && x.description == y.description
                && (x.mode == y.mode || (nested && x.mode == .nullable && y.mode == .required)) && sameSchema(x.fields, y.fields, nested: true)
        }
    }

    @Test(.enabled(if: !EmulatorFixture.isBQEmulator, "bqemulator has no __TABLES__"))
    func oneQueryGivesTheSizesOfEveryTable() async throws {
        let rasone = DatasetRef(project: project, dataset: try DatasetID("rasone"))
        let behandlingRef = DatasetRef(project: project, dataset: try DatasetID("behandling"))
        let warehouse = try warehouse()
        let listed = try await warehouse.tables(in: rasone)
        #expect(!listed.isEmpty && listed.allSatisfy { $0.numRows == nil }, "the list alone, as tables.list gives it")
        // The emulator's tables are empty, but every table has its counts and a time.
        let sizes = await warehouse.tableSizes(in: [rasone], locations: [:])
        let tables = listed.map { $0.with(sizes[$0.ref]) }
        #expect(tables.allSatisfy { $0.numRows == 0 && $0.numBytes == 0 && $0.modified != nil })
        // A region's datasets together: its TABLE_STORAGE view, or each one's __TABLES__ where the server has no such view.
        let behandling = try await warehouse.tables(in: behandlingRef)
        let both = await warehouse.tableSizes(in: [rasone, behandlingRef], locations: [rasone: "europe-north1", behandlingRef: "europe-north1"])
        #expect(tables.allSatisfy { both[$0.ref] == sizes[$0.ref] })
        #expect(behandling.filter { $0.kind == .table }.allSatisfy { both[$0.ref]?.numRows == 0 })
        #expect(behandling.filter { $0.kind == .view }.allSatisfy { $0.with(both[$0.ref]).numRows == nil })
    }

    @Test func aMissingTableIsNotFound() async throws {
        do {
            _ = try await warehouse().table(try TableRef(parsing: "dagpenger-prod-4e2b.rasone.finnes_ikke"))
            Issue.record("expected notFound")
        } catch let ServiceError.notFound(message) {
            #expect(message.en.contains("finnes_ikke"))
        }
    }

    @Test(.enabled(if: !EmulatorFixture.isBQEmulator, "bqemulator has no table IAM (405)"))
    func tableIAMRoundTripsWithItsEtag() async throws {
        let iam = BigQueryIAM(http: EmulatorFixture.client())
        let table = try TableRef(parsing: "dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk")
        let policy = try await iam.tablePolicy(table)
        #expect(policy.members(of: "roles/bigquery.dataViewer").contains("user:kari.nordmann@nav.no"))
        let updated = try await iam.setTablePolicy(table, policy.adding("group:team-x@nav.no", to: "roles/bigquery.dataViewer"))
        #expect(updated.members(of: "roles/bigquery.dataViewer").contains("group:team-x@nav.no"))
        #expect(updated.etag != policy.etag)
        let reread = try await iam.tablePolicy(table)
        #expect(Set(reread.members(of: "roles/bigquery.dataViewer")) == Set(updated.members(of: "roles/bigquery.dataViewer")))
        _ = try await iam.setTablePolicy(table, reread.removing("group:team-x@nav.no", from: "roles/bigquery.dataViewer"))
    }

    /// Two writers from the same etag: the second is refused, reads again and makes only its own
    /// change — both survive.
    @Test(.enabled(if: !EmulatorFixture.isBQEmulator, "bqemulator has no table IAM (405)"))
    func twoWritersOnOneTablePolicyBothSurvive() async throws {
        let iam = BigQueryIAM(http: EmulatorFixture.client())
        let table = try TableRef(parsing: "dagpenger-prod-4e2b.dataprodukter.meldekort_anonymisert")
        let read = try await iam.tablePolicy(table)
        _ = try await iam.setTablePolicy(table, read.adding("user:forste@nav.no", to: "roles/bigquery.dataViewer"))
        do {
            _ = try await iam.setTablePolicy(table, read.adding("user:andre@nav.no", to: "roles/bigquery.dataViewer"))
            Issue.record("a write with a stale etag must be refused")
        } catch ServiceError.conflict {
            let again = try await iam.tablePolicy(table)
            _ = try await iam.setTablePolicy(table, again.adding("user:andre@nav.no", to: "roles/bigquery.dataViewer"))
        }
        let members = try await iam.tablePolicy(table).members(of: "roles/bigquery.dataViewer")
        #expect(members.contains("user:forste@nav.no") && members.contains("user:andre@nav.no"))
        let cleanup = try await iam.tablePolicy(table)
        _ = try await iam.setTablePolicy(table, cleanup.removing("user:forste@nav.no", from: "roles/bigquery.dataViewer").removing("user:andre@nav.no", from: "roles/bigquery.dataViewer"))
    }

    @Test func datasetAccessIsPatchedWholeAndGuardedByTheEtag() async throws {
        let iam = BigQueryIAM(http: EmulatorFixture.client())
        let dataset = DatasetRef(project: project, dataset: try DatasetID("dataprodukter"))
        let access = try await iam.datasetAccess(dataset)
        #expect(access.entries.contains(DatasetAccessEntry(role: "READER", grantee: .groupByEmail("team-statistikk@nav.no"))))
        #expect(access.entries.contains(DatasetAccessEntry(role: "OWNER", grantee: .specialGroup("projectOwners"))))
        let entry = DatasetAccessEntry(role: "roles/bigquery.metadataViewer", grantee: .userByEmail("ny@nav.no"))
        let written = try await iam.setDatasetAccess(dataset, DatasetAccess(entries: access.entries + [entry], etag: access.etag))
        #expect(written.entries.contains(entry) && written.etag != access.etag)
        // The old etag is stale now: refused, and nothing changes (bqemulator ignores If-Match).
        if !EmulatorFixture.isBQEmulator { do {
            _ = try await iam.setDatasetAccess(dataset, DatasetAccess(entries: [], etag: access.etag))
            Issue.record("expected a conflict")
        } catch let error as ServiceError {
            guard case .conflict = error else { Issue.record("expected a conflict, got \(error)"); return }
        } }
        let after = try await iam.datasetAccess(dataset)
        #expect(after.entries.contains(entry))
        _ = try await iam.setDatasetAccess(dataset, DatasetAccess(entries: after.entries.filter { $0 != entry }, etag: after.etag))
    }

    /// What bqemulator needs most: its tables.get never has view.query.
    @Test func viewSQLComesFromInformationSchemaWhenTablesGetLacksIt() async throws {
        let view = try TableRef(parsing: "dagpenger-prod-4e2b.behandling." + EmulatorFixture.tableID("søknader_beriket"))
        let sql = try await warehouse(pageSize: 2).viewDefinition(view)
        #expect(sql?.contains("`dagpenger-prod-4e2b.rasone.tabell_1`") == true)
        if EmulatorFixture.isBQEmulator {
            // Through the table itself, as the Explorer asks for it.
            #expect(try await warehouse().table(view).query?.contains("`dagpenger-prod-4e2b.rasone.tabell_2`") == true)
        }
    }
}

enum EmulatorFixture {
    static let url = ProcessInfo.processInfo.environment["KATALOG_TEST_BIGQUERY"].flatMap(URL.init(string:))
    /// The fallback emulator, which serves less (scripts/with-emulator.sh says what).
    static let isBQEmulator = ProcessInfo.processInfo.environment["KATALOG_TEST_EMULATOR"] == "bqemulator"

    /// A demo table id as the emulator holds it: bqemulator got it in ASCII (seed.py --ascii).
    static func tableID(_ name: String) -> String {
        guard isBQEmulator else { return name }
        let mapped = name.map { c -> String in ["ø": "o", "Ø": "O", "å": "a", "Å": "A", "æ": "ae", "Æ": "AE"][c] ?? String(c) }.joined()
        return String(mapped.decomposedStringWithCompatibilityMapping.unicodeScalars.filter(\.isASCII).map(Character.init))
    }

    /// The emulator needs no credentials; katalog sends none when BIGQUERY_EMULATOR_HOST is set.
    static func client() -> GoogleAPIClient {
        GoogleAPIClient(api: "BigQuery", baseURL: url!.appendingPathComponent("bigquery/v2"), transport: AsyncHTTPClientTransport(), tokens: nil)
    }
}
