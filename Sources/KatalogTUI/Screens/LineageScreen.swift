import KatalogCore

/// The Lineage screen: the whole graph, panned; the selection's upstream and downstream lit.
enum LineageScreen {
    static func draw(_ state: AppState, _ layout: Layout, into canvas: inout Canvas) {
        let lineage = state.lineage
        guard let graph = lineage.shown, let placed = lineage.layout else {
            canvas.draw(state.t(lineage.loading ? UIText.loading : UIText.noLineage), x: 1, y: layout.bodyTop, role: .muted)
            return
        }
        LineageDrawing.draw(graph, placed, selection: lineage.selection, panX: lineage.panX, panY: lineage.panY,
                            area: .init(x: 1, y: layout.bodyTop, width: layout.width - 2, height: layout.bodyHeight), into: &canvas)
    }

    /// `12 nodes · 26 edges · <selected node>`
    static func status(_ state: AppState) -> String {
        guard let graph = state.lineage.shown else { return "" }
        let nodes = state.t(LocalizedText(nb: "\(graph.nodes.count) noder", en: "\(graph.nodes.count) nodes"))
        let edges = state.t(LocalizedText(nb: "\(graph.edges.count) kanter", en: "\(graph.edges.count) edges"))
        let selected = state.lineage.selection.flatMap { graph.node($0) }.map { "\($0.label)  (\($0.zone.title.text(state.language)))" }
        let focus = state.lineage.focus.map { state.t(LocalizedText(nb: "fokus \($0.up)+…+\($0.down) (f: alt)", en: "focus \($0.up)+…+\($0.down) (f: all)")) }
        return ([nodes, edges] + (focus.map { [$0] } ?? []) + (selected.map { [$0] } ?? [])).joined(separator: "  ·  ")
    }
}
