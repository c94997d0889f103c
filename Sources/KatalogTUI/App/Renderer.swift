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
        let context = state.context
        drawHeader(state, context, into: &canvas)
        state.screen.draw(into: &canvas, context.body, context)
        drawStatus(state, context, into: &canvas)
        drawFooter(state, keys: keys, into: &canvas)
        for modal in state.modals { draw(modal, state, context, keys: keys, into: &canvas) }
        return canvas
    }

    private static func draw(_ modal: Modal, _ state: AppState, _ context: ScreenContext, keys: KeyRegistry, into canvas: inout Canvas) {
        let hint = state.t(UIText.closeHint)
        let lines = state.modalLines(modal, keys: keys)
        switch modal {
        case let .help(list): OverlayBox.draw(title: state.t(UIText.help), hint: hint, lines: lines, scroll: list, into: &canvas)
        case let .messages(list): OverlayBox.draw(title: state.t(UIText.messages), hint: hint, lines: lines, scroll: list, into: &canvas)
        case let .product(slug, list):
            // What the page offers besides closing, unless --read-only hides it.
            let actions = state.readOnly ? hint : state.t(LocalizedText(nb: "p legg til datasett · D slett · ", en: "p add a datasett · D delete · ")) + hint
            OverlayBox.draw(title: ProductPage.title(slug: slug, context), hint: actions, lines: lines, scroll: list, into: &canvas)
        case let .details(title, _, list): OverlayBox.draw(title: title, hint: hint, lines: lines, scroll: list, into: &canvas)
        case let .confirmation(confirmation, _):
            confirmation.draw(into: &canvas, context.body, yesLabel: state.t(UIText.yes), noLabel: state.t(UIText.no))
        }
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

    /// The name, the breadcrumbs of every screen open (the navigation stack), the screens' tabs.
    private static func drawHeader(_ state: AppState, _ context: ScreenContext, into canvas: inout Canvas) {
        let width = state.width
        var x = canvas.draw(" katalog ", x: 0, y: 0, role: .title)
        let crumbs = [state.project.rawValue] + state.navigation.stack.flatMap { state.navigation[$0].breadcrumb(context) }
        // All four screens when there is room; on narrow terminals only the current one.
        let names = [UIText.explorer, UIText.lineage, UIText.publish, UIText.access].map { state.t($0) }
        let allTabs = names.enumerated().map { "\($0.offset + 1) \($0.element)" }
        let current = state.navigation.top.rawValue - 1
        let tabs = width >= 110 ? allTabs : [allTabs[current]]
        let spinner = state.inFlight > 0 ? spinnerFrame(state.tick, glyphs: canvas.glyphs) + " " : "  "
        let right = spinner + tabs.joined(separator: "  ") + " "
        let room = width - x - DisplayWidth.of(right) - 1
        x += 1
        canvas.draw(fitCrumbs(crumbs, separator: " \(canvas.glyphs.separator) ", width: room, ellipsis: canvas.glyphs.ellipsis),
                    x: x, y: 0, role: .breadcrumb, width: max(0, room))
        let start = width - DisplayWidth.of(right)
        canvas.draw(spinner, x: start, y: 0, role: .accent)
        var tabX = start + DisplayWidth.of(spinner)
        for (index, tab) in tabs.enumerated() {
            tabX += canvas.draw(tab, x: tabX, y: 0, role: tabs.count == 1 || index == current ? .title : .muted) + 2
        }
    }

    /// The breadcrumbs, dropping the oldest ones first when they do not fit: the screen shown
    /// is at the end.
    static func fitCrumbs(_ crumbs: [String], separator: String, width: Int, ellipsis: String) -> String {
        func text(from first: Int) -> String {
            ((first == 0 ? [] : [ellipsis]) + crumbs[first...]).joined(separator: separator)
        }
        var first = 0
        while first < crumbs.count - 1, DisplayWidth.of(TerminalText.line(text(from: first))) > width { first += 1 }
        return text(from: first)
    }

    static func spinnerFrame(_ tick: Int, glyphs: Glyphs) -> String {
        let frames = glyphs == .ascii ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        return frames[tick % frames.count]
    }

    /// The command line while it is open, else a prompt being typed, else a toast, else the
    /// screen's own status.
    private static func drawStatus(_ state: AppState, _ context: ScreenContext, into canvas: inout Canvas) {
        let row = Rect(x: 0, y: state.height - 2, width: state.width, height: 1)
        if let line = state.commandLine {
            if !state.completions.isEmpty { drawCompletions(state.completions, above: row, into: &canvas) }
            canvas.draw(":", x: 0, y: row.y, role: .input, width: 1)
            line.draw(into: &canvas, Rect(x: 1, y: row.y, width: row.width - 17, height: 1))
            return
        }
        if let toast = state.toast {
            // What is being typed is never hidden by a toast: the toast goes just above it.
            let prompt = state.screen.showsPrompt
            canvas.draw(" \(toast.isError ? "✗" : "•") \(toast.text) ", x: 0, y: prompt ? row.y - 1 : row.y, role: toast.isError ? .toastError : .toast)
            if !prompt { return }
        }
        state.screen.drawStatus(into: &canvas, row, context)
    }

    /// The candidates of a Tab, in columns above the command line, as many rows as they need
    /// (at most a third of the screen; the last cell says how many more).
    private static func drawCompletions(_ candidates: [String], above row: Rect, into canvas: inout Canvas) {
        let cell = min(row.width, (candidates.map { DisplayWidth.of($0) }.max() ?? 1) + 2)
        let perRow = max(1, row.width / max(1, cell))
        let rows = min((candidates.count + perRow - 1) / perRow, max(1, canvas.height / 3))
        let shown = min(candidates.count, rows * perRow)
        canvas.fill(x: 0, y: row.y - rows, width: row.width, height: rows, role: .overlay)
        for (index, candidate) in candidates.prefix(shown).enumerated() {
            let more = candidates.count - shown
            let text = more > 0 && index == shown - 1 ? "+\(more + 1)" : candidate
            canvas.draw(text, x: (index % perRow) * cell, y: row.y - rows + index / perRow, role: .overlay, width: cell - 1)
        }
    }

    /// The keys of what has focus: the command line, a confirmation, a screen's widget, else the
    /// registry's for the shown screen (or the help scope under a modal). Context keys from the
    /// left, as many as fit; help and quit always, on the right.
    private static func drawFooter(_ state: AppState, keys: KeyRegistry, into canvas: inout Canvas) {
        let footerRow = state.height - 1
        let language = state.language
        let own: [FooterHint]?
        if state.commandLine != nil {
            own = TextBuffer.promptHints(language, completes: true)
        } else if case let .confirmation(confirmation, _)? = state.modals.last {
            own = confirmation.footerHints(language)
        } else if state.modals.isEmpty {
            own = state.screen.footerHints(state.context)
        } else {
            own = nil
        }
        let scopes: [KeyScope] = state.modals.isEmpty ? state.keyScopes : [.help]
        let registered = keys.footer(in: scopes).compactMap { binding in binding.keys.first.map { (binding.action, FooterHint($0.name, state.t(binding.label))) } }
        let pinned = own == nil ? registered.filter { $0.0 == .help || $0.0 == .quit }.map(\.1) : []
        let context = own ?? registered.filter { $0.0 != .help && $0.0 != .quit }.map(\.1)
        func width(_ hint: FooterHint) -> Int { DisplayWidth.of(hint.key) + DisplayWidth.of(hint.label) + 4 + (hint.disabledReason.map { DisplayWidth.of($0) + 3 } ?? 0) }
        var right = state.width - pinned.reduce(0) { $0 + width($1) }
        var x = 0
        for hint in context where x + width(hint) <= right {
            x += canvas.draw(" \(hint.key) ", x: x, y: footerRow, role: hint.disabledReason == nil ? .footerKey : .muted)
            x += canvas.draw(" \(hint.label) ", x: x, y: footerRow, role: hint.disabledReason == nil ? .footerText : .muted)
            if let reason = hint.disabledReason { x += canvas.draw("(\(reason)) ", x: x, y: footerRow, role: .muted) }
        }
        for hint in pinned {
            right += canvas.draw(" \(hint.key) ", x: right, y: footerRow, role: .footerKey)
            right += canvas.draw(" \(hint.label) ", x: right, y: footerRow, role: .footerText)
        }
    }
}
