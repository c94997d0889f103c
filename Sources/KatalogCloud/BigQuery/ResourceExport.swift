import Foundation
import KatalogCore

/// Domain values → BigQuery REST resources as JSON, to load a workspace's project (the demo)
/// into a real or emulated BigQuery with any client (`katalog demo --export-bigquery`).
public enum ResourceExport {
    public static func json(datasets: [DatasetInfo], tables: [TableInfo]) throws -> Data {
        let document: [String: Any] = [
            "datasets": datasets.map(dataset),
            "tables": tables.map(table),
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

    static func field(_ field: SchemaField) -> [String: Any] {
        var resource: [String: Any] = ["name": field.name, "type": field.type, "mode": field.mode.rawValue]
        resource["description"] = field.description
        if !field.fields.isEmpty { resource["fields"] = field.fields.map(Self.field) }
        return resource
    }
}
