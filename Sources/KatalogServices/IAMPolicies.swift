import KatalogCore

/// BigQuery's own access state: table IAM policies and dataset access arrays, each guarded by
/// an etag. Writes with a stale etag throw `ServiceError.conflict`.
public protocol IAMPolicies: Sendable {
    func tablePolicy(_ table: TableRef) async throws -> IAMPolicy
    func setTablePolicy(_ table: TableRef, _ policy: IAMPolicy) async throws -> IAMPolicy
    func datasetAccess(_ dataset: DatasetRef) async throws -> DatasetAccess
    func setDatasetAccess(_ dataset: DatasetRef, _ access: DatasetAccess) async throws -> DatasetAccess
}
