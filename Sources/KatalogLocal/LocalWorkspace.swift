import Foundation
import GRDB
import KatalogCore
import KatalogServices

/// The embedded workspace: one SQLite file (WAL) holding a project's BigQuery metadata, the
/// local marketplace, BigQuery-like IAM state, drafts and the audit log.
public final class LocalWorkspace: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens the workspace at `path`. A missing file is created only when `create` is true; a
    /// file that is not a katalog workspace is refused before anything is written to it.
    public init(path: String, create: Bool = false) throws(WorkspaceError) {
        self.path = path
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            try Self.inspect(path)
        } else if create {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw .cannotOpen(path: path, reason: error.localizedDescription)
                }
            }
        } else {
            throw .missing(path: path)
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)  // another katalog may be writing
            configuration.foreignKeysEnabled = true
            pool = try DatabasePool(path: path, configuration: configuration)
            try WorkspaceMigrations.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Refuses files that are not SQLite, SQLite files with foreign tables, and workspaces from
    /// a newer katalog — without writing a byte to them.
    private static func inspect(_ path: String) throws(WorkspaceError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, reason: "permission denied")
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { return }  // an empty file is an empty database
        guard header == Data("SQLite format 3\0".utf8) else { throw .notSQLite(path: path) }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)  // another katalog may be writing
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            let (tables, applied): ([String], Set<String>) = try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                let applied = try db.tableExists("grdb_migrations") ? try WorkspaceMigrations.migrator.appliedIdentifiers(db) : []
                return (tables, applied)
            }
            if !tables.isEmpty && !tables.contains("grdb_migrations") { throw WorkspaceError.notAWorkspace(path: path) }
            let known = Set(WorkspaceMigrations.migrator.migrations)
            if !applied.isSubset(of: known) { throw WorkspaceError.newerVersion(path: path) }
        } catch let error as WorkspaceError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notSQLite(path: path)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// The project this workspace holds, or nil for a workspace not yet seeded.
    public func project() throws -> ProjectID? {
        guard let text = try setting("project") else { return nil }
        return try? ProjectID(text)
    }

    /// The service layer over this workspace, with `now` as its clock (tests and the demo seed
    /// move it). A cloud warehouse and IAM replace the workspace's own when given; the
    /// marketplace, drafts and audit log stay here.
    /// A cloud warehouse is read through the workspace as its metadata cache.
    public func services(now: @escaping @Sendable () -> Date = { Date() }, warehouse: (any Warehouse)? = nil,
                         iam: (any IAMPolicies)? = nil) throws -> ServiceLayer {
        guard let project = try project() else { throw WorkspaceError.corrupt("no project") }
        let cached = warehouse.map { CachingWarehouse(remote: $0, cache: metadataCache, now: now) }
        return ServiceLayer(warehouse: cached ?? LocalWarehouse(pool: pool, project: project), marketplace: LocalMarketplace(pool: pool, now: now),
                            access: LocalAccess(pool: pool, now: now), iam: iam ?? LocalIAM(pool: pool),
                            drafts: LocalDrafts(pool: pool, now: now), audit: LocalAudit(pool: pool), now: now)
    }

    /// The workspace as a cloud project's metadata cache.
    public var metadataCache: any MetadataCache { LocalMetadataCache(pool: pool) }

    /// Writing BigQuery metadata into the workspace (the demo seed, the cloud cache).
    public var warehouseStore: LocalWarehouse {
        get throws {
            guard let project = try project() else { throw WorkspaceError.corrupt("no project") }
            return LocalWarehouse(pool: pool, project: project)
        }
    }

    func setting(_ key: String) throws -> String? {
        try pool.read { db in try SettingRow.fetchOne(db, key: key)?.value }
    }

    /// Empties the workspace and sets its project and user, in one transaction.
    func reset(project: ProjectID, user: UserContext) throws {
        let userJSON = String(decoding: try JSONEncoder().encode(user), as: UTF8.self)
        try pool.write { db in
            for table in ["accessGrant", "accessRequest", "datasett", "dataprodukt", "bqTable", "bqDataset", "bqConnection",
                          "scheduledQuery", "datastreamStream", "tableIamPolicy", "datasetAccess", "draft", "setting", "cacheEntry"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            try SettingRow(key: "project", value: project.rawValue).insert(db)
            try SettingRow(key: "user", value: userJSON).insert(db)
        }
    }

    /// Closes the database; further calls fail.
    public func close() throws {
        try pool.close()
    }
}
