import Foundation
import KatalogCore

/// What a demo workspace is filled with: the GCP side, stored as it is, and the dataprodukter,
/// published through the service layer. The hand-written demo and the synthetic one of any
/// size are two of these.
protocol WorkspaceContents {
    var datasets: [DatasetInfo] { get }
    var tables: [TableInfo] { get }
    var connections: [Connection] { get }
    var scheduledQueries: [ScheduledQuery] { get }
    var streams: [DatastreamStream] { get }
    var products: [DemoProject.Product] { get }
}

/// The size of a synthetic demo workspace: how many tables, and the seed that picks them.
public struct SyntheticSize: Sendable, Equatable {
    public let tables: Int
    public let seed: UInt64
    public init(tables: Int, seed: UInt64) {
        self.tables = tables
        self.seed = seed
    }
}
