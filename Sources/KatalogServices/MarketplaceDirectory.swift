import Foundation
import KatalogCore

/// The lookups the publish forms make through the marketplace: teams in Teamkatalogen,
/// processing activities in Polly, the BigQuery datasets, tables and columns a team may
/// register, and whether a Slack channel exists.
public protocol MarketplaceDirectory: Sendable {
    /// The Teamkatalogen teams whose name matches the owner group.
    func teams(forGroup group: String) async throws -> [TeamkatalogenTeam]
    /// Polly's processing activities matching the text (for the purpose of an access request).
    func processingActivities(matching text: String) async throws -> [PollyDocumentation]
    func bigQueryDatasets(in project: ProjectID) async throws -> [String]
    func bigQueryTables(in dataset: DatasetRef) async throws -> [RegistrableTable]
    func bigQueryColumns(of table: TableRef) async throws -> [SchemaField]
    /// Whether the channel exists; nil when it cannot be checked.
    func isSlackChannel(_ name: String) async throws -> Bool?
}
