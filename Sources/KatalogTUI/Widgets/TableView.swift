import KatalogCore

/// A table of rows under titled columns: fixed, fit-to-content or flexible widths, a gutter
/// that shows marks, cells cut with `…`, the cursor row highlighted. For the access tabs and
/// the PII column table; the rows are the caller's, `ListState` says where the cursor is.
public struct TableView: Sendable {
    public struct Column: Equatable, Sendable {
        public enum Width: Equatable, Sendable {
            /// Exactly this many cells.
            case fixed(Int)
            /// As wide as the widest cell or the title, up to `max`.
            case fit(max: Int)
            /// A share of what is left after the others (weights add up).
            case flex(Int)
        }

        public var title: String
        public var width: Width
        public var alignRight: Bool

        public init(_ title: String, _ width: Width, alignRight: Bool = false) {
            self.title = title
            self.width = width
            self.alignRight = alignRight
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// A role per row (e.g. dim for revoked), else normal.
    public var rowRoles: [Role?] = []
    public var gap = 2

    public init(columns: [Column], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Cells each column gets within `available` (the mark gutter excluded).
    public func widths(available: Int) -> [Int] {
        var widths = columns.enumerated().map { index, column -> Int in
            switch column.width {
            case let .fixed(n): return n
            case let .fit(limit):
                let widest = rows.reduce(DisplayWidth.of(column.title)) { max($0, DisplayWidth.of(TerminalText.line($1[safe: index] ?? ""))) }
                return min(limit, widest)
            case .flex: return 0
            }
        }
        let weights = columns.map { if case let .flex(w) = $0.width { max(1, w) } else { 0 } }
        let left = max(0, available - widths.reduce(0, +) - gap * max(0, columns.count - 1))
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0 {
            var given = 0
            for index in columns.indices where weights[index] > 0 {
                widths[index] = left * weights[index] / totalWeight
                given += widths[index]
            }
            // The cells integer division left over go to the last flexible column.
            if let last = weights.lastIndex(where: { $0 > 0 }) { widths[last] += left - given }
        }
        return widths
    }

    /// Header on the first row of `rect`, rows below from `list.offset`.
    public func draw(into canvas: inout Canvas, _ rect: Rect, list: ListState, focused: Bool = true) {
        guard rect.width > 2, rect.height > 0 else { return }
        let gutter = 2
        let widths = widths(available: rect.width - gutter)
        func drawRow(_ cells: [String], y: Int, role: Role) {
            var x = rect.x + gutter
            for (index, width) in widths.enumerated() where x < rect.right {
                let text = cells[safe: index] ?? ""
                let room = min(width, rect.right - x)
                let shown = DisplayWidth.truncate(TerminalText.line(text), to: room, ellipsis: canvas.glyphs.ellipsis)
                let pad = columns[index].alignRight ? room - DisplayWidth.of(shown) : 0
                canvas.draw(shown, x: x + pad, y: y, role: role, width: room - pad)
                x += width + gap
            }
        }
        drawRow(columns.map(\.title), y: rect.y, role: .header)
        let body = rect.splitTop(1).rest
        for index in list.visible(count: rows.count, height: body.height) {
            let y = body.y + index - list.offset
            let selected = index == list.cursor
            if list.marks.contains(index) { canvas.draw(canvas.glyphs == .ascii ? "*" : "●", x: rect.x, y: y, role: .accent, width: 1) }
            drawRow(rows[index], y: y, role: rowRoles[safe: index].flatMap { $0 } ?? .normal)
            if selected { canvas.paint(x: rect.x + 1, y: y, width: rect.width - 1, role: focused ? .selection : .selectionInactive) }
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
