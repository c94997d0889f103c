import Foundation
import KatalogCore
import KatalogServices

/// The publish forms' lookups, offline: the demo's Teamkatalogen and Polly, the warehouse's own
/// datasets, tables and columns. A Slack channel cannot be checked without the network.
struct LocalDirectory: MarketplaceDirectory {
    let warehouse: any Warehouse

    func teams(forGroup group: String) async throws -> [TeamkatalogenTeam] {
        let name = group.prefix { $0 != "@" }.lowercased()
        return DemoProject.teams.filter { $0.name.lowercased().contains(name) || name.contains($0.name.lowercased()) }
    }

    func processingActivities(matching text: String) async throws -> [PollyDocumentation] {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        return DemoProject.processingActivities.filter { wanted.isEmpty || $0.name.lowercased().contains(wanted) }
    }

    func bigQueryDatasets(in project: ProjectID) async throws -> [String] {
        try await warehouse.datasets().filter { $0.ref.project == project }.map(\.ref.dataset.rawValue).sorted()
    }

    func bigQueryTables(in dataset: DatasetRef) async throws -> [RegistrableTable] {
        try await warehouse.tables(in: dataset).map { RegistrableTable(name: $0.ref.table.rawValue, description: $0.description, kind: $0.kind) }
    }

    func bigQueryColumns(of table: TableRef) async throws -> [SchemaField] {
        try await warehouse.table(table).schema
    }

    func isSlackChannel(_ name: String) async throws -> Bool? { nil }
}
