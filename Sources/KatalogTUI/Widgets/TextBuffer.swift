import KatalogCore

/// One line of text being edited — `/`, `:`, every form field. The cursor sits between
/// grapheme clusters, so æøå, combining marks, emoji and CJK move and delete as one character
/// and keep their width. Readline's keys: Ctrl-A/E home and end, Ctrl-B/F and arrows, word
/// moves, Ctrl-K/U kill to the end or the start, Ctrl-W the word before, bracketed paste.
public struct TextBuffer: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Between characters: 0 is before the first, `characters.count` after the last.
    public private(set) var cursor: Int

    public init(_ text: String = "", cursor: Int? = nil) {
        characters = Array(text)
        self.cursor = min(max(0, cursor ?? characters.count), characters.count)
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Inserts typed or pasted text at the cursor. One line: line breaks and tabs become spaces.
    public mutating func insert(_ text: String) {
        let inserted = text.map { $0.isNewline || $0 == "\t" ? " " : $0 }
        characters.insert(contentsOf: inserted, at: cursor)
        cursor += inserted.count
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    /// To the start of this word, or of the one before.
    public mutating func moveWordLeft() { cursor = wordStart(before: cursor) }
    /// To the end of this word, or of the next one.
    public mutating func moveWordRight() {
        var index = cursor
        while index < characters.count, !Self.isWord(characters[index]) { index += 1 }
        while index < characters.count, Self.isWord(characters[index]) { index += 1 }
        cursor = index
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-W: the word before the cursor, with the spaces after it.
    public mutating func deleteWordBackward() {
        let start = wordStart(before: cursor)
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Ctrl-K.
    public mutating func killToEnd() { characters.removeSubrange(cursor...) }

    /// Ctrl-U.
    public mutating func killToStart() {
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    /// Applies an editing key; false when the key is not one (the caller handles it).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case let .character(character): insert(String(character))
        case .left, .control("b"): moveLeft()
        case .right, .control("f"): moveRight()
        case .home, .control("a"): moveHome()
        case .end, .control("e"): moveEnd()
        case .wordLeft: moveWordLeft()
        case .wordRight: moveWordRight()
        case .backspace, .control("h"): deleteBackward()
        case .delete, .control("d"): deleteForward()
        case .control("w"): deleteWordBackward()
        case .control("k"): killToEnd()
        case .control("u"): killToStart()
        default: return false
        }
        return true
    }

    /// What a key does to a one-line prompt (`/`, `:`): the owner decides what each means.
    public enum PromptOutcome: Equatable, Sendable {
        /// Esc.
        case cancelled
        /// Enter.
        case submitted
        /// Backspace on an empty line: the prompt goes away.
        case closed
        /// The text or the cursor changed.
        case edited
        /// Not a key for a prompt (Tab, say): the owner's.
        case ignored
    }

    public mutating func prompt(_ key: Key) -> PromptOutcome {
        switch key {
        case .escape: return .cancelled
        case .enter: return .submitted
        case .backspace where isEmpty: return .closed
        default: return handle(key) ? .edited : .ignored
        }
    }

    private func wordStart(before index: Int) -> Int {
        var index = index
        while index > 0, !Self.isWord(characters[index - 1]) { index -= 1 }
        while index > 0, Self.isWord(characters[index - 1]) { index -= 1 }
        return index
    }

    static func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }

    /// Draws the text on one row of `rect`, scrolled so the cursor is in view, and places the
    /// terminal cursor when `focused`. Untrusted text: the canvas makes controls visible.
    public func draw(into canvas: inout Canvas, _ rect: Rect, role: Role = .input, focused: Bool = true) {
        guard rect.width > 0, rect.height > 0 else { return }
        let safe = characters.map { TerminalText.line(String($0)) }
        let widths = safe.map { DisplayWidth.of($0) }
        let before = widths[..<cursor].reduce(0, +)
        // The first character shown: enough of them scrolled off that the cursor fits.
        var first = 0
        var hidden = 0
        while before - hidden >= rect.width, first < cursor {
            hidden += widths[first]
            first += 1
        }
        var x = rect.x
        for index in first..<safe.count {
            guard x + widths[index] <= rect.right else { break }
            x += canvas.draw(safe[index], x: x, y: rect.y, role: role, width: rect.right - x)
        }
        if focused { canvas.cursor = CursorPosition(x: rect.x + before - hidden, y: rect.y) }
    }
}
