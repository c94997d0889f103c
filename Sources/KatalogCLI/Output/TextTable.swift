import KatalogCore

/// A plain-text table with a header row, columns padded by display width (æøå and CJK line
/// up). Cells are sanitised here, so no command can print raw data by accident.
struct TextTable {
    enum Alignment { case left, right }

    struct Column {
        let title: String
        var alignment: Alignment = .left
        /// Longer cells are cut with `…`.
        var maxWidth: Int = 60
    }

    let columns: [Column]
    private(set) var rows: [[String]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells.map { TerminalText.line($0) })
    }

    func render() -> String {
        let cells = [columns.map(\.title)] + rows
        let widths = columns.indices.map { index in
            min(columns[index].maxWidth, cells.map { DisplayWidth.of($0[index]) }.max() ?? 0)
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
