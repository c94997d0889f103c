import Foundation
import KatalogCore

/// Domain values → BigQuery REST resources as JSON, to load a workspace's project (the demo)
/// into a real or emulated BigQuery with any client (`katalog demo --export-bigquery`).
public enum ResourceExport {
    public static func json(datasets: [DatasetInfo], tables: [TableInfo], connections: [Connection] = [],
                            scheduledQueries: [ScheduledQuery] = [], streams: [DatastreamStream] = []) throws -> Data {
        let document: [String: Any] = [
            "datasets": datasets.map(dataset),
            "tables": tables.map(table),
            "connections": connections.map(connection),
            "transferConfigs": scheduledQueries.map(transferConfig),
            "streams": streams.map(stream),
            "lineageLinks": lineageLinks(tables: tables, scheduledQueries: scheduledQueries).map { ["source": $0.source, "target": $0.target] },
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    }

    static func dataset(_ info: DatasetInfo) -> [String: Any] {
        var resource: [String: Any] = [
            "datasetReference": ["projectId": info.ref.project.rawValue, "datasetId": info.ref.dataset.rawValue],
            "location": info.location, "labels": info.labels,
        ]
        resource["friendlyName"] = info.friendlyName
        resource["description"] = info.description
        return resource
    }

    static func table(_ info: TableInfo) -> [String: Any] {
        var resource: [String: Any] = [
            "tableReference": ["projectId": info.ref.project.rawValue, "datasetId": info.ref.dataset.rawValue, "tableId": info.ref.table.rawValue],
            "type": info.kind.rawValue, "labels": info.labels, "schema": ["fields": info.schema.map(field)],
        ]
        resource["friendlyName"] = info.friendlyName
        resource["description"] = info.description
        switch info.partitioning {
        case let .time(unit, field, expiration)?:
            var partitioning: [String: Any] = ["type": unit]
            partitioning["field"] = field
            partitioning["expirationMs"] = expiration.map(String.init)
            resource["timePartitioning"] = partitioning
        case let .range(field, start, end, interval)?:
            resource["rangePartitioning"] = ["field": field, "range": ["start": String(start), "end": String(end), "interval": String(interval)]]
        case nil: break
        }
        if !info.clustering.isEmpty { resource["clustering"] = ["fields": info.clustering] }
        if let query = info.query {
            resource[info.kind == .materializedView ? "materializedView" : "view"] = ["query": query, "useLegacySql": false]
        }
        return resource
    }

    /// The links the Data Lineage API would have recorded for these views and scheduled queries:
    /// each table a statement reads → what it defines or writes.
    static func lineageLinks(tables: [TableInfo], scheduledQueries: [ScheduledQuery]) -> [LineageLink] {
        var links: [LineageLink] = []
        for table in tables {
            guard let query = table.query else { continue }
            let references = SQLReferences.extract(from: query, defaultProject: table.ref.project)
            links += references.reads.compactMap(\.resolved).map { LineageLink(source: LineageLink.name(of: $0), target: LineageLink.name(of: table.ref)) }
        }
        for query in scheduledQueries {
            guard let dataset = query.destination, let template = query.destinationTableTemplate, let id = try? TableID(template) else { continue }
            let target = LineageLink.name(of: TableRef(dataset, id))
            let references = SQLReferences.extract(from: query.query, defaultProject: dataset.project)
            links += references.reads.compactMap(\.resolved).map { LineageLink(source: LineageLink.name(of: $0), target: target) }
            links += references.externalQueries.map { LineageLink(source: "bigquery:connection:\(dataset.project).\($0.connection)", target: target) }
        }
        return links
    }

    /// Connection API v1: `location.id` becomes `projects/P/locations/LOCATION/connections/ID`.
    static func connection(_ connection: Connection) -> [String: Any] {
        let parts = connection.id.split(separator: ".", maxSplits: 1).map(String.init)
        let (location, id) = parts.count == 2 ? (parts[0], parts[1]) : ("us", connection.id)
        var resource: [String: Any] = ["name": "projects/PROJECT/locations/\(location)/connections/\(id)"]
        resource["friendlyName"] = connection.friendlyName
        resource["description"] = connection.description
        var cloudSql: [String: Any] = ["type": connection.databaseType]
        cloudSql["instanceId"] = connection.instance
        cloudSql["database"] = connection.database
        resource["cloudSql"] = cloudSql
        return resource
    }

    /// Data Transfer API v1.
    static func transferConfig(_ query: ScheduledQuery) -> [String: Any] {
        var params: [String: Any] = ["query": query.query]
        params["destination_table_name_template"] = query.destinationTableTemplate
        params["write_disposition"] = query.writeDisposition
        var resource: [String: Any] = ["name": query.id, "displayName": query.displayName, "dataSourceId": "scheduled_query",
                                       "params": params, "schedule": query.schedule, "disabled": query.disabled]
        resource["destinationDatasetId"] = query.destination?.dataset.rawValue
        resource["state"] = query.lastRunState?.rawValue
        resource["updateTime"] = query.lastRun.map { $0.formatted(.iso8601) }
        resource["nextRunTime"] = query.nextRun.map { $0.formatted(.iso8601) }
        if let error = query.lastError { resource["error"] = ["code": 3, "message": error] }
        return resource
    }

    /// Datastream API v1, with a single target dataset.
    static func stream(_ stream: DatastreamStream) -> [String: Any] {
        let configKey = ["POSTGRESQL": "postgresqlSourceConfig", "ORACLE": "oracleSourceConfig", "MYSQL": "mysqlSourceConfig",
                         "SQLSERVER": "sqlServerSourceConfig"][stream.sourceType] ?? "postgresqlSourceConfig"
        let schemaKey = ["postgresqlSourceConfig": "postgresqlSchemas", "oracleSourceConfig": "oracleSchemas"][configKey] ?? "schemas"
        let tableKey = ["postgresqlSourceConfig": "postgresqlTables", "oracleSourceConfig": "oracleTables"][configKey] ?? "sqlServerTables"
        let grouped = Dictionary(grouping: stream.sourceObjects.map { $0.split(separator: ".", maxSplits: 1).map(String.init) }, by: { $0.first ?? "" })
        let schemas = grouped.keys.sorted().map { schema in
            [ "schema": schema, tableKey: grouped[schema]!.compactMap { $0.count == 2 ? ["table": $0[1]] : nil } ] as [String: Any]
        }
        let profile = stream.id.components(separatedBy: "/streams/").first ?? ""
        return [
            "name": stream.id, "displayName": stream.displayName, "state": stream.state,
            "sourceConfig": ["sourceConnectionProfile": "\(profile)/connectionProfiles/\(stream.sourceProfile)",
                             configKey: ["includeObjects": [schemaKey: schemas]]],
            "destinationConfig": ["bigqueryDestinationConfig": ["singleTargetDataset": ["datasetId": "\(stream.destination.project):\(stream.destination.dataset)"]]],
        ]
    }

    static func field(_ field: SchemaField) -> [String: Any] {
        var resource: [String: Any] = ["name": field.name, "type": field.type, "mode": field.mode.rawValue]
        resource["description"] = field.description
        if !field.fields.isEmpty { resource["fields"] = field.fields.map(Self.field) }
        return resource
    }
}
