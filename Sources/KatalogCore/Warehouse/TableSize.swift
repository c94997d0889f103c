import Foundation

/// How big a table is and when its data last changed: what BigQuery's table lists leave out
/// and a query on `__TABLES__` or `INFORMATION_SCHEMA.TABLE_STORAGE` adds, after the list.
public struct TableSize: Hashable, Sendable {
    public let numRows: Int64?
    public let numBytes: Int64?
    public let modified: Date?

    public init(numRows: Int64?, numBytes: Int64?, modified: Date?) {
        self.numRows = numRows
        self.numBytes = numBytes
        self.modified = modified
    }
}

extension TableInfo {
    /// The table with its size; tables and materialized views only (a view stores nothing).
    public func with(_ size: TableSize?) -> TableInfo {
        guard let size, kind == .table || kind == .materializedView else { return self }
        return TableInfo(ref: ref, kind: kind, friendlyName: friendlyName, description: description, labels: labels, schema: schema,
                         numRows: size.numRows, numBytes: size.numBytes, partitioning: partitioning, clustering: clustering,
                         created: created, modified: size.modified ?? modified, expires: expires, location: location, query: query)
    }
}
