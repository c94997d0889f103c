import Foundation

// The Connection, Data Transfer and Datastream v1 resources katalog reads
// (shared/contracts/BIGQUERY-API.md §2). v1 APIs page with pageSize/pageToken.

struct ConnectionList: Decodable {
    struct Item: Decodable {
        struct CloudSQL: Decodable { let instanceId: String?; let database: String?; let type: String? }
        let name: String
        let friendlyName: String?
        let description: String?
        let cloudSql: CloudSQL?
        let cloudResource: [String: String]?
        let cloudSpanner: [String: String]?
        let aws: [String: String]?
        let azure: [String: String]?
        let spark: [String: String]?
    }
    let connections: [Item]?
    let nextPageToken: String?
}

struct TransferConfigList: Decodable {
    struct Item: Decodable {
        let name: String
        let displayName: String?
        let dataSourceId: String?
        let destinationDatasetId: String?
        let params: [String: JSONValue]?
        let schedule: String?
        let state: String?
        let disabled: Bool?
        let updateTime: String?
        let nextRunTime: String?
        struct Status: Decodable { let message: String? }
        let error: Status?
    }
    let transferConfigs: [Item]?
    let nextPageToken: String?
}

struct StreamList: Decodable {
    struct Item: Decodable {
        struct SourceConfig: Decodable {
            let sourceConnectionProfile: String?
            let postgresqlSourceConfig: SourceObjects?
            let oracleSourceConfig: SourceObjects?
            let mysqlSourceConfig: SourceObjects?
            let sqlServerSourceConfig: SourceObjects?
        }
        struct SourceObjects: Decodable { let includeObjects: IncludeObjects? }
        /// The include list; each database kind names its levels its own way.
        struct IncludeObjects: Decodable {
            struct Schema: Decodable {
                struct Table: Decodable { let table: String? }
                let schema: String?
                let postgresqlTables: [Table]?
                let oracleTables: [Table]?
                let sqlServerTables: [Table]?
            }
            struct Database: Decodable {
                struct Table: Decodable { let table: String? }
                let database: String?
                let mysqlTables: [Table]?
            }
            let postgresqlSchemas: [Schema]?
            let oracleSchemas: [Schema]?
            let schemas: [Schema]?
            let mysqlDatabases: [Database]?
        }
        struct DestinationConfig: Decodable {
            struct BigQuery: Decodable {
                struct Single: Decodable { let datasetId: String? }
                let singleTargetDataset: Single?
            }
            let bigqueryDestinationConfig: BigQuery?
        }
        let name: String
        let displayName: String?
        let state: String?
        let sourceConfig: SourceConfig?
        let destinationConfig: DestinationConfig?
    }
    let streams: [Item]?
    let nextPageToken: String?
}

/// A JSON value of unknown shape (transfer config `params` is a free-form map).
enum JSONValue: Decodable {
    case string(String), number(Double), bool(Bool), other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) { self = .string(text) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else { self = .other }
    }

    var string: String? {
        if case let .string(text) = self { return text }
        return nil
    }
}
