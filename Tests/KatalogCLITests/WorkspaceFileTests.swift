import Crypto
import Foundation
import Glibc
import GRDB
import Testing
import KatalogTestSupport

/// The workspace file: private modes, only regular files, reads that write nothing, read-only
/// files that browse, and a demo that is whole or absent however it is interrupted.
@Suite("The workspace file on disk", .serialized, .offThePool)
struct WorkspaceFileOnDiskTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    static func digest(_ path: String) throws -> String {
        SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
    }

    @Test func theDemoIsCreatedPrivate() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        #expect(try katalog.run(["ls"]).status == 0)
        let folder = katalog.home.appendingPathComponent("data/katalog").path
        #expect(Self.mode(folder) == 0o700 && Self.mode(folder + "/demo.sqlite") == 0o600)
        #expect(try katalog.run(["demo", "--reset", "--workspace", katalog.home.appendingPathComponent("ws.sqlite").path]).status == 0)
        #expect(Self.mode(katalog.home.appendingPathComponent("ws.sqlite").path) == 0o600)
    }

    /// A folder the user named is not made behind their back.
    @Test func demoResetInAFolderThatDoesNotExistIsRefused() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let path = katalog.home.appendingPathComponent("no/such/dir/x.sqlite").path
        let result = try katalog.run(["demo", "--reset", "--workspace", path])
        #expect(result.status == 1 && result.stderr.contains("does not exist") && result.stderr.contains("mkdir -p"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: katalog.home.appendingPathComponent("no").path))
    }

    @Test func anEmptyFileIsRefusedAndStaysEmpty() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let path = katalog.home.appendingPathComponent("tom.sqlite").path
        FileManager.default.createFile(atPath: path, contents: nil)
        for command in [["ls"], ["products"], ["access", "list"]] {
            let result = try katalog.run(command + ["--workspace", path])
            #expect(result.status == 1 && result.stderr.contains("is an empty file"), "\(result.stderr)")
        }
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        // Making the demo there is what the message offers, and it works.
        #expect(try katalog.run(["demo", "--reset", "--workspace", path]).status == 0)
        #expect(try katalog.run(["ls", "--workspace", path]).stdout.contains("rasone"))
    }

    @Test func aFIFOOrADirectoryIsRefusedAtOnce() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let fifo = katalog.home.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, katalog.home.path] {
            let result = try katalog.run(["ls", "--workspace", path])
            #expect(result.status == 1 && result.stderr.contains("is not a regular file"), "\(result.stderr)")
        }
    }

    @Test func readingWritesNothing() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let before = try Self.digest(katalog.workspace)
        for command in [["ls"], ["ls", "rasone"], ["show", "rasone.tabell_1"], ["lineage"], ["products"], ["access", "list"]] {
            #expect(try katalog.run(command + ["--workspace", katalog.workspace]).status == 0)
        }
        #expect(try Self.digest(katalog.workspace) == before)
    }

    @Test func readOnlyFlagBrowsesAndRefusesChanges() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let before = try Self.digest(katalog.workspace)
        #expect(try katalog.run(["ls", "--read-only", "--workspace", katalog.workspace]).status == 0)
        #expect(try Self.digest(katalog.workspace) == before)
    }

    /// As another user, so the file's modes count (root may write anything).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root and setpriv to run as nobody"))
    func aFileAndFolderThatCannotBeWrittenBrowse() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let folder = katalog.home.appendingPathComponent("laast").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/ws.sqlite"
        try FileManager.default.copyItem(atPath: katalog.workspace, toPath: path)
        chmod(path, 0o444)
        chmod(folder, 0o555)
        chmod(katalog.home.path, 0o755)
        let before = try Self.digest(path)
        func asNobody(_ arguments: [String]) throws -> KatalogBinary.Result {
            try katalog.run(["--reuid=65534", "--regid=65534", "--clear-groups", KatalogBinary.executable.path] + arguments,
                            environment: ["KATALOG_TEST_EXECUTABLE": "/usr/bin/setpriv"])
        }
        let ls = try asNobody(["ls", "--workspace", path])
        #expect(ls.status == 0 && ls.stdout.contains("rasone"), "\(ls.stderr)")
        let grant = try asNobody(["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:x@nav.no", "--workspace", path])
        #expect(grant.status == 2 && grant.stderr.contains("The workspace is read-only"), "\(grant.stderr)")
        #expect(try Self.digest(path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["ws.sqlite"])
        chmod(folder, 0o755)
    }

    /// Ctrl-C or `kill -9` while the demo is made the first time, or reset: afterwards the demo
    /// is whole (its project set, integrity ok) or absent — and the next run makes it.
    @Test func anInterruptedDemoIsWholeOrAbsent() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let path = katalog.home.appendingPathComponent("data/katalog/demo.sqlite").path
        let started = Date()
        #expect(try katalog.run(["demo", "--reset"]).status == 0)
        let span = Date().timeIntervalSince(started) * 1.2
        try FileManager.default.removeItem(atPath: path)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<40 {
            let process = try katalog.start(round % 2 == 0 ? ["ls"] : ["demo", "--reset"])
            usleep(useconds_t(Double.random(in: 0...span, using: &generator) * 1_000_000))
            if process.isRunning { kill(process.processIdentifier, round % 4 == 1 ? SIGINT : SIGKILL) }
            process.waitUntilExit()
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let queue = try DatabaseQueue(path: path)
            let (integrity, project, products) = try queue.read { db in
                (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'project'"),
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM dataprodukt"))
            }
            #expect(integrity == "ok" && project == "dagpenger-prod-4e2b" && products == 3, "round \(round)")
            try queue.close()
        }
        #expect(try katalog.run(["ls"]).stdout.contains("rasone"))
    }
}
