import Foundation
import KatalogCore

/// Something fetched earlier, and when.
public struct Cached<Value: Sendable>: Sendable {
    public let value: Value
    public let fetched: Date

    public init(value: Value, fetched: Date) {
        self.value = value
        self.fetched = fetched
    }
}

/// Where a cloud warehouse keeps what it last fetched (the workspace database), so katalog
/// opens instantly on the last known state and still browses offline.
public protocol MetadataCache: Sendable {
    func datasets(of project: ProjectID) async throws -> Cached<[DatasetInfo]>?
    func tables(in dataset: DatasetRef) async throws -> Cached<[TableInfo]>?
    func table(_ ref: TableRef) async throws -> Cached<TableInfo>?
    func store(datasets: [DatasetInfo], of project: ProjectID, at time: Date) async throws
    func store(tables: [TableInfo], in dataset: DatasetRef, at time: Date) async throws
    func store(table: TableInfo, at time: Date) async throws
    /// A dataset's list and every table's details at once (`R` on a dataset), in one write.
    func store(details: [TableInfo], in dataset: DatasetRef, at time: Date) async throws
    /// Whole lists kept as they are (connections, scheduled queries, streams), by key.
    func document<Value: Codable & Sendable>(_ type: Value.Type, key: String) async throws -> Cached<Value>?
    func store<Value: Codable & Sendable>(document: Value, key: String, at time: Date) async throws
}

/// Why the last answer came from the cache: the backend failed, since when.
public struct OfflineNotice: Equatable, Sendable {
    public let since: Date
    public let reason: LocalizedText
    /// When what is shown instead was fetched (the oldest cached answer used).
    public let cachedFrom: Date

    public init(since: Date, reason: LocalizedText, cachedFrom: Date) {
        self.since = since
        self.reason = reason
        self.cachedFrom = cachedFrom
    }
}
