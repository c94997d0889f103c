import Foundation
import KatalogCore

/// Builds the Explorer's visible rows from the catalog: datasets and their tables, then the
/// project's connections, scheduled queries and Datastream streams. With a filter, only
/// matching rows stay, each under its parent shown as context.
enum ExplorerTree {
    /// The rows, built once per change: a key asks for them several times (select the first
    /// match, keep the selection visible, draw), and at 100k tables each build is costly.
    static func rows(_ explorer: ExplorerScreen, _ context: ScreenContext) -> [TreeRow] {
        let key = RowsKey(catalog: context.catalog.version, expanded: explorer.expanded, filtering: !explorer.filter.isEmpty,
                          wide: ExplorerLayout(context.body).tree.width >= 44, language: context.language)
        return RowsMemo.shared.rows(for: key, filter: explorer.filter) { build(explorer, context) }
    }

    /// What the unfiltered rows are made from.
    struct RowsKey: Hashable {
        let catalog: UUID
        let expanded: Set<TreeNode>
        let filtering: Bool
        let wide: Bool
        let language: Language
    }

    /// The last rows built, with what they were built from, and the last filter's result: a
    /// query that extends the previous one narrows its matches instead of starting over.
    final class RowsMemo: @unchecked Sendable {
        static let shared = RowsMemo()
        private let lock = NSLock()
        private var all: (key: RowsKey, rows: [TreeRow])?
        private var filtered: (key: RowsKey, query: String, rows: [TreeRow])?

        func rows(for key: RowsKey, filter query: String, _ build: () -> [TreeRow]) -> [TreeRow] {
            let (cachedAll, previous) = lock.withLock { (all?.key == key ? all?.rows : nil, filtered?.key == key ? filtered : nil) }
            let rows = cachedAll ?? build()
            if cachedAll == nil { lock.withLock { all = (key, rows) } }
            guard !query.isEmpty else { return rows }
            if let previous, previous.query == query { return previous.rows }
            // Every match of "ved" is among the matches of "ve": only those are looked at again.
            let candidates = previous.flatMap { query.hasPrefix($0.query) ? $0.rows : nil } ?? rows
            let result = ExplorerTree.filter(candidates, query)
            lock.withLock { filtered = (key, query, result) }
            return result
        }
    }

    private static func build(_ explorer: ExplorerScreen, _ context: ScreenContext) -> [TreeRow] {
        let catalog = context.catalog
        guard let datasets = catalog.datasets else { return [] }
        let filtering = !explorer.filter.isEmpty
        var all: [TreeRow] = []
        let roomForRowCounts = ExplorerLayout(context.body).tree.width >= 44
        for dataset in datasets {
            let node = TreeNode.dataset(dataset.ref)
            let expanded = explorer.expanded.contains(node)
            let zone = zoneRole(dataset)
            let count = catalog.tables[dataset.ref]?.count ?? dataset.tableCount
            all.append(row(node, 0, marker: "", role: zone, label: dataset.ref.dataset.rawValue,
                           trailing: .text(count.map(String.init) ?? ""), expandable: true, expanded: expanded))
            guard expanded || filtering else { continue }
            if let tables = catalog.tables[dataset.ref] {
                for table in tables {
                    all.append(row(.table(table.ref), 1, marker: table.kind.marker, role: zone, label: table.ref.table.rawValue,
                                   trailing: .size(rows: roomForRowCounts ? table.numRows : nil, bytes: table.numBytes)))
                }
                if tables.isEmpty && !filtering { all.append(row(.placeholder(node), 1, marker: "", role: .muted, label: context.t(UIText.noTables), trailing: .text(""), placeholder: true)) }
            } else if !filtering {
                let text = catalog.failures[.dataset(dataset.ref)] ?? context.t(UIText.loading)
                all.append(row(.placeholder(node), 1, marker: "", role: .muted, label: text, trailing: .text(""), placeholder: true))
            }
        }
        for section in TreeNode.Section.allCases {
            let node = TreeNode.section(section)
            let expanded = explorer.expanded.contains(node)
            let children: [(TreeNode, String, String)]?
            switch section {
            case .connections: children = catalog.connections?.map { (.connection($0.id), $0.id, $0.databaseType) }
            case .scheduledQueries: children = catalog.scheduledQueries?.map { (.scheduledQuery($0.id), $0.displayName, runState($0, context.language)) }
            case .streams: children = catalog.streams?.map { (.stream($0.id), $0.displayName, $0.state) }
            }
            all.append(row(node, 0, marker: "", role: .accent, label: context.t(title(section)), trailing: .text(children.map { String($0.count) } ?? ""),
                           expandable: true, expanded: expanded))
            guard expanded || filtering else { continue }
            for (child, label, trailing) in children ?? [] {
                all.append(row(child, 1, marker: "", role: .normal, label: label, trailing: .text(trailing)))
            }
            if children == nil && !filtering {
                all.append(row(.placeholder(node), 1, marker: "", role: .muted, label: node.catalogPart.flatMap { catalog.failures[$0] } ?? context.t(UIText.loading), trailing: .text(""), placeholder: true))
            }
        }
        return all
    }

    /// Keeps rows whose label matches; a match's parent stays as dimmed context.
    static func filter(_ rows: [TreeRow], _ query: String) -> [TreeRow] {
        var kept: [TreeRow] = []
        var parent: TreeRow?
        var parentShown = false
        for row in rows {
            if row.depth == 0 {
                parent = row
                parentShown = false
            }
            guard let offsets = FuzzyMatch.match(query, in: row.label) else { continue }
            if row.depth > 0, let parent, !parentShown {
                kept.append(TreeRow(node: parent.node, depth: 0, marker: parent.marker, markerRole: parent.markerRole, label: parent.label,
                                    trailing: parent.trailing, expandable: true, expanded: true, isContext: true, matches: []))
            }
            parentShown = true
            kept.append(TreeRow(node: row.node, depth: row.depth, marker: row.marker, markerRole: row.markerRole, label: row.label,
                                trailing: row.trailing, expandable: row.expandable, expanded: row.expanded, isContext: false, matches: offsets))
        }
        return kept
    }

    private static func row(_ node: TreeNode, _ depth: Int, marker: String, role: Role, label: String, trailing: Trailing,
                            expandable: Bool = false, expanded: Bool = false, placeholder: Bool = false) -> TreeRow {
        TreeRow(node: node, depth: depth, marker: marker, markerRole: role, label: label, trailing: trailing,
                expandable: expandable, expanded: expanded, isContext: placeholder, matches: [])
    }

    static func text(_ trailing: Trailing, _ language: Language) -> String {
        switch trailing {
        case let .text(text): text
        case let .size(rows, bytes):
            [rows.map { compact($0, language) }, bytes.map { Formatting.bytes($0, language) }].compactMap { $0 }.joined(separator: "  ")
        }
    }

    static func title(_ section: TreeNode.Section) -> LocalizedText {
        switch section {
        case .connections: UIText.connections
        case .scheduledQueries: UIText.scheduledQueries
        case .streams: UIText.streams
        }
    }

    /// The zone a dataset's `sone` label puts it in (the lineage issue makes zones configurable).
    static func zoneRole(_ dataset: DatasetInfo) -> Role {
        switch dataset.labels["sone"] {
        case "rasone": .zoneRaw
        case "behandling": .zoneProcessing
        case "dataprodukt": .zoneProduct
        default: .normal
        }
    }

    /// The last run as a word and a glyph, so colour never carries the meaning alone.
    static func runState(_ query: ScheduledQuery, _ language: Language) -> String {
        query.lastRunState?.label.text(language) ?? "–"
    }

    /// `1.3M` / `1,3M`: row counts short enough for the list.
    static func compact(_ value: Int64, _ language: Language) -> String {
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (size, suffix) in units where Double(value) >= size {
            let text = String(format: "%.1f", Double(value) / size)
            return (language == .nb ? text.replacingOccurrences(of: ".", with: ",") : text) + suffix
        }
        return String(value)
    }
}
