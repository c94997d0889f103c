import Foundation
import KatalogCore
import KatalogServices

/// What the Explorer knows and shows: loaded metadata, what is expanded, what is selected.
struct ExplorerState: Sendable {
    var datasets: [DatasetInfo]?
    var tables: [DatasetRef: [TableInfo]] = [:]
    var details: [TableRef: TableInfo] = [:]
    var loadingDetails: Set<TableRef> = []
    var products: [Dataprodukt] = []
    var connections: [Connection]?
    var scheduledQueries: [ScheduledQuery]?
    var streams: [DatastreamStream]?
    /// Notices about parts that could not be loaded (shown in place of the part).
    var failures: [TreeNode: String] = [:]

    var expanded: Set<TreeNode> = []
    /// The selected row, by identity, so it survives reloads and filters.
    var selection: TreeNode?
    var scroll = 0
    var focus: Pane = .tree
    var detailCursor = 0
    var detailScroll = 0
    /// Schema RECORD fields the user folded, as "table#path".
    var collapsedFields: Set<String> = []
    var filter = ""
    /// A `:goto` waiting for its dataset's tables to load.
    var pendingGoto: TableRef?
    /// Showing what was fetched at this time, until fresh answers arrive.
    var lastKnownFrom: Date?
    /// The backend failed and the cache answered.
    var offline: OfflineNotice?

    enum Pane: Sendable { case tree, details }
}

/// A row's identity in the Explorer tree.
enum TreeNode: Hashable, Sendable {
    case dataset(DatasetRef)
    case table(TableRef)
    case section(Section)
    case connection(String)
    case scheduledQuery(String)
    case stream(String)
    /// "loading …" or "(no tables)" under a parent.
    indirect case placeholder(TreeNode)

    enum Section: Hashable, Sendable, CaseIterable { case connections, scheduledQueries, streams }

    var parent: TreeNode? {
        switch self {
        case let .table(ref): .dataset(ref.datasetRef)
        case .connection: .section(.connections)
        case .scheduledQuery: .section(.scheduledQueries)
        case .stream: .section(.streams)
        case let .placeholder(parent): parent
        case .dataset, .section: nil
        }
    }
}

/// One visible row of the tree.
struct TreeRow: Equatable, Sendable {
    let node: TreeNode
    let depth: Int
    let marker: String
    let markerRole: Role
    let label: String
    /// Right-aligned: a count, or a table's size (formatted only when drawn: with ten
    /// thousand tables, formatting every row each frame is what makes scrolling lag).
    let trailing: Trailing
    let expandable: Bool
    let expanded: Bool
    /// Shown only as the parent of a filter match.
    let isContext: Bool
    /// Character offsets of `label` the filter matched.
    let matches: [Int]
}

enum Trailing: Equatable, Sendable {
    case text(String)
    case size(rows: Int64?, bytes: Int64?)
}
