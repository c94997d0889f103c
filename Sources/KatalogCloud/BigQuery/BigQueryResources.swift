import Foundation

// The BigQuery REST v2 resources katalog reads, field names exactly as the API spells them
// (shared/contracts/BIGQUERY-API.md §1). int64 values arrive as JSON strings.

struct DatasetReference: Codable, Sendable {
    let projectId: String
    let datasetId: String
}

struct TableReference: Codable, Sendable {
    let projectId: String
    let datasetId: String
    let tableId: String
}

struct DatasetList: Decodable {
    struct Item: Decodable {
        let datasetReference: DatasetReference
        let friendlyName: String?
        let labels: [String: String]?
        let location: String?
    }
    let datasets: [Item]?
    let nextPageToken: String?
}

struct DatasetResource: Codable {
    let datasetReference: DatasetReference
    let friendlyName: String?
    let description: String?
    let labels: [String: String]?
    let location: String?
    let creationTime: String?
    let lastModifiedTime: String?
    let etag: String?
    let access: [AccessEntryResource]?
}

/// One `access` entry. Exactly one of the grantee fields is set.
struct AccessEntryResource: Codable, Equatable {
    var role: String?
    var userByEmail: String?
    var groupByEmail: String?
    var domain: String?
    var specialGroup: String?
    var iamMember: String?
    var view: TableReference?

    static func == (a: Self, b: Self) -> Bool {
        a.role == b.role && a.userByEmail == b.userByEmail && a.groupByEmail == b.groupByEmail && a.domain == b.domain
            && a.specialGroup == b.specialGroup && a.iamMember == b.iamMember && a.view?.tableId == b.view?.tableId
            && a.view?.datasetId == b.view?.datasetId && a.view?.projectId == b.view?.projectId
    }
}

struct TableList: Decodable {
    struct Item: Decodable {
        let tableReference: TableReference
        let type: String?
        let friendlyName: String?
        let labels: [String: String]?
        let creationTime: String?
        let expirationTime: String?
        let timePartitioning: TimePartitioningResource?
        let rangePartitioning: RangePartitioningResource?
        let clustering: ClusteringResource?
    }
    let tables: [Item]?
    let nextPageToken: String?
}

struct TableResource: Decodable {
    let tableReference: TableReference
    let type: String?
    let friendlyName: String?
    let description: String?
    let labels: [String: String]?
    let creationTime: String?
    let lastModifiedTime: String?
    let expirationTime: String?
    let numRows: String?
    let numBytes: String?
    let location: String?
    let schema: SchemaResource?
    let timePartitioning: TimePartitioningResource?
    let rangePartitioning: RangePartitioningResource?
    let clustering: ClusteringResource?
    let view: QueryDefinition?
    let materializedView: QueryDefinition?
}

struct SchemaResource: Decodable {
    let fields: [FieldResource]?
}

struct FieldResource: Decodable {
    let name: String
    let type: String
    let mode: String?
    let description: String?
    let fields: [FieldResource]?
}

struct TimePartitioningResource: Decodable {
    let type: String?
    let field: String?
    let expirationMs: String?
}

struct RangePartitioningResource: Decodable {
    struct Range: Decodable { let start: String?; let end: String?; let interval: String? }
    let field: String?
    let range: Range?
}

struct ClusteringResource: Decodable {
    let fields: [String]?
}

struct QueryDefinition: Decodable {
    let query: String?
}

/// jobs.query / getQueryResults.
struct QueryRequest: Encodable {
    struct FormatOptions: Encodable { let useInt64Timestamp = true }
    let query: String
    let useLegacySql = false
    let maxResults: Int
    let timeoutMs: Int
    let formatOptions = FormatOptions()
}

struct QueryResponse: Decodable {
    struct JobReference: Decodable { let jobId: String?; let location: String? }
    struct Row: Decodable {
        struct Cell: Decodable {
            let v: QueryValue
            init(from decoder: Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                v = (try? container.decodeIfPresent(QueryValue.self, forKey: .v)) ?? .null
            }
            enum CodingKeys: String, CodingKey { case v }
        }
        let f: [Cell]
    }
    struct ErrorProto: Decodable { let reason: String?; let message: String? }
    let jobComplete: Bool?
    let jobReference: JobReference?
    let rows: [Row]?
    let pageToken: String?
    /// Set on a query that failed although the call itself succeeded (HTTP 200).
    let errors: [ErrorProto]?
}

/// tables.getIamPolicy / setIamPolicy.
struct PolicyResource: Codable {
    struct Binding: Codable {
        struct Condition: Codable { let title: String?; let expression: String; let description: String? }
        let role: String
        let members: [String]?
        let condition: Condition?
    }
    var version: Int?
    var etag: String?
    var bindings: [Binding]?
}

/// A value in query results as the REST API sends it: every scalar as a string, an ARRAY as
/// `[{"v": …}]`, a STRUCT as `{"f": [{"v": …}]}`.
indirect enum QueryValue: Decodable, Equatable, Sendable {
    case null
    case scalar(String)
    case array([QueryValue])
    case record([QueryValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .scalar(text)
        } else if let items = try? container.decode([QueryResponse.Row.Cell].self) {
            self = .array(items.map(\.v))
        } else if let row = try? container.decode(QueryResponse.Row.self) {
            self = .record(row.f.map(\.v))
        } else {
            self = .null
        }
    }

    /// The text of a scalar; nil for NULL, arrays and records.
    var text: String? {
        if case let .scalar(text) = self { text } else { nil }
    }
}
