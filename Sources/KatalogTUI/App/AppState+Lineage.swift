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

    /// Lays out what is shown — the focused part, wide fans collapsed, the selection never
    /// hidden — and brings the selection into view.
    mutating func showLineage(_ graph: LineageGraph) {
        lineage.graph = graph
        var base = graph
        if let focus = lineage.focus, graph.node(focus.id) != nil { base = graph.focused(on: focus.id, up: focus.up, down: focus.down) }
        lineage.walked = base
        let language = self.language
        let keep = Set([lineage.selection, lineage.focus?.id].compactMap { $0 })
        let (shown, fans) = base.collapsingFans(limit: lineage.fanLimit, expanded: lineage.expandedFans, keep: keep) {
            UIText.moreNodes($0).text(language)
        }
        lineage.shown = shown
        lineage.fans = fans
        lineage.layout = LayeredLayout(nodes: shown.nodes.map { ($0.id, LineageDrawing.boxWidth($0)) }, edges: shown.edges.map { ($0.from, $0.to) },
                                       direction: lineage.direction)
        if lineage.selection.flatMap({ shown.node($0) }) == nil { lineage.selection = lineage.readingOrder.first }
        if lineage.columns, !lineage.columnList.contains(lineage.selection ?? "") { lineage.columnList = columnOrder(base) }
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
        // In the column view Tab walks the middle list; in the drawing, the boxes in reading order.
        let order = lineage.columns ? lineage.columnList : lineage.readingOrder
        let step = 4
        switch action {
        case .selectLeft, .selectRight where lineage.columns:
            walkColumns(upstream: action == .selectLeft)
        case .selectUp, .selectDown where lineage.columns:
            return performInLineage(action == .selectUp ? .moveUp : .moveDown)
        case .nextNode, .previousNode:
            guard !order.isEmpty else { return [] }
            let current = lineage.selection.flatMap { order.firstIndex(of: $0) } ?? -1
            let next = action == .nextNode ? (current + 1) % order.count : (current - 1 + order.count) % order.count
            lineage.selection = order[next]
            revealLineageSelection()
        case .selectLeft, .selectRight, .selectUp, .selectDown:
            if let next = nearestNode(action) {
                lineage.selection = next
                revealLineageSelection()
            }
        case .panLeft: lineage.panX = max(0, lineage.panX - step * 2)
        case .panRight: lineage.panX = min(max(0, (lineage.layout?.width ?? 0) - 10), lineage.panX + step * 2)
        case .panUp: lineage.panY = max(0, lineage.panY - step)
        case .panDown: lineage.panY = min(max(0, (lineage.layout?.height ?? 0) - 4), lineage.panY + step)
        case .toggleDirection:
            lineage.direction = lineage.direction == .leftToRight ? .bottomToTop : .leftToRight
            if let graph = lineage.graph { showLineage(graph) }
        case .focusNode:
            focusLineage(on: lineage.focus == nil ? lineage.selection : nil)
        case .toggleLegend:
            lineage.legend.toggle()
        case .toggleFan:
            toggleFan()
        case .toggleColumns:
            lineage.columns.toggle()
            if lineage.columns, let walked = lineage.walked { lineage.columnList = columnOrder(walked) }
            if !lineage.columns, let graph = lineage.graph { showLineage(graph) }  // the selection may have walked into a fan
        case .walkUpstream, .walkDownstream:
            walkColumns(upstream: action == .walkUpstream)
        case .moveDown, .moveUp:
            guard lineage.columns, !lineage.columnList.isEmpty else { return [] }
            let current = lineage.selection.flatMap { lineage.columnList.firstIndex(of: $0) } ?? -1
            let next = action == .moveDown ? min(lineage.columnList.count - 1, current + 1) : max(0, current - 1)
            lineage.selection = lineage.columnList[next]
        case .back:
            if lineage.legend {
                lineage.legend = false
            } else if lineage.columns {
                lineage.columns = false
                if let graph = lineage.graph { showLineage(graph) }
            } else if lineage.focus != nil {
                focusLineage(on: nil)
            } else {
                screen = .explorer
            }
        case .filter:
            lineage.searchOrigin = lineage.selection
            input = InputLine(kind: .findNode, text: "")
        case .nextMatch, .previousMatch:
            guard !lineage.search.isEmpty else {
                notify(UIText.noSearch, isError: false)
                return []
            }
            findNode(lineage.search, step: action == .nextMatch ? 1 : -1)
        case .open:
            guard let id = lineage.selection, let graph = lineage.graph else { return [] }
            if lineage.fans.contains(where: { $0.id == id }) {
                toggleFan()
                return []
            }
            // A table opens in the Explorer; a datasett its dataprodukt's page.
            if graph.node(id)?.kind == .datasett, let slug = id.dropFirst("dataprodukt:".count).split(separator: "/").first {
                overlay = .product(slug: String(slug), scroll: 0)
                return []
            }
            guard let ref = try? TableRef(parsing: id) else {
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

    /// `x`: expands a "+N more" node; on a node of a fan the user expanded, collapses it again.
    private mutating func toggleFan() {
        guard let id = lineage.selection, let graph = lineage.graph else { return }
        if let fan = lineage.fans.first(where: { $0.id == id }) {
            lineage.expandedFans.insert(fan.id)
            lineage.selection = fan.members.first
        } else {
            // Which expanded fan the node anchors or belongs to: the fans as they would be closed.
            let closed = (lineage.walked ?? graph).collapsingFans(limit: lineage.fanLimit) { "\($0)" }.fans
            guard let fan = closed.first(where: { lineage.expandedFans.contains($0.id) && ($0.anchor == id || $0.members.contains(id)) }) else {
                notify(UIText.noFanHere(lineage.fanLimit), isError: false)
                return
            }
            lineage.expandedFans.remove(fan.id)
            lineage.selection = fan.id
        }
        showLineage(graph)
    }

    /// The nearest box wholly on the side asked, those straight across preferred.
    private func nearestNode(_ action: KeyAction) -> String? {
        guard let layout = lineage.layout, let id = lineage.selection, let from = layout.boxes[id] else { return nil }
        func centre(_ box: LayeredLayout.Box) -> (x: Int, y: Int) { (box.x + box.width / 2, box.y + box.height / 2) }
        let origin = centre(from)
        return layout.boxes.values.filter { $0.id != id }.compactMap { box -> (String, Int)? in
            let c = centre(box)
            let (along, across): (Int, Int)
            switch action {
            case .selectLeft: (along, across) = (from.x - (box.x + box.width), c.y - origin.y)
            case .selectRight: (along, across) = (box.x - (from.x + from.width), c.y - origin.y)
            case .selectUp: (along, across) = (from.y - (box.y + box.height), c.x - origin.x)
            default: (along, across) = (box.y - (from.y + from.height), c.x - origin.x)
            }
            guard along >= 0 else { return nil }
            return (box.id, along + 3 * abs(across))
        }.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    /// The middle column's first list: every node, zone by zone, by label.
    private func columnOrder(_ graph: LineageGraph) -> [String] {
        let rank = Dictionary(uniqueKeysWithValues: LineageZone.allCases.enumerated().map { ($1, $0) })
        return graph.nodes.sorted { (rank[$0.zone]!, $0.label, $0.id) < (rank[$1.zone]!, $1.label, $1.id) }.map(\.id)
    }

    /// `h`/`l` in the column view: the middle becomes what the node reads, or what reads it.
    private mutating func walkColumns(upstream: Bool) {
        guard let graph = lineage.walked, let id = lineage.selection else { return }
        let next = LineageColumns.neighbours(of: id, in: graph, upstream: upstream)
        guard let first = next.first else {
            notify(upstream ? UIText.nothingUpstream : UIText.nothingDownstream, isError: false)
            return
        }
        lineage.columnList = next
        lineage.selection = first
    }

    /// `/` on the Lineage screen: jumps to the node whose label matches, as it is typed; a
    /// node hidden in a fan or outside the focus is brought out.
    mutating func findNode(_ query: String, step: Int = 0) {
        lineage.search = query
        guard let graph = lineage.graph, !query.isEmpty else { return }
        let order = lineage.columns ? lineage.columnList : lineage.readingOrder
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let lowered = query.lowercased()
        // Every node of the project, and the "+N more" nodes standing in for hidden ones.
        let candidates = graph.nodes + (lineage.columns ? [] : lineage.shown?.nodes.filter { $0.kind == .collapsed } ?? [])
        let matches = candidates.filter { FuzzyMatch.match(query, in: $0.label) != nil }
            .sorted { a, b in
                let exact = (a.label.lowercased().contains(lowered) ? 0 : 1, b.label.lowercased().contains(lowered) ? 0 : 1)
                return (exact.0, position[a.id] ?? Int.max, a.id) < (exact.1, position[b.id] ?? Int.max, b.id)
            }.map(\.id)
        guard !matches.isEmpty else {
            notify(UIText.noNodeMatches(query), isError: false)
            return
        }
        let current = lineage.selection.flatMap { matches.firstIndex(of: $0) }
        let target = step == 0 ? matches[0] : matches[((current ?? -step) + step + matches.count) % matches.count]
        selectLineageNode(target)
    }

    /// Selects a node, bringing it out of a collapsed fan or from outside the focus.
    mutating func selectLineageNode(_ id: String) {
        lineage.selection = id
        let visible = lineage.columns ? lineage.columnList.contains(id) : lineage.shown?.node(id) != nil
        if !visible, let graph = lineage.graph {
            if lineage.walked?.node(id) == nil { lineage.focus = nil }
            showLineage(graph)  // keeps the selection out of any fan; the middle column lists it
        }
        revealLineageSelection()
    }

    /// Keys while `/` is typed on the Lineage screen: Enter keeps the node, Esc goes back.
    mutating func handleFindInput(_ key: Key, _ line: InputLine) {
        var line = line
        switch key {
        case .escape:
            input = nil
            if let origin = lineage.searchOrigin { selectLineageNode(origin) }
            return
        case .enter:
            input = nil
            return
        case .backspace, .delete:
            if line.text.isEmpty { input = nil; return }
            line.text.removeLast()
        case let .character(character):
            line.text.append(character)
        default:
            return
        }
        input = line
        findNode(line.text)
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
