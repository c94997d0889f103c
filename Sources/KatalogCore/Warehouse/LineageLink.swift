/// One edge the Data Lineage API recorded: data flowed from `source` to `target`, both as
/// fully qualified names (`bigquery:project.dataset.table`, `bigquery:connection:p.loc.id`, …).
public struct LineageLink: Hashable, Sendable, Codable {
    public let source: String
    public let target: String

    public init(source: String, target: String) {
        self.source = source
        self.target = target
    }

    /// `bigquery:project.dataset.table`.
    public static func name(of table: TableRef) -> String { "bigquery:\(table)" }

    /// The table a `bigquery:` name points at, if it is one.
    public static func table(named name: String) -> TableRef? {
        guard name.hasPrefix("bigquery:"), !name.hasPrefix("bigquery:connection:"), !name.hasPrefix("bigquery:sharded:") else { return nil }
        return try? TableRef(parsing: String(name.dropFirst("bigquery:".count)))
    }
}
