import Foundation
import GRDB
import Testing
import KatalogTestSupport

/// Every bad input gets exit 1 and a message naming it and what would be valid; backend
/// failures get exit 2; nothing is lost.
@Suite("Bad input from the command line", .offThePool)
struct BadInputTests {
    @Test func aWorkspaceThatIsNotSQLiteIsRefusedAndUntouched() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let path = katalog.home.appendingPathComponent("handleliste.txt").path
        let content = Data("melk\negg\nbrød\n".utf8)
        FileManager.default.createFile(atPath: path, contents: content)
        let result = try katalog.run(["ls", "--workspace", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not an SQLite file") && result.stderr.contains(path))
        #expect(FileManager.default.contents(atPath: path) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        // demo --reset refuses to overwrite it too.
        #expect(try katalog.run(["demo", "--reset", "--workspace", path]).status == 1)
        #expect(FileManager.default.contents(atPath: path) == content)
    }

    @Test func aMissingWorkspaceSaysHowToCreateOne() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let result = try katalog.run(["ls", "--workspace", katalog.workspace, "--lang", "nb"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("katalog demo --reset --workspace \(katalog.workspace)"))
        #expect(!FileManager.default.fileExists(atPath: katalog.workspace))
    }

    @Test func anUnknownTableIsNamed() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let result = try katalog.run(["show", "dagpenger-prod-4e2b.rasone.finnes_ikke", "--workspace", katalog.workspace])
        #expect(result.status == 1)
        #expect(result.stderr == "katalog: The table dagpenger-prod-4e2b.rasone.finnes_ikke does not exist. `katalog ls rasone` lists the dataset's tables.\n")
    }

    @Test(arguments: ["tabell_1", "a.b.c.d", "`dagpenger-prod-4e2b.rasone.tabell_1", "UPPER-case.rasone.t"])
    func aMalformedRefNamesTheExpectedForm(_ ref: String) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let result = try katalog.run(["show", ref, "--workspace", katalog.workspace])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("katalog: "))
        #expect(result.stderr.contains("PROJECT.DATASET.TABLE") || result.stderr.contains("not a valid project id"))
    }

    @Test func unknownDatasetProductOptionAndLanguage() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let dataset = try katalog.run(["ls", "ukjent", "--workspace", katalog.workspace])
        #expect(dataset.status == 1 && dataset.stderr.contains("ukjent"))
        let badDataset = try katalog.run(["ls", "rå-sone", "--workspace", katalog.workspace])
        #expect(badDataset.status == 1 && badDataset.stderr.contains("not a valid BigQuery dataset id"))
        let product = try katalog.run(["products", "show", "finnes-ikke", "--workspace", katalog.workspace, "--lang", "nb"])
        #expect(product.status == 1 && product.stderr.contains("«finnes-ikke»"))
        let option = try katalog.run(["ls", "--colour", "--workspace", katalog.workspace])
        #expect(option.status == 1 && option.stderr.contains("--colour"))
        let language = try katalog.run(["ls", "--lang", "sv", "--workspace", katalog.workspace])
        #expect(language.status == 1 && language.stderr.contains("--lang nb or --lang en"))
        let project = try katalog.run(["ls", "--project", "Annet_Prosjekt", "--workspace", katalog.workspace])
        #expect(project.status == 1 && project.stderr.contains("is not a valid project id") && project.stderr.contains("(from --project)"))
        let fromEnvironment = try katalog.run(["ls", "--workspace", katalog.workspace], environment: ["KATALOG_PROJECT": "x"])
        #expect(fromEnvironment.status == 1 && fromEnvironment.stderr.contains("(from KATALOG_PROJECT)"))
        let clock = try katalog.run(["ls", "--workspace", katalog.workspace], environment: ["KATALOG_NOW": "i går"])
        #expect(clock.status == 1 && clock.stderr.contains("RFC 3339"))
    }

    @Test func hostileTextIsMadeVisibleInHumanOutputAndEscapedInJSON() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let hostile = "Rydder skjermen\u{1B}[2J, skriver utklippstavla \u{1B}]52;c;cm0gLXJmIH4=\u{07}, C1 \u{9B}31m, snur \u{202E}txet og slutter."
        try Sqlite.run(katalog.workspace, "UPDATE bqTable SET description = ?, labels = json_object('fiendtlig', ?) WHERE tableId = 'tabell_2'", hostile, "a\u{1B}b")
        let human = try katalog.run(["show", "rasone.tabell_2", "--workspace", katalog.workspace])
        #expect(human.status == 0)
        #expect(!human.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(human.stdout.contains("Rydder skjermen\\x1b[2J, skriver utklippstavla \\x1b]52;c;cm0gLXJmIH4=\\x07, C1 \\x9b31m, snur <U+202E>txet"))
        #expect(human.stdout.contains("fiendtlig=a\\x1bb"))
        let json = try katalog.run(["show", "rasone.tabell_2", "--json", "--workspace", katalog.workspace])
        #expect(!json.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(json.stdout.contains("\\u001b[2J"))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((decoded["table"] as? [String: Any])?["description"] as? String == hostile)
    }
}

/// Direct SQL on a workspace file, for tests that plant data katalog itself would never write.
enum Sqlite {
    static func run(_ path: String, _ sql: String, _ parameters: String...) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql, arguments: StatementArguments(parameters)) }
        try queue.close()
    }
}
