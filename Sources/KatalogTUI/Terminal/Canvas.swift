import KatalogCore

/// One terminal cell: a grapheme and its role. A wide glyph fills its cell and leaves the next
/// one as a continuation (`text == ""`).
public struct Cell: Equatable, Sendable {
    public var text: String
    public var role: Role

    public static let blank = Cell(text: " ", role: .normal)
    var isContinuation: Bool { text.isEmpty }
}

/// The in-memory grid every screen draws into (the ratatui pattern): testable without a
/// terminal, and only its difference from the last frame goes to ncurses.
///
/// Every string drawn passes `TerminalText.line` here, so untrusted text has no way around the
/// sanitiser; sanitising is idempotent, so text that was already safe is unchanged. With the
/// ASCII glyphs (a locale that is not UTF-8) text is folded to ASCII too.
public struct Canvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let glyphs: Glyphs
    private(set) var cells: [Cell]
    /// Where the terminal cursor shows (in a text field); hidden when nil.
    public var cursor: CursorPosition?

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Draws `text` from (x, y) on one line, cut with an ellipsis to `width` cells (default: to
    /// the right edge). Returns the number of cells used.
    @discardableResult
    public mutating func draw(_ text: String, x: Int, y: Int, role: Role = .normal, width limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let start = max(0, x)
        let room = min(limit ?? (width - start), width - start)
        guard room > 0 else { return 0 }
        // A locale that cannot show more than ASCII gets every letter in a form it can show.
        let visible = glyphs == .ascii ? ASCIIFolding.fold(TerminalText.line(text)) : TerminalText.line(text)
        let safe = DisplayWidth.truncate(visible, to: room, ellipsis: glyphs.ellipsis)
        var column = start
        for character in safe {
            let cellWidth = DisplayWidth.of(character)
            if cellWidth == 0 { continue }
            guard column + cellWidth <= start + room else { break }
            put(Cell(text: String(character), role: role), x: column, y: y)
            // A glyph of several cells (wide, or a ZWJ sequence drawn emoji by emoji) owns them all.
            for extra in 1..<max(1, cellWidth) { put(Cell(text: "", role: role), x: column + extra, y: y) }
            column += cellWidth
        }
        return column - start
    }

    /// Blanks a rectangle with a role (a background for overlays and selection bars).
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: Role = .normal) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) { put(Cell(text: " ", role: role), x: column, y: row) }
        }
    }

    /// Gives cells a role without changing their text (highlighting a selected row).
    public mutating func paint(x: Int, y: Int, width w: Int, role: Role) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + w) { cells[y * width + column].role = role }
    }

    /// A horizontal rule.
    public mutating func horizontalLine(x: Int, y: Int, width w: Int, role: Role = .border) {
        draw(String(repeating: glyphs.horizontal, count: max(0, w)), x: x, y: y, role: role, width: w)
    }

    /// A vertical rule.
    public mutating func verticalLine(x: Int, y: Int, height h: Int, role: Role = .border) {
        for row in y..<(y + h) { draw(glyphs.vertical, x: x, y: row, role: role, width: 1) }
    }

    /// A frame around a rectangle.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, role: Role = .border) {
        guard w >= 2, h >= 2 else { return }
        horizontalLine(x: x + 1, y: y, width: w - 2, role: role)
        horizontalLine(x: x + 1, y: y + h - 1, width: w - 2, role: role)
        verticalLine(x: x, y: y + 1, height: h - 2, role: role)
        verticalLine(x: x + w - 1, y: y + 1, height: h - 2, role: role)
        draw(glyphs.corners[0], x: x, y: y, role: role, width: 1)
        draw(glyphs.corners[1], x: x + w - 1, y: y, role: role, width: 1)
        draw(glyphs.corners[2], x: x, y: y + h - 1, role: role, width: 1)
        draw(glyphs.corners[3], x: x + w - 1, y: y + h - 1, role: role, width: 1)
    }

    /// One of katalog's own one-cell glyphs (a line, a corner, an arrowhead) into its cell: not
    /// sanitised or measured as text from outside must be, which the lineage drawing's
    /// thousands of line cells would pay for in every frame.
    mutating func drawGlyph(_ glyph: String, x: Int, y: Int, role: Role) {
        put(Cell(text: glyph, role: role), x: x, y: y)
    }

    /// Writes one cell, mending any glyph of several cells it cuts into: what is left of it
    /// becomes blanks, never half a glyph.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let rowStart = y * width
        let index = rowStart + x
        if !cell.isContinuation {
            var head = index
            while head > rowStart, cells[head].isContinuation { head -= 1 }
            if head != index || Self.isWide(cells[head].text) { blankGlyph(from: head, rowEnd: rowStart + width) }
        } else if !cells[index].isContinuation, Self.isWide(cells[index].text) {
            blankGlyph(from: index, rowEnd: rowStart + width)
        }
        cells[index] = cell
    }

    /// Two cells or more: never a single byte (a cell holds no controls), so most cells are
    /// told without measuring.
    private static func isWide(_ text: String) -> Bool { text.utf8.count > 1 && DisplayWidth.of(text) > 1 }

    /// The glyph whose first cell is `head`, and its continuation cells, as blanks.
    private mutating func blankGlyph(from head: Int, rowEnd: Int) {
        cells[head] = Cell(text: " ", role: cells[head].role)
        var next = head + 1
        while next < rowEnd, cells[next].isContinuation {
            cells[next] = Cell(text: " ", role: cells[next].role)
            next += 1
        }
    }

    // MARK: Golden text

    /// The text of each row, trailing spaces trimmed.
    public var rows: [String] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * 3)
        return (0..<height).map { y in
            bytes.removeAll(keepingCapacity: true)
            for cell in cells[(y * width)..<((y + 1) * width)] { bytes.append(contentsOf: cell.text.utf8) }
            while bytes.last == 0x20 { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The role of each cell as one letter (`Role.code`), continuation cells repeating their
    /// glyph's role: a theme-independent picture of what means what.
    public var roleRows: [String] {
        (0..<height).map { y in String((0..<width).map { self[$0, y].role.code }) }
    }
}

public struct CursorPosition: Equatable, Sendable {
    public let x: Int
    public let y: Int
}

/// Line-drawing and marker characters, with an ASCII set for terminals whose locale is not
/// UTF-8.
public struct Glyphs: Equatable, Sendable {
    public let horizontal: String
    public let vertical: String
    public let branch: String
    public let lastBranch: String
    public let pipe: String
    public let expanded: String
    public let collapsed: String
    public let ellipsis: String
    public let separator: String
    /// Box corners: top-left, top-right, bottom-left, bottom-right.
    public let corners: [String]

    public static let unicode = Glyphs(horizontal: "─", vertical: "│", branch: "├─", lastBranch: "└─", pipe: "│ ",
                                       expanded: "▾", collapsed: "▸", ellipsis: "…", separator: "›", corners: ["┌", "┐", "└", "┘"])
    public static let ascii = Glyphs(horizontal: "-", vertical: "|", branch: "|-", lastBranch: "`-", pipe: "| ",
                                     expanded: "v", collapsed: ">", ellipsis: "~", separator: ">", corners: ["+", "+", "+", "+"])
}
