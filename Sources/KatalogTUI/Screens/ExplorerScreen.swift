import KatalogCore

/// The Explorer: the project tree on the left, the selection's details on the right. Only the
/// visible rows are drawn, so ten thousand tables scroll as fast as ten.
enum ExplorerScreen {
    static func draw(_ state: AppState, rows: [TreeRow], _ layout: Layout, into canvas: inout Canvas) {
        drawTree(state, rows: rows, layout, into: &canvas)
        canvas.verticalLine(x: layout.treeWidth, y: layout.bodyTop, height: layout.bodyHeight)
        drawDetails(state, layout, into: &canvas)
    }

    private static func drawTree(_ state: AppState, rows: [TreeRow], _ layout: Layout, into canvas: inout Canvas) {
        let explorer = state.explorer
        guard explorer.datasets != nil else {
            canvas.draw(state.t(UIText.loading), x: 1, y: layout.bodyTop, role: .muted)
            return
        }
        let glyphs = canvas.glyphs
        for (offset, row) in rows.dropFirst(explorer.scroll).prefix(layout.bodyHeight).enumerated() {
            let y = layout.bodyTop + offset
            var x = 1 + row.depth * 2
            if row.expandable {
                x += canvas.draw((row.expanded ? glyphs.expanded : glyphs.collapsed) + " ", x: x, y: y, role: .accent)
            }
            if !row.marker.isEmpty { x += canvas.draw(row.marker + " ", x: x, y: y, role: row.markerRole) }
            let trailing = ExplorerTree.text(row.trailing, state.language)
            let trailingWidth = DisplayWidth.of(trailing)
            let labelRoom = layout.treeWidth - x - trailingWidth - 2
            let labelRole: Role = row.isContext ? .dim : (row.depth == 0 && !row.expandable ? .normal : row.depth == 0 ? row.markerRole : .normal)
            let used = canvas.draw(row.label, x: x, y: y, role: labelRole, width: max(1, labelRoom))
            if labelRoom > 0 && trailingWidth > 0 {
                canvas.draw(trailing, x: layout.treeWidth - trailingWidth - 1, y: y, role: .muted)
            }
            if row.node == explorer.selection {
                canvas.paint(x: 0, y: y, width: layout.treeWidth, role: explorer.focus == .tree ? .selection : .selectionInactive)
            }
            // Matches stay visible on the selected row too.
            for offset in row.matches {
                highlightMatch(row.label, characterOffset: offset, startX: x, y: y, limit: used, into: &canvas)
            }
        }
    }

    /// Gives the cell of one matched character the `match` role.
    private static func highlightMatch(_ label: String, characterOffset: Int, startX: Int, y: Int, limit: Int, into canvas: inout Canvas) {
        let prefix = String(label.prefix(characterOffset))
        let x = startX + DisplayWidth.of(TerminalText.line(prefix))
        guard let character = label.dropFirst(characterOffset).first, x - startX < limit else { return }
        canvas.paint(x: x, y: y, width: DisplayWidth.of(character), role: .match)
    }

    private static func drawDetails(_ state: AppState, _ layout: Layout, into canvas: inout Canvas) {
        let lines = DetailView.lines(state, width: layout.detailsWidth, glyphs: canvas.glyphs)
        let explorer = state.explorer
        for (offset, line) in lines.dropFirst(explorer.detailScroll).prefix(layout.bodyHeight).enumerated() {
            let y = layout.bodyTop + offset
            var x = layout.detailsLeft
            for span in line.spans {
                let room = layout.detailsLeft + layout.detailsWidth - x
                guard room > 0 else { break }
                x += canvas.draw(span.text, x: x, y: y, role: span.role, width: room)
            }
            if explorer.focus == .details && explorer.detailScroll + offset == explorer.detailCursor {
                canvas.paint(x: layout.detailsLeft - 1, y: y, width: layout.detailsWidth + 1, role: .selection)
            }
        }
    }
}
