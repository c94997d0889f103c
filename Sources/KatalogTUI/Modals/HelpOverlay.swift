import KatalogCore

/// `?`: every key of the current screen and the global ones, from the key registry, with why a
/// disabled key is disabled.
enum HelpOverlay {
    static func lines(scopes: [KeyScope], keys: KeyRegistry, _ context: ScreenContext) -> [DetailLine] {
        var lines: [DetailLine] = []
        for scope in scopes {
            lines.append(DetailLine(context.t(KeyRegistry.scopeTitle(scope)), .header))
            for binding in keys.bindings(in: scope) {
                var spans: [DetailLine.Span] = [
                    .init(text: DisplayWidth.pad(binding.keyNames, to: 18), role: binding.disabledReason == nil ? .footerKey : .muted),
                    .init(text: "  " + context.t(binding.description), role: binding.disabledReason == nil ? .overlay : .muted),
                ]
                if let reason = binding.disabledReason { spans.append(.init(text: " (\(context.t(reason)))", role: .muted)) }
                lines.append(DetailLine(spans))
            }
            lines.append(.blank)
        }
        return lines
    }
}

/// `:messages`: every toast so far, newest last, each in full (wrapped, never cut).
enum MessagesOverlay {
    static func lines(_ messages: [LogMessage], _ context: ScreenContext) -> [DetailLine] {
        guard !messages.isEmpty else { return [DetailLine(context.t(UIText.noMessages), .muted)] }
        let width = max(10, OverlayBox.innerWidth(onScreen: context.width) - 2)
        return messages.flatMap { message in
            DetailLine.wrap(message.text, width: width, role: message.isError ? .danger : .overlay).enumerated().map { index, line in
                DetailLine([.init(text: index == 0 ? (message.isError ? "✗ " : "• ") : "  ", role: message.isError ? .danger : .overlay)] + line.spans)
            }
        }
    }
}

/// A framed box over the screen with a title and scrolling lines.
enum OverlayBox {
    /// The box's width on a screen this wide: at most 100.
    static func width(onScreen screenWidth: Int) -> Int { min(screenWidth - 4, 100) }
    /// The room for text inside it: a frame and a margin on each side.
    static func innerWidth(onScreen screenWidth: Int) -> Int { width(onScreen: screenWidth) - 4 }
    /// The lines it shows at once on a screen this high.
    static func visibleLines(onScreen screenHeight: Int) -> Int { max(1, screenHeight - 6) }

    static func draw(title: String, hint: String, lines: [DetailLine], scroll: ListState, into canvas: inout Canvas) {
        let width = width(onScreen: canvas.width)
        let height = canvas.height - 4
        let left = (canvas.width - width) / 2
        let top = 2
        canvas.fill(x: left, y: top, width: width, height: height, role: .overlay)
        canvas.box(x: left, y: top, width: width, height: height)
        canvas.draw(" \(title) ", x: left + 2, y: top, role: .title)
        canvas.draw(" \(hint) ", x: left + width - DisplayWidth.of(hint) - 4, y: top + height - 1, role: .muted)
        var view = scroll
        view.scroll(.to(scroll.offset), count: lines.count, height: height - 2)
        for (offset, index) in view.visible(count: lines.count, height: height - 2).enumerated() {
            var x = left + 2
            for span in lines[index].spans {
                let room = left + width - 2 - x
                guard room > 0 else { break }
                x += canvas.draw(span.text, x: x, y: top + 1 + offset, role: span.role, width: room)
            }
        }
    }
}
