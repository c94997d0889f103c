import Foundation
import KatalogCore

/// The APIs around BigQuery that show how data gets in: connections (Federated Query), scheduled
/// queries (Data Transfer) and Datastream streams. Each is optional in a project; a disabled or
/// forbidden API becomes one clear error for its section, never a crash.
struct SiblingAPIs: Sendable {
    let project: ProjectID
    /// The client of whichever API a method reads.
    let client: GoogleAPIClient
    let pageSize = 500

    func connections(in locations: [String]) async throws -> [Connection] {
        var result: [Connection] = []
        for location in locations {
            let items: [ConnectionList.Item] = try await pages(client, "projects/\(project)/locations/\(location)/connections", what: "the connections in \(location)") {
                (($0 as ConnectionList).connections ?? [], $0.nextPageToken)
            }
            result += items.map { item in
                let id = item.name.split(separator: "/").last.map(String.init) ?? item.name
                let others: [(String, [String: String]?)] = [("cloudResource", item.cloudResource), ("cloudSpanner", item.cloudSpanner),
                                                             ("aws", item.aws), ("azure", item.azure), ("spark", item.spark)]
                let kind = item.cloudSql?.type ?? others.first { $0.1 != nil }?.0 ?? "UNKNOWN"
                return Connection(id: "\(location).\(id)", friendlyName: item.friendlyName, description: item.description, databaseType: kind,
                                  instance: item.cloudSql?.instanceId, database: item.cloudSql?.database)
            }
        }
        return result.sorted { $0.id < $1.id }
    }

    func scheduledQueries(in locations: [String]) async throws -> [ScheduledQuery] {
        var result: [ScheduledQuery] = []
        for location in locations {
            let items: [TransferConfigList.Item] = try await pages(client, "projects/\(project)/locations/\(location)/transferConfigs",
                                                                   extra: ["dataSourceIds": "scheduled_query"], what: "the scheduled queries in \(location)") {
                (($0 as TransferConfigList).transferConfigs ?? [], $0.nextPageToken)
            }
            result += items.filter { ($0.dataSourceId ?? "scheduled_query") == "scheduled_query" }.map { item in
                ScheduledQuery(id: item.name, displayName: item.displayName ?? item.name, query: item.params?["query"]?.string ?? "",
                               destination: item.destinationDatasetId.flatMap { try? DatasetID($0) }.map { DatasetRef(project: project, dataset: $0) },
                               destinationTableTemplate: item.params?["destination_table_name_template"]?.string,
                               writeDisposition: item.params?["write_disposition"]?.string, schedule: item.schedule ?? "",
                               disabled: item.disabled ?? false, lastRunState: item.state.flatMap(ScheduledQuery.RunState.init(rawValue:)),
                               lastRun: item.updateTime.flatMap { try? Date($0, strategy: .iso8601) },
                               lastError: item.state == "FAILED" ? item.error?.message : nil,
                               nextRun: item.nextRunTime.flatMap { try? Date($0, strategy: .iso8601) })
            }
        }
        return result.sorted { $0.displayName < $1.displayName }
    }

    func streams(in locations: [String]) async throws -> [DatastreamStream] {
        var result: [DatastreamStream] = []
        for location in locations {
            let items: [StreamList.Item] = try await pages(client, "projects/\(project)/locations/\(location)/streams", what: "the streams in \(location)") {
                (($0 as StreamList).streams ?? [], $0.nextPageToken)
            }
            result += items.compactMap { item in
                guard let target = item.destinationConfig?.bigqueryDestinationConfig?.singleTargetDataset?.datasetId,
                      let dataset = Self.dataset(target, defaultProject: project) else { return nil }  // per-schema datasets: not modelled
                let source = item.sourceConfig
                let (type, objects) = Self.sourceKind(source)
                let names = Self.objectNames(objects?.includeObjects)
                return DatastreamStream(id: item.name, displayName: item.displayName ?? item.name, state: item.state ?? "STATE_UNSPECIFIED",
                                        sourceType: type, sourceProfile: source?.sourceConnectionProfile?.split(separator: "/").last.map(String.init) ?? "",
                                        sourceObjects: names, destination: dataset)
            }
        }
        return result.sorted { $0.displayName < $1.displayName }
    }

    /// Source tables as `schema.table` (or `database.table` for MySQL).
    static func objectNames(_ include: StreamList.Item.IncludeObjects?) -> [String] {
        guard let include else { return [] }
        var names: [String] = []
        let schemas: [StreamList.Item.IncludeObjects.Schema] = (include.postgresqlSchemas ?? []) + (include.oracleSchemas ?? []) + (include.schemas ?? [])
        for schema in schemas {
            let tables: [StreamList.Item.IncludeObjects.Schema.Table] = (schema.postgresqlTables ?? []) + (schema.oracleTables ?? []) + (schema.sqlServerTables ?? [])
            for table in tables { if let name = table.table { names.append("\(schema.schema ?? "").\(name)") } }
        }
        for database in include.mysqlDatabases ?? [] {
            for table in database.mysqlTables ?? [] { if let name = table.table { names.append("\(database.database ?? "").\(name)") } }
        }
        return names
    }

    /// Which database the stream reads, from which `…SourceConfig` is present.
    static func sourceKind(_ source: StreamList.Item.SourceConfig?) -> (String, StreamList.Item.SourceObjects?) {
        if let config = source?.postgresqlSourceConfig { return ("POSTGRESQL", config) }
        if let config = source?.oracleSourceConfig { return ("ORACLE", config) }
        if let config = source?.mysqlSourceConfig { return ("MYSQL", config) }
        if let config = source?.sqlServerSourceConfig { return ("SQLSERVER", config) }
        return ("UNKNOWN", nil)
    }

    /// `p:dataset`, `p.dataset` or `dataset`.
    static func dataset(_ text: String, defaultProject: ProjectID) -> DatasetRef? {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "." }).map(String.init)
        switch parts.count {
        case 1: return (try? DatasetID(parts[0])).map { DatasetRef(project: defaultProject, dataset: $0) }
        case 2: return (try? ProjectID(parts[0])).flatMap { project in (try? DatasetID(parts[1])).map { DatasetRef(project: project, dataset: $0) } }
        default: return nil
        }
    }

    /// Pages a v1 list (`pageSize` + `pageToken`) to the end; a location the API does not know
    /// (404) has nothing in it.
    private func pages<Page: Decodable, Item>(_ client: GoogleAPIClient, _ path: String, extra: [String: String] = [:], what: String,
                                              _ split: (Page) -> ([Item], String?)) async throws -> [Item] {
        do {
            return try await Paging(api: client.api, what: what).all { token in
                var query = extra.merging(["pageSize": String(pageSize)]) { $1 }
                if let token { query["pageToken"] = token }
                let page: Page = try await client.get(path, query: query, what: what)
                let (items, next) = split(page)
                return (items, next)
            }
        } catch let error as CloudError where error.kind == .notFound {
            return []
        }
    }
}
