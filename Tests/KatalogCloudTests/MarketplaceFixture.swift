import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogTestSupport
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

    init(_ backend: Backend) async throws {
        self.backend = backend
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-market-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        workspace = try LocalWorkspace(path: folder.appendingPathComponent("ws.sqlite").path, create: true)
        try await DemoWorkspace.reset(workspace, now: Self.now)
        let local = try workspace.services(now: { Self.now })
        guard backend == .rest else {
            server = nil
            services = local
            return
        }
        let server = try MarketplaceTestServer(now: { Self.now })
        try await Self.seed(server, from: local)
        self.server = server
        services = try workspace.services(now: { Self.now }, marketplace: Self.rest(server, workspace: workspace).remote)
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
            server.with { $0.users[Self.token] = Self.serverUser(user) }
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

    // MARK: Seeding

    static func serverUser(_ user: UserContext) -> MarketplaceTestServer.User {
        .init(name: user.name, email: user.email, groups: user.groups,
              projects: Dictionary(user.teamProjects.map { ($0.project.rawValue, $0.group) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The server holds what the demo workspace holds, with the same ids.
    static func seed(_ server: MarketplaceTestServer, from local: ServiceLayer) async throws {
        let user = try await local.marketplace.currentUser()
        var tables: [String: MarketplaceTestServer.Table] = [:]
        for dataset in try await local.warehouse.datasets() {
            for table in try await local.warehouse.tables(in: dataset.ref) {
                let schema = try await local.warehouse.table(table.ref).schema
                tables[table.ref.description] = .init(type: table.kind.rawValue, description: table.description ?? "",
                                                      columns: SchemaField.flatten(schema).map { ["name": $0.path, "type": $0.field.type, "mode": $0.field.mode.rawValue,
                                                                                                  "description": $0.field.description ?? ""] })
            }
        }
        var products: [UUID: MarketplaceTestServer.Product] = [:], datasets: [UUID: MarketplaceTestServer.Dataset] = [:]
        var accesses: [MarketplaceTestServer.Access] = [], requests: [MarketplaceTestServer.Request] = []
        for product in try await local.marketplace.myDataprodukter() {
            products[product.id] = .init(id: product.id, name: product.name, description: MarketplaceTestServer.escape(product.description ?? ""),
                                         slug: product.slug, group: product.owner.group, teamkatalogenURL: product.owner.teamkatalogenURL ?? "",
                                         teamContact: product.owner.teamContact ?? "", teamID: product.owner.teamID, created: product.created,
                                         lastModified: product.lastModified)
            for datasett in product.datasett {
                let tags = String(decoding: try JSONEncoder().encode(datasett.source.piiTags.mapValues(\.rawValue)), as: UTF8.self)
                datasets[datasett.id] = .init(id: datasett.id, productID: product.id, name: datasett.name,
                                              description: MarketplaceTestServer.escape(datasett.description ?? ""), slug: datasett.slug, repo: datasett.repo,
                                              pii: datasett.pii.rawValue, keywords: datasett.keywords, anonymisationDescription: datasett.anonymisationDescription,
                                              targetUser: datasett.targetUser, table: datasett.source.table.description, tableType: datasett.source.tableKind.rawValue,
                                              piiTags: try MarketplaceTestServer.normalisedTags(tags), pseudoColumns: datasett.source.pseudoColumns,
                                              created: datasett.created, lastModified: datasett.lastModified)
                for grant in try await local.access.grants(datasett: datasett.id) {
                    accesses.append(.init(id: grant.id, datasetID: datasett.id, subject: grant.subject.iamMember, owner: grant.owner, granter: grant.granter,
                                          expires: grant.expires, created: grant.created, revoked: grant.revoked, requestID: grant.accessRequestID))
                }
                for request in try await local.access.pendingRequests(datasett: datasett.id) {
                    requests.append(.init(id: request.id, datasetID: datasett.id, subject: request.subject.email, subjectType: request.subject.type.rawValue,
                                          owner: request.owner, created: request.created, expires: request.expires,
                                          polly: request.polly.map { ["externalID": $0.externalID, "name": $0.name, "url": $0.url] }))
                }
            }
        }
        server.with { state in
            state.users[token] = serverUser(user)
            state.tables = tables
            state.products = products
            state.datasets = datasets
            state.accesses = accesses
            state.requests = requests
            for access in accesses where access.revoked == nil {
                guard let table = datasets[access.datasetID]?.table else { continue }
                state.tableBindings[table, default: []].insert(access.subject)
                state.datasetEntries[table.split(separator: ".").prefix(2).joined(separator: "."), default: []].insert(access.subject)
            }
            state.teams = DemoProject.teams.map { ["teamID": $0.teamID, "url": $0.url, "name": $0.name, "description": $0.description ?? "", "productAreaID": ""] }
            state.polly = DemoProject.processingActivities.map { ["externalID": $0.externalID, "name": $0.name, "url": $0.url] }
            state.slackChannels = ["team-dagpenger"]
        }
    }
}
