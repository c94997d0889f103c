/// One column of a table schema. RECORD (STRUCT) columns hold nested `fields`.
public struct SchemaField: Hashable, Sendable, Codable {
    public enum Mode: String, Sendable, Codable, CaseIterable {
        case nullable = "NULLABLE"
        case required = "REQUIRED"
        case repeated = "REPEATED"
    }

    public let name: String
    /// The REST type name: STRING, INTEGER, FLOAT, BOOLEAN, TIMESTAMP, RECORD, … kept as the
    /// API spells it, since BigQuery adds types over time.
    public let type: String
    public let mode: Mode
    public let description: String?
    public let fields: [SchemaField]

    public init(_ name: String, _ type: String, _ mode: Mode = .nullable, description: String? = nil, fields: [SchemaField] = []) {
        self.name = name
        self.type = type
        self.mode = mode
        self.description = description
        self.fields = fields
    }

    public var isRecord: Bool { type == "RECORD" || type == "STRUCT" }

    /// Every field with its dotted path (`person.adresse.postnummer`), depth first.
    public static func flatten(_ fields: [SchemaField], prefix: String = "") -> [(path: String, field: SchemaField)] {
        fields.flatMap { field -> [(path: String, field: SchemaField)] in
            let path = prefix.isEmpty ? field.name : "\(prefix).\(field.name)"
            return [(path, field)] + flatten(field.fields, prefix: path)
        }
    }
}
