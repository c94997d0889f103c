import KatalogCore

/// Browsing the team's GCP project: BigQuery datasets and tables, and the transfer machinery
/// around them. Read-only. Implemented by the local workspace and by the BigQuery REST backend.
public protocol Warehouse: Sendable {
    /// The project this warehouse shows.
    var project: ProjectID { get }

    func datasets() async throws -> [DatasetInfo]
    /// Tables of one dataset, as a list shows them (no schema, no SQL; sizes where the backend
    /// has them at hand — BigQuery's lists do not: `tableSizes`).
    func tables(in dataset: DatasetRef) async throws -> [TableInfo]
    /// The lists of many datasets, each on its own (one may fail while the rest load): what
    /// the Explorer loads at start and `ls -r` prints.
    func tables(in datasets: [DatasetRef]) async -> [DatasetRef: Result<[TableInfo], any Error>]
    /// Row counts, bytes and last change of the tables of these datasets (`locations`: where
    /// each is, when known), asked for after the lists so they never hold a list up. Best
    /// effort: what cannot be read is left out. Empty where the lists carry the sizes.
    func tableSizes(in datasets: [DatasetRef], locations: [DatasetRef: String]) async -> [TableRef: TableSize]
    /// Everything about one table; throws `ServiceError.notFound` when it does not exist.
    func table(_ ref: TableRef) async throws -> TableInfo
    /// Everything about every table of a dataset (schemas, descriptions, SQL): what `R` on a
    /// dataset fetches, so it browses without another call, offline too.
    func tableDetails(in dataset: DatasetRef) async throws -> [TableInfo]
    /// BigQuery connections (Federated Query).
    func connections() async throws -> [Connection]
    func scheduledQueries() async throws -> [ScheduledQuery]
    func streams() async throws -> [DatastreamStream]

    /// The SQL of every view and materialized view in a dataset, at once (for lineage).
    func viewDefinitions(in dataset: DatasetRef) async throws -> [TableRef: String]

    /// What the Data Lineage API recorded for a table (upstream and downstream), where the
    /// project has it; empty for backends without one.
    func lineageLinks(of table: TableRef) async throws -> [LineageLink]

    /// What was last fetched, without asking the backend: for opening instantly. nil for a
    /// warehouse that keeps no cache (the local workspace is its own source).
    func lastKnownDatasets() async -> Cached<[DatasetInfo]>?
    func lastKnownTables(in dataset: DatasetRef) async -> Cached<[TableInfo]>?
    /// Set when the last answers came from the cache because the backend failed.
    func offline() async -> OfflineNotice?
}

extension Warehouse {
    public func tableSizes(in datasets: [DatasetRef], locations: [DatasetRef: String]) async -> [TableRef: TableSize] { [:] }

    /// `tables(in:)` per dataset, a few at a time; a backend that can read them all in one go
    /// does.
    public func tables(in datasets: [DatasetRef]) async -> [DatasetRef: Result<[TableInfo], any Error>] {
        await eachDataset(datasets) { try await tables(in: $0) }
    }

    /// One `table(_:)` per table; backends that can do it in a few queries do.
    public func tableDetails(in dataset: DatasetRef) async throws -> [TableInfo] {
        var details: [TableInfo] = []
        for table in try await tables(in: dataset) { details.append(try await self.table(table.ref)) }
        return details
    }

    /// One `table(_:)` per view; backends that can do it in one call do.
    public func viewDefinitions(in dataset: DatasetRef) async throws -> [TableRef: String] {
        var definitions: [TableRef: String] = [:]
        for table in try await tables(in: dataset) where table.kind.isView {
            if let query = try await self.table(table.ref).query { definitions[table.ref] = query }
        }
        return definitions
    }

    public func lineageLinks(of table: TableRef) async throws -> [LineageLink] { [] }
    public func lastKnownDatasets() async -> Cached<[DatasetInfo]>? { nil }
    public func lastKnownTables(in dataset: DatasetRef) async -> Cached<[TableInfo]>? { nil }
    public func offline() async -> OfflineNotice? { nil }
}
