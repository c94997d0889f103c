import KatalogCore

/// Drawing the Lineage screen: the graph drawn and panned, or in columns; the legend on `L`.
extension LineageScreen {
    func draw(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        let area = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
        if columns, let walked {
            LineageColumns.draw(self, walked, context, area: area, into: &canvas)
        } else if let shown, let layout {
            LineageDrawing.draw(shown, layout, selection: selection, panX: panX, panY: panY, area: area, into: &canvas)
        } else {
            canvas.draw(context.t(loading ? UIText.loading : UIText.noLineage), x: area.x, y: area.y, role: .muted)
            return
        }
        if legend { drawLegend(context, area: area, into: &canvas) }
    }

    /// `12 nodes · 26 edges · <selected node>`, or the node being looked for.
    func drawStatus(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        if let input = findInput {
            canvas.draw("/", x: rect.x, y: rect.y, role: .input, width: 1)
            input.draw(into: &canvas, Rect(x: rect.x + 1, y: rect.y, width: rect.width - 17, height: 1))
            return
        }
        guard let graph = columns ? walked : shown else { return }
        let nodes = context.t(LocalizedText(nb: "\(graph.nodes.count) noder", en: "\(graph.nodes.count) nodes"))
        let edges = context.t(LocalizedText(nb: "\(graph.edges.count) kanter", en: "\(graph.edges.count) edges"))
        let selected = selection.flatMap { graph.node($0) }.map { "\($0.label)  (\($0.zone.title.text(context.language)))" }
        let focused = focus.map { hops in
            let (up, down) = (LineageSelector.text(hops.up), LineageSelector.text(hops.down))
            return context.t(LocalizedText(nb: "fokus \(up)+…+\(down) (f: alt)", en: "focus \(up)+…+\(down) (f: all)"))
        }
        let text = ([nodes, edges] + (focused.map { [$0] } ?? []) + (selected.map { [$0] } ?? [])).joined(separator: "  ·  ")
        canvas.draw(text, x: rect.x + 1, y: rect.y, role: .status)
    }

    /// Zones by colour, kinds by marker, and what the lines mean; in the bottom right corner.
    func drawLegend(_ state: ScreenContext, area: Rect, into canvas: inout Canvas) {
        typealias Entry = (mark: String, role: Role, text: LocalizedText)
        let arrow = canvas.glyphs == .ascii ? "->" : "─▶"
        let entries: [Entry] = LineageZone.allCases.map { ("■", LineageDrawing.zoneRole($0), $0.title) } + [
            ("◆", .normal, LocalizedText(nb: "tabell i internmodellen", en: "table in the internal model")),
            ("⇢", .normal, LocalizedText(nb: "overføring", en: "transfer")),
            ("T", .normal, LocalizedText(nb: "tabell", en: "table")),
            ("V", .normal, LocalizedText(nb: "view", en: "view")),
            ("M", .normal, LocalizedText(nb: "materialisert view", en: "materialized view")),
            ("★", .normal, LocalizedText(nb: "datasett på markedsplassen", en: "datasett on the marketplace")),
            ("↗", .normal, LocalizedText(nb: "tabell i et annet prosjekt", en: "table of another project")),
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
