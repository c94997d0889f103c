import Foundation
import KatalogCore
import KatalogServices

extension MarketplaceREST {
    /// Settles the audit log's open intents — changes sent when katalog died before the answer —
    /// by asking the server what became of them. Run once at start. A creation cannot be told
    /// apart from a later one of the same name, so it stays open until someone looks.
    @discardableResult
    public func reconcile() async throws -> [AuditIntent] {
        try await journal.reconcile { intent in
            guard let id = UUID(uuidString: intent.event.target) else { return nil }
            switch intent.event.action {
            case "grant.revoke":
                do { return try await grant(id).revoked != nil } catch ServiceError.notFound { return true }
            case "request.approve", "request.deny":
                // Handled by anyone: no longer among those waiting.
                return try await !requestsToHandle().contains { $0.id == id }
            case "dataprodukt.delete":
                do { _ = try await productDTO(id); return false } catch ServiceError.notFound { return true }
            case "datasett.delete":
                do { _ = try await datasetDTO(id); return false } catch ServiceError.notFound { return true }
            case "dataprodukt.update":
                return try await productDTO(id).lastModified >= intent.event.time.addingTimeInterval(-1)
            case "datasett.update":
                return try await datasetDTO(id).lastModified >= intent.event.time.addingTimeInterval(-1)
            default:
                return nil
            }
        }
    }
}
