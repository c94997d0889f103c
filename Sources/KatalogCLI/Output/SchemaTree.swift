import KatalogCore

/// A schema as an indented tree with box-drawing branches:
///
///     søknad_id        STRING   REQUIRED  Søknadens id i dp-soknad
///     person           RECORD   NULLABLE  Søkeren
///     ├─ fødselsnummer STRING   REQUIRED  11 siffer
///     └─ navn          RECORD   NULLABLE
///        ├─ fornavn    STRING   NULLABLE
enum SchemaTree {
    static func render(_ fields: [SchemaField], piiTags: [String: PIITag], language: Language, width: Int?) -> String {
        var table = TextTable([
            .init(title: language == .nb ? "KOLONNE" : "COLUMN", maxWidth: 48), .init(title: "TYPE"), .init(title: "MODE"),
            .init(title: "PII"), .init(title: language == .nb ? "BESKRIVELSE" : "DESCRIPTION", maxWidth: 70),
        ])
        func walk(_ fields: [SchemaField], prefix: String, path: String) {
            for (index, field) in fields.enumerated() {
                let last = index == fields.count - 1
                let branch = path.isEmpty ? "" : (last ? "└─ " : "├─ ")
                let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
                table.add([prefix + branch + field.name, field.type, field.mode.rawValue,
                           piiTags[fieldPath]?.label.text(language) ?? "", field.description ?? ""])
                walk(field.fields, prefix: path.isEmpty ? "" : prefix + (last ? "   " : "│  "), path: fieldPath)
            }
        }
        walk(fields, prefix: "", path: "")
        return table.render(width: width)
    }
}
