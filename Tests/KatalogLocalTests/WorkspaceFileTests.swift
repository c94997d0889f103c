import Foundation
import GRDB
import Testing
@testable import KatalogLocal

@Suite("Opening workspace files")
struct WorkspaceFileTests {
    func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func migratesAnEmptyFile() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new.sqlite").path
        let workspace = try LocalWorkspace(path: path, create: true)
        let (tables, journal, applied) = try workspace.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"),
             try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try WorkspaceMigrations.migrator.appliedIdentifiers(db))
        }
        #expect(journal == "wal")
        #expect(applied == Set(WorkspaceMigrations.migrator.migrations))
        for table in ["bqDataset", "bqTable", "dataprodukt", "datasett", "accessGrant", "accessRequest", "tableIamPolicy", "datasetAccess", "draft", "auditEvent"] {
            #expect(tables.contains(table))
        }
        #expect(try workspace.project() == nil)
        try workspace.close()
        // Opening again is a no-op migration.
        let again = try LocalWorkspace(path: path)
        try again.close()
    }

    @Test func aMissingFileIsNotCreatedUnlessAsked() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nope.sqlite").path
        #expect(throws: WorkspaceError.missing(path: path)) { try LocalWorkspace(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndUntouched() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.txt").path
        let content = Data("Dette er ikke en database.\n".utf8)
        try content.write(to: URL(fileURLWithPath: path))
        #expect(throws: WorkspaceError.notSQLite(path: path)) { try LocalWorkspace(path: path, create: true) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])  // no -wal, no -shm
    }

    @Test func aForeignSQLiteDatabaseIsRefusedAndUntouched() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'x')") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: WorkspaceError.notAWorkspace(path: path)) { try LocalWorkspace(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aWorkspaceFromANewerKatalogIsRefused() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("future.sqlite").path
        try LocalWorkspace(path: path, create: true).close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99: from the future')") }
        try queue.close()
        #expect(throws: WorkspaceError.newerVersion(path: path)) { try LocalWorkspace(path: path) }
    }

    @Test func errorsSayWhatToDoInBothLanguages() {
        for error in [WorkspaceError.missing(path: "/x"), .notSQLite(path: "/x"), .notAWorkspace(path: "/x"), .newerVersion(path: "/x")] {
            #expect(error.isBadInput)
            #expect(error.message.nb.contains("/x") && error.message.en.contains("/x"))
            #expect(error.message.nb != error.message.en)
        }
    }
}
