import Crypto
import Foundation
import Glibc
import Testing
import KatalogTestSupport

/// Files that are not what they should be — a workspace cut short, a link loop, an immutable
/// file, a directory, a FIFO or 100 MB where config.yaml should be: each a clear message,
/// the right exit code, nothing written or lost.
@Suite("Bad files in place of the workspace and config.yaml", .offThePool)
struct BadFileTests {
    static func digest(_ path: String) throws -> String {
        SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
    }

    static func siblings(_ path: String) -> [String] {
        ["-wal", "-shm", "-journal"].map { path + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    @Test(arguments: [0.5, 0.999])
    func aWorkspaceCutShortIsCalledDamagedAndLeftAsItIs(_ fraction: Double) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        var tally = Tally()
        defer { Stress.report("bad file: a workspace cut short at \(Int(fraction * 1000) / 10) %", volume: "\(tally.checks) checks", failures: tally.failures, lost: tally.failures == 0 ? "nothing" : "see the failures") }
        try katalog.seed()
        let whole = try Data(contentsOf: URL(fileURLWithPath: katalog.workspace))
        let path = katalog.home.appendingPathComponent("avkortet.sqlite").path
        FileManager.default.createFile(atPath: path, contents: whole.prefix(Int(Double(whole.count) * fraction)))
        let before = try Self.digest(path)
        for command in [["ls"], ["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:x@nav.no"], ["products", "--json"]] {
            let result = try katalog.run(command + ["--workspace", path])
            tally.check(result.status == 1 && result.stderr.contains("is a damaged SQLite file (cut short or partly overwritten), and katalog wrote nothing to it"),
                    "\(command): \(result.stderr)")
        }
        let nb = try katalog.run(["ls", "--workspace", path, "--lang", "nb"])
        tally.check(nb.stderr.contains("er en skadet SQLite-fil"))
        tally.check(try Self.digest(path) == before && Self.siblings(path).isEmpty, "nothing written beside it: \(Self.siblings(path))")
    }

    @Test func aSymbolicLinkLoopIsNotAFile() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        var tally = Tally()
        defer { Stress.report("bad file: a symbolic link loop as the workspace", volume: "\(tally.checks) checks", failures: tally.failures, lost: tally.failures == 0 ? "nothing" : "see the failures") }
        let (one, two) = (katalog.home.appendingPathComponent("en.sqlite").path, katalog.home.appendingPathComponent("to.sqlite").path)
        tally.check(symlink(two, one) == 0 && symlink(one, two) == 0)
        for command in [["ls"], ["demo", "--reset"]] {
            let result = try katalog.run(command + ["--workspace", one])
            tally.check(result.status == 1 && result.stderr.contains("a symbolic link loop"), "\(command): \(result.stderr)")
        }
        tally.check(try FileManager.default.destinationOfSymbolicLink(atPath: one) == two)
    }

    /// `chattr +i`: even root cannot write it. Browsing works; a change is refused and says why.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr"), "needs root and chattr"))
    func anImmutableWorkspaceBrowsesAndRefusesChanges() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        var tally = Tally()
        defer { Stress.report("bad file: an immutable workspace (chattr +i)", volume: "\(tally.checks) checks", failures: tally.failures, lost: tally.failures == 0 ? "nothing" : "see the failures") }
        try katalog.seed()
        guard try katalog.run(["+i", katalog.workspace], environment: ["KATALOG_TEST_EXECUTABLE": "/usr/bin/chattr"]).status == 0 else {
            return  // the file system has no immutable flag (tmpfs, overlay)
        }
        defer { _ = try? katalog.run(["-i", katalog.workspace], environment: ["KATALOG_TEST_EXECUTABLE": "/usr/bin/chattr"]) }
        let before = try Self.digest(katalog.workspace)
        let ls = try katalog.run(["ls", "--workspace", katalog.workspace])
        tally.check(ls.status == 0 && ls.stdout.contains("rasone"), "\(ls.stderr)")
        let grant = try katalog.run(["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:x@nav.no", "--workspace", katalog.workspace])
        tally.check(grant.status == 2 && grant.stderr.contains("The workspace is read-only"), "\(grant.stderr)")
        tally.check(try Self.digest(katalog.workspace) == before)
    }

    enum NotAConfig: String, CaseIterable { case directory, linkLoop, fifo }

    /// A config.yaml that cannot be read costs its settings, never the command: a warning, the
    /// defaults, exit 0 — and a FIFO is never opened (reading it would wait forever).
    @Test(arguments: NotAConfig.allCases)
    func aConfigThatIsNotAFileIsNamedAndTheDefaultsUsed(_ kind: NotAConfig) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        var tally = Tally()
        defer { Stress.report("bad file: config.yaml is a \(kind)", volume: "\(tally.checks) checks", failures: tally.failures, lost: tally.failures == 0 ? "nothing" : "see the failures") }
        try katalog.seed()
        let folder = katalog.home.appendingPathComponent("config/katalog")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("config.yaml").path
        switch kind {
        case .directory: try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: false)
        case .linkLoop: tally.check(symlink(config, config) == 0)
        case .fifo: tally.check(mkfifo(config, 0o600) == 0)
        }
        let result = try katalog.run(["ls", "--workspace", katalog.workspace])
        tally.check(result.status == 0 && result.stdout.contains("rasone"))
        tally.check(result.stderr.contains("config.yaml:1: config.yaml \(config) is not a regular file") && result.stderr.contains("goes on with the rest of config.yaml"),
                "\(result.stderr)")
    }

    @Test func a100MBConfigIsNotReadAndTheDefaultsUsed() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        var tally = Tally()
        defer { Stress.report("bad file: a 100 MB config.yaml", volume: "\(tally.checks) checks", failures: tally.failures, lost: tally.failures == 0 ? "nothing" : "see the failures") }
        try katalog.seed()
        let folder = katalog.home.appendingPathComponent("config/katalog")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("config.yaml").path
        FileManager.default.createFile(atPath: config, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: config))
        try handle.truncate(atOffset: 100_000_000)  // sparse: 100 MB of zeros, no disk
        try handle.close()
        let result = try katalog.run(["ls", "--workspace", katalog.workspace, "--lang", "nb"])
        tally.check(result.status == 0 && result.stdout.contains("rasone"))
        // config.yaml's problems are in English, as `katalog doctor` and the status line show them.
        tally.check(result.stderr.contains("is 100.0 MB, more than the 4.0 MB such a file can be; katalog did not read it")
                && result.stderr.contains("katalog bruker resten av config.yaml"), "\(result.stderr)")
    }

    @Test func aConfigWithMistakesNamesEachLineAndKeepsTheRest() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        var tally = Tally()
        defer { Stress.report("bad file: config.yaml with four kinds of mistake", volume: "\(tally.checks) checks", failures: tally.failures, lost: tally.failures == 0 ? "nothing" : "see the failures") }
        try katalog.seed()
        let folder = katalog.home.appendingPathComponent("config/katalog")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "lang: sv\nmouse: kanskje\nkeys:\n  quit: ctrl-ctrl\nfarge: blå\n".write(to: folder.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let result = try katalog.run(["ls", "--workspace", katalog.workspace])
        tally.check(result.status == 0)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("config.yaml:") }
        tally.check(warnings.count == 4, "\(result.stderr)")
        for line in [1, 2, 4, 5] { tally.check(warnings.contains { $0.contains("config.yaml:\(line):") }, "line \(line): \(result.stderr)") }
    }

    @Test func aManifestOrLineageFileThatIsADirectoryIsRefused() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        var tally = Tally()
        defer { Stress.report("bad file: a directory as the manifest and as lineage.yaml", volume: "\(tally.checks) checks", failures: tally.failures, lost: tally.failures == 0 ? "nothing" : "see the failures") }
        try katalog.seed()
        let folder = katalog.home.appendingPathComponent("mappe.yaml").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let publish = try katalog.run(["publish", "-f", folder, "--workspace", katalog.workspace])
        tally.check(publish.status == 1 && publish.stderr.contains("The manifest \(folder) is not a regular file"), "\(publish.stderr)")
        let lineage = try katalog.run(["lineage", "--lineage-file", folder, "--workspace", katalog.workspace])
        tally.check(lineage.status == 1 && lineage.stderr.contains("The lineage file \(folder) is not a regular file"), "\(lineage.stderr)")
    }
}
