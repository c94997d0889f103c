import Foundation
import KatalogCore

/// REST resources → domain values. Bad ids from the API become a `CloudError.malformed`.
enum ResourceMapping {
    /// The text of a GoogleSQL string literal as TABLE_OPTIONS shows option values: `"a \"b\""`.
    static func stringLiteral(_ literal: String) -> String {
        var characters = Substring(literal.trimmingCharacters(in: .whitespaces))
        guard let quote = characters.first, quote == "\"" || quote == "'", characters.count >= 2, characters.last == quote else { return literal }
        characters = characters.dropFirst().dropLast()
        var text = "", escaped = false
        for character in characters {
            if escaped {
                switch character {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                default: text.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                text.append(character)
            }
        }
        return text
    }

    /// Labels as TABLE_OPTIONS shows them: `[STRUCT("kilde", "kafka"), STRUCT("app", "dp-rapid-sink")]`.
    static func labelsLiteral(_ literal: String) -> [String: String] {
        var labels: [String: String] = [:]
        // Label keys and values are lower-case letters, digits, - and _: no quotes inside.
        let pattern = /STRUCT\(\s*"([^"]*)"\s*,\s*"([^"]*)"\s*\)/
        for match in literal.matches(of: pattern) { labels[String(match.1)] = String(match.2) }
        return labels
    }

    static func date(_ milliseconds: String?) -> Date? {
        milliseconds.flatMap(Double.init).map { Date(timeIntervalSince1970: $0 / 1000) }
    }

    static func tableRef(_ reference: TableReference) throws -> TableRef {
        do {
            return TableRef(project: try ProjectID(reference.projectId), dataset: try DatasetID(reference.datasetId),
                            table: try TableID(reference.tableId))
        } catch {
            throw CloudError.malformed(api: "BigQuery", "table reference \(reference.projectId).\(reference.datasetId).\(reference.tableId)")
        }
    }

    static func kind(_ type: String?) -> TableKind {
        type.flatMap(TableKind.init(rawValue:)) ?? .table
    }

    static func partitioning(_ time: TimePartitioningResource?, _ range: RangePartitioningResource?) -> Partitioning? {
        if let time {
            return .time(unit: time.type ?? "DAY", field: time.field, expirationMs: time.expirationMs.flatMap { Int64($0) })
        }
        if let range, let field = range.field {
            return .range(field: field, start: Int64(range.range?.start ?? "") ?? 0, end: Int64(range.range?.end ?? "") ?? 0,
                          interval: Int64(range.range?.interval ?? "") ?? 1)
        }
        return nil
    }

    static func fields(_ fields: [FieldResource]?) -> [SchemaField] {
        (fields ?? []).map {
            SchemaField($0.name, $0.type, SchemaField.Mode(rawValue: $0.mode ?? "NULLABLE") ?? .nullable,
                        description: $0.description, fields: Self.fields($0.fields))
        }
    }

    static func listed(_ item: TableList.Item) throws -> TableInfo {
        TableInfo(ref: try tableRef(item.tableReference), kind: kind(item.type), friendlyName: item.friendlyName, labels: item.labels ?? [:],
                  partitioning: partitioning(item.timePartitioning, item.rangePartitioning), clustering: item.clustering?.fields ?? [],
                  created: date(item.creationTime), expires: date(item.expirationTime))
    }

    static func table(_ resource: TableResource, query fallback: String?) throws -> TableInfo {
        TableInfo(ref: try tableRef(resource.tableReference), kind: kind(resource.type), friendlyName: resource.friendlyName,
                  description: resource.description, labels: resource.labels ?? [:], schema: fields(resource.schema?.fields),
                  numRows: resource.numRows.flatMap { Int64($0) }, numBytes: resource.numBytes.flatMap { Int64($0) },
                  partitioning: partitioning(resource.timePartitioning, resource.rangePartitioning),
                  clustering: resource.clustering?.fields ?? [], created: date(resource.creationTime), modified: date(resource.lastModifiedTime),
                  expires: date(resource.expirationTime), location: resource.location,
                  query: resource.view?.query ?? resource.materializedView?.query ?? fallback)
    }

    static func dataset(_ resource: DatasetResource) throws -> DatasetInfo {
        guard let project = try? ProjectID(resource.datasetReference.projectId), let id = try? DatasetID(resource.datasetReference.datasetId) else {
            throw CloudError.malformed(api: "BigQuery", "dataset reference \(resource.datasetReference.projectId).\(resource.datasetReference.datasetId)")
        }
        return DatasetInfo(ref: DatasetRef(project: project, dataset: id), friendlyName: resource.friendlyName, description: resource.description,
                           labels: resource.labels ?? [:], location: resource.location ?? "", created: date(resource.creationTime),
                           modified: date(resource.lastModifiedTime))
    }

    // MARK: IAM

    static func policy(_ resource: PolicyResource) -> IAMPolicy {
        IAMPolicy(bindings: (resource.bindings ?? []).map {
            IAMPolicy.Binding(role: $0.role, members: $0.members ?? [],
                              condition: $0.condition.map { IAMPolicy.Condition(title: $0.title ?? "", expression: $0.expression, description: $0.description) })
        }, etag: resource.etag ?? "")
    }

    static func resource(_ policy: IAMPolicy) -> PolicyResource {
        PolicyResource(version: policy.bindings.contains { $0.condition != nil } ? 3 : 1, etag: policy.etag, bindings: policy.bindings.map {
            PolicyResource.Binding(role: $0.role, members: $0.members,
                                   condition: $0.condition.map { .init(title: $0.title, expression: $0.expression, description: $0.description) })
        })
    }

    static func entry(_ resource: AccessEntryResource) -> DatasetAccessEntry? {
        let grantee: DatasetAccessEntry.Grantee
        if let email = resource.userByEmail { grantee = .userByEmail(email) }
        else if let email = resource.groupByEmail { grantee = .groupByEmail(email) }
        else if let domain = resource.domain { grantee = .domain(domain) }
        else if let group = resource.specialGroup { grantee = .specialGroup(group) }
        else if let member = resource.iamMember { grantee = .iamMember(member) }
        else if let view = resource.view, let ref = try? tableRef(view) { grantee = .view(ref) }
        else { return nil }  // routine and dataset entries: kept as they are, see below
        return DatasetAccessEntry(role: resource.role, grantee: grantee)
    }

    static func resource(_ entry: DatasetAccessEntry) -> AccessEntryResource {
        var resource = AccessEntryResource(role: entry.role)
        switch entry.grantee {
        case let .userByEmail(email): resource.userByEmail = email
        case let .groupByEmail(email): resource.groupByEmail = email
        case let .domain(domain): resource.domain = domain
        case let .specialGroup(group): resource.specialGroup = group
        case let .iamMember(member): resource.iamMember = member
        case let .view(ref):
            resource.view = TableReference(projectId: ref.project.rawValue, datasetId: ref.dataset.rawValue, tableId: ref.table.rawValue)
        }
        return resource
    }
}
