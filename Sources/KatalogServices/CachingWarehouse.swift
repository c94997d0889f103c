import Foundation
import KatalogCore

/// A remote warehouse read through a cache: every answer is stored for next time; when the
/// backend fails (network, server, credentials — not "no such table") the last known answer is
/// returned instead and the warehouse says it is offline.
public final class CachingWarehouse: Warehouse, @unchecked Sendable {
    public let project: ProjectID
    let remote: any Warehouse
    let cache: any MetadataCache
    let now: @Sendable () -> Date
    private let lock = NSLock()
    private var notice: OfflineNotice?

    public init(remote: any Warehouse, cache: any MetadataCache, now: @escaping @Sendable () -> Date = { Date() }) {
        project = remote.project
        self.remote = remote
        self.cache = cache
        self.now = now
    }

    public func datasets() async throws -> [DatasetInfo] {
        try await through({ try await self.remote.datasets() }, store: { try await self.cache.store(datasets: $0, of: self.project, at: $1) },
                          fallback: { try await self.cache.datasets(of: self.project) })
    }

    public func tables(in dataset: DatasetRef) async throws -> [TableInfo] {
        try await through({ try await self.remote.tables(in: dataset) }, store: { try await self.cache.store(tables: $0, in: dataset, at: $1) },
                          fallback: { try await self.cache.tables(in: dataset) })
    }

    /// Sizes are not kept: they are asked for after the list, from the backend only.
    public func tableSizes(in datasets: [DatasetRef], locations: [DatasetRef: String]) async -> [TableRef: TableSize] {
        await remote.tableSizes(in: datasets, locations: locations)
    }

    public func table(_ ref: TableRef) async throws -> TableInfo {
        try await through({ try await self.remote.table(ref) }, store: { try await self.cache.store(table: $0, at: $1) },
                          fallback: { try await self.cache.table(ref) })
    }

    public func tableDetails(in dataset: DatasetRef) async throws -> [TableInfo] {
        try await through({ try await self.remote.tableDetails(in: dataset) }, store: { try await self.cache.store(details: $0, in: dataset, at: $1) },
                          fallback: { try await self.cachedDetails(in: dataset) })
    }

    /// The dataset's tables with whatever details were fetched before.
    private func cachedDetails(in dataset: DatasetRef) async throws -> Cached<[TableInfo]>? {
        guard let list = try await cache.tables(in: dataset) else { return nil }
        var details: [TableInfo] = []
        for table in list.value { details.append(try await cache.table(table.ref)?.value ?? table) }
        return Cached(value: details, fetched: list.fetched)
    }

    // Connections, scheduled queries and streams: small lists, each kept whole.
    public func connections() async throws -> [Connection] {
        try await document("connections") { try await self.remote.connections() }
    }

    public func scheduledQueries() async throws -> [ScheduledQuery] {
        try await document("scheduledQueries") { try await self.remote.scheduledQueries() }
    }

    public func streams() async throws -> [DatastreamStream] {
        try await document("streams") { try await self.remote.streams() }
    }

    private func document<Value: Codable & Sendable>(_ name: String, _ fetch: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let key = "\(name):\(project)"
        return try await through(fetch, store: { try await self.cache.store(document: $0, key: key, at: $1) },
                                 fallback: { try await self.cache.document(Value.self, key: key) })
    }
    public func lineageLinks(of table: TableRef) async throws -> [LineageLink] { try await remote.lineageLinks(of: table) }
    public func viewDefinitions(in dataset: DatasetRef) async throws -> [TableRef: String] { try await remote.viewDefinitions(in: dataset) }

    public func lastKnownDatasets() async -> Cached<[DatasetInfo]>? { try? await cache.datasets(of: project) }
    public func lastKnownTables(in dataset: DatasetRef) async -> Cached<[TableInfo]>? { try? await cache.tables(in: dataset) }
    public func offline() async -> OfflineNotice? { lock.withLock { notice } }

    private func through<T: Sendable>(_ fetch: @Sendable () async throws -> T, store: @Sendable (T, Date) async throws -> Void,
                                      fallback: @Sendable () async throws -> Cached<T>?) async throws -> T {
        do {
            let value = try await fetch()
            try? await store(value, now())  // a full disk must not hide a good answer
            lock.withLock { notice = nil }
            return value
        } catch let error as UserFacingError where error.isBadInput {
            throw error
        } catch {
            guard let cached = try? await fallback() else { throw error }
            let reason = (error as? UserFacingError)?.message ?? LocalizedText(nb: "\(error)", en: "\(error)")
            let at = now()
            lock.withLock {
                notice = OfflineNotice(since: notice?.since ?? at, reason: notice?.reason ?? reason, cachedFrom: min(notice?.cachedFrom ?? cached.fetched, cached.fetched))
            }
            return cached.value
        }
    }
}
