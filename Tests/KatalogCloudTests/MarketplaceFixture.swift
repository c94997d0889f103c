import Foundation
import Testing
import KatalogCore
import KatalogServices
import KatalogTestSupport
@testable import KatalogCloud
@testable import KatalogLocal

/// The marketplace under test, behind the same service layer: the local workspace's own, or the
/// REST backend against `MarketplaceTestServer` seeded with the same demo (same ids, tables,
/// grants and requests). The warehouse is the demo workspace's either way.
final class MarketplaceFixture: @unchecked Sendable {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case local, rest
        var testDescription: String { rawValue }
    }

    static let now = try! Date("2026-11-25T12:00:00Z", strategy: .iso8601)
    static let token = "katalog-test-marketplace-token-" + UUID().uuidString

    let backend: Backend
    let folder: URL
    let workspace: LocalWorkspace
    let server: MarketplaceTestServer?
    let services: ServiceLayer

    /// `iam` stands in for BigQuery's IAM (the emulator's), else the workspace's.
    init(_ backend: Backend, iam: (any IAMPolicies)? = nil) async throws {
        self.backend = backend
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-market-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        workspace = try LocalWorkspace(path: folder.appendingPathComponent("ws.sqlite").path, create: true)
        try await DemoWorkspace.reset(workspace, now: Self.now)
        let local = try workspace.services(now: { Self.now }, iam: iam)
        guard backend == .rest else {
            server = nil
            services = local
            return
        }
        let server = try MarketplaceTestServer(now: { Self.now })
        try await server.seed(from: local, token: Self.token)
        self.server = server
        services = try workspace.services(now: { Self.now }, iam: iam, marketplace: Self.rest(server, workspace: workspace).remote)
    }

    deinit {
        server?.stop()
        try? workspace.close()
        try? FileManager.default.removeItem(at: folder)
    }

    static func client(_ server: MarketplaceTestServer, token: String = MarketplaceFixture.token) -> RESTClient {
        MarketplaceConnection(target: MarketplaceTarget(baseURL: server.url, source: "test"), environment: ["KATALOG_MARKETPLACE_TOKEN": token],
                              tokenCommand: nil, transport: AsyncHTTPClientTransport(),
                              policy: RetryPolicy(attempts: 3, initialDelay: 0.01, maximumDelay: 0.05, timeout: 5)).client
    }

    static func rest(_ server: MarketplaceTestServer, workspace: LocalWorkspace) -> MarketplaceREST {
        MarketplaceREST(client: client(server), journal: AuditJournal(audit: workspace.audit, now: { Self.now }))
    }

    /// Signs in as someone else, on whichever backend.
    func signIn(_ user: UserContext) async throws {
        if let server {
            server.with { $0.users[Self.token] = MarketplaceTestServer.User(user) }
        } else {
            let json = String(decoding: try JSONEncoder().encode(user), as: UTF8.self)
            try await workspace.pool.write { db in try SettingRow(key: "user", value: json).update(db) }
        }
        _ = try await services.marketplace.refreshCurrentUser()
    }

    func product(_ slug: String) async throws -> Dataprodukt {
        try await services.marketplace.dataprodukt(idOrSlug: slug)
    }

    func datasett(_ slug: String) async throws -> Datasett {
        try #require(try await product(slug).datasett.first)
    }

    /// The IAM members a table grants `roles/bigquery.dataViewer`: the workspace's IAM, or what
    /// the server did in BigQuery.
    func tableReaders(_ table: TableRef) async throws -> Set<String> {
        if let server { return server.with { $0.tableBindings[table.description] ?? [] } }
        let policy = try await services.iam.tablePolicy(table)
        return Set(policy.bindings.filter { $0.role == "roles/bigquery.dataViewer" }.flatMap(\.members))
    }
}
