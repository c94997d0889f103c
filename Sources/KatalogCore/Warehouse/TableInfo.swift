import Foundation

/// A table, view or materialized view: everything tables.get tells, in domain form.
/// List views fill what tables.list gives; `schema`, `description` and `query` may be empty
/// there (as in the REST API) and are complete from `Warehouse.table(_:)`.
public struct TableInfo: Hashable, Sendable, Codable {
    public let ref: TableRef
    public let kind: TableKind
    public let friendlyName: String?
    public let description: String?
    public let labels: [String: String]
    public let schema: [SchemaField]
    public let numRows: Int64?
    public let numBytes: Int64?
    public let partitioning: Partitioning?
    public let clustering: [String]
    public let created: Date?
    public let modified: Date?
    public let expires: Date?
    public let location: String?
    /// The SQL of a view or materialized view.
    public let query: String?

    public init(ref: TableRef, kind: TableKind, friendlyName: String? = nil, description: String? = nil,
                labels: [String: String] = [:], schema: [SchemaField] = [], numRows: Int64? = nil, numBytes: Int64? = nil,
                partitioning: Partitioning? = nil, clustering: [String] = [], created: Date? = nil, modified: Date? = nil,
                expires: Date? = nil, location: String? = nil, query: String? = nil) {
        self.ref = ref
        self.kind = kind
        self.friendlyName = friendlyName
        self.description = description
        self.labels = labels
        self.schema = schema
        self.numRows = numRows
        self.numBytes = numBytes
        self.partitioning = partitioning
        self.clustering = clustering
        self.created = created
        self.modified = modified
        self.expires = expires
        self.location = location
        self.query = query
    }
}
