import Foundation
import GRDB
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal

/// A demo workspace in a fresh temporary folder, removed when the test is done.
final class TestWorkspace {
    static let now = try! Date("2026-11-25T12:00:00Z", strategy: .iso8601)
    let folder: URL
    let workspace: LocalWorkspace
    let services: ServiceLayer

    var path: String { workspace.path }

    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        workspace = try LocalWorkspace(path: folder.appendingPathComponent("ws.sqlite").path, create: true)
        try await DemoWorkspace.reset(workspace, now: Self.now)
        services = try workspace.services(now: { Self.now })
    }

    deinit {
        try? workspace.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Signs in as someone else: the workspace's user setting, asked for again.
    func signIn(_ user: UserContext) async throws {
        let json = String(decoding: try JSONEncoder().encode(user), as: UTF8.self)
        try await workspace.pool.write { db in try SettingRow(key: "user", value: json).update(db) }
        #expect(try await services.marketplace.refreshCurrentUser() == user)
    }

    static func ref(_ text: String) -> TableRef { try! TableRef(parsing: text) }

    func product(_ slug: String) async throws -> Dataprodukt {
        try await services.marketplace.dataprodukt(idOrSlug: slug)
    }
}
