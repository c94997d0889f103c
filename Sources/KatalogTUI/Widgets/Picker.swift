import KatalogCore

/// Choosing one of many: a query field, the options that match it (fuzzy, as fzf), a list.
/// Options may load in the background (Teamkatalogen's teams, keywords): each load gets a
/// generation number, and an answer for an older one is dropped, so a slow first answer never
/// replaces a newer one.
public struct Picker: Equatable, Sendable {
    public struct Option: Equatable, Sendable {
        public let id: String
        public let label: String
        public let detail: String?
        /// Shown but not choosable, with the reason (the rule that disables it).
        public let disabledReason: String?
        /// The branch it hangs under (a table's dataset): options are drawn as a tree under their
        /// group, and the query matches the group too.
        public let group: String?

        public init(id: String, label: String, detail: String? = nil, disabledReason: String? = nil, group: String? = nil) {
            self.id = id
            self.label = label
            self.detail = detail
            self.disabledReason = disabledReason
            self.group = group
        }

        var searched: String { group.map { "\($0).\(label)" } ?? label }
    }

    public enum Outcome: Equatable, Sendable {
        case chosen(Option)
        case cancelled
        /// The query changed: options that depend on it should load again (`beginLoad`).
        case queryChanged(String)
        /// Enter on a disabled option: the reason, for the status line.
        case refused(String)
    }

    public var title: String
    public private(set) var query = TextBuffer()
    public private(set) var options: [Option] = []
    public private(set) var generation = 0
    public private(set) var loading = false
    /// Why the last load failed, shown in place of the list (with a retry hint).
    public private(set) var failure: String?
    public private(set) var list = ListState()

    public init(title: String, options: [Option] = []) {
        self.title = title
        self.options = options
    }

    /// The options matching the query, best first: exact prefix, then fuzzy matches in order.
    public var matches: [Option] {
        let text = query.text
        guard !text.isEmpty else { return options }
        let lower = text.lowercased()
        let fuzzy = options.filter { FuzzyMatch.match(text, in: $0.searched) != nil }
        // Grouped options keep the tree's order; others put prefix matches first.
        if fuzzy.contains(where: { $0.group != nil }) { return fuzzy }
        return fuzzy.filter { $0.label.lowercased().hasPrefix(lower) } + fuzzy.filter { !$0.label.lowercased().hasPrefix(lower) }
    }

    /// A load starts: returns its generation, which the answer must carry.
    public mutating func beginLoad() -> Int {
        generation += 1
        loading = true
        failure = nil
        return generation
    }

    /// An answer arrives; false (and nothing changes) when it is for an older load.
    @discardableResult
    public mutating func deliver(_ result: Result<[Option], LoadFailure>, generation answered: Int, language: Language) -> Bool {
        guard answered == generation else { return false }
        loading = false
        switch result {
        case let .success(loaded):
            options = loaded
            failure = nil
        case let .failure(error):
            failure = error.message.text(language)
        }
        list.clamp(count: matches.count, height: 1)
        return true
    }

    public mutating func handle(_ key: Key, height: Int) -> Outcome? {
        switch key {
        case .escape: return .cancelled
        case .enter:
            guard let option = matches[safe: list.cursor] else { return nil }
            if let reason = option.disabledReason { return .refused(reason) }
            return .chosen(option)
        case .down, .control("n"): list.move(.down, count: matches.count, height: height)
        case .up, .control("p"): list.move(.up, count: matches.count, height: height)
        case .pageDown: list.move(.pageDown, count: matches.count, height: height)
        case .pageUp: list.move(.pageUp, count: matches.count, height: height)
        default:
            let before = query.text
            guard query.handle(key) else { return nil }
            if query.text != before {
                list.move(.top, count: matches.count, height: height)
                return .queryChanged(query.text)
            }
        }
        return nil
    }

    public mutating func paste(_ text: String) -> Outcome? {
        query.insert(text)
        list.move(.top, count: matches.count, height: 1)
        return .queryChanged(query.text)
    }

    /// The query on the first row, the matches below.
    public func draw(into canvas: inout Canvas, _ rect: Rect, loadingText: String, emptyText: String) {
        guard rect.height > 0 else { return }
        canvas.draw("› ", x: rect.x, y: rect.y, role: .accent, width: 2)
        query.draw(into: &canvas, Rect(x: rect.x + 2, y: rect.y, width: rect.width - 2, height: 1))
        let body = rect.splitTop(1).rest
        let shown = matches
        if let failure {
            for (index, line) in DetailLine.wrap(failure, width: max(1, body.width)).prefix(body.height).enumerated() {
                canvas.draw(line.spans.map(\.text).joined(), x: body.x, y: body.y + index, role: .warn, width: body.width)
            }
            return
        }
        if shown.isEmpty {
            canvas.draw(loading ? loadingText : emptyText, x: body.x, y: body.y, role: .muted, width: body.width)
            return
        }
        // Rows: a group's heading before its first option, then its options indented.
        var rows: [(option: Int?, text: String)] = []
        for (index, option) in shown.enumerated() {
            if let group = option.group, group != shown[safe: index - 1]?.group { rows.append((nil, (canvas.glyphs == .ascii ? "v " : "▾ ") + group)) }
            rows.append((index, (option.group == nil ? "" : "  ") + option.label))
        }
        let cursor = min(list.cursor, shown.count - 1)
        let cursorRow = rows.firstIndex { $0.option == cursor } ?? 0
        let offset = max(0, cursorRow - body.height + 1)
        for (row, entry) in rows.enumerated().dropFirst(offset).prefix(body.height) {
            let y = body.y + row - offset
            guard let index = entry.option else {
                canvas.draw(entry.text, x: body.x, y: y, role: .header, width: body.width)
                continue
            }
            let option = shown[index]
            let used = canvas.draw(entry.text, x: body.x, y: y, role: option.disabledReason == nil ? .normal : .dim, width: body.width)
            if let detail = option.disabledReason ?? option.detail, used + 2 < body.width {
                canvas.draw(detail, x: body.x + used + 2, y: y, role: .muted, width: body.width - used - 2)
            }
            if index == cursor { canvas.paint(x: body.x, y: y, width: body.width, role: .selection) }
        }
    }
}
