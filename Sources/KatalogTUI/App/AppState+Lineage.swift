import KatalogCore

extension AppState {
    /// Shows the Lineage screen, loading the graph the first time; `focus` selects a node.
    mutating func openLineage(focus: String?, hops: (up: Int, down: Int)? = nil) -> [Effect] {
        screen = .lineage
        if let focus { lineage.selection = focus }
        if let focus, let hops { lineage.focus = (focus, hops.up, hops.down) }
        if let graph = lineage.graph {
            showLineage(graph)
            return []
        }
        guard !lineage.loading else { return [] }
        lineage.loading = true
        return [.loadLineage(lineageFile: lineageFile)]
    }

    /// Lays the graph (or its focused part) out and brings the selection into view.
    mutating func showLineage(_ graph: LineageGraph) {
        lineage.graph = graph
        let shown = lineage.shown ?? graph
        lineage.layout = LayeredLayout(nodes: shown.nodes.map { ($0.id, LineageDrawing.boxWidth($0)) }, edges: shown.edges.map { ($0.from, $0.to) },
                                       direction: lineage.direction)
        if lineage.selection.flatMap({ shown.node($0) }) == nil { lineage.selection = lineage.readingOrder.first }
        lineage.panX = 0
        lineage.panY = 0
        revealLineageSelection()
    }

    /// `f`, and `:lineage 2+table+1` (dbt's syntax): only the node and its neighbours.
    mutating func focusLineage(on id: String?, up: Int = 2, down: Int = 2) {
        guard let graph = lineage.graph else { return }
        if let id, graph.node(id) != nil {
            lineage.focus = (id, up, down)
            lineage.selection = id
        } else {
            lineage.focus = nil
        }
        showLineage(graph)
    }

    /// The actions of the Lineage screen; nil for the ones it leaves to the rest.
    mutating func performInLineage(_ action: KeyAction) -> [Effect]? {
        let order = lineage.readingOrder
        let step = 4
        switch action {
        case .nextNode, .previousNode:
            guard !order.isEmpty else { return [] }
            let current = lineage.selection.flatMap { order.firstIndex(of: $0) } ?? -1
            let next = action == .nextNode ? (current + 1) % order.count : (current - 1 + order.count) % order.count
            lineage.selection = order[next]
            revealLineageSelection()
        case .panLeft: lineage.panX = max(0, lineage.panX - step * 2)
        case .panRight: lineage.panX = min(max(0, (lineage.layout?.width ?? 0) - 10), lineage.panX + step * 2)
        case .panUp: lineage.panY = max(0, lineage.panY - step)
        case .panDown: lineage.panY = min(max(0, (lineage.layout?.height ?? 0) - 4), lineage.panY + step)
        case .toggleDirection:
            lineage.direction = lineage.direction == .leftToRight ? .bottomToTop : .leftToRight
            if let graph = lineage.graph { showLineage(graph) }
        case .focusNode:
            focusLineage(on: lineage.focus == nil ? lineage.selection : nil)
        case .back:
            if lineage.focus != nil { focusLineage(on: nil) } else { screen = .explorer }
        case .filter, .nextMatch, .previousMatch:
            // Finding a node by name is not built yet; say so instead of filtering the hidden list.
            notify(UIText.lineageSearchNotYet, isError: false)
        case .open:
            // A table opens in the Explorer; a datasett opens the table it is registered on.
            guard let id = lineage.selection, let graph = lineage.graph else { return [] }
            let tableID = graph.node(id)?.kind == .datasett ? graph.edges.first { $0.to == id }?.from ?? id : id
            guard let ref = try? TableRef(parsing: tableID) else {
                notify(UIText.notATable(graph.node(id)?.label ?? id), isError: false)
                return []
            }
            screen = .explorer
            return goto(ref)
        default:
            return nil
        }
        return []
    }

    /// Pans so the selected box is inside the drawing area.
    mutating func revealLineageSelection() {
        guard let id = lineage.selection, let box = lineage.layout?.boxes[id] else { return }
        let area = Layout(width: width, height: height)
        let visibleWidth = max(1, area.width - 2), visibleHeight = max(1, area.bodyHeight)
        if box.x < lineage.panX || box.x + box.width > lineage.panX + visibleWidth { lineage.panX = max(0, box.x - 2) }
        if box.y < lineage.panY || box.y + box.height > lineage.panY + visibleHeight { lineage.panY = max(0, box.y - visibleHeight / 2) }
    }
}
