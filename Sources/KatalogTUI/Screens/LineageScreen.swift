import KatalogCore

/// The Lineage screen: the graph drawn and panned, or in columns; the selection's upstream and
/// downstream lit; the legend on `L`.
enum LineageScreen {
    static func draw(_ state: AppState, _ layout: Layout, into canvas: inout Canvas) {
        let lineage = state.lineage
        let area = LineageDrawing.Area(x: 1, y: layout.bodyTop, width: layout.width - 2, height: layout.bodyHeight)
        if lineage.columns, let walked = lineage.walked {
            LineageColumns.draw(state, walked, area: area, into: &canvas)
        } else if let graph = lineage.shown, let placed = lineage.layout {
            LineageDrawing.draw(graph, placed, selection: lineage.selection, panX: lineage.panX, panY: lineage.panY, area: area, into: &canvas)
        } else {
            canvas.draw(state.t(lineage.loading ? UIText.loading : UIText.noLineage), x: 1, y: layout.bodyTop, role: .muted)
            return
        }
        if lineage.legend { drawLegend(state, area: area, into: &canvas) }
    }

    /// `12 nodes · 26 edges · <selected node>`
    static func status(_ state: AppState) -> String {
        guard let graph = state.lineage.columns ? state.lineage.walked : state.lineage.shown else { return "" }
        let nodes = state.t(LocalizedText(nb: "\(graph.nodes.count) noder", en: "\(graph.nodes.count) nodes"))
        let edges = state.t(LocalizedText(nb: "\(graph.edges.count) kanter", en: "\(graph.edges.count) edges"))
        let selected = state.lineage.selection.flatMap { graph.node($0) }.map { "\($0.label)  (\($0.zone.title.text(state.language)))" }
        let focus = state.lineage.focus.map { state.t(LocalizedText(nb: "fokus \($0.up)+…+\($0.down) (f: alt)", en: "focus \($0.up)+…+\($0.down) (f: all)")) }
        return ([nodes, edges] + (focus.map { [$0] } ?? []) + (selected.map { [$0] } ?? [])).joined(separator: "  ·  ")
    }

    /// Zones by colour, kinds by marker, and what the lines mean; in the bottom right corner.
    static func drawLegend(_ state: AppState, area: LineageDrawing.Area, into canvas: inout Canvas) {
        typealias Entry = (mark: String, role: Role, text: LocalizedText)
        let arrow = canvas.glyphs == .ascii ? "->" : "─▶"
        let entries: [Entry] = LineageZone.allCases.map { ("■", LineageDrawing.zoneRole($0), $0.title) } + [
            ("◆", .normal, LocalizedText(nb: "tabell i internmodellen", en: "table in the internal model")),
            ("⇢", .normal, LocalizedText(nb: "overføring", en: "transfer")),
            ("T", .normal, LocalizedText(nb: "tabell", en: "table")),
            ("V", .normal, LocalizedText(nb: "view", en: "view")),
            ("M", .normal, LocalizedText(nb: "materialisert view", en: "materialized view")),
            ("★", .normal, LocalizedText(nb: "datasett på markedsplassen", en: "datasett on the marketplace")),
            ("…", .normal, LocalizedText(nb: "sammenfoldet vifte (enter)", en: "collapsed fan (enter)")),
            (arrow, .accent, LocalizedText(nb: "data flyter; lyst: valgt nodes opp-/nedstrøms", en: "data flows; lit: the selection's up/downstream")),
            (arrow, .warn, LocalizedText(nb: "mot strømmen: bryter en syklus", en: "against the flow: breaks a cycle")),
        ]
        let title = state.t(UIText.legend)
        let inner = entries.map { DisplayWidth.of($0.mark) + 1 + DisplayWidth.of(state.t($0.text)) }.max() ?? 10
        let width = min(area.width, max(inner, DisplayWidth.of(title) + 2) + 4)
        let height = min(area.height, entries.count + 2)
        guard width >= 12, height >= 3 else { return }
        let x = area.x + area.width - width, y = area.y + area.height - height
        canvas.fill(x: x, y: y, width: width, height: height, role: .overlay)
        canvas.box(x: x, y: y, width: width, height: height)
        canvas.draw(" \(title) ", x: x + 2, y: y, role: .title, width: width - 4)
        for (offset, entry) in entries.prefix(height - 2).enumerated() {
            let used = canvas.draw(entry.mark, x: x + 2, y: y + 1 + offset, role: entry.role)
            canvas.draw(state.t(entry.text), x: x + 3 + used, y: y + 1 + offset, role: .overlay, width: width - 5 - used)
        }
    }
}
