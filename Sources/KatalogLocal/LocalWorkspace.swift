import Foundation
import GRDB
import KatalogCore
import KatalogServices

/// The embedded workspace: one SQLite file (WAL mode) holding a project's BigQuery metadata, the
/// local marketplace, BigQuery-like IAM state, drafts and the audit log.
public final class LocalWorkspace: Sendable {
    public let path: String
    /// Opened read-only: `--read-only`, or a file or folder this user cannot write. Reads
    /// work; every change fails with a message saying so.
    public let isReadOnly: Bool
    let pool: any DatabaseWriter

    /// Opens the workspace at `path`. A missing file is created only when `create` is true —
    /// mode 0600 in folders of mode 0700, since it holds the audit log and the cloud cache; a
    /// file that is not a katalog workspace is refused before anything is written to it.
    /// Opening writes nothing unless the workspace needs a migration.
    public init(path: String, create: Bool = false, readOnly: Bool = false) throws(WorkspaceError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        var info = stat()
        let exists = stat(path, &info) == 0
        if exists {
            // Not a FIFO (opening one blocks forever), a directory or a device.
            guard info.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path: path) }
            try Self.inspect(path)
        } else if errno == ELOOP {
            throw .notAFile(path: path)
        } else if errno != ENOENT {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        } else if create {
            do {
                if !folder.isEmpty {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                }
                // SQLite gives its -wal and -shm files the database file's mode.
                guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw CocoaError(.fileWriteNoPermission)
                }
            } catch {
                throw .cannotOpen(path: path, reason: error.localizedDescription)
            }
        } else {
            throw .missing(path: path)
        }
        let folderWritable = access(folder.isEmpty ? "." : folder, W_OK) == 0
        isReadOnly = readOnly || !folderWritable || access(path, W_OK) != 0
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)  // another katalog may be writing
            configuration.foreignKeysEnabled = true
            if isReadOnly {
                pool = try Self.readOnlyQueue(path, configuration)
                guard try pool.read({ db in try WorkspaceMigrations.migrator.hasCompletedMigrations(db) }) else {
                    throw WorkspaceError.cannotOpen(path: path, reason: "it needs an upgrade, which a read-only workspace cannot take; open it once without --read-only")
                }
            } else {
                // A queue, not a pool: GRDB's pool writes to the file on every open (it makes sure
                // a WAL file exists), and reading must write nothing. The file keeps WAL mode,
                // set once when it is made.
                pool = try DatabaseQueue(path: path, configuration: configuration)
                if !exists { try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") } }
                if try !pool.read({ db in try WorkspaceMigrations.migrator.hasCompletedMigrations(db) }) {
                    try WorkspaceMigrations.migrator.migrate(pool)
                }
            }
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// The file opened for reading only. In a folder it cannot write, SQLite cannot make the
    /// WAL's shared-memory file: then it reads the file as it is, unlocked (`immutable`).
    private static func readOnlyQueue(_ path: String, _ configuration: Configuration) throws -> DatabaseQueue {
        var configuration = configuration
        configuration.readonly = true
        let folder = (path as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) != 0 else { return try DatabaseQueue(path: path, configuration: configuration) }
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))
        return try DatabaseQueue(path: "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?immutable=1", configuration: configuration)
    }

    /// Refuses files that are not SQLite, SQLite files with foreign tables, and workspaces from
    /// a newer katalog — without writing a byte to them.
    private static func inspect(_ path: String) throws(WorkspaceError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(path: path, reason: "permission denied")
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { throw .empty(path: path) }
        guard header == Data("SQLite format 3\0".utf8) else { throw .notSQLite(path: path) }
        if isCutShort(path) { throw .damaged(path: path) }
        // Reading a WAL file makes its -wal and -shm beside it; a file refused leaves none behind.
        let leftovers = ["-wal", "-shm"].map { path + $0 }.filter { !FileManager.default.fileExists(atPath: $0) }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)  // another katalog may be writing
            let queue = try readOnlyQueue(path, configuration)
            defer { try? queue.close() }
            let (tables, applied): ([String], Set<String>) = try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                let applied = try db.tableExists("grdb_migrations") ? try WorkspaceMigrations.migrator.appliedIdentifiers(db) : []
                return (tables, applied)
            }
            if !tables.isEmpty && !tables.contains("grdb_migrations") { throw WorkspaceError.notAWorkspace(path: path) }
            let known = Set(WorkspaceMigrations.migrator.migrations)
            if !applied.isSubset(of: known) { throw WorkspaceError.newerVersion(path: path) }
        } catch {
            for file in leftovers { try? FileManager.default.removeItem(atPath: file) }
            switch error {
            case let error as WorkspaceError: throw error
            case let error as DatabaseError where error.resultCode == .SQLITE_NOTADB: throw .notSQLite(path: path)
            case let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT: throw .damaged(path: path)
            default: throw .cannotOpen(path: path, reason: "\(error)")
            }
        }
    }

    /// Whether the file is shorter than its header says or not whole pages — a copy cut off, a
    /// download that stopped — known from the 100-byte header alone, before SQLite opens it.
    private static func isCutShort(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let header = try? handle.read(upToCount: 100), header.count == 100, let size = try? handle.seekToEnd() else { return true }
        let bytes = [UInt8](header)
        func big(_ at: Int, _ count: Int) -> Int { bytes[at..<(at + count)].reduce(0) { $0 << 8 | Int($1) } }
        let pageSize = big(16, 2) == 1 ? 65_536 : big(16, 2)
        guard pageSize >= 512, pageSize & (pageSize - 1) == 0 else { return true }
        // The page count in the header holds only when the change counter beside it agrees.
        let pages = big(24, 4) == big(92, 4) ? big(28, 4) : 0
        return Int(size) % pageSize != 0 || Int(size) < pages * pageSize
    }

    /// The project this workspace holds, or nil for a workspace not yet seeded.
    public func project() throws -> ProjectID? {
        guard let text = try setting("project") else { return nil }
        return try? ProjectID(text)
    }

    /// The service layer over this workspace, with `now` as its clock (tests and the demo seed
    /// move it). A cloud warehouse and IAM replace the workspace's own when given, and so does a
    /// remote marketplace (journalling into the workspace's `audit`); drafts
    /// and the audit log stay here. A cloud warehouse is read through the workspace as its
    /// metadata cache.
    public func services(now: @escaping @Sendable () -> Date = { Date() }, warehouse: (any Warehouse)? = nil,
                         iam: (any IAMPolicies)? = nil, marketplace remote: RemoteMarketplace? = nil) throws -> ServiceLayer {
        guard let project = try project() else { throw WorkspaceError.corrupt("no project") }
        let chosen: any Warehouse = warehouse.map { CachingWarehouse(remote: $0, cache: metadataCache, now: now) } ?? LocalWarehouse(pool: pool, project: project)
        return ServiceLayer(warehouse: chosen, marketplace: remote?.marketplace ?? LocalMarketplace(pool: pool, now: now),
                            access: remote?.access ?? LocalAccess(pool: pool, now: now),
                            directory: remote?.directory ?? LocalDirectory(warehouse: chosen), iam: iam ?? LocalIAM(pool: pool),
                            drafts: LocalDrafts(pool: pool, now: now), audit: audit, now: now)
    }

    /// The audit log, which a remote marketplace journals into.
    public var audit: any Audit { LocalAudit(pool: pool) }

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

    /// Writes audit events from another workspace, oldest first (a demo reset keeps its log).
    func keep(_ history: [AuditEvent]) throws {
        try pool.write { db in for event in history { try AuditRow(event).insert(db) } }
    }

    /// Closes the database, with everything written into the file itself (the WAL emptied);
    /// further calls fail.
    public func close() throws {
        if !isReadOnly { try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) } }
        try pool.close()
    }
}
