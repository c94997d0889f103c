import Foundation
import GRDB

/// Every row type of the workspace: Codable records whose nested values (labels, schemas,
/// PII tags) are stored as JSON by GRDB. UUIDs keep GRDB's default (16-byte blobs), the same
/// encoding GRDB uses for UUIDs in query filters.
protocol WorkspaceRecord: Codable, FetchableRecord, PersistableRecord {}

extension WorkspaceRecord {
    static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
