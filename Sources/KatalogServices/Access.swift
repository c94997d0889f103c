import Foundation
import KatalogCore

/// Who may read which datasett: grants and access requests, as the marketplace keeps them.
/// Granting and revoking also changes BigQuery IAM (see `IAMPolicies`) the way the marketplace
/// does: a table binding `roles/bigquery.dataViewer` plus a dataset entry
/// `roles/bigquery.metadataViewer`. What front ends call: every change is checked and audited.
public protocol Access: Sendable {
    /// One datasett with its grants, active, expired and revoked (one call over REST).
    func datasettWithGrants(_ id: UUID) async throws -> DatasettWithGrants
    /// The pending requests of one datasett (the API lists them per datasett).
    func pendingRequests(datasett: UUID) async throws -> [AccessRequest]
    /// The pending requests the user must handle, on every datasett their groups own (the API's
    /// `userData.accessRequestsAsGranter`: one call, not one per datasett).
    func requestsToHandle() async throws -> [AccessRequest]
    /// The user's own requests, every status (`userData.accessRequests`).
    func myRequests() async throws -> [AccessRequest]
    /// One request the user can see, handled or not; `ServiceError.notFound` otherwise.
    func accessRequest(_ id: UUID) async throws -> AccessRequest

    func grant(_ request: GrantRequest) async throws -> Grant
    func revoke(grant id: UUID) async throws
    /// Throws `ServiceError.needsConfirmation` for what deserves a second thought (personal
    /// data without a documented purpose) unless `force` says the user has thought.
    func approve(request id: UUID, force: Bool) async throws -> Grant
    func deny(request id: UUID, reason: String?) async throws
    func requestAccess(_ request: NewAccessRequest) async throws -> AccessRequest
}

extension Access {
    /// Grants of one datasett, active, expired and revoked.
    public func grants(datasett: UUID) async throws -> [Grant] {
        try await datasettWithGrants(datasett).grants
    }

    public func approve(request id: UUID) async throws -> Grant {
        try await approve(request: id, force: false)
    }
}

/// What a backend implements: the same reads, and changes that carry their audit record —
/// written with the change (the local workspace) or as intent and outcome (`AuditJournal`).
public protocol AccessBackend: Sendable {
    func datasettWithGrants(_ id: UUID) async throws -> DatasettWithGrants
    /// One grant, revoked or not; `ServiceError.notFound` when there is none.
    func grant(_ id: UUID) async throws -> Grant
    func pendingRequests(datasett: UUID) async throws -> [AccessRequest]
    func requestsToHandle() async throws -> [AccessRequest]
    func myRequests() async throws -> [AccessRequest]
    func accessRequest(_ id: UUID) async throws -> AccessRequest

    func grant(_ request: GrantRequest, audit: AuditNote) async throws -> Grant
    func revoke(grant id: UUID, audit: AuditNote) async throws
    func approve(request id: UUID, audit: AuditNote) async throws -> Grant
    func deny(request id: UUID, reason: String?, audit: AuditNote) async throws
    func requestAccess(_ request: NewAccessRequest, audit: AuditNote) async throws -> AccessRequest
}

extension AccessBackend {
    public func grants(datasett: UUID) async throws -> [Grant] {
        try await datasettWithGrants(datasett).grants
    }
}
