import Foundation
import KatalogCore
import KatalogServices

/// What the Access screen shows, read in one go: the requests the user must handle, their groups'
/// datasett with every grant, and the risks and drift computed from them.
public struct AccessData: Sendable {
    let requests: [AccessRequest]
    let registered: [(dataprodukt: Dataprodukt, datasett: Datasett, grants: [Grant])]
    let risks: [AccessRisk]
    let drift: [IAMDrift.Finding]
    let unreadable: [LocalizedText]
    /// The service layer's clock when it was read (statuses and ages are as of then).
    let now: Date

    static func load(_ services: ServiceLayer) async throws -> AccessData {
        let snapshot = try await AccessReview(services: services).snapshot()
        // Oldest first: who has waited longest is handled first.
        let requests = try await services.access.requestsToHandle().sorted { ($0.created, $0.subject.iamMember) < ($1.created, $1.subject.iamMember) }
        return AccessData(requests: requests, registered: snapshot.registered, risks: snapshot.risks, drift: snapshot.drift, unreadable: snapshot.unreadable,
                          now: services.now())
    }

    func datasett(_ id: UUID) -> (dataprodukt: Dataprodukt, datasett: Datasett)? {
        registered.first { $0.datasett.id == id }.map { ($0.dataprodukt, $0.datasett) }
    }
}

/// A change the Access screen makes, run in order by the effect runner; one outcome each.
public enum AccessAction: Equatable, Sendable {
    case approve([UUID])
    case deny([UUID], reason: String)
    case revoke([UUID])
    /// The same subject granted again with a new expiry (the marketplace renews).
    case extend(UUID, expires: Date?)
    case grant(GrantRequest)
    case fix(IAMDrift.Finding)
}

/// How one part of an action went, for its row and the status line.
public struct AccessOutcome: Sendable {
    let id: String
    let result: Result<LocalizedText, LoadFailure>
}

extension AccessAction {
    /// Runs the action, part by part: a failure stops nothing and is told on its row. Returns
    /// the outcomes and how to undo it, where it can be undone (a revoke by granting again with
    /// the same expiry; a grant by revoking).
    func run(_ services: ServiceLayer) async -> (outcomes: [AccessOutcome], undo: AccessAction?) {
        let access = services.access
        func attempt(_ id: String, _ body: () async throws -> LocalizedText) async -> AccessOutcome {
            do { return AccessOutcome(id: id, result: .success(try await body())) } catch { return AccessOutcome(id: id, result: .failure(LoadFailure(error))) }
        }
        var outcomes: [AccessOutcome] = []
        var undo: AccessAction?
        switch self {
        case let .approve(ids):
            for id in ids {
                outcomes.append(await attempt(id.text) {
                    let grant = try await access.approve(request: id, force: true)
                    return LocalizedText(nb: "godkjent: \(grant.subject) har tilgang", en: "approved: \(grant.subject) has access")
                })
            }
        case let .deny(ids, reason):
            for id in ids {
                outcomes.append(await attempt(id.text) {
                    try await access.deny(request: id, reason: reason)
                    return LocalizedText(nb: "avslått", en: "denied")
                })
            }
        case let .revoke(ids):
            var revoked: [Grant] = []
            let grants = (try? await Self.grants(ids, services)) ?? [:]
            for id in ids {
                outcomes.append(await attempt(id.text) {
                    try await access.revoke(grant: id)
                    if let grant = grants[id] { revoked.append(grant) }
                    return LocalizedText(nb: "trukket", en: "revoked")
                })
            }
            if revoked.count == 1, let grant = revoked.first {
                undo = .grant(GrantRequest(datasettID: grant.datasettID, subject: grant.subject, owner: grant.owner, expires: grant.expires))
            }
        case let .extend(id, expires):
            let grants = (try? await Self.grants([id], services)) ?? [:]
            outcomes.append(await attempt(id.text) {
                guard let grant = grants[id] else { throw ServiceError.notFound(LocalizedText(nb: "Fant ikke tilgangen.", en: "The grant was not found.")) }
                let renewed = try await access.grant(GrantRequest(datasettID: grant.datasettID, subject: grant.subject, owner: grant.owner, expires: expires))
                let until = renewed.expires.map { Formatting.date($0, timeZone: MarketplaceRules.timeZone) }
                return LocalizedText(nb: "forlenget \(until.map { "til \($0)" } ?? "for alltid")", en: "extended \(until.map { "until \($0)" } ?? "for ever")")
            })
        case let .grant(request):
            var made: UUID?
            outcomes.append(await attempt(request.subject.iamMember) {
                let grant = try await access.grant(request)
                made = grant.id
                return LocalizedText(nb: "\(grant.subject) har tilgang", en: "\(grant.subject) has access")
            })
            if let made { undo = .revoke([made]) }
        case let .fix(finding):
            outcomes.append(await attempt(AccessScreen.id(of: finding)) {
                try await AccessReview(services: services).fix(finding)
                return LocalizedText(nb: "rettet", en: "reconciled")
            })
        }
        return (outcomes, undo)
    }

    private static func grants(_ ids: [UUID], _ services: ServiceLayer) async throws -> [UUID: Grant] {
        var found: [UUID: Grant] = [:]
        for product in try await services.marketplace.myDataprodukter() {
            for datasett in product.datasett {
                for grant in try await services.access.grants(datasett: datasett.id) where ids.contains(grant.id) { found[grant.id] = grant }
            }
        }
        return found
    }
}
