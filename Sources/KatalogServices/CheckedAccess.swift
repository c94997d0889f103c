import Foundation
import KatalogCore

/// Access as front ends see it: grants and request decisions are checked against
/// `MarketplaceRules` first, and each change goes to the backend with its audit record.
struct CheckedAccess: Access {
    let base: any AccessBackend
    let marketplace: any Marketplace
    let now: @Sendable () -> Date

    func datasettWithGrants(_ id: UUID) async throws -> DatasettWithGrants { try await base.datasettWithGrants(id) }

    func pendingRequests(datasett: UUID) async throws -> [AccessRequest] { try await base.pendingRequests(datasett: datasett) }
    func requestsToHandle() async throws -> [AccessRequest] { try await base.requestsToHandle() }
    func myRequests() async throws -> [AccessRequest] { try await base.myRequests() }
    func accessRequest(_ id: UUID) async throws -> AccessRequest { try await base.accessRequest(id) }

    func grant(_ request: GrantRequest) async throws -> Grant {
        let (user, datasett, product) = try await context(request.datasettID)
        try ServiceError.check(MarketplaceRules.check(request, on: datasett, in: product, by: user, now: now()))
        // Granting again renews: the log says what it was before.
        let earlier = try await base.grants(datasett: datasett.id).first { $0.subject == request.subject && $0.status(at: now()) == .active }
        let change = earlier.map { "utløper \(expiryText($0.expires)) → \(expiryText(request.expires)) (fornyet)" } ?? "utløper \(expiryText(request.expires))"
        return try await base.grant(request, audit: AuditNote(
            actor: user.email, action: "grant.create", target: nil, detail: "\(request.subject) på «\(datasett.name)», \(change)"))
    }

    func revoke(grant id: UUID) async throws {
        let grant = try await base.grant(id)
        let (user, datasett, product) = try await context(grant.datasettID)
        try ServiceError.check(MarketplaceRules.checkRevoke(grant, of: product, by: user))
        try await base.revoke(grant: id, audit: AuditNote(
            actor: user.email, action: "grant.revoke", target: id.text, detail: "\(grant.subject) på «\(datasett.name)»: aktiv → trukket"))
    }

    func approve(request id: UUID, force: Bool) async throws -> Grant {
        let request = try await pending(id)
        let (user, datasett, product) = try await context(request.datasettID)
        try ServiceError.check(MarketplaceRules.checkOwnerAction(on: product, by: user)
            + MarketplaceRules.check(GrantRequest(datasettID: datasett.id, subject: request.subject, owner: request.owner, expires: request.expires),
                                     on: datasett, in: product, by: user, now: now()))
        let warnings = MarketplaceRules.approvalWarnings(request, on: datasett)
        if !warnings.isEmpty && !force { throw ServiceError.needsConfirmation(warnings) }
        return try await base.approve(request: id, audit: AuditNote(
            actor: user.email, action: "request.approve", target: id.text, detail: "\(request.subject) på «\(datasett.name)»: venter → godkjent"))
    }

    func deny(request id: UUID, reason: String?) async throws {
        let request = try await pending(id)
        let (user, _, product) = try await context(request.datasettID)
        try ServiceError.check(MarketplaceRules.checkOwnerAction(on: product, by: user) + MarketplaceRules.checkDenyReason(reason))
        let trimmed = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        try await base.deny(request: id, reason: trimmed, audit: AuditNote(
            actor: user.email, action: "request.deny", target: id.text, detail: "\(request.subject): venter → avslått: \(trimmed)"))
    }

    func requestAccess(_ request: NewAccessRequest) async throws -> AccessRequest {
        let user = try await marketplace.currentUser()
        let datasett = try await marketplace.datasett(request.datasettID)
        try ServiceError.check(MarketplaceRules.check(request, on: datasett, now: now()))
        return try await base.requestAccess(request, audit: AuditNote(
            actor: user.email, action: "request.create", target: nil, detail: "\(request.subject) på «\(datasett.name)»"))
    }

    private func pending(_ id: UUID) async throws -> AccessRequest {
        let request = try await base.accessRequest(id)
        guard request.status == .pending else {
            throw ServiceError.conflict(LocalizedText(
                nb: "Tilgangssøknaden \(id.text) er allerede behandlet (\(request.status.rawValue)).",
                en: "The access request \(id.text) has already been handled (\(request.status.rawValue))."))
        }
        return request
    }

    private func context(_ datasettID: UUID) async throws -> (UserContext, Datasett, Dataprodukt) {
        let user = try await marketplace.currentUser()
        let datasett = try await marketplace.datasett(datasettID)
        let product = try await marketplace.dataprodukt(datasett.dataproduktID)
        return (user, datasett, product)
    }

    private func expiryText(_ date: Date?) -> String {
        date.map { $0.formatted(.iso8601.year().month().day()) } ?? "aldri"
    }
}
