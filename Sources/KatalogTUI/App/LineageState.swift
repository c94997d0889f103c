import KatalogCore

/// What the Lineage screen shows: the graph, its layout, the selected node and the pan offset.
struct LineageState: Sendable {
    /// The whole graph of the project.
    var graph: LineageGraph?
    /// When focused: the part shown, and the hops it was cut with.
    var focus: (id: String, up: Int, down: Int)?
    /// The focused part, or all of it, with nothing collapsed: what the column view walks
    /// (made by `showLineage`, like the two below).
    var walked: LineageGraph?
    /// What is drawn: `walked` with wide fans collapsed.
    var shown: LineageGraph?
    /// The fans collapsed in `shown`, and the ones the user opened.
    var fans: [CollapsedFan] = []
    var expandedFans: Set<String> = []
    /// More neighbours on one side than this collapse into "+N more".
    var fanLimit = 8
    var layout: LayeredLayout?
    var selection: String?
    var panX = 0
    var panY = 0
    var loading = false
    /// `t` toggles: left to right (terminals are wide) or bottom to top (as the team docs draw it).
    var direction: LayeredLayout.Direction = .leftToRight
    /// `L`: the legend of zones, markers and lines.
    var legend = false
    /// `c`: upstream | node | downstream in columns, for graphs too large to draw whole; the
    /// middle column lists `columnList` (what `h`/`l` walked to).
    var columns = false
    var columnList: [String] = []
    /// The last `/` query, for `n`/`N`, and where the selection was before it (Esc goes back).
    var search = ""
    var searchOrigin: String?

    /// Nodes in reading order: layer by layer, top to bottom (what Tab walks through).
    var readingOrder: [String] {
        guard let layout else { return [] }
        return layout.layers.flatMap { $0 }.filter { !$0.hasPrefix("~") }
    }
}
