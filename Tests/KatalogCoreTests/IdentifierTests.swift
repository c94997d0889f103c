import Testing
@testable import KatalogCore

@Suite("GCP identifiers follow BigQuery's documented rules")
struct IdentifierTests {
    @Test(arguments: ["dagpenger-prod-4e2b", "abcdef", "a23456789012345678901234567890", "team-x-prod-01"])
    func validProjectIDs(_ id: String) throws {
        #expect(try ProjectID(id).rawValue == id)
    }

    @Test(arguments: [
        "1dagpenger-prod",  // leading digit
        "abcde",  // 5 characters
        "a234567890123456789012345678901",  // 31 characters
        "Dagpenger-prod",  // upper case
        "dagpenger-prod-",  // trailing hyphen
        "dagpenger_prod",  // underscore
        "dagpenger.prod",
        "",
    ])
    func invalidProjectIDs(_ id: String) {
        #expect(throws: InvalidInput.self) { try ProjectID(id) }
    }

    @Test(arguments: ["rasone", "_skjult", "A1_b", String(repeating: "d", count: 1024)])
    func validDatasetIDs(_ id: String) throws {
        #expect(try DatasetID(id).rawValue == id)
    }

    @Test(arguments: [String(repeating: "d", count: 1025), "med-bindestrek", "råsone", "", "med mellomrom", "a.b"])
    func invalidDatasetIDs(_ id: String) {
        #expect(throws: InvalidInput.self) { try DatasetID(id) }
    }

    @Test(arguments: [
        "tabell_1", "stønadshistorikk", "表格", "名前 med mellomrom", "a-b", "e\u{301}tude", "Ünïcödé_2024",
        String(repeating: "ø", count: 512),  // exactly 1,024 UTF-8 bytes
    ])
    func validTableIDs(_ id: String) throws {
        #expect(try TableID(id).rawValue == id)
    }

    @Test(arguments: [
        "a" + String(repeating: "ø", count: 512),  // 1,025 bytes
        "har.punktum", "dollar$", "", "emoji😀", "skråstrek/", "events_*",
    ])
    func invalidTableIDs(_ id: String) {
        #expect(throws: InvalidInput.self) { try TableID(id) }
    }

    /// The ASCII shortcut says what Unicode's categories say, character for character.
    @Test func everyASCIICharacterIsJudgedByItsCategory() {
        let allowed: Set<Unicode.GeneralCategory> = [.uppercaseLetter, .lowercaseLetter, .decimalNumber, .connectorPunctuation, .dashPunctuation, .spaceSeparator]
        for value in UInt32(1)..<128 {
            let scalar = Unicode.Scalar(value)!
            #expect(((try? TableID("a\(scalar)b")) != nil) == allowed.contains(scalar.properties.generalCategory), "U+\(String(value, radix: 16))")
        }
    }

    @Test func wildcardTablesOnlyWhereAskedFor() throws {
        #expect(try TableID("events_*", allowWildcard: true).isWildcard)
        #expect(throws: InvalidInput.self) { try TableID("*", allowWildcard: true) }
    }

    @Test(arguments: [
        "dagpenger-prod-4e2b.rasone.tabell_1",
        "`dagpenger-prod-4e2b.rasone.tabell_1`",
        "`dagpenger-prod-4e2b`.`rasone`.`tabell_1`",
        "`dagpenger-prod-4e2b`.rasone.tabell_1",
        "  dagpenger-prod-4e2b.rasone.`tabell_1`  ",
    ])
    func tableRefForms(_ text: String) throws {
        let ref = try TableRef(parsing: text)
        #expect(ref.project.rawValue == "dagpenger-prod-4e2b")
        #expect(ref.dataset.rawValue == "rasone")
        #expect(ref.table.rawValue == "tabell_1")
    }

    @Test func tableRefRoundTrips() throws {
        let ref = try TableRef(parsing: "`dagpenger-prod-4e2b`.behandling.`søknader_beriket`")
        #expect(ref.description == "dagpenger-prod-4e2b.behandling.søknader_beriket")
        #expect(ref.quoted == "`dagpenger-prod-4e2b.behandling.søknader_beriket`")
        #expect(try TableRef(parsing: ref.description) == ref)
        #expect(try TableRef(parsing: ref.quoted) == ref)
    }

    @Test func tableRefWithDefaultProject() throws {
        let project = try ProjectID("dagpenger-prod-4e2b")
        #expect(try TableRef(parsing: "rasone.tabell_1", defaultProject: project).description == "dagpenger-prod-4e2b.rasone.tabell_1")
        #expect(throws: InvalidInput.self) { try TableRef(parsing: "rasone.tabell_1") }
    }

    @Test(arguments: ["tabell_1", "a.b.c.d", "`p.d.t", "p..t", "dagpenger-prod-4e2b.rå-sone.t", ""])
    func malformedTableRefsNameTheExpectedForm(_ text: String) {
        #expect {
            try TableRef(parsing: text)
        } throws: { error in
            let message = (error as? InvalidInput)?.message
            return message.map { !$0.en.isEmpty && !$0.nb.isEmpty } ?? false
        }
    }

    @Test func malformedRefMessageShowsTheForm() {
        let error = #expect(throws: InvalidInput.self) { try TableRef(parsing: "tabell_1") }
        #expect(error?.message.en.contains("PROJECT.DATASET.TABLE") == true)
        #expect(error?.message.nb.contains("PROJECT.DATASET.TABLE") == true)
    }
}

@Suite("Language follows the POSIX locale variables")
struct LanguageTests {
    @Test func bokmålFromLang() {
        #expect(Language.fromEnvironment(["LANG": "nb_NO.UTF-8"]) == .nb)
        #expect(Language.fromEnvironment(["LANG": "nn_NO.UTF-8"]) == .nb)
        #expect(Language.fromEnvironment(["LANG": "no_NO"]) == .nb)
    }

    @Test func precedence() {
        #expect(Language.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LANG": "nb_NO.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "", "LC_MESSAGES": "nb_NO", "LANG": "en_GB"]) == .nb)
        #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == .en)
        #expect(Language.fromEnvironment([:]) == .en)
    }
}
