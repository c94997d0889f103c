import KatalogCore

/// The Lineage screen's column view, for graphs too large to draw whole: what the selected
/// node reads | the list being walked, with the selection | what reads the node.
enum LineageColumns {
    /// The node's direct neighbours on one side, by label.
    static func neighbours(of id: String, in graph: LineageGraph, upstream: Bool) -> [String] {
        (graph.adjacency(upstream: upstream)[id] ?? []).compactMap(graph.node).sorted { ($0.label, $0.id) < ($1.label, $1.id) }.map(\.id)
    }

    static func draw(_ lineage: LineageScreen, _ graph: LineageGraph, _ state: ScreenContext, area: Rect, into canvas: inout Canvas) {
        let selection = lineage.selection
        let upstream = selection.map { neighbours(of: $0, in: graph, upstream: true) } ?? []
        let downstream = selection.map { neighbours(of: $0, in: graph, upstream: false) } ?? []
        let width = max(8, (area.width - 2) / 3)
        let columns: [(title: String, ids: [String], x: Int)] = [
            ("\(state.t(UIText.upstream)) (\(upstream.count))", upstream, area.x),
            ("\(lineage.columnList.firstIndex(of: selection ?? "").map { $0 + 1 } ?? 0)/\(lineage.columnList.count)", lineage.columnList, area.x + width + 1),
            ("\(state.t(UIText.downstream)) (\(downstream.count))", downstream, area.x + 2 * (width + 1)),
        ]
        let rows = max(1, area.height - 1)
        for (index, column) in columns.enumerated() {
            canvas.draw(column.title, x: column.x + 1, y: area.y, role: .header, width: width - 1)
            if index > 0 { canvas.verticalLine(x: column.x - 1, y: area.y, height: area.height) }
            // The middle keeps its selection in view; the sides show what fits and say how much
            // more. When more follow, the last row says so, so one row less holds names.
            var first = 0
            if index == 1, let at = selection.flatMap({ column.ids.firstIndex(of: $0) }) {
                var view = ListState()
                view.move(.to(at), count: column.ids.count, height: column.ids.count > rows ? rows - 1 : rows)
                first = view.offset
                // Scrolled to the end, nothing follows: the last row can hold a name again.
                if column.ids.count - first <= rows { first = max(0, column.ids.count - rows) }
            }
            let shown = column.ids.dropFirst(first).prefix(column.ids.count - first > rows ? rows - 1 : rows)
            for (offset, id) in shown.enumerated() {
                guard let node = graph.node(id) else { continue }
                let y = area.y + 1 + offset
                let selected = index == 1 && id == selection
                if selected { canvas.paint(x: column.x, y: y, width: width, role: .selection) }
                var x = column.x + 1
                x += canvas.draw(LineageDrawing.marker(node.kind) + " ", x: x, y: y, role: selected ? .selection : LineageDrawing.zoneRole(node.zone))
                canvas.draw(node.label, x: x, y: y, role: selected ? .selection : .normal, width: max(0, column.x + width - x))
            }
            let hidden = column.ids.count - first - shown.count
            if hidden > 0 { canvas.draw(state.t(UIText.moreNodes(hidden)), x: column.x + 1, y: area.y + rows, role: .muted, width: width - 1) }
        }
    }
}
