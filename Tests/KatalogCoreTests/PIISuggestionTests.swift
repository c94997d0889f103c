import Testing
@testable import KatalogCore

/// The suggested PII classes: from names as teams really write them, nested paths, and
/// descriptions; nothing suggested for what names nothing.
@Suite("PII suggestions")
struct PIISuggestionTests {
    @Test(arguments: [
        ("fødselsnummer", PIITag.direkteIdentifiserende), ("fnr", .direkteIdentifiserende), ("person_fnr", .direkteIdentifiserende),
        ("aktør-id", .direkteIdentifiserende), ("aktorId", .direkteIdentifiserende), ("aktoer_id", .direkteIdentifiserende),
        ("personident", .direkteIdentifiserende), ("ident", .direkteIdentifiserende), ("d_nummer", .direkteIdentifiserende),
        ("etternavn", .direkteIdentifiserende), ("bostedsadresse", .direkteIdentifiserende), ("telefonnummer", .direkteIdentifiserende),
        ("e-post", .direkteIdentifiserende), ("EMAIL", .direkteIdentifiserende),
        ("diagnosekode", .saerligKategori), ("hoveddiagnose", .saerligKategori), ("religion", .saerligKategori),
        ("fødselsdato", .kanVaereIndirekteIdentifiserende), ("kjønn", .kanVaereIndirekteIdentifiserende), ("postnummer", .kanVaereIndirekteIdentifiserende),
        ("bostedskommune", .kanVaereIndirekteIdentifiserende),
    ])
    func namesSuggestTheirClass(_ name: String, _ tag: PIITag) {
        #expect(PIISuggestion.suggest(column: name, description: nil)?.tag == tag, "\(name)")
    }

    @Test(arguments: ["antall", "dato", "utfall", "søknadstype", "vedtak_id", "kommunenavn_kode_x", "identifikator", "domene", "mailbox_count"])
    func otherNamesSuggestNothing(_ name: String) {
        #expect(PIISuggestion.suggest(column: name, description: nil) == nil, "\(name)")
    }

    @Test func nestedColumnsGoByTheirOwnNameAndKeepTheirPath() {
        let schema = [
            SchemaField("søknad_id", "STRING"),
            SchemaField("person", "RECORD", fields: [
                SchemaField("fødselsnummer", "STRING", description: "11 siffer"),
                SchemaField("navn", "RECORD", fields: [SchemaField("fornavn", "STRING"), SchemaField("etternavn", "STRING")]),
            ]),
            SchemaField("merknad", "STRING", description: "Fritekst; kan inneholde diagnose"),
        ]
        let suggestions = PIISuggestion.suggest(for: schema)
        #expect(suggestions.map(\.column) == ["person.fødselsnummer", "person.navn.fornavn", "person.navn.etternavn", "merknad"])
        #expect(suggestions.map(\.tag) == [.direkteIdentifiserende, .direkteIdentifiserende, .direkteIdentifiserende, .saerligKategori])
        #expect(suggestions[0].reason.en == "the name contains “fødselsnummer”")
        #expect(suggestions[3].reason.nb == "beskrivelsen nevner «diagnose»")
    }
}
