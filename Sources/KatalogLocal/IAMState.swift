import Foundation
import GRDB
import KatalogCore
import KatalogServices

/// BigQuery's side of access in the workspace: table IAM policies and dataset access arrays,
/// changed the way the marketplace changes them when it grants and revokes. Functions take
/// the caller's `Database` so they join its transaction.
enum IAMState {
    static let dataViewer = "roles/bigquery.dataViewer"
    static let metadataViewer = "roles/bigquery.metadataViewer"
    /// What tables.getIamPolicy answers for a table without a policy.
    static let emptyEtag = "ACAB"

    static func tablePolicy(_ db: Database, _ table: TableRef) throws -> IAMPolicy {
        guard let row = try TablePolicyRow.fetchOne(db, key: table.description) else {
            return IAMPolicy(bindings: [], etag: emptyEtag)
        }
        return IAMPolicy(bindings: row.bindings, etag: row.etag)
    }

    /// Writes the bindings under a new etag. The caller has checked the etag it read.
    @discardableResult
    static func writeTablePolicy(_ db: Database, _ table: TableRef, _ bindings: [IAMPolicy.Binding]) throws -> IAMPolicy {
        let row = TablePolicyRow(tableRef: table.description, etag: LocalStore.newEtag(), bindings: bindings)
        try row.save(db)
        return IAMPolicy(bindings: row.bindings, etag: row.etag)
    }

    static func datasetAccess(_ db: Database, _ dataset: DatasetRef) throws -> DatasetAccess {
        guard let row = try DatasetAccessRow.fetchOne(db, key: dataset.description) else {
            throw ServiceError.notFound(LocalizedText(nb: "Datasettet \(dataset) finnes ikke i BigQuery.", en: "The dataset \(dataset) does not exist in BigQuery."))
        }
        return DatasetAccess(entries: row.entries, etag: row.etag)
    }

    @discardableResult
    static func writeDatasetAccess(_ db: Database, _ dataset: DatasetRef, _ entries: [DatasetAccessEntry]) throws -> DatasetAccess {
        let row = DatasetAccessRow(datasetRef: dataset.description, etag: LocalStore.newEtag(), entries: entries)
        try row.save(db)
        return DatasetAccess(entries: row.entries, etag: row.etag)
    }

    /// What granting `subject` read access to `table` changes in BigQuery.
    static func applyGrant(_ db: Database, _ subject: Subject, on table: TableRef) throws {
        let policy = try tablePolicy(db, table)
        let updated = policy.adding(subject.iamMember, to: dataViewer)
        if updated != policy { try writeTablePolicy(db, table, updated.bindings) }
        let access = try datasetAccess(db, table.datasetRef)
        let entry = metadataEntry(subject)
        if !access.entries.contains(entry) { try writeDatasetAccess(db, table.datasetRef, access.entries + [entry]) }
    }

    /// What revoking changes: the table binding goes unless another active grant of the same
    /// subject needs it, the dataset entry unless the subject has other active grants there.
    static func removeGrant(_ db: Database, _ subject: Subject, on table: TableRef) throws {
        let others = try String.fetchAll(db, sql: """
            SELECT d.tableRef FROM accessGrant g JOIN datasett d ON d.id = g.datasettID
            WHERE g.subject = ? AND g.revoked IS NULL
            """, arguments: [subject.iamMember]).compactMap { try? TableRef(parsing: $0) }
        if !others.contains(table) {
            let policy = try tablePolicy(db, table)
            let updated = policy.removing(subject.iamMember, from: dataViewer)
            if updated != policy { try writeTablePolicy(db, table, updated.bindings) }
        }
        if !others.contains(where: { $0.datasetRef == table.datasetRef }) {
            let access = try datasetAccess(db, table.datasetRef)
            let entry = metadataEntry(subject)
            if access.entries.contains(entry) { try writeDatasetAccess(db, table.datasetRef, access.entries.filter { $0 != entry }) }
        }
    }

    /// A registered view is authorized on its own dataset, so it can read its sources there.
    static func authorizeView(_ db: Database, _ view: TableRef) throws {
        let access = try datasetAccess(db, view.datasetRef)
        let entry = DatasetAccessEntry(role: nil, grantee: .view(view))
        if !access.entries.contains(entry) { try writeDatasetAccess(db, view.datasetRef, access.entries + [entry]) }
    }

    private static func metadataEntry(_ subject: Subject) -> DatasetAccessEntry {
        DatasetAccessEntry(role: metadataViewer, grantee: subject.type == .group ? .groupByEmail(subject.email) : .userByEmail(subject.email))
    }
}
