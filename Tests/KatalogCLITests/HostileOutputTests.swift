import Foundation
import GRDB
import Testing
import KatalogTestSupport

/// Text others chose — names, subjects, arguments — never reaches the terminal raw, in text
/// output or in `--json`.
@Suite("Hostile text in the command line's output", .offThePool)
struct HostileOutputTests {
    /// What a terminal acts on or hides: C1 controls (CSI as U+009B), DEL, bidi, zero-width, BOM.
    static let hostile: [Unicode.Scalar] = ["\u{9B}", "\u{85}", "\u{7F}", "\u{202E}", "\u{2067}", "\u{200B}", "\u{FEFF}", "\u{1B}"]

    static func rawScalars(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { hostile.contains($0) }
    }

    @Test func jsonEscapesC1DELBidiAndInvisibleCharactersAndReadsBackTheSame() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let name = "Vedtak\u{9B}31m\u{7F}\u{202E}\u{200B}\u{FEFF}\u{85}slutt"
        let queue = try DatabaseQueue(path: katalog.workspace)
        try queue.write { db in try db.execute(sql: "UPDATE dataprodukt SET name = ?, description = ? WHERE slug = 'dagpengevedtak'", arguments: [name, name]) }
        try queue.close()
        for command in [["products", "--json"], ["products", "show", "dagpengevedtak", "--json"], ["lineage", "--format", "json"]] {
            let result = try katalog.run(command + ["--workspace", katalog.workspace])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(Self.rawScalars(result.stdout).isEmpty, "\(command) printed raw: \(Self.rawScalars(result.stdout).map { String($0.value, radix: 16) })")
            #expect(result.stdout.contains("\\u009b31m\\u007f\\u202e\\u200b\\ufeff\\u0085"), "\(command)")
            let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            #expect("\(parsed)".isEmpty == false)
        }
        let products = try JSONSerialization.jsonObject(with: Data(try katalog.run(["products", "--json", "--workspace", katalog.workspace]).stdout.utf8)) as? [[String: Any]]
        #expect(products?.contains { $0["name"] as? String == name } == true, "the name reads back unchanged")
        let text = try katalog.run(["products", "--workspace", katalog.workspace])
        #expect(Self.rawScalars(text.stdout).filter { $0 != "\u{200B}" && $0 != "\u{FEFF}" }.isEmpty)
    }

    @Test func anInvisibleCharacterInASubjectIsRefusedAndShown() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        for subject in ["group:all-users\u{200B}@nav.no", "user:ola\u{202E}@nav.no", "group:ａｌｌ-users@nav.no"] {
            let result = try katalog.run(["access", "grant", "--datasett", "soknader-per-maned", "--subject", subject, "--workspace", katalog.workspace])
            #expect(result.status == 1, "\(subject): \(result.stdout)")
            #expect(!result.stdout.contains("Granted"))
            #expect(Self.rawScalars(result.stderr).isEmpty && result.stderr.contains("is not an e-mail address"), "\(result.stderr)")
        }
    }

    @Test func aUsageErrorShowsTheArgumentsEscapesVisibly() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let result = try katalog.run(["ls", "--bogus\u{1B}]52;c;aGk=\u{7}", "x\u{1B}[2J"])
        #expect(result.status == 1)
        #expect(!result.stderr.unicodeScalars.contains("\u{1B}") && !result.stderr.unicodeScalars.contains("\u{7}"), "\(result.stderr)")
        #expect(result.stderr.contains("\\x1b]52"))
    }
}
