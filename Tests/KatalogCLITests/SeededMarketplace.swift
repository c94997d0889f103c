import Foundation
@testable import KatalogTestSupport
@testable import KatalogLocal

extension MarketplaceTestServer {
    /// A test marketplace server holding what `katalog`'s seeded demo workspace holds, so the
    /// same steps can run against the local backend and the REST one.
    static func seeded(like katalog: KatalogBinary, token: String, now: Date) async throws -> MarketplaceTestServer {
        let server = try MarketplaceTestServer(now: { now })
        do {
            let workspace = try LocalWorkspace(path: katalog.workspace)
            defer { try? workspace.close() }
            try await server.seed(from: try workspace.services(now: { now }), token: token)
        } catch {
            server.stop()
            throw error
        }
        return server
    }
}
