import Foundation
import GRDB
import KatalogCore
import KatalogServices

/// The workspace as the cache of a cloud project's metadata: datasets and tables in the same
/// tables as the local warehouse, under the cloud project's id, with when each part was fetched.
struct LocalMetadataCache: MetadataCache {
    let store: LocalStore

    init(pool: any DatabaseWriter) {
        store = LocalStore(pool: pool)
    }

    func datasets(of project: ProjectID) async throws -> Cached<[DatasetInfo]>? {
        try await store.read { db in
            guard let fetched = try Self.fetched(db, "datasets:\(project)") else { return nil }
            let rows = try DatasetRow.filter(Column("project") == project.rawValue).order(Column("dataset")).fetchAll(db)
            return Cached(value: try rows.map { try $0.domain(tableCount: nil) }, fetched: fetched)
        }
    }

    func tables(in dataset: DatasetRef) async throws -> Cached<[TableInfo]>? {
        try await store.read { db in
            guard let fetched = try Self.fetched(db, "tables:\(dataset)") else { return nil }
            let rows = try TableRow.filter(Column("project") == dataset.project.rawValue && Column("dataset") == dataset.dataset.rawValue)
                .order(Column("tableId")).fetchAll(db)
            return Cached(value: try rows.map { try $0.domain(listing: true) }, fetched: fetched)
        }
    }

    func table(_ ref: TableRef) async throws -> Cached<TableInfo>? {
        try await store.read { db in
            guard let fetched = try Self.fetched(db, "table:\(ref)"),
                  let row = try TableRow.fetchOne(db, key: ["project": ref.project.rawValue, "dataset": ref.dataset.rawValue, "tableId": ref.table.rawValue])
            else { return nil }
            return Cached(value: try row.domain(), fetched: fetched)
        }
    }

    /// Replaces the project's datasets (with their tables, when a dataset is gone).
    func store(datasets: [DatasetInfo], of project: ProjectID, at time: Date) async throws {
        try await store.write { db in
            let keep = datasets.map(\.ref.dataset.rawValue)
            try DatasetRow.filter(Column("project") == project.rawValue && !keep.contains(Column("dataset"))).deleteAll(db)
            for dataset in datasets { try DatasetRow(dataset).save(db) }
            try Self.stamp(db, "datasets:\(project)", time)
        }
    }

    /// Replaces a dataset's table list, keeping the details (schema, SQL) already fetched.
    func store(tables: [TableInfo], in dataset: DatasetRef, at time: Date) async throws {
        try await store.write { db in try Self.store(db, tables: tables, in: dataset, at: time) }
    }

    /// The list and every table's details in one transaction (`R` on a dataset: one write, not 300).
    func store(details: [TableInfo], in dataset: DatasetRef, at time: Date) async throws {
        try await store.write { db in
            guard try Self.store(db, tables: details, in: dataset, at: time) else { return }
            for table in details {
                try TableRow(table).save(db)
                try Self.stamp(db, "table:\(table.ref)", time)
            }
        }
    }

    /// Replaces the list; false when the dataset itself is not (or no longer) cached.
    @discardableResult
    private static func store(_ db: Database, tables: [TableInfo], in dataset: DatasetRef, at time: Date) throws -> Bool {
        guard try DatasetRow.exists(db, key: ["project": dataset.project.rawValue, "dataset": dataset.dataset.rawValue]) else { return false }
        let keep = tables.map(\.ref.table.rawValue)
        try TableRow.filter(Column("project") == dataset.project.rawValue && Column("dataset") == dataset.dataset.rawValue
                            && !keep.contains(Column("tableId"))).deleteAll(db)
        for table in tables {
            let key = ["project": dataset.project.rawValue, "dataset": dataset.dataset.rawValue, "tableId": table.ref.table.rawValue]
            if var existing = try TableRow.fetchOne(db, key: key) {
                let listed = TableRow(table)
                existing.kind = listed.kind
                existing.friendlyName = listed.friendlyName
                existing.labels = listed.labels
                existing.partitioning = listed.partitioning
                existing.clustering = listed.clustering
                existing.created = listed.created
                existing.expires = listed.expires
                try existing.update(db)
            } else {
                try TableRow(table).insert(db)
            }
        }
        try Self.stamp(db, "tables:\(dataset)", time)
        return true
    }

    func store(table: TableInfo, at time: Date) async throws {
        try await store.write { db in
            guard try DatasetRow.exists(db, key: ["project": table.ref.project.rawValue, "dataset": table.ref.dataset.rawValue]) else { return }
            try TableRow(table).save(db)
            try Self.stamp(db, "table:\(table.ref)", time)
        }
    }

    func document<Value: Codable & Sendable>(_ type: Value.Type, key: String) async throws -> Cached<Value>? {
        let found: (Data, Date)? = try await store.read { db in
            guard let fetched = try Self.fetched(db, key), let body = try Data.fetchOne(db, sql: "SELECT body FROM cacheDocument WHERE key = ?", arguments: [key])
            else { return nil }
            return (body, fetched)
        }
        guard let (body, fetched) = found else { return nil }
        // A document an older katalog wrote differently is no cache at all, not an error.
        guard let value = try? JSONDecoder().decode(Value.self, from: body) else { return nil }
        return Cached(value: value, fetched: fetched)
    }

    func store<Value: Codable & Sendable>(document: Value, key: String, at time: Date) async throws {
        let body = try JSONEncoder().encode(document)
        try await store.write { db in
            try db.execute(sql: "INSERT INTO cacheDocument (key, body) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body",
                           arguments: [key, body])
            try Self.stamp(db, key, time)
        }
    }

    private static func fetched(_ db: Database, _ key: String) throws -> Date? {
        try Date.fetchOne(db, sql: "SELECT fetched FROM cacheEntry WHERE key = ?", arguments: [key])
    }

    private static func stamp(_ db: Database, _ key: String, _ time: Date) throws {
        try db.execute(sql: "INSERT INTO cacheEntry (key, fetched) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET fetched = excluded.fetched",
                       arguments: [key, time])
    }
}
