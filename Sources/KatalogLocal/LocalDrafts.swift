import Foundation
import GRDB
import KatalogServices

/// Wizard drafts in the workspace, newest first.
struct LocalDrafts: Drafts {
    let store: LocalStore
    let now: @Sendable () -> Date

    init(pool: any DatabaseWriter, now: @escaping @Sendable () -> Date) {
        store = LocalStore(pool: pool)
        self.now = now
    }

    func list() async throws -> [Draft] {
        try await store.read { db in try DraftRow.order(Column("updated").desc).fetchAll(db).map(Self.domain) }
    }

    func load(_ id: UUID) async throws -> Draft? {
        try await store.read { db in try DraftRow.fetchOne(db, key: id).map(Self.domain) }
    }

    func save(_ draft: Draft) async throws -> Draft {
        let row = DraftRow(id: draft.id, kind: draft.kind, title: draft.title, payload: draft.payload, updated: now())
        try await store.write { db in try row.save(db) }
        return Self.domain(row)
    }

    func delete(_ id: UUID) async throws {
        _ = try await store.write { db in try DraftRow.deleteOne(db, key: id) }
    }

    private static func domain(_ row: DraftRow) -> Draft {
        Draft(id: row.id, kind: row.kind, title: row.title, payload: row.payload, updated: row.updated)
    }
}
