/// One entry of a BigQuery dataset's `access` array.
public struct DatasetAccessEntry: Hashable, Sendable, Codable {
    /// Who the entry is for: exactly one kind, as the REST API has it.
    public enum Grantee: Hashable, Sendable, Codable {
        case userByEmail(String)
        case groupByEmail(String)
        case domain(String)
        /// projectOwners, projectReaders, projectWriters, allAuthenticatedUsers.
        case specialGroup(String)
        case iamMember(String)
        /// An authorized view.
        case view(TableRef)
    }

    /// `READER`, `WRITER`, `OWNER`, or an IAM role such as `roles/bigquery.metadataViewer`;
    /// nil for authorized views.
    public let role: String?
    public let grantee: Grantee

    public init(role: String?, grantee: Grantee) {
        self.role = role
        self.grantee = grantee
    }
}

/// A dataset's whole access array with its etag: replaced wholesale on write, refused when the
/// etag is stale.
public struct DatasetAccess: Hashable, Sendable, Codable {
    public let entries: [DatasetAccessEntry]
    public let etag: String

    public init(entries: [DatasetAccessEntry], etag: String) {
        self.entries = entries
        self.etag = etag
    }
}
