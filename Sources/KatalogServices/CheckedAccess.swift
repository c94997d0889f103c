import Foundation
import KatalogCore

/// Access as front ends see it: grants and request decisions are checked against
/// `MarketplaceRules` first and recorded in the audit log after they succeeded.
struct CheckedAccess: Access {
    let base: any Access
    let marketplace: any Marketplace
    let audit: any Audit
    let now: @Sendable () -> Date

    func grants(datasett: UUID) async throws -> [Grant] { try await base.grants(datasett: datasett) }

    func accessRequests(datasett: UUID?, pendingOnly: Bool) async throws -> [AccessRequest] {
        try await base.accessRequests(datasett: datasett, pendingOnly: pendingOnly)
    }

    func grant(_ request: GrantRequest) async throws -> Grant {
        let (user, datasett, product) = try await context(request.datasettID)
        try ServiceError.check(MarketplaceRules.check(request, on: datasett, in: product, by: user, now: now()))
        let grant = try await base.grant(request)
        try await record(user, "grant.create", grant.id, "\(grant.subject) på «\(datasett.name)», utløper \(expiryText(grant.expires))")
        return grant
    }

    func revoke(grant id: UUID) async throws {
        let user = try await marketplace.currentUser()
        try await base.revoke(grant: id)
        try await record(user, "grant.revoke", id, "tilgang trukket")
    }

    func approve(request id: UUID) async throws -> Grant {
        let request = try await pending(id)
        let (user, datasett, product) = try await context(request.datasettID)
        try ServiceError.check(MarketplaceRules.checkOwnerAction(on: product, by: user)
            + MarketplaceRules.check(GrantRequest(datasettID: datasett.id, subject: request.subject, owner: request.owner, expires: request.expires),
                                     on: datasett, in: product, by: user, now: now()))
        let grant = try await base.approve(request: id)
        try await record(user, "request.approve", id, "\(request.subject) på «\(datasett.name)»")
        return grant
    }

    func deny(request id: UUID, reason: String?) async throws {
        let request = try await pending(id)
        let (user, _, product) = try await context(request.datasettID)
        try ServiceError.check(MarketplaceRules.checkOwnerAction(on: product, by: user))
        let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        try await base.deny(request: id, reason: trimmed?.isEmpty == true ? nil : trimmed)
        try await record(user, "request.deny", id, "\(request.subject): \(trimmed ?? "")")
    }

    func requestAccess(_ request: NewAccessRequest) async throws -> AccessRequest {
        let user = try await marketplace.currentUser()
        let datasett = try await marketplace.datasett(request.datasettID)
        try ServiceError.check(MarketplaceRules.check(request, on: datasett, now: now()))
        let created = try await base.requestAccess(request)
        try await record(user, "request.create", created.id, "\(request.subject) på «\(datasett.name)»")
        return created
    }

    private func pending(_ id: UUID) async throws -> AccessRequest {
        guard let request = try await base.accessRequests(datasett: nil, pendingOnly: false).first(where: { $0.id == id }) else {
            throw ServiceError.notFound(LocalizedText(nb: "Fant ingen tilgangssøknad med id \(id.text).", en: "No access request has the id \(id.text)."))
        }
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

    private func record(_ user: UserContext, _ action: String, _ target: UUID, _ detail: String) async throws {
        try await audit.record(AuditEvent(time: now(), actor: user.email, action: action, target: target.text, detail: detail))
    }
}
