import KatalogCore

/// Drawing the Explorer. Only the visible rows are drawn, so ten thousand tables scroll as
/// fast as ten.
extension ExplorerScreen {
    func draw(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        let layout = ExplorerLayout(rect)
        drawTree(ExplorerTree.rows(self, context), layout, context, into: &canvas)
        canvas.verticalLine(x: layout.separatorX, y: rect.y, height: rect.height)
        drawDetails(layout, context, into: &canvas)
    }

    private func drawTree(_ rows: [TreeRow], _ layout: ExplorerLayout, _ context: ScreenContext, into canvas: inout Canvas) {
        let area = layout.tree
        guard context.catalog.datasets != nil else {
            canvas.draw(context.t(UIText.loading), x: area.x + 1, y: area.y, role: .muted)
            return
        }
        let glyphs = canvas.glyphs
        for index in tree.visible(count: rows.count, height: area.height) {
            let row = rows[index]
            let y = area.y + index - tree.offset
            var x = area.x + 1 + row.depth * 2
            if row.expandable {
                x += canvas.draw((row.expanded ? glyphs.expanded : glyphs.collapsed) + " ", x: x, y: y, role: .accent)
            }
            if !row.marker.isEmpty { x += canvas.draw(row.marker + " ", x: x, y: y, role: row.markerRole) }
            let trailing = ExplorerTree.text(row.trailing, context.language)
            let trailingWidth = DisplayWidth.of(trailing)
            let labelRoom = area.right - x - trailingWidth - 2
            let labelRole: Role = row.isContext ? .dim : (row.depth == 0 && !row.expandable ? .normal : row.depth == 0 ? row.markerRole : .normal)
            let used = canvas.draw(row.label, x: x, y: y, role: labelRole, width: max(1, labelRoom))
            if labelRoom > 0 && trailingWidth > 0 {
                canvas.draw(trailing, x: area.right - trailingWidth - 1, y: y, role: .muted)
            }
            if row.node == selection {
                canvas.paint(x: area.x, y: y, width: area.width, role: focus == .tree ? .selection : .selectionInactive)
            }
            // Matches stay visible on the selected row too.
            for offset in row.matches {
                highlightMatch(row.label, characterOffset: offset, startX: x, y: y, limit: used, into: &canvas)
            }
        }
    }

    /// Gives the cell of one matched character the `match` role.
    private func highlightMatch(_ label: String, characterOffset: Int, startX: Int, y: Int, limit: Int, into canvas: inout Canvas) {
        let prefix = String(label.prefix(characterOffset))
        let x = startX + DisplayWidth.of(TerminalText.line(prefix))
        guard let character = label.dropFirst(characterOffset).first, x - startX < limit else { return }
        canvas.paint(x: x, y: y, width: DisplayWidth.of(character), role: .match)
    }

    private func drawDetails(_ layout: ExplorerLayout, _ context: ScreenContext, into canvas: inout Canvas) {
        let area = layout.details
        let lines = DetailView.lines(self, context, width: area.width, glyphs: canvas.glyphs)
        for index in details.visible(count: lines.count, height: area.height) {
            let y = area.y + index - details.offset
            var x = area.x
            for span in lines[index].spans {
                let room = area.right - x
                guard room > 0 else { break }
                x += canvas.draw(span.text, x: x, y: y, role: span.role, width: room)
            }
            if focus == .details && index == details.cursor {
                canvas.paint(x: area.x - 1, y: y, width: area.width + 1, role: .selection)
            }
        }
    }

    /// `6/11  ·  local workspace`, the filter, how old the data is; or the filter being typed.
    func drawStatus(into canvas: inout Canvas, _ rect: Rect, _ context: ScreenContext) {
        let rows = ExplorerTree.rows(self, context)
        if let input = filterInput {
            canvas.draw("/", x: rect.x, y: rect.y, role: .input, width: 1)
            input.draw(into: &canvas, Rect(x: rect.x + 1, y: rect.y, width: rect.width - 17, height: 1))
            let count = rows.filter { !$0.isContext }.count
            let text = count == 0 ? context.t(UIText.noMatches) : context.t(UIText.matches(count))
            canvas.draw(text, x: rect.right - DisplayWidth.of(text) - 1, y: rect.y, role: count == 0 ? .warn : .muted)
            return
        }
        var parts: [String] = []
        if let index = rows.firstIndex(where: { $0.node == selection }) { parts.append("\(index + 1)/\(rows.count)") }
        if !filter.isEmpty { parts.append("/\(filter)  (n/N)") }
        parts.append(context.t(context.settings.backend))
        if context.settings.readOnly { parts.append(context.t(UIText.readOnly)) }
        let used = canvas.draw(parts.joined(separator: "  ·  "), x: rect.x + 1, y: rect.y, role: .status)
        // How old what is shown is, when it is not fresh — in words, not only colour.
        if let offline = context.catalog.offline {
            canvas.draw("  " + context.t(UIText.offlineSince(Formatting.dateTime(offline.cachedFrom, timeZone: context.settings.timeZone))),
                        x: rect.x + 1 + used, y: rect.y, role: .warn)
        } else if context.catalog.unreachable {
            canvas.draw("  " + context.t(UIText.offlineNothingCached), x: rect.x + 1 + used, y: rect.y, role: .warn)
        } else if context.catalog.datasets == nil {
            // The first answer has not come: say what is being asked, not an empty project.
            canvas.draw("  " + context.t(UIText.waitingFor(context.t(context.settings.backend))), x: rect.x + 1 + used, y: rect.y, role: .muted)
        } else if let from = context.catalog.lastKnownFrom {
            canvas.draw("  " + context.t(UIText.lastKnown(Formatting.dateTime(from, timeZone: context.settings.timeZone))),
                        x: rect.x + 1 + used, y: rect.y, role: .muted)
        }
    }
}
