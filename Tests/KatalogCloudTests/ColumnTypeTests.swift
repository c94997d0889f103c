import Testing
import KatalogCore
@testable import KatalogCloud

/// INFORMATION_SCHEMA.COLUMNS' GoogleSQL types read into the schema tables.get gives.
@Suite("Column types from INFORMATION_SCHEMA")
struct ColumnTypeTests {
    @Test func nestedRecordsAndArraysBecomeTheRESTSchema() {
        let field = ColumnType.field(name: "person", type: "STRUCT<fødselsnummer STRING NOT NULL, navn STRUCT<fornavn STRING, etternavn STRING>, "
                                     + "adresser ARRAY<STRUCT<postnummer STRING(4), gyldig RANGE<DATE>>>, `select` INT64>",
                                     required: false, descriptions: ["person": "Søkeren", "person.fødselsnummer": "11 siffer", "person.adresser.postnummer": "4 siffer"])
        #expect(field == SchemaField("person", "RECORD", description: "Søkeren", fields: [
            SchemaField("fødselsnummer", "STRING", .required, description: "11 siffer"),
            SchemaField("navn", "RECORD", fields: [SchemaField("fornavn", "STRING"), SchemaField("etternavn", "STRING")]),
            SchemaField("adresser", "RECORD", .repeated, fields: [SchemaField("postnummer", "STRING", description: "4 siffer"), SchemaField("gyldig", "RANGE")]),
            SchemaField("select", "INTEGER"),
        ]))
    }

    @Test func scalarsAndArraysOfScalars() {
        #expect(ColumnType.field(name: "id", type: "INT64", required: true) == SchemaField("id", "INTEGER", .required))
        #expect(ColumnType.field(name: "hjemler", type: "ARRAY<STRING>", required: false) == SchemaField("hjemler", "STRING", .repeated))
        #expect(ColumnType.field(name: "beløp", type: "NUMERIC(10, 2)", required: false) == SchemaField("beløp", "NUMERIC"))
        #expect(ColumnType.field(name: "x", type: "float64", required: false)?.type == "FLOAT")
        #expect(ColumnType.field(name: "b", type: "BOOL", required: false)?.type == "BOOLEAN")
    }

    @Test func whatItCannotReadIsNil() {
        for text in ["", "STRUCT<a INT64", "ARRAY<>", "STRUCT<>", "INT64 garbage", "NUMERIC(10"] {
            #expect(ColumnType.field(name: "x", type: text, required: false) == nil, "\(text)")
        }
    }

    @Test func optionValuesAreStringLiterals() {
        #expect(ResourceMapping.stringLiteral(#""Søknader fra \"dp-soknad\"\nlinje 2""#) == "Søknader fra \"dp-soknad\"\nlinje 2")
        #expect(ResourceMapping.stringLiteral("'enkle'") == "enkle")
        #expect(ResourceMapping.stringLiteral("uten anførsel") == "uten anførsel")
        #expect(ResourceMapping.labelsLiteral(#"[STRUCT("app", "dp-rapid-sink"), STRUCT("kilde", "kafka")]"#) == ["app": "dp-rapid-sink", "kilde": "kafka"])
        #expect(ResourceMapping.labelsLiteral("[]") == [:])
    }
}
