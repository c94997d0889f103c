import KatalogCore

/// The Lineage screen's drawing as plain text, whole (no panning), for pasting into an issue:
/// `katalog lineage --format text`.
public enum LineageText {
    /// `bandHeight` rows are drawn at a time (any height gives the same text).
    public static func render(_ graph: LineageGraph, direction: LayeredLayout.Direction = .leftToRight, selection: String? = nil,
                              bandHeight: Int = 2000) -> String {
        let layout = LayeredLayout(nodes: graph.nodes.map { ($0.id, LineageDrawing.boxWidth($0)) }, edges: graph.edges.map { ($0.from, $0.to) },
                                   direction: direction)
        // Drawn in bands of rows, so a whole-project drawing never holds all its cells at once.
        var rows: [String] = []
        let height = max(1, layout.height)
        for top in stride(from: 0, to: height, by: bandHeight) {
            var canvas = Canvas(width: layout.width + 2, height: min(bandHeight, height - top))
            LineageDrawing.draw(graph, layout, selection: selection, panX: 0, panY: top,
                                area: Rect(x: 0, y: 0, width: canvas.width, height: canvas.height), into: &canvas)
            rows += canvas.rows
        }
        while rows.last?.isEmpty == true { rows.removeLast() }
        return rows.joined(separator: "\n") + "\n"
    }
}
