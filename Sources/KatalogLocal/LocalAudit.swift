import Foundation
import GRDB
import KatalogServices

/// The audit log in the workspace; the database refuses updates and deletes (see the
/// migration's triggers).
struct LocalAudit: Audit {
    let store: LocalStore

    init(pool: DatabasePool) {
        store = LocalStore(pool: pool)
    }

    func record(_ event: AuditEvent) async throws {
        try await store.write { db in
            try AuditRow(id: nil, time: event.time, actor: event.actor, action: event.action, target: event.target, detail: event.detail).insert(db)
        }
    }

    func events(limit: Int) async throws -> [AuditEvent] {
        try await store.read { db in
            try AuditRow.order(Column("id").desc).limit(limit).fetchAll(db)
                .map { AuditEvent(time: $0.time, actor: $0.actor, action: $0.action, target: $0.target, detail: $0.detail) }
        }
    }
}
