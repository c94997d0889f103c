import KatalogCore

/// Browsing the team's GCP project: BigQuery datasets and tables, and the transfer machinery
/// around them. Read-only. Implemented by the local workspace and by the BigQuery REST backend.
public protocol Warehouse: Sendable {
    /// The project this warehouse shows.
    var project: ProjectID { get }

    func datasets() async throws -> [DatasetInfo]
    /// Tables of one dataset, as a list shows them (no schema, no SQL).
    func tables(in dataset: DatasetRef) async throws -> [TableInfo]
    /// The lists of many datasets, each on its own (one may fail while the rest load): what
    /// the Explorer loads at start and `ls -r` prints.
    func tables(in datasets: [DatasetRef]) async -> [DatasetRef: Result<[TableInfo], any Error>]
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

/// How many datasets' lists are read at once: enough to hide the round trips, few enough not
/// to be throttled.
public let concurrentListings = 8

extension Warehouse {
    /// `tables(in:)` per dataset, `concurrentListings` at a time; a backend that can read them
    /// all in one go does.
    public func tables(in datasets: [DatasetRef]) async -> [DatasetRef: Result<[TableInfo], any Error>] {
        await withTaskGroup(of: (DatasetRef, Result<[TableInfo], any Error>).self) { group in
            var waiting = datasets[...]
            func startNext() {
                guard let dataset = waiting.popFirst() else { return }
                group.addTask {
                    do { return (dataset, .success(try await tables(in: dataset))) } catch { return (dataset, .failure(error)) }
                }
            }
            for _ in 0..<concurrentListings { startNext() }
            var lists: [DatasetRef: Result<[TableInfo], any Error>] = [:]
            while let (dataset, list) = await group.next() {
                lists[dataset] = list
                startNext()
            }
            return lists
        }
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
