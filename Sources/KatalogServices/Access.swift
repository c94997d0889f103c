import Foundation
import KatalogCore

/// Who may read which datasett: grants and access requests, as the marketplace keeps them.
/// Granting and revoking also changes BigQuery IAM (see `IAMPolicies`) the way the marketplace
/// does: a table binding `roles/bigquery.dataViewer` plus a dataset entry
/// `roles/bigquery.metadataViewer`.
public protocol Access: Sendable {
    /// Grants of one datasett, active, expired and revoked.
    func grants(datasett: UUID) async throws -> [Grant]
    /// Access requests, of one datasett or of all the user handles; `pendingOnly` as the API.
    func accessRequests(datasett: UUID?, pendingOnly: Bool) async throws -> [AccessRequest]

    func grant(_ request: GrantRequest) async throws -> Grant
    func revoke(grant id: UUID) async throws
    func approve(request id: UUID) async throws -> Grant
    func deny(request id: UUID, reason: String?) async throws
    func requestAccess(_ request: NewAccessRequest) async throws -> AccessRequest
}
