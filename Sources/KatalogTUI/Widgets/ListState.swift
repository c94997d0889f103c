/// A list's cursor, scroll offset and marks — the one place list movement lives (the Explorer
/// tree, detail lines, overlays, lineage columns, access tabs). Rows are addressed by index;
/// the owner maps them to its items.
public struct ListState: Equatable, Sendable {
    public private(set) var cursor = 0
    public private(set) var offset = 0
    /// Marked rows (`Space`), by index.
    public private(set) var marks: Set<Int> = []
    /// Where `v` started a range, while one is being drawn.
    public private(set) var rangeStart: Int?

    public init(cursor: Int = 0, offset: Int = 0) {
        self.cursor = max(0, cursor)
        self.offset = max(0, offset)
    }

    public enum Move: Equatable, Sendable { case down, up, pageDown, pageUp, top, bottom, to(Int) }

    /// Moves the cursor within `count` rows and keeps it in a viewport of `height` rows.
    public mutating func move(_ move: Move, count: Int, height: Int) {
        guard count > 0 else { cursor = 0; offset = 0; return }
        let page = max(1, height - 1)
        switch move {
        case .down: cursor += 1
        case .up: cursor -= 1
        case .pageDown: cursor += page
        case .pageUp: cursor -= page
        case .top: cursor = 0
        case .bottom: cursor = count - 1
        case let .to(index): cursor = index
        }
        clamp(count: count, height: height)
    }

    /// Puts cursor and offset back in range after the rows or the viewport changed, keeping
    /// the cursor visible.
    public mutating func clamp(count: Int, height: Int) {
        cursor = max(0, min(cursor, count - 1))
        let height = max(1, height)
        if cursor < offset { offset = cursor }
        if cursor >= offset + height { offset = cursor - height + 1 }
        offset = max(0, min(offset, max(0, count - height)))
        marks = marks.filter { $0 < count }
    }

    /// Scrolls the view without a cursor (help, messages, a page of text).
    public mutating func scroll(_ move: Move, count: Int, height: Int) {
        let page = max(1, height - 1)
        let last = max(0, count - height)
        switch move {
        case .down: offset += 1
        case .up: offset -= 1
        case .pageDown: offset += page
        case .pageUp: offset -= page
        case .top: offset = 0
        case .bottom: offset = last
        case let .to(index): offset = index
        }
        offset = max(0, min(offset, last))
    }

    /// `Space`: marks or unmarks the cursor row.
    public mutating func toggleMark() {
        if marks.contains(cursor) { marks.remove(cursor) } else { marks.insert(cursor) }
    }

    /// `v`: starts a range at the cursor, or marks everything from its start to the cursor.
    public mutating func toggleRange() {
        if let start = rangeStart {
            marks.formUnion(min(start, cursor)...max(start, cursor))
            rangeStart = nil
        } else {
            rangeStart = cursor
        }
    }

    public mutating func clearMarks() {
        marks = []
        rangeStart = nil
    }

    /// What a bulk action acts on: the marked rows, else the cursor row.
    public func selection(count: Int) -> [Int] {
        guard count > 0 else { return [] }
        let marked = marks.filter { $0 < count }.sorted()
        return marked.isEmpty ? [min(cursor, count - 1)] : marked
    }

    /// The rows of the viewport, as indices.
    public func visible(count: Int, height: Int) -> Range<Int> {
        offset..<min(count, offset + max(0, height))
    }
}
