import KatalogCore

/// What the Lineage screen shows: the graph, its layout, the selected node and the pan offset.
struct LineageState: Sendable {
    var graph: LineageGraph?
    var layout: LayeredLayout?
    var selection: String?
    var panX = 0
    var panY = 0
    var loading = false

    /// Nodes in reading order: layer by layer, top to bottom (what Tab walks through).
    var readingOrder: [String] {
        guard let layout else { return [] }
        return layout.layers.flatMap { $0 }.filter { !$0.hasPrefix("~") }
    }
}
