import KatalogCore

/// Draws a whole frame from state: a pure function from `AppState` to `Canvas`, so every
/// screen is tested as golden text without a terminal.
public enum Renderer {
    public static func render(_ state: AppState, keys: KeyRegistry, glyphs: Glyphs = .unicode) -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height, glyphs: glyphs)
        if state.isTooSmall {
            drawTooSmall(state, into: &canvas)
            return canvas
        }
        let layout = Layout(width: state.width, height: state.height)
        // The Explorer's rows, only where they are shown: not on every frame of the Lineage screen.
        let rows = state.screen == .explorer ? ExplorerTree.rows(state) : []
        drawHeader(state, layout, into: &canvas)
        switch state.screen {
        case .explorer:
            ExplorerScreen.draw(state, rows: rows, layout, into: &canvas)
        case .lineage:
            LineageScreen.draw(state, layout, into: &canvas)
        }
        drawStatus(state, rows: rows, layout, into: &canvas)
        drawFooter(state, layout, keys: keys, into: &canvas)
        switch state.overlay {
        case let .help(scroll)?: HelpOverlay.draw(state, keys: keys, scroll: scroll, into: &canvas)
        case let .product(slug, scroll)?: ProductPage.draw(state, slug: slug, scroll: scroll, into: &canvas)
        case let .messages(scroll)?: MessagesOverlay.draw(state, scroll: scroll, into: &canvas)
        case nil: break
        }
        return canvas
    }

    /// Below the minimum size: say so, centred, wrapped to whatever width there is.
    static func drawTooSmall(_ state: AppState, into canvas: inout Canvas) {
        let text = state.t(UIText.tooSmall(width: AppState.minimumWidth, height: AppState.minimumHeight))
        let lines = DetailLine.wrap(text, width: max(1, canvas.width)).map { $0.spans.map(\.text).joined() }
        let top = max(0, (canvas.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let x = max(0, (canvas.width - DisplayWidth.of(line)) / 2)
            canvas.draw(line, x: x, y: top + offset, role: .warn)
        }
    }

    private static func drawHeader(_ state: AppState, _ layout: Layout, into canvas: inout Canvas) {
        var x = canvas.draw(" katalog ", x: 0, y: 0, role: .title)
        var crumbs = [state.project.rawValue]
        if state.screen == .lineage {
            crumbs.append(state.t(UIText.lineage))
            if let node = state.lineage.selection.flatMap({ state.lineage.graph?.node($0) }) { crumbs.append(node.label) }
        } else {
        switch state.explorer.selection {
        case let .dataset(ref)?: crumbs.append(ref.dataset.rawValue)
        case let .table(ref)?: crumbs += [ref.dataset.rawValue, ref.table.rawValue]
        case let .section(section)?: crumbs.append(state.t(ExplorerTree.title(section)))
        case let .connection(id)?: crumbs += [state.t(UIText.connections), id]
        case let .scheduledQuery(id)?: crumbs += [state.t(UIText.scheduledQueries), state.explorer.scheduledQueries?.first { $0.id == id }?.displayName ?? id]
        case let .stream(id)?: crumbs += [state.t(UIText.streams), state.explorer.streams?.first { $0.id == id }?.displayName ?? id]
        case .placeholder?, nil: break
        }
        }
        // All four screens when there is room; on narrow terminals only the current one.
        let names = [UIText.explorer, UIText.lineage, UIText.publish, UIText.access].map { state.t($0) }
        let allTabs = names.enumerated().map { "\($0.offset + 1) \($0.element)" }
        let current = state.screen == .lineage ? 1 : 0
        let tabs = layout.width >= 110 ? allTabs : [allTabs[current]]
        let spinner = state.inFlight > 0 ? spinnerFrame(state.tick, glyphs: canvas.glyphs) + " " : "  "
        let right = spinner + tabs.joined(separator: "  ") + " "
        let room = layout.width - x - DisplayWidth.of(right) - 1
        x += 1
        canvas.draw(crumbs.joined(separator: " \(canvas.glyphs.separator) "), x: x, y: 0, role: .breadcrumb, width: max(0, room))
        let start = layout.width - DisplayWidth.of(right)
        canvas.draw(spinner, x: start, y: 0, role: .accent)
        var tabX = start + DisplayWidth.of(spinner)
        for (index, tab) in tabs.enumerated() {
            tabX += canvas.draw(tab, x: tabX, y: 0, role: tabs.count == 1 || index == current ? .title : .muted) + 2
        }
    }

    static func spinnerFrame(_ tick: Int, glyphs: Glyphs) -> String {
        let frames = glyphs == .ascii ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        return frames[tick % frames.count]
    }

    private static func drawStatus(_ state: AppState, rows: [TreeRow], _ layout: Layout, into canvas: inout Canvas) {
        let y = layout.statusRow
        if let input = state.input {
            let prompt = input.kind == .command ? ":" : "/"
            let used = canvas.draw(prompt + input.text, x: 0, y: y, role: .input, width: layout.width - 16)
            canvas.cursor = CursorPosition(x: used, y: y)
            if input.kind == .filter {
                let count = rows.filter { !$0.isContext }.count
                let text = count == 0 ? state.t(UIText.noMatches) : state.t(UIText.matches(count))
                canvas.draw(text, x: layout.width - DisplayWidth.of(text) - 1, y: y, role: count == 0 ? .warn : .muted)
            }
            return
        }
        if let toast = state.toast {
            canvas.draw(" \(toast.isError ? "✗" : "•") \(toast.text) ", x: 0, y: y, role: toast.isError ? .toastError : .toast)
            return
        }
        if state.screen == .lineage {
            canvas.draw(LineageScreen.status(state), x: 1, y: y, role: .status)
            return
        }
        var parts: [String] = []
        if let index = rows.firstIndex(where: { $0.node == state.explorer.selection }) { parts.append("\(index + 1)/\(rows.count)") }
        if !state.explorer.filter.isEmpty { parts.append("/\(state.explorer.filter)  (n/N)") }
        parts.append(state.t(state.backend))
        if state.readOnly { parts.append(state.t(UIText.readOnly)) }
        let used = canvas.draw(parts.joined(separator: "  ·  "), x: 1, y: y, role: .status)
        // How old what is shown is, when it is not fresh — in words, not only colour.
        if let offline = state.explorer.offline {
            canvas.draw("  " + state.t(UIText.offlineSince(Formatting.dateTime(offline.since, timeZone: state.timeZone))), x: 1 + used, y: y, role: .warn)
        } else if let from = state.explorer.lastKnownFrom {
            canvas.draw("  " + state.t(UIText.lastKnown(Formatting.dateTime(from, timeZone: state.timeZone))), x: 1 + used, y: y, role: .muted)
        }
    }

    /// Context keys from the left, as many as fit; help and quit always, on the right.
    private static func drawFooter(_ state: AppState, _ layout: Layout, keys: KeyRegistry, into canvas: inout Canvas) {
        let scopes: [KeyScope] = state.overlay != nil ? [.help] : state.keyScopes
        let hints = keys.footer(in: scopes).compactMap { binding in binding.keys.first.map { (binding.action, $0.name, state.t(binding.label)) } }
        let pinned = hints.filter { $0.0 == .help || $0.0 == .quit }
        let context = hints.filter { $0.0 != .help && $0.0 != .quit }
        func width(_ hint: (KeyAction, String, String)) -> Int { DisplayWidth.of(hint.1) + DisplayWidth.of(hint.2) + 4 }
        var right = layout.width - pinned.reduce(0) { $0 + width($1) }
        var x = 0
        for hint in context where x + width(hint) <= right {
            x += canvas.draw(" \(hint.1) ", x: x, y: layout.footerRow, role: .footerKey)
            x += canvas.draw(" \(hint.2) ", x: x, y: layout.footerRow, role: .footerText)
        }
        for hint in pinned {
            right += canvas.draw(" \(hint.1) ", x: right, y: layout.footerRow, role: .footerKey)
            right += canvas.draw(" \(hint.2) ", x: right, y: layout.footerRow, role: .footerText)
        }
    }
}
