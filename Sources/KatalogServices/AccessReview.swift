import Foundation
import KatalogCore

/// What an owner reviews beyond the requests: the risks on their groups' datasett and the drift
/// between the marketplace's grants and BigQuery IAM — read once, computed by the pure rules in
/// Core (`AccessRisks`, `IAMDrift`) — and the fix for a drift finding.
public struct AccessReview: Sendable {
    let services: ServiceLayer

    public init(services: ServiceLayer) {
        self.services = services
    }

    public struct Snapshot: Sendable {
        public let registered: [(dataprodukt: Dataprodukt, datasett: Datasett, grants: [Grant])]
        public let risks: [AccessRisk]
        public let drift: [IAMDrift.Finding]
        /// Tables or datasets whose IAM could not be read, with why (no permission, say).
        public let unreadable: [LocalizedText]
    }

    public func snapshot() async throws -> Snapshot {
        var registered: [(Dataprodukt, Datasett, [Grant])] = []
        for product in try await services.marketplace.myDataprodukter() {
            for datasett in product.datasett { registered.append((product, datasett, try await services.access.grants(datasett: datasett.id))) }
        }
        var policies: [TableRef: IAMPolicy] = [:], access: [DatasetRef: DatasetAccess] = [:], unreadable: [LocalizedText] = []
        for (_, datasett, _) in registered {
            let table = datasett.source.table
            do { policies[table] = try await services.iam.tablePolicy(table) } catch { unreadable.append(Self.unreadable(table.description, error)) }
            if access[table.datasetRef] == nil {
                do { access[table.datasetRef] = try await services.iam.datasetAccess(table.datasetRef) } catch {
                    unreadable.append(Self.unreadable(table.datasetRef.description, error))
                }
            }
        }
        // A request katalog cannot see (handled by someone else, over REST) is given the benefit of the doubt.
        var documented: [UUID: Bool] = [:]
        for request in Set(registered.flatMap { $0.2.compactMap(\.accessRequestID) }) {
            documented[request] = (try? await services.access.accessRequest(request)).map { $0.polly != nil } ?? true
        }
        let now = services.now()
        let risks = AccessRisks.find(registered.map { product, datasett, grants in
            AccessRisks.Input(datasett: datasett, grants: grants, tablePolicy: policies[datasett.source.table], documentedPurpose: documented,
                              ownerGroup: product.owner.group)
        }, now: now)
        let drift = IAMDrift.compare(registered.map { ($0.1, $0.2) }, tablePolicies: policies, datasetAccess: access, now: now)
        return Snapshot(registered: registered, risks: risks, drift: drift, unreadable: unreadable)
    }

    /// Reconciles one finding: a stray binding or entry is removed from IAM (read-modify-write
    /// with the etag; on a conflict read again and remove only it, once), a missing one is
    /// granted again through the marketplace. Recorded in the audit log.
    public func fix(_ finding: IAMDrift.Finding) async throws {
        let user = try await services.marketplace.currentUser()
        switch finding.kind {
        case .strayTableBinding:
            guard let table = finding.table else { return }
            try await retryingOnConflict {
                let policy = try await services.iam.tablePolicy(table)
                _ = try await services.iam.setTablePolicy(table, policy.removing(finding.member, from: IAMDrift.tableRole))
            }
        case .strayDatasetEntry:
            try await retryingOnConflict {
                let current = try await services.iam.datasetAccess(finding.dataset)
                let kept = current.entries.filter { !($0.role == IAMDrift.datasetRole && IAMDrift.member(of: $0.grantee) == finding.member) }
                _ = try await services.iam.setDatasetAccess(finding.dataset, DatasetAccess(entries: kept, etag: current.etag))
            }
        case .missingTableBinding, .missingDatasetEntry:
            guard let id = finding.grant, let datasett = try await datasett(of: id), let grant = try await services.access.grants(datasett: datasett).first(where: { $0.id == id })
            else { return }
            // Granting again renews the grant, and the marketplace writes both bindings.
            _ = try await services.access.grant(GrantRequest(datasettID: grant.datasettID, subject: grant.subject, owner: grant.owner, expires: grant.expires))
            return  // the grant is audited as a grant
        }
        try await services.audit.record(AuditEvent(time: services.now(), actor: user.email, action: "iam.reconcile",
                                                   target: finding.table?.description ?? finding.dataset.description,
                                                   detail: "\(finding.kind.rawValue): \(finding.member) fjernet"))
    }

    private func datasett(of grant: UUID) async throws -> UUID? {
        for product in try await services.marketplace.myDataprodukter() {
            for datasett in product.datasett where try await services.access.grants(datasett: datasett.id).contains(where: { $0.id == grant }) {
                return datasett.id
            }
        }
        return nil
    }

    /// Someone else changed the policy between the read and the write: read it again and make
    /// only this change, once; a second conflict is reported.
    private func retryingOnConflict(_ change: () async throws -> Void) async throws {
        do {
            try await change()
        } catch ServiceError.conflict {
            try await change()
        }
    }

    private static func unreadable(_ what: String, _ error: Error) -> LocalizedText {
        let why = (error as? UserFacingError)?.message ?? LocalizedText(nb: "\(error)", en: "\(error)")
        return LocalizedText(nb: "IAM for \(what) kunne ikke leses: \(why.nb)", en: "The IAM of \(what) could not be read: \(why.en)")
    }
}
