import Foundation
import KatalogCore
import KatalogServices

/// Table IAM policies and dataset access arrays in real BigQuery, guarded by etags.
public struct BigQueryIAM: IAMPolicies {
    let client: BigQueryClient

    public init(http: GoogleAPIClient) {
        client = BigQueryClient(http: http, pageSize: 1000)
    }

    public func tablePolicy(_ table: TableRef) async throws -> IAMPolicy {
        ResourceMapping.policy(try await translate { try await client.tablePolicy(table) })
    }

    public func setTablePolicy(_ table: TableRef, _ policy: IAMPolicy) async throws -> IAMPolicy {
        ResourceMapping.policy(try await translate { try await client.setTablePolicy(table, ResourceMapping.resource(policy)) })
    }

    public func datasetAccess(_ dataset: DatasetRef) async throws -> DatasetAccess {
        let resource = try await translate { try await client.dataset(dataset) }
        return DatasetAccess(entries: (resource.access ?? []).compactMap(ResourceMapping.entry), etag: resource.etag ?? "")
    }

    /// Replaces the whole access array (the API's rule), keeping entries katalog does not model
    /// (routines, authorized datasets) as they were.
    public func setDatasetAccess(_ dataset: DatasetRef, _ access: DatasetAccess) async throws -> DatasetAccess {
        let current = try await translate { try await client.dataset(dataset) }
        let unmodelled = (current.access ?? []).filter { ResourceMapping.entry($0) == nil }
        let updated = try await translate {
            try await client.patchAccess(dataset, access: access.entries.map(ResourceMapping.resource) + unmodelled, etag: access.etag)
        }
        return DatasetAccess(entries: (updated.access ?? []).compactMap(ResourceMapping.entry), etag: updated.etag ?? "")
    }
}
