import KatalogCore

/// The Lineage screen's drawing as plain text, whole (no panning), for pasting into an issue:
/// `katalog lineage --format text`.
public enum LineageText {
    public static func render(_ graph: LineageGraph, direction: LayeredLayout.Direction = .leftToRight, selection: String? = nil) -> String {
        let layout = LayeredLayout(nodes: graph.nodes.map { ($0.id, LineageDrawing.boxWidth($0)) }, edges: graph.edges.map { ($0.from, $0.to) },
                                   direction: direction)
        var canvas = Canvas(width: layout.width + 2, height: max(1, layout.height))
        LineageDrawing.draw(graph, layout, selection: selection, panX: 0, panY: 0,
                            area: Rect(x: 0, y: 0, width: canvas.width, height: canvas.height), into: &canvas)
        var rows = canvas.rows
        while rows.last?.isEmpty == true { rows.removeLast() }
        return rows.joined(separator: "\n") + "\n"
    }
}
