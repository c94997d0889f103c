import Foundation
import KatalogCore
import KatalogServices

/// Changes, each sent once. The server answers most with 204 and nothing to read, so what a
/// change made is read back afterwards — and the same read tells, when the connection broke
/// before an answer, whether it happened: found, it did; not found, it did not, and the user
/// is told so. A change is never repeated blindly.
extension MarketplaceREST {
    /// Sends `change` once, then `readBack` finds what it made; nil from `readBack` means not made.
    func once<T: Sendable>(_ what: LocalizedText, owner group: String? = nil, _ change: () async throws -> Void,
                           readBack: () async throws -> T?) async throws -> T {
        do {
            try await change()
        } catch let error as CloudError where error.kind == .network || error.kind == .timeout {
            let found: T?
            do {
                found = try await readBack()
            } catch {
                throw CloudError(kind: .network, message: LocalizedText(
                    nb: "Forbindelsen til Datamarkedsplassen brøt før den svarte (\(what.nb)), og katalog fikk ikke lest tilbake om det ble gjort. Sjekk i katalog eller på data.ansatt.nav.no før du prøver igjen.",
                    en: "The connection to Datamarkedsplassen broke before it answered (\(what.en)), and katalog could not read back whether it was done. Check in katalog or on data.ansatt.nav.no before you try again."))
            }
            if let found { return found }
            throw ChangeNotMade(LocalizedText(
                nb: "Forbindelsen til Datamarkedsplassen brøt før den svarte (\(what.nb)). katalog leste tilbake: det ble ikke gjort, ingenting er endret. Prøv igjen.",
                en: "The connection to Datamarkedsplassen broke before it answered (\(what.en)). katalog read it back: it was not done, nothing changed. Try again."))
        } catch let error as CloudError where error.reason == "wrong_owner" && error.kind == .permissionDenied && group != nil {
            throw CloudError(kind: .permissionDenied, message: LocalizedText(
                nb: "Du er ikke med i \(group!), som eier dette dataproduktet (\(what.nb)). Be noen i teamet gjøre det, eller be om å bli lagt til i gruppen.",
                en: "You are not in \(group!), which owns this dataprodukt (\(what.en)). Ask someone in the team to do it, or to be added to the group."),
                reason: "wrong_owner")
        }
        guard let made = try await readBack() else {
            throw CloudError(kind: .malformed, message: LocalizedText(
                nb: "Datamarkedsplassen sa ja (\(what.nb)), men katalog finner ikke endringen når den leser tilbake. Last inn på nytt og se etter.",
                en: "Datamarkedsplassen said yes (\(what.en)), but katalog does not find the change when it reads it back. Reload and look."))
        }
        return made
    }

    // MARK: Dataprodukter

    public func createDataprodukt(_ new: NewDataprodukt, audit: AuditNote) async throws -> Dataprodukt {
        let what = LocalizedText(nb: "det nye dataproduktet «\(new.name)»", en: "the new dataprodukt “\(new.name)”")
        let before = Set(try await userInfo().dataproducts.map(\.id))
        let body = NewDataproductBody(name: new.name.trimmingCharacters(in: .whitespacesAndNewlines), description: new.description, group: new.group,
                                      teamkatalogenURL: new.teamkatalogenURL, teamContact: new.teamContact, productAreaID: new.productAreaID,
                                      teamID: new.teamID, slug: new.slug)
        return try await journal.perform(audit, created: { $0.id.text }) {
            let made = Box<DataproductDTO>()
            return try await once(what, owner: new.group, {
                made.value = try await client.send(.post, "dataproducts/new", body: body, idempotent: false, what: what.en)
            }, readBack: {
                if let made = made.value { return made.domain(datasett: []) }
                return try await userInfo().dataproducts.first { !before.contains($0.id) && $0.name == body.name }?.domain(datasett: [])
            })
        }
    }

    public func updateDataprodukt(_ id: UUID, _ update: DataproduktUpdate, audit: AuditNote) async throws -> Dataprodukt {
        let current = try await productDTO(id)
        let what = LocalizedText(nb: "endringen av dataproduktet «\(current.name)»", en: "the change to the dataprodukt “\(current.name)”")
        // Without the slug the server would make a new one from the name.
        let body = UpdateDataproductBody(name: update.name.trimmingCharacters(in: .whitespacesAndNewlines), description: update.description,
                                         slug: update.slug ?? current.slug, teamkatalogenURL: update.teamkatalogenURL, teamContact: update.teamContact,
                                         productAreaID: update.productAreaID, teamID: update.teamID)
        return try await journal.perform(audit) {
            try await once(what, owner: current.owner.group, {
                try await client.perform(.put, "dataproducts/\(id.text)", body: body, idempotent: false, what: what.en)
            }, readBack: {
                let now = try await dataprodukt(id)
                return now.name == body.name && now.slug == body.slug && now.description == body.description.flatMap({ $0.isEmpty ? nil : $0 }) ? now : nil
            })
        }
    }

    public func deleteDataprodukt(_ id: UUID, audit: AuditNote) async throws {
        let current = try await productDTO(id)
        let what = LocalizedText(nb: "slettingen av dataproduktet «\(current.name)»", en: "the deletion of the dataprodukt “\(current.name)”")
        try await journal.perform(audit) {
            try await once(what, owner: current.owner.group, {
                try await client.perform(.delete, "dataproducts/\(id.text)", body: String?.none, idempotent: false, what: what.en)
            }, readBack: { try await gone { _ = try await productDTO(id) } })
        }
    }

    // MARK: Datasett

    public func createDatasett(_ new: NewDatasett, audit: AuditNote) async throws -> Datasett {
        let product = try await productDTO(new.dataproduktID)
        let what = LocalizedText(nb: "registreringen av datasettet «\(new.name)»", en: "the registration of the datasett “\(new.name)”")
        let before = Set(product.datasets.map(\.id))
        let body = NewDatasetBody(
            dataproductID: new.dataproduktID, name: new.name.trimmingCharacters(in: .whitespacesAndNewlines), description: new.description,
            slug: new.slug, repo: new.repo, pii: new.pii.rawValue, keywords: new.keywords,
            bigquery: .init(projectID: new.table.project.rawValue, dataset: new.table.dataset.rawValue, table: new.table.table.rawValue,
                            piiTags: PIITagsText.encode(new.piiTags.mapValues(\.rawValue))),
            anonymisationDescription: new.anonymisationDescription, grantAllUsers: new.grantAllUsers ? true : nil,
            targetUser: new.targetUser, pseudoColumns: new.pseudoColumns)
        return try await journal.perform(audit, created: { $0.id.text }) {
            let made = Box<CreatedDTO>()
            return try await once(what, owner: product.owner.group, {
                made.value = try await client.send(.post, "datasets/new", body: body, idempotent: false, what: what.en)
            }, readBack: {
                if let id = made.value?.id { return try await datasett(id) }
                let after = try await productDTO(new.dataproduktID).datasets
                guard let id = after.first(where: { !before.contains($0.id) && $0.name == body.name })?.id else { return nil }
                return try await datasett(id)
            })
        }
    }

    public func updateDatasett(_ id: UUID, _ update: DatasettUpdate, audit: AuditNote) async throws -> Datasett {
        let current = try await datasett(id)
        let group = try await productDTO(current.dataproduktID).owner.group
        let what = LocalizedText(nb: "endringen av datasettet «\(current.name)»", en: "the change to the datasett “\(current.name)”")
        // Every field, the slug and `piiTags` included: without `piiTags` the server drops the connection.
        let body = UpdateDatasetBody(name: update.name.trimmingCharacters(in: .whitespacesAndNewlines), description: update.description,
                                     slug: update.slug ?? current.slug, repo: update.repo, pii: update.pii.rawValue, keywords: update.keywords,
                                     dataproductID: update.dataproduktID, anonymisationDescription: update.anonymisationDescription,
                                     piiTags: update.piiTags.mapValues(\.rawValue), targetUser: update.targetUser, pseudoColumns: update.pseudoColumns)
        return try await journal.perform(audit) {
            try await once(what, owner: group, {
                let _: String = try await client.send(.put, "datasets/\(id.text)", body: body, idempotent: false, what: what.en)
            }, readBack: {
                let now = try await datasett(id)
                let same = now.name == body.name && now.slug == body.slug && now.dataproduktID == body.dataproductID && now.keywords == body.keywords
                    && now.source.piiTags.mapValues(\.rawValue) == body.piiTags && now.description == body.description.flatMap({ $0.isEmpty ? nil : $0 })
                return same ? now : nil
            })
        }
    }

    public func deleteDatasett(_ id: UUID, audit: AuditNote) async throws {
        let current = try await datasett(id)
        let group = try await productDTO(current.dataproduktID).owner.group
        let what = LocalizedText(nb: "slettingen av datasettet «\(current.name)»", en: "the deletion of the datasett “\(current.name)”")
        try await journal.perform(audit) {
            try await once(what, owner: group, {
                try await client.perform(.delete, "datasets/\(id.text)", body: String?.none, idempotent: false, what: what.en)
            }, readBack: { try await gone { _ = try await datasetDTO(id) } })
        }
    }

    /// `()` when `read` finds nothing any more, nil while it still does.
    private func gone(_ read: () async throws -> Void) async throws -> Void? {
        do {
            try await read()
            return nil
        } catch ServiceError.notFound {
            return ()
        }
    }

    // MARK: Grants and requests

    public func grant(_ request: GrantRequest, audit: AuditNote) async throws -> Grant {
        let what = LocalizedText(nb: "tilgangen til \(request.subject)", en: "the grant to \(request.subject)")
        let before = Set(try await grants(datasett: request.datasettID).map(\.id))
        let body = GrantAccessBody(datasetID: request.datasettID, expires: request.expires, subject: request.subject.email, owner: request.owner,
                                   subjectType: request.subject.type.rawValue)
        return try await journal.perform(audit, created: { $0.id.text }) {
            try await once(what, {
                try await client.perform(.post, "accesses/bigquery/grant", body: body, idempotent: false, what: what.en)
            }, readBack: {
                try await grants(datasett: request.datasettID).first { !before.contains($0.id) && $0.subject == request.subject && $0.revoked == nil }
            })
        }
    }

    public func revoke(grant id: UUID, audit: AuditNote) async throws {
        let what = LocalizedText(nb: "tilbaketrekkingen av tilgangen \(id.text)", en: "the revocation of the grant \(id.text)")
        try await journal.perform(audit) {
            try await once(what, {
                try await client.perform(.post, "accesses/bigquery/revoke", query: ["accessId": id.text], body: String?.none, idempotent: false, what: what.en)
            }, readBack: {
                // A non-owner no longer sees a revoked grant at all.
                do { return try await grant(id).revoked == nil ? nil : () } catch ServiceError.notFound { return () }
            })
        }
    }

    public func approve(request id: UUID, audit: AuditNote) async throws -> Grant {
        let request = try await accessRequest(id)
        let what = LocalizedText(nb: "godkjenningen av søknaden fra \(request.subject)", en: "the approval of the request from \(request.subject)")
        return try await journal.perform(audit, created: { $0.id.text }) {
            try await once(what, {
                try await client.perform(.post, "accessRequests/process/\(id.text)", query: ["action": "approve"], body: String?.none,
                                         idempotent: false, what: what.en)
            }, readBack: {
                try await grants(datasett: request.datasettID).first { $0.accessRequestID == id }
            })
        }
    }

    public func deny(request id: UUID, reason: String?, audit: AuditNote) async throws {
        let request = try await accessRequest(id)
        let what = LocalizedText(nb: "avslaget på søknaden fra \(request.subject)", en: "the denial of the request from \(request.subject)")
        try await journal.perform(audit) {
            try await once(what, {
                try await client.perform(.post, "accessRequests/process/\(id.text)", query: ["action": "deny", "reason": reason ?? ""], body: String?.none,
                                         idempotent: false, what: what.en)
            }, readBack: {
                let stillPending = try await pendingRequests(datasett: request.datasettID).contains { $0.id == id }
                return stillPending ? nil : ()
            })
        }
    }

    public func requestAccess(_ request: NewAccessRequest, audit: AuditNote) async throws -> AccessRequest {
        let what = LocalizedText(nb: "søknaden om tilgang for \(request.subject)", en: "the access request for \(request.subject)")
        let before = Set(try await myRequests().map(\.id))
        let body = NewAccessRequestBody(
            datasetID: request.datasettID, subject: request.subject.email, subjectType: request.subject.type.rawValue, owner: request.owner,
            expires: request.expires,
            polly: request.polly.map { PollyDTO(id: $0.id.flatMap(UUID.init(uuidString:)), externalID: $0.externalID, name: $0.name, url: $0.url) },
            platform: request.platform.rawValue)
        return try await journal.perform(audit, created: { $0.id.text }) {
            try await once(what, {
                try await client.perform(.post, "accessRequests/new", body: body, idempotent: false, what: what.en)
            }, readBack: {
                try await myRequests().first { !before.contains($0.id) && $0.datasettID == request.datasettID && $0.subject == request.subject }
            })
        }
    }
}

/// What a closure sent once got back, for the read that follows.
final class Box<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    var value: T? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
