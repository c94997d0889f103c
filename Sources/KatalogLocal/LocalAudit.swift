import Foundation
import GRDB
import KatalogServices

/// The audit log in the workspace; the database refuses updates and deletes (see the
/// migration's triggers). Local changes write their record themselves, in their own
/// transaction (`LocalStore.write(audit:)`); this is for everything else.
struct LocalAudit: Audit {
    let store: LocalStore

    init(pool: any DatabaseWriter) {
        store = LocalStore(pool: pool)
    }

    func record(_ event: AuditEvent) async throws {
        try await store.write { db in try AuditRow(event).insert(db) }
    }

    func events(limit: Int) async throws -> [AuditEvent] {
        try await store.read { db in
            try AuditRow.order(Column("id").desc).limit(limit).fetchAll(db).map(\.event)
        }
    }

    func recordIntent(_ event: AuditEvent) async throws -> Int64 {
        try await store.write { db in
            try AuditRow(event).insert(db)
            return db.lastInsertedRowID
        }
    }

    func recordOutcome(of intent: Int64, _ status: AuditEvent.Status, target: String?, detail: String, at time: Date) async throws {
        try await store.write { db in
            guard let row = try AuditRow.fetchOne(db, key: intent), row.status == AuditEvent.Status.intended.rawValue else { return }
            let outcome = AuditEvent(time: time, actor: row.actor, action: row.action, target: target ?? row.target, detail: detail, status: status,
                                     backend: row.backend)
            try AuditRow(outcome, intent: intent).insert(db)
        }
    }

    func unresolvedIntents() async throws -> [AuditIntent] {
        try await store.read { db in
            try AuditRow.fetchAll(db, sql: """
                SELECT * FROM auditEvent WHERE status = 'intended'
                AND id NOT IN (SELECT intent FROM auditEvent WHERE intent IS NOT NULL) ORDER BY id
                """).map { AuditIntent(number: $0.id ?? 0, event: $0.event) }
        }
    }
}
