import Foundation

/// A BigQuery dataset as the Explorer and `katalog ls` show it.
public struct DatasetInfo: Hashable, Sendable, Codable {
    public let ref: DatasetRef
    public let friendlyName: String?
    public let description: String?
    public let labels: [String: String]
    public let location: String
    public let created: Date?
    public let modified: Date?
    public let tableCount: Int?

    public init(ref: DatasetRef, friendlyName: String? = nil, description: String? = nil, labels: [String: String] = [:],
                location: String, created: Date? = nil, modified: Date? = nil, tableCount: Int? = nil) {
        self.ref = ref
        self.friendlyName = friendlyName
        self.description = description
        self.labels = labels
        self.location = location
        self.created = created
        self.modified = modified
        self.tableCount = tableCount
    }
}
