import KatalogCore

/// A plain-text table with a header row, columns padded by display width (æøå and CJK line
/// up). Cells are sanitised here, so no command can print raw data by accident. On a
/// terminal it fits the width, cutting the widest columns with `…`; piped, nothing is cut.
struct TextTable {
    enum Alignment { case left, right }

    struct Column {
        let title: String
        var alignment: Alignment = .left
        /// On a terminal, longer cells are cut with `…`.
        var maxWidth: Int = 60
        /// Never cut (an id is worth nothing in part).
        var whole = false
    }

    let columns: [Column]
    private(set) var rows: [[String]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells.map { TerminalText.line($0) })
    }

    /// The table for a terminal `width` cells wide, or whole (nil: not a terminal).
    func render(width: Int?) -> String {
        let cells = [columns.map(\.title)] + rows
        var widths = columns.indices.map { index in cells.map { DisplayWidth.of($0[index]) }.max() ?? 0 }
        if let width {
            widths = columns.indices.map { columns[$0].whole ? widths[$0] : min(columns[$0].maxWidth, widths[$0]) }
            // The widest column gives a cell at a time until the table fits (none below its title or 4).
            let gaps = 2 * max(0, columns.count - 1)
            while widths.reduce(0, +) + gaps > width {
                let floor = { (index: Int) in max(4, min(DisplayWidth.of(columns[index].title), 12)) }
                guard let widest = widths.indices.filter({ !columns[$0].whole && widths[$0] > floor($0) }).max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
        }
        return cells.map { row in
            columns.indices.map { index -> String in
                let text = DisplayWidth.truncate(row[index], to: widths[index])
                let padding = String(repeating: " ", count: widths[index] - DisplayWidth.of(text))
                let last = index == columns.count - 1
                switch columns[index].alignment {
                case .right: return padding + text
                case .left: return last ? text : text + padding
                }
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        String(self[..<(lastIndex { $0 != " " }.map { index(after: $0) } ?? startIndex)])
    }
}
