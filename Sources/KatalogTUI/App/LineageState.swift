import KatalogCore

/// What the Lineage screen shows: the graph, its layout, the selected node and the pan offset.
struct LineageState: Sendable {
    /// The whole graph of the project.
    var graph: LineageGraph?
    /// When focused: the part shown, and the hops it was cut with.
    var focus: (id: String, up: Int, down: Int)?
    var layout: LayeredLayout?
    var selection: String?
    var panX = 0
    var panY = 0
    var loading = false
    /// `t` toggles: left to right (terminals are wide) or bottom to top (as the team docs draw it).
    var direction: LayeredLayout.Direction = .leftToRight

    /// Nodes in reading order: layer by layer, top to bottom (what Tab walks through).
    /// What is drawn: the focused part, or all of it.
    var shown: LineageGraph? {
        guard let graph else { return nil }
        guard let focus, graph.node(focus.id) != nil else { return graph }
        return graph.focused(on: focus.id, up: focus.up, down: focus.down)
    }

    var readingOrder: [String] {
        guard let layout else { return [] }
        return layout.layers.flatMap { $0 }.filter { !$0.hasPrefix("~") }
    }
}
