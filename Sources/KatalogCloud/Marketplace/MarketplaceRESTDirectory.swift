import Foundation
import KatalogCore
import KatalogServices

/// The publish forms' lookups through the marketplace's helper endpoints (Teamkatalogen,
/// Polly, BigQuery, Slack). Empty lists come as `null`.
public struct MarketplaceRESTDirectory: MarketplaceDirectory {
    let client: RESTClient

    public func teams(forGroup group: String) async throws -> [TeamkatalogenTeam] {
        let name = String(group.prefix { $0 != "@" })
        let answer: [TeamkatalogenDTO]? = try await client.get("teamkatalogen", query: ["gcpGroups": name], what: "Teamkatalogen's teams for \(name)")
        return (answer ?? []).map { TeamkatalogenTeam(teamID: $0.teamID, url: $0.url, name: $0.name, description: $0.description, productAreaID: $0.productAreaID) }
    }

    public func processingActivities(matching text: String) async throws -> [PollyDocumentation] {
        let answer: [PollyResultDTO]? = try await client.get("polly", query: ["query": text], what: "Polly's processing activities")
        return (answer ?? []).map { PollyDocumentation(externalID: $0.externalID, name: $0.name, url: $0.url) }
    }

    public func bigQueryDatasets(in project: ProjectID) async throws -> [String] {
        let answer: BigQueryDatasetsDTO = try await client.get("bigquery/datasets", query: ["projectId": project.rawValue],
                                                              what: "the BigQuery datasets of \(project)")
        return answer.bqDatasets
    }

    public func bigQueryTables(in dataset: DatasetRef) async throws -> [RegistrableTable] {
        let answer: BigQueryTablesDTO = try await client.get("bigquery/tables", query: ["projectId": dataset.project.rawValue, "datasetId": dataset.dataset.rawValue],
                                                            what: "the tables of \(dataset)")
        return answer.bqTables.map { RegistrableTable(name: $0.name, description: $0.description.flatMap { $0.isEmpty ? nil : $0 }, kind: TableKind(rawValue: $0.type)) }
    }

    public func bigQueryColumns(of table: TableRef) async throws -> [SchemaField] {
        let answer: BigQueryColumnsDTO = try await client.get(
            "bigquery/columns", query: ["projectId": table.project.rawValue, "datasetId": table.dataset.rawValue, "tableId": table.table.rawValue],
            what: "the columns of \(table)")
        return answer.bqColumns.map {
            SchemaField($0.name, $0.type, $0.mode.flatMap(SchemaField.Mode.init(rawValue:)) ?? .nullable, description: $0.description.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// The server asks Slack; when that fails (no Slack token, Slack down) it cannot tell.
    public func isSlackChannel(_ name: String) async throws -> Bool? {
        do {
            let answer: SlackValidDTO = try await client.get("slack/isValid", query: ["channel": name], what: "the Slack channel")
            return answer.isValidSlackChannel
        } catch let error as CloudError where [.server, .network, .timeout].contains(error.kind) {
            return nil
        }
    }
}
