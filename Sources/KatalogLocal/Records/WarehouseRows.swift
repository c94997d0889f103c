import Foundation
import GRDB
import KatalogCore
import KatalogServices

struct DatasetRow: WorkspaceRecord {
    static let databaseTableName = "bqDataset"
    var project: String
    var dataset: String
    var friendlyName: String?
    var description: String?
    var labels: [String: String]
    var location: String
    var created: Date?
    var modified: Date?

    init(_ info: DatasetInfo) {
        project = info.ref.project.rawValue
        dataset = info.ref.dataset.rawValue
        friendlyName = info.friendlyName
        description = info.description
        labels = info.labels
        location = info.location
        created = info.created
        modified = info.modified
    }

    func domain(tableCount: Int?) throws -> DatasetInfo {
        DatasetInfo(ref: DatasetRef(project: try ProjectID(project), dataset: try DatasetID(dataset)), friendlyName: friendlyName,
                    description: description, labels: labels, location: location, created: created, modified: modified, tableCount: tableCount)
    }
}

/// A table as a list shows it: only the columns tables.list has, so no schema, description or
/// SQL is read and decoded for a listing (a table's schema is read when it is opened). Read by
/// hand, column by column, within one dataset whose ids are already checked: a listing is the
/// hot path of a big project's start (Codable decoding and a JSON decoder per row cost three
/// times the read itself).
struct TableListRow: FetchableRecord {
    static let columns = ["tableId", "kind", "friendlyName", "labels", "numRows", "numBytes", "created", "modified",
                          "expires", "location"].map { Column($0) }
    var tableId: String
    var kind: String
    var friendlyName: String?
    var labels: [String: String]
    var numRows: Int64?
    var numBytes: Int64?
    var created: Date?
    var modified: Date?
    var expires: Date?
    var location: String?

    init(row: Row) throws { try self.init(row: row, from: 0) }

    /// The columns in `columns`' order, the first at `start`.
    init(row: Row, from start: Int) throws {
        tableId = row[start]
        kind = row[start + 1]
        friendlyName = row[start + 2]
        let labelsJSON: String = row[start + 3]
        // Most tables have no labels; a few plain strings need no Codable decoder.
        if labelsJSON == "{}" {
            labels = [:]
        } else if let parsed = try JSONSerialization.jsonObject(with: Data(labelsJSON.utf8)) as? [String: String] {
            labels = parsed
        } else {
            throw WorkspaceError.corrupt("bqTable.labels = \(labelsJSON.prefix(80))")
        }
        numRows = row[start + 4]
        numBytes = row[start + 5]
        created = row[start + 6]
        modified = row[start + 7]
        expires = row[start + 8]
        location = row[start + 9]
    }

    func domain(in dataset: DatasetRef) throws -> TableInfo {
        guard let kind = TableKind(rawValue: kind) else { throw WorkspaceError.corrupt("bqTable.kind = \(kind)") }
        return TableInfo(ref: TableRef(dataset, try TableID(tableId)),
                         kind: kind, friendlyName: friendlyName, labels: labels, numRows: numRows, numBytes: numBytes,
                         created: created, modified: modified, expires: expires, location: location)
    }
}

struct TableRow: WorkspaceRecord {
    static let databaseTableName = "bqTable"
    var project: String
    var dataset: String
    var tableId: String
    var kind: String
    var friendlyName: String?
    var description: String?
    var labels: [String: String]
    var schema: [SchemaField]
    var numRows: Int64?
    var numBytes: Int64?
    var partitioning: Partitioning?
    var clustering: [String]
    var created: Date?
    var modified: Date?
    var expires: Date?
    var location: String?
    var query: String?

    init(_ info: TableInfo) {
        project = info.ref.project.rawValue
        dataset = info.ref.dataset.rawValue
        tableId = info.ref.table.rawValue
        kind = info.kind.rawValue
        friendlyName = info.friendlyName
        description = info.description
        labels = info.labels
        schema = info.schema
        numRows = info.numRows
        numBytes = info.numBytes
        partitioning = info.partitioning
        clustering = info.clustering
        created = info.created
        modified = info.modified
        expires = info.expires
        location = info.location
        query = info.query
    }

    var ref: String { "\(project).\(dataset).\(tableId)" }

    /// `listing` leaves out what tables.list leaves out (schema, description, SQL).
    func domain(listing: Bool = false) throws -> TableInfo {
        guard let kind = TableKind(rawValue: kind) else { throw WorkspaceError.corrupt("bqTable.kind = \(kind)") }
        return TableInfo(
            ref: TableRef(project: try ProjectID(project), dataset: try DatasetID(dataset), table: try TableID(tableId)),
            kind: kind, friendlyName: friendlyName, description: listing ? nil : description, labels: labels,
            schema: listing ? [] : schema, numRows: numRows, numBytes: numBytes, partitioning: partitioning, clustering: clustering,
            created: created, modified: modified, expires: expires, location: location, query: listing ? nil : query)
    }
}

struct ConnectionRow: WorkspaceRecord {
    static let databaseTableName = "bqConnection"
    var id: String
    var friendlyName: String?
    var description: String?
    var databaseType: String
    var instance: String?
    var database: String?

    init(_ c: Connection) {
        id = c.id
        friendlyName = c.friendlyName
        description = c.description
        databaseType = c.databaseType
        instance = c.instance
        database = c.database
    }

    var domain: Connection {
        Connection(id: id, friendlyName: friendlyName, description: description, databaseType: databaseType, instance: instance, database: database)
    }
}

struct ScheduledQueryRow: WorkspaceRecord {
    static let databaseTableName = "scheduledQuery"
    var id: String
    var displayName: String
    var query: String
    var destination: DatasetRef?
    var destinationTableTemplate: String?
    var writeDisposition: String?
    var schedule: String
    var disabled: Bool
    var lastRunState: String?
    var lastRun: Date?
    var lastError: String?
    var nextRun: Date?

    init(_ q: ScheduledQuery) {
        id = q.id
        displayName = q.displayName
        query = q.query
        destination = q.destination
        destinationTableTemplate = q.destinationTableTemplate
        writeDisposition = q.writeDisposition
        schedule = q.schedule
        disabled = q.disabled
        lastRunState = q.lastRunState?.rawValue
        lastRun = q.lastRun
        lastError = q.lastError
        nextRun = q.nextRun
    }

    var domain: ScheduledQuery {
        ScheduledQuery(id: id, displayName: displayName, query: query, destination: destination, destinationTableTemplate: destinationTableTemplate,
                       writeDisposition: writeDisposition, schedule: schedule, disabled: disabled,
                       lastRunState: lastRunState.flatMap(ScheduledQuery.RunState.init(rawValue:)), lastRun: lastRun, lastError: lastError, nextRun: nextRun)
    }
}

struct StreamRow: WorkspaceRecord {
    static let databaseTableName = "datastreamStream"
    var id: String
    var displayName: String
    var state: String
    var sourceType: String
    var sourceProfile: String
    var sourceObjects: [String]
    var destination: DatasetRef
    var tablePrefix: String

    init(_ s: DatastreamStream) {
        id = s.id
        displayName = s.displayName
        state = s.state
        sourceType = s.sourceType
        sourceProfile = s.sourceProfile
        sourceObjects = s.sourceObjects
        destination = s.destination
        tablePrefix = s.tablePrefix
    }

    var domain: DatastreamStream {
        DatastreamStream(id: id, displayName: displayName, state: state, sourceType: sourceType, sourceProfile: sourceProfile,
                         sourceObjects: sourceObjects, destination: destination, tablePrefix: tablePrefix)
    }
}
