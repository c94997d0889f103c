import Foundation
import GRDB
import KatalogCore
import KatalogServices

/// Table IAM policies and dataset access arrays in the workspace, with BigQuery's etag rules:
/// a write must carry the etag it read, or it is refused.
struct LocalIAM: IAMPolicies {
    let store: LocalStore

    init(pool: any DatabaseWriter) {
        store = LocalStore(pool: pool)
    }

    func tablePolicy(_ table: TableRef) async throws -> IAMPolicy {
        try await store.read { db in
            try Self.requireTable(db, table)
            return try IAMState.tablePolicy(db, table)
        }
    }

    func setTablePolicy(_ table: TableRef, _ policy: IAMPolicy) async throws -> IAMPolicy {
        try await store.write { db in
            try Self.requireTable(db, table)
            let current = try IAMState.tablePolicy(db, table)
            guard current.etag == policy.etag else { throw Self.stale(table.description) }
            return try IAMState.writeTablePolicy(db, table, policy.bindings)
        }
    }

    func datasetAccess(_ dataset: DatasetRef) async throws -> DatasetAccess {
        try await store.read { db in try IAMState.datasetAccess(db, dataset) }
    }

    func setDatasetAccess(_ dataset: DatasetRef, _ access: DatasetAccess) async throws -> DatasetAccess {
        try await store.write { db in
            let current = try IAMState.datasetAccess(db, dataset)
            guard current.etag == access.etag else { throw Self.stale(dataset.description) }
            return try IAMState.writeDatasetAccess(db, dataset, access.entries)
        }
    }

    private static func requireTable(_ db: Database, _ table: TableRef) throws {
        let key = ["project": table.project.rawValue, "dataset": table.dataset.rawValue, "tableId": table.table.rawValue]
        guard try TableRow.exists(db, key: key) else {
            throw ServiceError.notFound(LocalizedText(nb: "Tabellen \(table) finnes ikke.", en: "The table \(table) does not exist."))
        }
    }

    private static func stale(_ what: String) -> ServiceError {
        .conflict(LocalizedText(
            nb: "Tilgangene på \(what) er endret av noen andre siden du leste dem (etag stemmer ikke). Last inn på nytt og prøv igjen.",
            en: "The access of \(what) was changed by someone else since you read it (the etag does not match). Reload and try again."))
    }
}
