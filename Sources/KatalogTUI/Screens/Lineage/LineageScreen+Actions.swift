import KatalogCore

/// What the Lineage screen's keys do.
extension LineageScreen {
    /// Lays out what is shown — the focused part, wide fans collapsed, the selection never
    /// hidden — and brings the selection into view.
    mutating func showLineage(_ graph: LineageGraph, _ context: ScreenContext) {
        self.graph = graph
        var base = graph
        if let focus, graph.node(focus.id) != nil { base = graph.focused(on: focus.id, up: focus.up, down: focus.down) }
        walked = base
        let language = context.language
        let fanLimit = context.settings.fanLimit
        let keep = Set([selection, focus?.id].compactMap { $0 })
        let (folded, foldedFans) = base.collapsingFans(limit: fanLimit, expanded: expandedFans, keep: keep) {
            UIText.moreNodes($0).text(language)
        }
        let (collapsed, loners) = folded.collapsingLoners(limit: fanLimit, expanded: expandedFans, keep: keep) {
            UIText.tablesWithoutLineage($0).text(language)
        }
        let collapsedFans = foldedFans + loners
        shown = collapsed
        fans = collapsedFans
        layout = LayeredLayout(nodes: collapsed.nodes.map { ($0.id, LineageDrawing.boxWidth($0)) }, edges: collapsed.edges.map { ($0.from, $0.to) },
                               direction: direction)
        if selection.flatMap({ collapsed.node($0) }) == nil { selection = readingOrder.first }
        if columns, !columnList.contains(selection ?? "") { columnList = columnOrder(base) }
        panX = 0
        panY = 0
        revealSelection(context)
    }

    /// `f`, and `:lineage 2+table+1` (dbt's syntax): only the node and its neighbours.
    mutating func focusLineage(on id: String?, up: Int = 2, down: Int = 2, _ context: ScreenContext) {
        guard let graph else { return }
        if let id, graph.node(id) != nil {
            focus = (id, up, down)
            selection = id
        } else {
            focus = nil
        }
        showLineage(graph, context)
    }

    /// The actions of the Lineage screen; false for the ones it leaves to the app.
    mutating func perform(_ action: KeyAction, _ context: inout ScreenContext) -> Bool {
        // In the column view Tab walks the middle list; in the drawing, the boxes in reading order.
        let order = columns ? columnList : readingOrder
        let step = 4
        switch action {
        case .impact:
            guard let selection, let ref = try? TableRef(parsing: selection) else {
                context.notify(UIText.selectATable)
                return true
            }
            context.run(.loadImpact(ref))
            return true
        // (`where` binds to each pattern: written once, it would bind only to the last one.)
        case .selectLeft where columns, .selectRight where columns:
            walkColumns(upstream: action == .selectLeft, &context)
        case .selectUp where columns, .selectDown where columns:
            return perform(action == .selectUp ? .moveUp : .moveDown, &context)
        case .nextNode, .previousNode:
            guard let next = Cycle.step(order, from: selection, forward: action == .nextNode) else { return true }
            selection = next
            revealSelection(context)
        case .selectLeft, .selectRight, .selectUp, .selectDown:
            if let next = nearestNode(action) {
                selection = next
                revealSelection(context)
            }
        case .panLeft: panX = max(0, panX - step * 2)
        case .panRight: panX = min(max(0, (layout?.width ?? 0) - 10), panX + step * 2)
        case .panUp: panY = max(0, panY - step)
        case .panDown: panY = min(max(0, (layout?.height ?? 0) - 4), panY + step)
        case .toggleDirection:
            direction = direction == .leftToRight ? .bottomToTop : .leftToRight
            if let graph { showLineage(graph, context) }
        case .focusNode:
            focusLineage(on: focus == nil ? selection : nil, context)
        case .toggleLegend:
            legend.toggle()
        case .toggleFan:
            toggleFan(&context)
        case .toggleColumns:
            columns.toggle()
            if columns, let walked { columnList = columnOrder(walked) }
            if !columns, let graph { showLineage(graph, context) }  // the selection may have walked into a fan
        case .walkUpstream, .walkDownstream:
            walkColumns(upstream: action == .walkUpstream, &context)
        case .moveDown, .moveUp:
            guard columns, !columnList.isEmpty else { return true }
            let current = selection.flatMap { columnList.firstIndex(of: $0) } ?? -1
            let next = action == .moveDown ? min(columnList.count - 1, current + 1) : max(0, current - 1)
            selection = columnList[next]
        case .back where loading:
            // A big project's lineage takes a while: Esc stops it, and leaves.
            context.run(.cancelLineage)
            return false
        case .back:
            if legend {
                legend = false
            } else if columns {
                columns = false
                if let graph { showLineage(graph, context) }
            } else if focus != nil {
                focusLineage(on: nil, context)
            } else {
                return false
            }
        case .filter:
            searchOrigin = selection
            findInput = TextBuffer()
        case .nextMatch, .previousMatch:
            guard !search.isEmpty else {
                context.notify(UIText.noSearch)
                return true
            }
            findNode(search, step: action == .nextMatch ? 1 : -1, &context)
        case .open:
            guard let id = selection, let graph else { return true }
            if fans.contains(where: { $0.id == id }) {
                toggleFan(&context)
                return true
            }
            // A table opens in the Explorer; a datasett its dataprodukt's page.
            if graph.node(id)?.kind == .datasett, let slug = id.dropFirst("dataprodukt:".count).split(separator: "/").first {
                context.present(.product(slug: String(slug), ListState()))
                return true
            }
            guard let ref = try? TableRef(parsing: id) else {
                context.notify(UIText.notATable(graph.node(id)?.label ?? id))
                return true
            }
            context.navigate(.switchTo(.explorer, .table(ref)))
        default:
            return false
        }
        return true
    }

    /// `x`: expands a "+N more" node; on a node of a fan the user expanded, collapses it again.
    private mutating func toggleFan(_ context: inout ScreenContext) {
        guard let id = selection, let graph else { return }
        let fanLimit = context.settings.fanLimit
        if let fan = fans.first(where: { $0.id == id }) {
            expandedFans.insert(fan.id)
            selection = fan.members.first
        } else {
            // Which expanded fan the node anchors or belongs to: the fans as they would be closed.
            let base = walked ?? graph
            let closed = base.collapsingFans(limit: fanLimit) { "\($0)" }.fans + base.collapsingLoners(limit: fanLimit) { "\($0)" }.fans
            guard let fan = closed.first(where: { expandedFans.contains($0.id) && ($0.anchor == id || $0.members.contains(id)) }) else {
                context.notify(UIText.noFanHere(fanLimit))
                return
            }
            expandedFans.remove(fan.id)
            selection = fan.id
        }
        showLineage(graph, context)
    }

    /// The nearest box wholly on the side asked: first the boxes straight across (their span
    /// overlaps the selection's, so a column is walked box by box), else the nearest by distance.
    private func nearestNode(_ action: KeyAction) -> String? {
        guard let layout, let id = selection, let from = layout.boxes[id] else { return nil }
        let vertical = action == .selectUp || action == .selectDown
        let candidates = layout.boxes.values.filter { $0.id != id && !$0.id.hasPrefix("~") }.compactMap { box -> (id: String, along: Int, across: Int, overlaps: Bool)? in
            let along: Int
            switch action {
            case .selectLeft: along = from.x - (box.x + box.width)
            case .selectRight: along = box.x - (from.x + from.width)
            case .selectUp: along = from.y - (box.y + box.height)
            default: along = box.y - (from.y + from.height)
            }
            guard along >= 0 else { return nil }
            let overlaps = vertical ? box.x < from.x + from.width && from.x < box.x + box.width
                                    : box.y < from.y + from.height && from.y < box.y + box.height
            let across = vertical ? abs((box.x + box.width / 2) - (from.x + from.width / 2)) : abs((box.y + box.height / 2) - (from.y + from.height / 2))
            return (box.id, along, across, overlaps)
        }
        let straight = candidates.filter(\.overlaps)
        let pool = straight.isEmpty ? candidates : straight
        return pool.min { ($0.overlaps ? $0.along : $0.along + 3 * $0.across, $0.across, $0.id) < ($1.overlaps ? $1.along : $1.along + 3 * $1.across, $1.across, $1.id) }?.id
    }

    /// The middle column's first list: every node, zone by zone, by label.
    private func columnOrder(_ graph: LineageGraph) -> [String] {
        let rank = Dictionary(uniqueKeysWithValues: LineageZone.allCases.enumerated().map { ($1, $0) })
        return graph.nodes.sorted { (rank[$0.zone]!, $0.label, $0.id) < (rank[$1.zone]!, $1.label, $1.id) }.map(\.id)
    }

    /// `h`/`l` in the column view: the middle becomes what the node reads, or what reads it.
    private mutating func walkColumns(upstream: Bool, _ context: inout ScreenContext) {
        guard let graph = walked, let id = selection else { return }
        let next = LineageColumns.neighbours(of: id, in: graph, upstream: upstream)
        guard let first = next.first else {
            context.notify(upstream ? UIText.nothingUpstream : UIText.nothingDownstream)
            return
        }
        columnList = next
        selection = first
    }

    /// `/` on the Lineage screen: jumps to the node whose label matches, as it is typed; a
    /// node hidden in a fan or outside the focus is brought out.
    mutating func findNode(_ query: String, step: Int = 0, _ context: inout ScreenContext) {
        search = query
        guard let graph, !query.isEmpty else { return }
        let order = columns ? columnList : readingOrder
        let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let lowered = query.lowercased()
        // Every node of the project, and the "+N more" nodes standing in for hidden ones.
        let candidates = graph.nodes + (columns ? [] : shown?.nodes.filter { $0.kind == .collapsed } ?? [])
        let matches = candidates.filter { FuzzyMatch.match(query, in: $0.label) != nil }
            .sorted { a, b in
                let exact = (a.label.lowercased().contains(lowered) ? 0 : 1, b.label.lowercased().contains(lowered) ? 0 : 1)
                return (exact.0, position[a.id] ?? Int.max, a.id) < (exact.1, position[b.id] ?? Int.max, b.id)
            }.map(\.id)
        guard !matches.isEmpty else {
            context.notify(UIText.noNodeMatches(query))
            return
        }
        let target = step == 0 ? matches[0] : Cycle.step(matches, from: selection, forward: step > 0) ?? matches[0]
        selectNode(target, context)
    }

    /// Selects a node, bringing it out of a collapsed fan or from outside the focus.
    mutating func selectNode(_ id: String, _ context: ScreenContext) {
        selection = id
        let visible = columns ? columnList.contains(id) : shown?.node(id) != nil
        if !visible, let graph {
            if walked?.node(id) == nil { focus = nil }
            showLineage(graph, context)  // keeps the selection out of any fan; the middle column lists it
        }
        revealSelection(context)
    }

    /// Keys while `/` is typed on the Lineage screen: Enter keeps the node, Esc goes back.
    mutating func type(_ key: Key, _ context: inout ScreenContext) {
        guard var input = findInput else { return }
        switch input.prompt(key) {
        case .cancelled:
            findInput = nil
            if let origin = searchOrigin { selectNode(origin, context) }
        case .submitted, .closed:
            findInput = nil
        case .edited:
            findInput = input
            findNode(input.text, &context)
        case .ignored:
            break
        }
    }

    mutating func paste(_ text: String, _ context: inout ScreenContext) {
        guard var input = findInput else { return }
        input.insert(text)
        findInput = input
        findNode(input.text, &context)
    }

    /// Pans so the selected box is inside the drawing area.
    mutating func revealSelection(_ context: ScreenContext) {
        guard let id = selection, let box = layout?.boxes[id] else { return }
        let area = context.body
        let visibleWidth = max(1, area.width - 2), visibleHeight = max(1, area.height)
        if box.x < panX || box.x + box.width > panX + visibleWidth { panX = max(0, box.x - 2) }
        if box.y < panY || box.y + box.height > panY + visibleHeight { panY = max(0, box.y - visibleHeight / 2) }
    }
}
