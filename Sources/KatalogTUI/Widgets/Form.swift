import KatalogCore

/// Pages of fields, as the publish wizard needs them (huh's forms): text, markdown, select,
/// multi-select, toggle, picker, and a custom kind a screen draws itself (the table of PII
/// columns). Focus moves with Tab/Shift-Tab (and Up/Down where the field does not use them).
/// Problems come from `MarketplaceRules` and go to fields by `Problem.field`: each shows under
/// its field and the page counts them at the top. *Next* is blocked by a page's problems,
/// *Back* never is, and any page can be jumped to.
public struct Form: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        public enum Kind: Equatable, Sendable {
            case text(TextBuffer)
            case markdown(TextArea)
            /// One of the options; `highlight` is where Left/Right are.
            case select(options: [Picker.Option], chosen: Int?, highlight: Int)
            case multiSelect(options: [Picker.Option], chosen: Set<Int>, highlight: Int)
            case toggle(Bool, disabledReason: String?)
            /// Chosen through a picker the screen opens (options load in the background).
            case picker(chosen: Picker.Option?)
            /// Drawn and handled by the screen, named by `kind`.
            case custom(kind: String, summary: String)
        }

        /// The name problems use (`Problem.field`).
        public let id: String
        public var label: String
        public var required: Bool
        public var kind: Kind

        public init(id: String, label: String, required: Bool = false, kind: Kind) {
            self.id = id
            self.label = label
            self.required = required
            self.kind = kind
        }
    }

    public struct Page: Equatable, Sendable {
        public var title: String
        public var fields: [Field]

        public init(title: String, fields: [Field]) {
            self.title = title
            self.fields = fields
        }
    }

    /// What a key asks of the screen that owns the form.
    public enum Outcome: Equatable, Sendable {
        case pageChanged(Int)
        /// Next was pressed with problems on the page: how many.
        case blocked(problems: Int)
        case openEditor(field: String)
        case openPicker(field: String)
        case custom(field: String, key: Key)
        /// A disabled choice, with the rule's reason.
        case refused(String)
        case changed(field: String)
    }

    public var pages: [Page]
    public private(set) var page = 0
    public private(set) var focus = 0
    public var problems: [Problem] = []

    public init(pages: [Page]) {
        self.pages = pages
    }

    public var fields: [Field] { pages[page].fields }
    public var focusedField: Field? { fields[safe: focus] }

    public func problems(for field: String) -> [Problem] { problems.filter { $0.field == field } }
    public func problems(onPage index: Int) -> [Problem] {
        let ids = Set(pages[index].fields.map(\.id))
        return problems.filter { ids.contains($0.field) }
    }

    public func field(_ id: String) -> Field? { pages.lazy.flatMap(\.fields).first { $0.id == id } }

    public mutating func update(_ id: String, _ change: (inout Field) -> Void) {
        for p in pages.indices {
            if let f = pages[p].fields.firstIndex(where: { $0.id == id }) { change(&pages[p].fields[f]) }
        }
    }

    public mutating func next() -> Outcome {
        let count = problems(onPage: page).count
        guard count == 0 else { return .blocked(problems: count) }
        return jump(to: page + 1)
    }

    public mutating func back() -> Outcome { jump(to: page - 1) }

    /// Focuses a field of the page (a form made anew keeps the user's place).
    public mutating func focus(_ index: Int) {
        focus = max(0, min(fields.count - 1, index))
    }

    public mutating func jump(to index: Int) -> Outcome {
        page = max(0, min(pages.count - 1, index))
        focus = 0
        return .pageChanged(page)
    }

    /// One key for the focused field, or for moving between fields.
    public mutating func handle(_ key: Key, width: Int) -> Outcome? {
        guard var field = focusedField else { return nil }
        let id = field.id
        let index = focus
        defer { pages[page].fields[index] = field }
        switch (key, field.kind) {
        case (.tab, _):
            focus = (focus + 1) % max(1, fields.count)
            return nil
        case (.backTab, _):
            focus = (focus - 1 + max(1, fields.count)) % max(1, fields.count)
            return nil
        case (.control("e"), .markdown):
            return .openEditor(field: id)
        case (_, .custom):
            return .custom(field: id, key: key)
        case (.down, let kind) where !Self.usesVertical(kind):
            focus = min(fields.count - 1, focus + 1)
            return nil
        case (.up, let kind) where !Self.usesVertical(kind):
            focus = max(0, focus - 1)
            return nil
        case var (_, .text(buffer)):
            guard buffer.handle(key) else { return nil }
            field.kind = .text(buffer)
        case var (_, .markdown(area)):
            guard area.handle(key, width: width, height: 6) else { return nil }
            field.kind = .markdown(area)
        case let (_, .select(options, chosen, highlight)):
            switch key {
            case .left: field.kind = .select(options: options, chosen: chosen, highlight: max(0, highlight - 1)); return nil
            case .right: field.kind = .select(options: options, chosen: chosen, highlight: min(options.count - 1, highlight + 1)); return nil
            case .character(" "), .enter:
                if let reason = options[safe: highlight]?.disabledReason { return .refused(reason) }
                field.kind = .select(options: options, chosen: highlight, highlight: highlight)
            default: return nil
            }
        case let (_, .multiSelect(options, chosen, highlight)):
            switch key {
            case .left: field.kind = .multiSelect(options: options, chosen: chosen, highlight: max(0, highlight - 1)); return nil
            case .right: field.kind = .multiSelect(options: options, chosen: chosen, highlight: min(options.count - 1, highlight + 1)); return nil
            case .character(" "):
                if let reason = options[safe: highlight]?.disabledReason { return .refused(reason) }
                field.kind = .multiSelect(options: options, chosen: chosen.symmetricDifference([highlight]), highlight: highlight)
            default: return nil
            }
        case let (_, .toggle(on, reason)):
            guard key == .character(" ") || key == .enter else { return nil }
            if let reason { return .refused(reason) }
            field.kind = .toggle(!on, disabledReason: nil)
        case (.enter, .picker), (.character(" "), .picker):
            return .openPicker(field: id)
        default:
            return nil
        }
        return .changed(field: id)
    }

    public mutating func paste(_ text: String, width: Int) -> Outcome? {
        guard var field = focusedField else { return nil }
        switch field.kind {
        case var .text(buffer): buffer.insert(text); field.kind = .text(buffer)
        case var .markdown(area): area.insert(text); field.kind = .markdown(area)
        default: return nil
        }
        pages[page].fields[focus] = field
        return .changed(field: field.id)
    }

    private static func usesVertical(_ kind: Field.Kind) -> Bool {
        if case .markdown = kind { return true }
        return false
    }

    /// The page: its title and problem count on the first row, then each field — label, value,
    /// and its problems under it. `texts` gives the words in the user's language.
    public func draw(into canvas: inout Canvas, _ rect: Rect, texts: Texts) {
        guard rect.height > 0 else { return }
        let count = problems(onPage: page).count
        let heading = "\(pages[page].title)  \(page + 1)/\(pages.count)"
        let used = canvas.draw(heading, x: rect.x, y: rect.y, role: .title, width: rect.width)
        if count > 0 { canvas.draw("  " + texts.problems(count), x: rect.x + used, y: rect.y, role: .warn, width: rect.width - used) }
        var y = rect.y + 2
        let labelWidth = min(28, max(12, rect.width / 3))
        // A page taller than the screen scrolls so the focused field shows, whole.
        let first = firstShown(height: rect.bottom - y, problemWidth: max(1, rect.width - labelWidth - 2), texts: texts)
        if first > 0 { canvas.draw(canvas.glyphs == .ascii ? "^" : "↑", x: rect.right - 1, y: rect.y + 1, role: .muted, width: 1) }
        for (index, field) in fields.enumerated() where y < rect.bottom && index >= first {
            let focused = index == focus
            let label = field.label + (field.required ? " *" : "")
            canvas.draw(label, x: rect.x, y: y, role: focused ? .accent : .header, width: labelWidth - 1)
            let value = Rect(x: rect.x + labelWidth, y: y, width: rect.width - labelWidth, height: 1)
            switch field.kind {
            case let .text(buffer):
                buffer.draw(into: &canvas, value, role: .input, focused: focused)
            case let .markdown(area):
                let height = min(6, rect.bottom - y)
                area.draw(into: &canvas, Rect(x: value.x, y: y, width: value.width, height: height), focused: focused)
                y += max(0, height - 1)
            case let .select(options, chosen, highlight):
                Self.drawOptions(options, picked: chosen.map { [$0] } ?? [], highlight: focused ? highlight : nil, into: &canvas, value)
            case let .multiSelect(options, chosen, highlight):
                Self.drawOptions(options, picked: chosen, highlight: focused ? highlight : nil, into: &canvas, value)
            case let .toggle(on, reason):
                let box = on ? "[x]" : "[ ]"
                let used = canvas.draw(box, x: value.x, y: y, role: focused ? .selection : (reason == nil ? .normal : .dim), width: value.width)
                if let reason { canvas.draw("  " + reason, x: value.x + used, y: y, role: .muted, width: value.width - used) }
            case let .picker(chosen):
                canvas.draw(chosen?.label ?? texts.choose, x: value.x, y: y, role: focused ? .selection : (chosen == nil ? .muted : .normal), width: value.width)
            case let .custom(_, summary):
                canvas.draw(summary, x: value.x, y: y, role: focused ? .selection : .normal, width: value.width)
            }
            y += 1
            for problem in problems(for: field.id) where y < rect.bottom {
                let lines = DetailLine.wrap(texts.problem(problem), width: max(1, rect.width - labelWidth - 2))
                for line in lines where y < rect.bottom {
                    canvas.draw((canvas.glyphs == .ascii ? "! " : "⚠ ") + line.spans.map(\.text).joined(), x: value.x, y: y, role: .warn, width: value.width)
                    y += 1
                }
            }
            y += 1
        }
    }

    /// Rows a field takes: its line (six for a markdown area), its problems, a blank after.
    private func rows(of field: Field, problemWidth: Int, texts: Texts) -> Int {
        let own: Int = if case .markdown = field.kind { 6 } else { 1 }
        let problems = problems(for: field.id).reduce(0) { $0 + DetailLine.wrap(texts.problem($1), width: problemWidth).count }
        return own + problems + 1
    }

    /// The first field to draw so that the focused one fits below it.
    private func firstShown(height: Int, problemWidth: Int, texts: Texts) -> Int {
        var first = 0
        while first < focus, fields[first...focus].reduce(0, { $0 + rows(of: $1, problemWidth: problemWidth, texts: texts) }) > height { first += 1 }
        return first
    }

    private static func drawOptions(_ options: [Picker.Option], picked: Set<Int>, highlight: Int?, into canvas: inout Canvas, _ rect: Rect) {
        var x = rect.x
        for (index, option) in options.enumerated() where x < rect.right {
            let mark = picked.contains(index) ? (canvas.glyphs == .ascii ? "(*)" : "◉") : (canvas.glyphs == .ascii ? "( )" : "○")
            let role: Role = option.disabledReason != nil ? .dim : (index == highlight ? .selection : .normal)
            x += canvas.draw("\(mark) \(option.label)", x: x, y: rect.y, role: role, width: rect.right - x)
            // A disabled choice says why, where it is.
            if let reason = option.disabledReason, x < rect.right { x += canvas.draw(" (\(reason))", x: x, y: rect.y, role: .muted, width: rect.right - x) }
            x += 2
        }
    }

    /// The words a form draws, in the user's language.
    public struct Texts: Sendable {
        public let problems: @Sendable (Int) -> String
        public let problem: @Sendable (Problem) -> String
        public let choose: String

        public init(language: Language) {
            problems = { count in language == .nb ? "\(count) problem\(count == 1 ? "" : "er")" : "\(count) problem\(count == 1 ? "" : "s")" }
            problem = { $0.message.text(language) }
            choose = language == .nb ? "velg …" : "choose …"
        }
    }
}
