/// A Datastream stream: change data capture from a source database into BigQuery.
public struct DatastreamStream: Hashable, Sendable, Codable {
    public let id: String
    public let displayName: String
    /// RUNNING, PAUSED, FAILED, …
    public let state: String
    /// `POSTGRESQL`, `ORACLE`, `MYSQL`, `SQLSERVER`.
    public let sourceType: String
    /// The source connection profile's display name (e.g. `dagpenger-postgres`).
    public let sourceProfile: String
    /// Source objects as `schema.table`.
    public let sourceObjects: [String]
    /// The BigQuery dataset the stream writes to.
    public let destination: DatasetRef
    /// Prefix Datastream puts before each table name in the destination dataset, if any.
    public let tablePrefix: String

    public init(id: String, displayName: String, state: String, sourceType: String, sourceProfile: String,
                sourceObjects: [String], destination: DatasetRef, tablePrefix: String = "") {
        self.id = id
        self.displayName = displayName
        self.state = state
        self.sourceType = sourceType
        self.sourceProfile = sourceProfile
        self.sourceObjects = sourceObjects
        self.destination = destination
        self.tablePrefix = tablePrefix
    }
}
