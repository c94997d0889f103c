import KatalogCore

/// Several lines of text being edited (a description in markdown): wrapped to the width it is
/// drawn in, the cursor moving up and down by *visual* line. `Ctrl-E` asks for the user's
/// `$VISUAL`/`$EDITOR` on the text (the runner suspends curses meanwhile, as for Ctrl-Z).
public struct TextArea: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    /// The first visual line shown.
    public private(set) var offset = 0

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Replaces the text (what the editor wrote), cursor at the end.
    public mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
        offset = 0
    }

    /// A visual line: the characters `start..<end` (without the line break that ends it).
    struct VisualLine: Equatable {
        let start: Int
        let end: Int
    }

    /// The text wrapped to `width` cells: at spaces where it can, inside a word where it must.
    func visualLines(width: Int) -> [VisualLine] {
        let width = max(1, width)
        var lines: [VisualLine] = []
        var start = 0
        var used = 0
        var lastSpace: Int?
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isNewline {
                lines.append(VisualLine(start: start, end: index))
                start = index + 1
                used = 0
                lastSpace = nil
                index += 1
                continue
            }
            let w = DisplayWidth.of(TerminalText.line(String(character)))
            if used + w > width, index > start {
                let breakAt = lastSpace.map { $0 + 1 } ?? index
                lines.append(VisualLine(start: start, end: breakAt))
                start = breakAt
                used = characters[start..<index].reduce(0) { $0 + DisplayWidth.of(TerminalText.line(String($1))) }
                lastSpace = nil
                continue
            }
            if character == " " { lastSpace = index }
            used += w
            index += 1
        }
        lines.append(VisualLine(start: start, end: characters.count))
        return lines
    }

    private func position(in lines: [VisualLine]) -> (line: Int, column: Int) {
        let line = lines.lastIndex { $0.start <= cursor } ?? 0
        let column = characters[lines[line].start..<min(cursor, lines[line].end)].reduce(0) { $0 + DisplayWidth.of(TerminalText.line(String($1))) }
        return (line, column)
    }

    /// The character index in `line` nearest to `column` cells.
    private func index(in line: VisualLine, column: Int) -> Int {
        var used = 0
        var index = line.start
        while index < line.end {
            let w = DisplayWidth.of(TerminalText.line(String(characters[index])))
            if used + w > column { break }
            used += w
            index += 1
        }
        return index
    }

    public mutating func insert(_ text: String) {
        let inserted = Array(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\t", with: "    "))
        characters.insert(contentsOf: inserted, at: cursor)
        cursor += inserted.count
    }

    /// Applies an editing key for a text area `width` cells wide showing `height` lines; false
    /// when the key is not an editing key here.
    public mutating func handle(_ key: Key, width: Int, height: Int) -> Bool {
        let lines = visualLines(width: width)
        let (line, column) = position(in: lines)
        switch key {
        case let .character(character): insert(String(character))
        case .enter: insert("\n")
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(characters.count, cursor + 1)
        case .up, .control("p"):
            guard line > 0 else { cursor = 0; break }
            cursor = index(in: lines[line - 1], column: column)
        case .down, .control("n"):
            guard line + 1 < lines.count else { cursor = characters.count; break }
            cursor = index(in: lines[line + 1], column: column)
        case .home, .control("a"): cursor = lines[line].start
        case .end: cursor = lines[line].end
        case .backspace, .control("h"):
            guard cursor > 0 else { break }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .control("k"):
            let end = lines[line].end
            characters.removeSubrange(cursor..<(end == cursor && end < characters.count ? end + 1 : end))
        default: return false
        }
        keepCursorVisible(width: width, height: height)
        return true
    }

    mutating func keepCursorVisible(width: Int, height: Int) {
        let line = position(in: visualLines(width: width)).line
        if line < offset { offset = line }
        if line >= offset + max(1, height) { offset = line - max(1, height) + 1 }
    }

    public func draw(into canvas: inout Canvas, _ rect: Rect, role: Role = .input, focused: Bool = true) {
        guard rect.width > 0, rect.height > 0 else { return }
        let lines = visualLines(width: rect.width)
        for (row, line) in lines.dropFirst(offset).prefix(rect.height).enumerated() {
            canvas.draw(String(characters[line.start..<line.end]), x: rect.x, y: rect.y + row, role: role, width: rect.width)
        }
        guard focused else { return }
        let (line, column) = position(in: lines)
        if line >= offset, line < offset + rect.height {
            canvas.cursor = CursorPosition(x: rect.x + min(column, rect.width - 1), y: rect.y + line - offset)
        }
    }
}
