import Foundation
import GRDB
import KatalogCore
import KatalogServices

/// Grants and access requests in the workspace. Each change updates the marketplace rows and
/// BigQuery's IAM state in one transaction, as the real marketplace does in one request — and
/// its audit record in the same transaction.
struct LocalAccess: AccessBackend {
    let store: LocalStore
    let now: @Sendable () -> Date

    init(pool: any DatabaseWriter, now: @escaping @Sendable () -> Date) {
        store = LocalStore(pool: pool)
        self.now = now
    }

    func datasettWithGrants(_ id: UUID) async throws -> DatasettWithGrants {
        try await store.read { db in
            let datasett = try LocalMarketplace.datasett(db, id)
            let grants = try GrantRow.filter(Column("datasettID") == id).order(Column("created").desc).fetchAll(db).map { try $0.domain() }
            return DatasettWithGrants(datasett: datasett, grants: grants)
        }
    }

    func grant(_ id: UUID) async throws -> Grant {
        try await store.read { db in try Self.grantRow(db, id).domain() }
    }

    private static func grantRow(_ db: Database, _ id: UUID) throws -> GrantRow {
        guard let row = try GrantRow.fetchOne(db, key: id) else {
            throw ServiceError.notFound(LocalizedText(nb: "Fant ingen tilgang med id \(id.text).", en: "No grant has the id \(id.text)."))
        }
        return row
    }

    func pendingRequests(datasett: UUID) async throws -> [AccessRequest] {
        try await store.read { db in
            _ = try LocalMarketplace.datasett(db, datasett)
            return try Self.newestFirst(db, AccessRequestRow.filter(Column("datasettID") == datasett && Column("status") == Self.pending))
        }
    }

    func requestsToHandle() async throws -> [AccessRequest] {
        try await store.read { db in
            let groups = Set(try LocalMarketplace.user(db).groups.map { $0.lowercased() })
            let ownerGroup = Dictionary(uniqueKeysWithValues: try DataproduktRow.fetchAll(db).map { ($0.id, $0.ownerGroup.lowercased()) })
            let owned = try DatasettRow.fetchAll(db).filter { ownerGroup[$0.dataproduktID].map(groups.contains) ?? false }.map(\.id)
            return try Self.newestFirst(db, AccessRequestRow.filter(owned.contains(Column("datasettID")) && Column("status") == Self.pending))
        }
    }

    func myRequests() async throws -> [AccessRequest] {
        try await store.read { db in
            let email = try LocalMarketplace.user(db).email.lowercased()
            return try Self.newestFirst(db, AccessRequestRow.filter(Column("owner").lowercased == email))
        }
    }

    func accessRequest(_ id: UUID) async throws -> AccessRequest {
        try await store.read { db in
            guard let row = try AccessRequestRow.fetchOne(db, key: id) else {
                throw ServiceError.notFound(LocalizedText(nb: "Fant ingen tilgangssøknad med id \(id.text).", en: "No access request has the id \(id.text)."))
            }
            return try row.domain()
        }
    }

    private static let pending = AccessRequest.Status.pending.rawValue

    private static func newestFirst(_ db: Database, _ request: QueryInterfaceRequest<AccessRequestRow>) throws -> [AccessRequest] {
        try request.order(Column("created").desc).fetchAll(db).map { try $0.domain() }
    }

    func grant(_ request: GrantRequest, audit: AuditNote) async throws -> Grant {
        let now = now()
        return try await store.write(audit: audit, at: now, created: { $0.id.text }) { db in
            let granter = try LocalMarketplace.user(db).email
            return try Self.grant(db, request, granter: granter, accessRequest: nil, at: now)
        }
    }

    /// Granting again to the same subject renews: the old row is revoked, a new one inserted.
    static func grant(_ db: Database, _ request: GrantRequest, granter: String, accessRequest: UUID?, at now: Date) throws -> Grant {
        let datasett = try LocalMarketplace.datasett(db, request.datasettID)
        try GrantRow.filter(Column("datasettID") == request.datasettID && Column("subject") == request.subject.iamMember && Column("revoked") == nil)
            .updateAll(db, Column("revoked").set(to: now))
        let row = GrantRow(id: UUID(), datasettID: request.datasettID, subject: request.subject.iamMember, owner: request.owner.lowercased(),
                           granter: granter, expires: request.expires, created: now, revoked: nil, accessRequestID: accessRequest,
                           platform: AccessPlatform.bigquery.rawValue)
        try row.insert(db)
        try IAMState.applyGrant(db, request.subject, on: datasett.source.table)
        return try row.domain()
    }

    func revoke(grant id: UUID, audit: AuditNote) async throws {
        let now = now()
        try await store.write(audit: audit, at: now) { db in
            var row = try Self.grantRow(db, id)
            guard row.revoked == nil else {
                throw ServiceError.conflict(LocalizedText(nb: "Tilgangen \(id.text) er allerede trukket.", en: "The grant \(id.text) is already revoked."))
            }
            row.revoked = now
            try row.update(db)
            let datasett = try LocalMarketplace.datasett(db, row.datasettID)
            try IAMState.removeGrant(db, try Subject(iamMember: row.subject), on: datasett.source.table)
        }
    }

    func approve(request id: UUID, audit: AuditNote) async throws -> Grant {
        let now = now()
        return try await store.write(audit: audit, at: now) { db in
            var row = try Self.pending(db, id)
            let granter = try LocalMarketplace.user(db).email
            row.status = AccessRequest.Status.approved.rawValue
            row.closed = now
            row.granter = granter
            try row.update(db)
            let request = GrantRequest(datasettID: row.datasettID, subject: try Subject(iamMember: row.subject), owner: row.owner, expires: row.expires)
            return try Self.grant(db, request, granter: granter, accessRequest: id, at: now)
        }
    }

    func deny(request id: UUID, reason: String?, audit: AuditNote) async throws {
        let now = now()
        try await store.write(audit: audit, at: now) { db in
            var row = try Self.pending(db, id)
            row.status = AccessRequest.Status.denied.rawValue
            row.closed = now
            row.granter = try LocalMarketplace.user(db).email
            row.reason = reason
            try row.update(db)
        }
    }

    func requestAccess(_ request: NewAccessRequest, audit: AuditNote) async throws -> AccessRequest {
        let now = now()
        return try await store.write(audit: audit, at: now, created: { $0.id.text }) { db in
            _ = try LocalMarketplace.datasett(db, request.datasettID)
            let row = AccessRequestRow(id: UUID(), datasettID: request.datasettID, subject: request.subject.iamMember, owner: request.owner.lowercased(),
                                       created: now, status: AccessRequest.Status.pending.rawValue, closed: nil, expires: request.expires,
                                       granter: nil, polly: request.polly, reason: nil, platform: request.platform.rawValue)
            try row.insert(db)
            return try row.domain()
        }
    }

    private static func pending(_ db: Database, _ id: UUID) throws -> AccessRequestRow {
        guard let row = try AccessRequestRow.fetchOne(db, key: id) else {
            throw ServiceError.notFound(LocalizedText(nb: "Fant ingen tilgangssøknad med id \(id.text).", en: "No access request has the id \(id.text)."))
        }
        guard row.status == AccessRequest.Status.pending.rawValue else {
            throw ServiceError.conflict(LocalizedText(nb: "Tilgangssøknaden \(id.text) er allerede behandlet (\(row.status)).",
                                                      en: "The access request \(id.text) has already been handled (\(row.status))."))
        }
        return row
    }
}
