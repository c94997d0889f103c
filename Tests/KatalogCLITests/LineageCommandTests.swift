import Foundation
import Testing
import KatalogTestSupport

/// `katalog lineage` as other tools read it: golden exports of the demo, and the team's
/// lineage.yaml picked up from where katalog runs.
@Suite("katalog lineage", .offThePool)
struct LineageCommandTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/lineage.yaml").standardized

    /// Compares with Golden/NAME; `UPDATE_GOLDEN=1 swift test` rewrites it (review the diff).
    func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let first = zip(expected.split(separator: "\n"), actual.split(separator: "\n")).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(actual == expected, "golden \(name) differs at line \((first?.offset ?? 0) + 1): \(first.map { "\($0.element.1)" } ?? "length")",
                sourceLocation: sourceLocation)
    }

    @Test(arguments: [("json", "demo-lineage.json"), ("mermaid", "demo-lineage.mmd"), ("dot", "demo-lineage.dot"), ("text", "demo-lineage.txt")])
    func goldenExportsOfTheDemo(format: String, file: String) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let result = try katalog.run(["lineage", "--format", format, "--lang", "en", "--workspace", katalog.workspace])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        try check(result.stdout, file)
    }

    @Test func theTeamsLineageFileIsReadFromTheWorkingDirectory() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let plain = try katalog.run(["lineage", "--workspace", katalog.workspace])
        try FileManager.default.copyItem(at: Self.example, to: katalog.home.appendingPathComponent("lineage.yaml"))
        let declared = try katalog.run(["lineage", "--workspace", katalog.workspace])
        #expect(declared.status == 0, "\(declared.stderr)")
        func edges(_ json: String) throws -> Set<String> {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            return Set((object["edges"] as? [[String: String]] ?? []).map { "\($0["from"]!) → \($0["to"]!) | \($0["via"]!)" })
        }
        #expect(try edges(declared.stdout).subtracting(edges(plain.stdout)) == [
            "source:oracle:ARENA.STONAD_HISTORIKK → transfer:naisjob:dp-historikk-migrering | lineage.yaml",
            "source:oracle:ARENA.VEDTAKFAKTA → transfer:naisjob:dp-historikk-migrering | lineage.yaml",
            "transfer:naisjob:dp-historikk-migrering → dagpenger-prod-4e2b.rasone.stønadshistorikk | lineage.yaml",
        ])
        // Another file named on the command line wins over the one in the directory.
        let other = katalog.home.appendingPathComponent("tom.yaml")
        try "version: 1\n".write(to: other, atomically: true, encoding: .utf8)
        let named = try katalog.run(["lineage", "--lineage-file", other.path, "--workspace", katalog.workspace])
        #expect(try edges(named.stdout) == edges(plain.stdout))
    }

    @Test func aBadLineageFileFailsWithEveryLine() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        try """
            flows:
              - from: oracle:ARENA.SAK
                through: naisjob:sync
                to: rasone.finnes_ikke
              - from: rasone.tabell_1
                to: behandling.rød.tabell.x
            """.write(to: katalog.home.appendingPathComponent("lineage.yaml"), atomically: true, encoding: .utf8)
        let result = try katalog.run(["lineage", "--workspace", katalog.workspace])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr == """
            katalog: lineage.yaml:2: rasone.finnes_ikke is not a table in project dagpenger-prod-4e2b
            lineage.yaml:5: 'behandling.rød.tabell.x' is not a table name (dataset.table or project.dataset.table)

            """)
        let missing = try katalog.run(["lineage", "--lineage-file", "nei.yaml", "--workspace", katalog.workspace])
        #expect(missing.status == 1 && missing.stderr.contains("Cannot read the lineage file nei.yaml"))
        // Other commands do not read it.
        #expect(try katalog.run(["ls", "--workspace", katalog.workspace]).status == 0)
    }
}
