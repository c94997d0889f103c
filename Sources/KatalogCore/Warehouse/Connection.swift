/// A BigQuery connection (Connection API), used by `EXTERNAL_QUERY` for Federated Query.
public struct Connection: Hashable, Sendable, Codable {
    /// `location.connection_id`, as EXTERNAL_QUERY names it (e.g. `europe-north1.dagpenger-pg`).
    public let id: String
    public let friendlyName: String?
    public let description: String?
    /// `POSTGRES`, `MYSQL`, or the connection kind for non-Cloud SQL connections.
    public let databaseType: String
    /// Cloud SQL instance connection name (`project:region:instance`), when Cloud SQL.
    public let instance: String?
    public let database: String?

    public init(id: String, friendlyName: String? = nil, description: String? = nil, databaseType: String,
                instance: String? = nil, database: String? = nil) {
        self.id = id
        self.friendlyName = friendlyName
        self.description = description
        self.databaseType = databaseType
        self.instance = instance
        self.database = database
    }
}
