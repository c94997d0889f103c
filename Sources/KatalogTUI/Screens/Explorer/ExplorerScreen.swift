import Foundation
import KatalogCore
import KatalogServices

/// The Explorer: the project as a tree on the left, the selection's details on the right.
/// Its own state is what is expanded, selected and scrolled; the data is the catalog's.
struct ExplorerScreen: Screen {
    var kind: ScreenKind { .explorer }
    var keyScopes: [KeyScope] { [.explorer] }

    var expanded: Set<TreeNode> = []
    /// The selected row, by identity, so it survives reloads and filters.
    var selection: TreeNode?
    var tree = ListState()
    var focus: Pane = .tree
    /// The details pane's cursor and scroll.
    var details = ListState()
    /// Schema RECORD fields the user folded, as "table#path".
    var collapsedFields: Set<String> = []
    var filter = ""
    /// While `/` is typed.
    var filterInput: TextBuffer?
    /// A table to select once its dataset's tables have loaded.
    var pendingGoto: TableRef?

    enum Pane: Sendable { case tree, details }

    var isTyping: Bool { filterInput != nil }

    var subject: Arrival {
        if case let .table(ref)? = selection { return .table(ref) }
        return .plain
    }

    func breadcrumb(_ context: ScreenContext) -> [String] {
        let catalog = context.catalog
        switch selection {
        case let .dataset(ref)?: return [ref.dataset.rawValue]
        case let .table(ref)?: return [ref.dataset.rawValue, ref.table.rawValue]
        case let .section(section)?: return [context.t(ExplorerTree.title(section))]
        case let .connection(id)?: return [context.t(UIText.connections), id]
        case let .scheduledQuery(id)?: return [context.t(UIText.scheduledQueries), catalog.scheduledQueries?.first { $0.id == id }?.displayName ?? id]
        case let .stream(id)?: return [context.t(UIText.streams), catalog.streams?.first { $0.id == id }?.displayName ?? id]
        case .placeholder?, nil: return []
        }
    }

    // MARK: Arriving and data

    mutating func arrive(_ arrival: Arrival, _ context: inout ScreenContext) {
        if case let .table(ref) = arrival { goto(ref, &context) }
    }

    mutating func receive(_ event: Event, _ context: inout ScreenContext) {
        switch event {
        case .datasetsLoaded(.success), .lastKnownLoaded:
            if selection == nil, let first = context.catalog.datasets?.first { selection = .dataset(first.ref) }
            if case .datasetsLoaded = event, let datasets = context.catalog.datasets {
                context.run(.loadTables(datasets.map(\.ref), locations: Dictionary(datasets.map { ($0.ref, $0.location) }) { first, _ in first }))
            }
        case let .tablesLoaded(ref, _):
            if let target = pendingGoto, target.datasetRef == ref { goto(target, &context) }
        default:
            break
        }
    }

    mutating func resized(_ context: inout ScreenContext) {
        keepSelectionVisible(ExplorerTree.rows(self, context), context)
    }

    // MARK: Actions

    mutating func perform(_ action: KeyAction, _ context: inout ScreenContext) -> Bool {
        let rows = ExplorerTree.rows(self, context)
        let layout = ExplorerLayout(context.body)
        switch action {
        case .back:
            if !filter.isEmpty {
                clearFilter()
            } else if focus == .details {
                focus = .tree
            } else if let parent = selection?.parent {
                selection = parent
            } else {
                return false
            }
        case .filter:
            filterInput = TextBuffer(filter)
        case .nextMatch, .previousMatch:
            guard !filter.isEmpty else {
                context.notify(UIText.noFilter)
                break
            }
            let matches = rows.filter { !$0.isContext }.map(\.node)
            if let next = Cycle.step(matches, from: selection, forward: action == .nextMatch) { select(next, rows: rows, &context) }
            return true
        case .switchPane:
            focus = focus == .tree ? .details : .tree
        case .openLineage:
            guard case let .table(ref)? = selection else {
                context.notify(UIText.selectATable)
                return true
            }
            context.navigate(.push(.lineage, .table(ref)))
            return true
        case .impact:
            guard case let .table(ref)? = selection else {
                context.notify(UIText.selectATable)
                return true
            }
            context.run(.loadImpact(ref))
            return true
        case .publishTable:
            guard case let .table(ref)? = selection else {
                context.notify(UIText.selectATable)
                return true
            }
            context.navigate(.switchTo(.publish, .table(ref)))
            return true
        case .copyReference:
            guard case let .table(ref)? = selection else {
                context.notify(UIText.selectATable)
                return true
            }
            context.notify(UIText.reference(ref.quoted, copied: context.settings.clipboardEnabled))
            if context.settings.clipboardEnabled { context.run(.copyToClipboard(ref.quoted)) }
            return true
        case .refresh:
            refreshSelection(rows: rows, &context)
            return true
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            let move = Self.move(action)
            if focus == .details {
                details.move(move, count: DetailView.lines(self, context, width: layout.details.width, glyphs: .unicode).count, height: layout.details.height)
                return true
            }
            guard !rows.isEmpty else { break }
            var cursor = tree
            cursor.move(.to(rows.firstIndex { $0.node == selection } ?? 0), count: rows.count, height: layout.tree.height)
            cursor.move(move, count: rows.count, height: layout.tree.height)
            select(rows[cursor.cursor].node, rows: rows, &context)
            return true
        case .open, .expand:
            if focus == .details { toggleField(context, layout: layout); return true }
            guard let row = rows.first(where: { $0.node == selection }) else { break }
            if row.expandable {
                if row.expanded && action == .open { expanded.remove(row.node) } else { expanded.insert(row.node) }
            } else if action == .open, case .table = row.node {
                focus = .details
            }
        case .collapse:
            if focus == .details { toggleField(context, layout: layout, fold: true); return true }
            guard let node = selection else { break }
            if expanded.contains(node) {
                expanded.remove(node)
            } else if let parent = node.parent {
                selection = parent
            }
        default:
            return false
        }
        keepSelectionVisible(ExplorerTree.rows(self, context), context)
        return true
    }

    static func move(_ action: KeyAction) -> ListState.Move {
        switch action {
        case .moveDown: .down
        case .moveUp: .up
        case .pageDown: .pageDown
        case .pageUp: .pageUp
        case .top: .top
        default: .bottom
        }
    }

    /// Selects a row and loads what its details need.
    mutating func select(_ node: TreeNode, rows: [TreeRow], _ context: inout ScreenContext) {
        selection = node
        details = ListState()
        keepSelectionVisible(rows, context)
        if case let .table(ref) = node, context.catalog.details[ref] == nil, !context.catalog.loadingDetails.contains(ref) {
            context.run(.loadTable(ref))
        }
    }

    private mutating func refreshSelection(rows: [TreeRow], _ context: inout ScreenContext) {
        switch selection {
        case let .table(ref)?:
            details = ListState()
            context.run(.loadTable(ref))
        case let .dataset(ref)?:
            // The whole dataset, details and all, in a few queries: it then browses without
            // another call, offline too.
            context.run(.loadTableDetails(ref))
        default:
            context.run(AppState.startEffects)
        }
    }

    mutating func keepSelectionVisible(_ rows: [TreeRow], _ context: ScreenContext) {
        let height = ExplorerLayout(context.body).tree.height
        if let index = rows.firstIndex(where: { $0.node == selection }) {
            tree.move(.to(index), count: rows.count, height: height)
        } else {
            tree.scroll(.to(tree.offset), count: rows.count, height: height)
        }
    }

    private mutating func toggleField(_ context: ScreenContext, layout: ExplorerLayout, fold: Bool? = nil) {
        let lines = DetailView.lines(self, context, width: layout.details.width, glyphs: .unicode)
        guard details.cursor < lines.count, let key = lines[details.cursor].toggle else { return }
        let folded = collapsedFields.contains(key)
        if fold ?? !folded { collapsedFields.insert(key) } else { collapsedFields.remove(key) }
    }

    /// Selects a table anywhere in the project, expanding its dataset. A name typed as an
    /// ASCII-only terminal shows it (`stonadshistorikk`) finds the table too.
    mutating func goto(_ typed: TableRef, _ context: inout ScreenContext) {
        let ref = Self.resolve(typed, in: context.catalog)
        filter = ""
        let dataset = TreeNode.dataset(ref.datasetRef)
        guard context.catalog.datasets?.contains(where: { $0.ref == ref.datasetRef }) == true else {
            context.notify(UIText.notLoaded(ref.description), isError: true)
            return
        }
        expanded.insert(dataset)
        guard let tables = context.catalog.tables[ref.datasetRef] else {
            pendingGoto = ref
            return
        }
        pendingGoto = nil
        guard tables.contains(where: { $0.ref == ref }) else {
            context.notify(UIText.notLoaded(ref.description), isError: true)
            return
        }
        focus = .tree
        select(.table(ref), rows: ExplorerTree.rows(self, context), &context)
    }

    /// The table `typed` names, or the one it names in ASCII (ø typed as o, æ as ae).
    static func resolve(_ typed: TableRef, in catalog: Catalog) -> TableRef {
        let datasets = catalog.datasets ?? []
        let dataset = datasets.first { $0.ref == typed.datasetRef }?.ref
            ?? datasets.first { $0.ref.project == typed.project && ASCIIFolding.fold($0.ref.dataset.rawValue) == typed.dataset.rawValue }?.ref
        guard let dataset else { return typed }
        let tables = catalog.tables[dataset] ?? []
        if let exact = tables.first(where: { $0.ref.table == typed.table }) { return exact.ref }
        return tables.first { ASCIIFolding.fold($0.ref.table.rawValue) == typed.table.rawValue }?.ref ?? TableRef(dataset, typed.table)
    }

    // MARK: Typing a filter

    mutating func type(_ key: Key, _ context: inout ScreenContext) {
        guard var input = filterInput else { return }
        switch input.prompt(key) {
        case .cancelled:
            filterInput = nil
            clearFilter()
            keepSelectionVisible(ExplorerTree.rows(self, context), context)
        case .submitted:
            filterInput = nil
            selectFirstMatch(&context)
        case .closed:
            filterInput = nil
        case .edited:
            filterInput = input
            filter = input.text
            selectFirstMatch(&context)
        case .ignored:
            break
        }
    }

    mutating func paste(_ text: String, _ context: inout ScreenContext) {
        guard filterInput != nil else { return }
        filterInput?.insert(text)
        filter = filterInput?.text ?? ""
        selectFirstMatch(&context)
    }

    /// Back to the whole tree, the selection still shown: a match in a folded dataset unfolds it.
    private mutating func clearFilter() {
        filter = ""
        var node = selection
        while let parent = node?.parent {
            if case .placeholder = node! {} else { expanded.insert(parent) }
            node = parent
        }
    }

    /// Keeps the selection on a match while the filter changes.
    private mutating func selectFirstMatch(_ context: inout ScreenContext) {
        let rows = ExplorerTree.rows(self, context)
        if rows.contains(where: { $0.node == selection && !$0.isContext }) { keepSelectionVisible(rows, context); return }
        guard let first = rows.first(where: { !$0.isContext }) else { return }
        select(first.node, rows: rows, &context)
    }

    // MARK: Mouse

    mutating func click(x: Int, y: Int, button: MouseButton, in rect: Rect, _ context: inout ScreenContext) {
        switch button {
        case .wheelDown: _ = perform(.moveDown, &context)
        case .wheelUp: _ = perform(.moveUp, &context)
        case .click:
            let layout = ExplorerLayout(rect)
            if layout.tree.contains(x: x, y: y) {
                let rows = ExplorerTree.rows(self, context)
                let index = tree.offset + (y - layout.tree.y)
                guard index < rows.count else { return }
                focus = .tree
                select(rows[index].node, rows: rows, &context)
            } else if y >= layout.details.y, y < layout.details.bottom {
                focus = .details
                details.move(.to(details.offset + (y - layout.details.y)), count: Int.max / 2, height: layout.details.height)
            }
        }
    }
}

/// The Explorer's panes: the tree on the left, a rule, the details on the right.
struct ExplorerLayout {
    let tree: Rect
    let separatorX: Int
    let details: Rect

    init(_ body: Rect) {
        let treeWidth = min(56, max(28, body.width * 2 / 5))
        let (tree, rest) = body.splitLeft(treeWidth, gap: 2)
        self.tree = tree
        separatorX = tree.right
        details = Rect(x: rest.x, y: rest.y, width: rest.width - 1, height: rest.height)
    }
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

    /// The catalog part whose failure this row shows.
    var catalogPart: Catalog.Part? {
        switch self {
        case let .dataset(ref): .dataset(ref)
        case let .table(ref): .table(ref)
        case .section(.connections): .connections
        case .section(.scheduledQueries): .scheduledQueries
        case .section(.streams): .streams
        case .connection, .scheduledQuery, .stream, .placeholder: nil
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
