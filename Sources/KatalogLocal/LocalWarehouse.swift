import Foundation
import GRDB
import KatalogCore
import KatalogServices

/// The workspace's copy of a BigQuery project: browsed through `Warehouse`, written by the demo
/// seed (and, later, the cloud metadata cache).
public struct LocalWarehouse: Warehouse {
    let store: LocalStore
    public let project: ProjectID

    init(pool: any DatabaseWriter, project: ProjectID) {
        store = LocalStore(pool: pool)
        self.project = project
    }

    public func datasets() async throws -> [DatasetInfo] {
        let project = project.rawValue
        return try await store.read { db in
            let counts = try Row.fetchAll(db, sql: "SELECT dataset, COUNT(*) AS n FROM bqTable WHERE project = ? GROUP BY dataset", arguments: [project])
                .reduce(into: [String: Int]()) { $0[$1["dataset"]] = $1["n"] }
            return try DatasetRow.filter(Column("project") == project).order(Column("dataset")).fetchAll(db)
                .map { try $0.domain(tableCount: counts[$0.dataset] ?? 0) }
        }
    }

    public func tables(in dataset: DatasetRef) async throws -> [TableInfo] {
        try await store.read { db in
            guard try DatasetRow.exists(db, key: ["project": dataset.project.rawValue, "dataset": dataset.dataset.rawValue]) else {
                throw Self.noDataset(dataset)
            }
            return try TableListRow.fetchAll(db, TableRow.select(TableListRow.columns)
                .filter(Column("project") == dataset.project.rawValue && Column("dataset") == dataset.dataset.rawValue)
                .order(Column("tableId")).asRequest(of: TableListRow.self)).map { try $0.domain(in: dataset) }
        }
    }

    private static func noDataset(_ dataset: DatasetRef) -> ServiceError {
        .notFound(LocalizedText(nb: "Datasettet \(dataset) finnes ikke i BigQuery-prosjektet. `katalog ls` viser alle.",
                                en: "The dataset \(dataset) does not exist in the BigQuery project. `katalog ls` lists them all."))
    }

    /// Every dataset's list in one read: a project of 2,000 datasets opens without 2,000 reads.
    public func tables(in datasets: [DatasetRef]) async -> [DatasetRef: Result<[TableInfo], any Error>] {
        do {
            return try await store.read { db in
                var lists: [DatasetRef: Result<[TableInfo], any Error>] = [:]
                for project in Set(datasets.map(\.project)) {
                    let wanted = Set(datasets.filter { $0.project == project }.map(\.dataset.rawValue))
                    let rows = try Row.fetchCursor(db, TableRow.select([Column("dataset")] + TableListRow.columns)
                        .filter(Column("project") == project.rawValue).order(Column("dataset"), Column("tableId")))
                    var current: (name: String, ref: DatasetRef)?
                    var found: [DatasetRef: [TableInfo]] = [:]
                    while let row = try rows.next() {
                        let name: String = row[0]
                        guard wanted.contains(name) else { continue }
                        if current?.name != name { current = (name, DatasetRef(project: project, dataset: try DatasetID(name))) }
                        found[current!.ref, default: []].append(try TableListRow(row: row, from: 1).domain(in: current!.ref))
                    }
                    let existing = Set(try String.fetchAll(db, sql: "SELECT dataset FROM bqDataset WHERE project = ?", arguments: [project.rawValue]))
                    for dataset in datasets where dataset.project == project {
                        lists[dataset] = existing.contains(dataset.dataset.rawValue) ? .success(found[dataset] ?? []) : .failure(Self.noDataset(dataset))
                    }
                }
                return lists
            }
        } catch {
            return Dictionary(uniqueKeysWithValues: datasets.map { ($0, .failure(error)) })
        }
    }

    /// Every view's SQL in the dataset, in one read (the lineage needs them all).
    public func viewDefinitions(in dataset: DatasetRef) async throws -> [TableRef: String] {
        try await store.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT tableId, query FROM bqTable WHERE project = ? AND dataset = ? AND query IS NOT NULL
                """, arguments: [dataset.project.rawValue, dataset.dataset.rawValue])
            var definitions: [TableRef: String] = [:]
            for row in rows {
                guard let id = try? TableID(row["tableId"] as String), let query = row["query"] as String? else { continue }
                definitions[TableRef(dataset, id)] = query
            }
            return definitions
        }
    }

    public func table(_ ref: TableRef) async throws -> TableInfo {
        try await store.read { db in
            let key: [String: String] = ["project": ref.project.rawValue, "dataset": ref.dataset.rawValue, "tableId": ref.table.rawValue]
            guard let row = try TableRow.fetchOne(db, key: key) else {
                throw ServiceError.notFound(LocalizedText(
                    nb: "Tabellen \(ref) finnes ikke. `katalog ls \(ref.dataset)` viser tabellene i datasettet.",
                    en: "The table \(ref) does not exist. `katalog ls \(ref.dataset)` lists the dataset's tables."))
            }
            return try row.domain()
        }
    }

    public func connections() async throws -> [Connection] {
        try await store.read { db in try ConnectionRow.order(Column("id")).fetchAll(db).map(\.domain) }
    }

    public func scheduledQueries() async throws -> [ScheduledQuery] {
        try await store.read { db in try ScheduledQueryRow.order(Column("displayName")).fetchAll(db).map(\.domain) }
    }

    public func streams() async throws -> [DatastreamStream] {
        try await store.read { db in try StreamRow.order(Column("displayName")).fetchAll(db).map(\.domain) }
    }

    // MARK: Writing

    /// Stores (or replaces) datasets with their tables, connections, scheduled queries and
    /// streams, in one transaction. Each dataset gets BigQuery's default access entries.
    public func store(datasets: [DatasetInfo], tables: [TableInfo], connections: [Connection] = [],
                      scheduledQueries: [ScheduledQuery] = [], streams: [DatastreamStream] = []) async throws {
        try await store.write { db in
            for dataset in datasets {
                try DatasetRow(dataset).save(db)
                if try DatasetAccessRow.fetchOne(db, key: dataset.ref.description) == nil {
                    try DatasetAccessRow(datasetRef: dataset.ref.description, etag: LocalStore.newEtag(), entries: [
                        DatasetAccessEntry(role: "OWNER", grantee: .specialGroup("projectOwners")),
                        DatasetAccessEntry(role: "WRITER", grantee: .specialGroup("projectWriters")),
                        DatasetAccessEntry(role: "READER", grantee: .specialGroup("projectReaders")),
                    ]).insert(db)
                }
            }
            for table in tables { try TableRow(table).save(db) }
            for connection in connections { try ConnectionRow(connection).save(db) }
            for query in scheduledQueries { try ScheduledQueryRow(query).save(db) }
            for stream in streams { try StreamRow(stream).save(db) }
        }
    }
}
