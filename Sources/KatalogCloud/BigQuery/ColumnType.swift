import KatalogCore

/// Reads a column's GoogleSQL type as INFORMATION_SCHEMA.COLUMNS spells it —
/// `ARRAY<STRUCT<fom DATE, beløp NUMERIC(10, 2) NOT NULL>>` — into the schema tables.get would
/// give: REST type names (INTEGER, FLOAT, BOOLEAN, RECORD), REPEATED for arrays, nested fields
/// in order.
enum ColumnType {
    /// The field for a column; nil when the text is not a type this reader knows the shape of.
    /// `descriptions` by field path (`person.navn`), as COLUMN_FIELD_PATHS gives them.
    static func field(name: String, type text: String, required: Bool, descriptions: [String: String] = [:]) -> SchemaField? {
        var reader = Reader(text: Array(text))
        guard let type = reader.type(), reader.atEnd else { return nil }
        return field(name: name, type, required: required, descriptions: descriptions, path: name)
    }

    private indirect enum Parsed {
        case scalar(String)
        case array(Parsed)
        case record([(name: String, type: Parsed, required: Bool)])
    }

    private static func field(name: String, _ type: Parsed, required: Bool, descriptions: [String: String], path: String) -> SchemaField {
        let description = descriptions[path]
        switch type {
        case let .scalar(name2):
            return SchemaField(name, restName(name2), required ? .required : .nullable, description: description)
        case let .array(element):
            // An array of arrays is not a BigQuery column type; the element decides the rest.
            let inner = field(name: name, element, required: false, descriptions: descriptions, path: path)
            return SchemaField(name, inner.type, .repeated, description: description, fields: inner.fields)
        case let .record(members):
            let fields = members.map { field(name: $0.name, $0.type, required: $0.required, descriptions: descriptions, path: "\(path).\($0.name)") }
            return SchemaField(name, "RECORD", required ? .required : .nullable, description: description, fields: fields)
        }
    }

    /// GoogleSQL names → the REST names tables.get uses.
    static func restName(_ name: String) -> String {
        switch name.uppercased() {
        case "INT64": "INTEGER"
        case "FLOAT64": "FLOAT"
        case "BOOL": "BOOLEAN"
        case "STRUCT": "RECORD"
        case "DECIMAL": "NUMERIC"
        case "BIGDECIMAL": "BIGNUMERIC"
        default: name.uppercased()
        }
    }

    /// A small recursive-descent reader over the type text.
    private struct Reader {
        let text: [Character]
        var at = 0

        var atEnd: Bool { mutating get { skipSpace(); return at >= text.count } }

        mutating func skipSpace() { while at < text.count, text[at].isWhitespace { at += 1 } }

        mutating func take(_ c: Character) -> Bool {
            skipSpace()
            guard at < text.count, text[at] == c else { return false }
            at += 1
            return true
        }

        mutating func word() -> String? {
            skipSpace()
            guard at < text.count else { return nil }
            if text[at] == "`" {  // a quoted field name
                let start = at + 1
                guard let end = text[start...].firstIndex(of: "`") else { return nil }
                at = end + 1
                return String(text[start..<end])
            }
            let start = at
            while at < text.count, text[at].isLetter || text[at].isNumber || text[at] == "_" { at += 1 }
            return at > start ? String(text[start..<at]) : nil
        }

        /// `NOT NULL` after a struct member's type.
        mutating func notNull() -> Bool {
            let saved = at
            if word()?.uppercased() == "NOT", word()?.uppercased() == "NULL" { return true }
            at = saved
            return false
        }

        mutating func type() -> Parsed? {
            guard let name = word() else { return nil }
            switch name.uppercased() {
            case "ARRAY":
                guard take("<"), let element = type(), take(">") else { return nil }
                return .array(element)
            case "STRUCT":
                guard take("<") else { return nil }
                var members: [(name: String, type: Parsed, required: Bool)] = []
                repeat {
                    guard let member = word(), let memberType = type() else { return nil }
                    members.append((member, memberType, notNull()))
                } while take(",")
                guard take(">") else { return nil }
                return .record(members)
            case "RANGE":
                guard take("<"), type() != nil, take(">") else { return nil }
                return .scalar("RANGE")
            default:
                // Parameters (`STRING(10)`, `NUMERIC(10, 2)`) do not change the column's shape.
                if take("(") {
                    while at < text.count, text[at] != ")" { at += 1 }
                    guard take(")") else { return nil }
                }
                return .scalar(name)
            }
        }
    }
}
