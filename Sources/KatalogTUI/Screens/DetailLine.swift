import KatalogCore

/// One line of the details pane: styled spans, and the schema field it toggles, if any.
struct DetailLine: Equatable, Sendable {
    struct Span: Equatable, Sendable {
        let text: String
        let role: Role
    }

    var spans: [Span]
    /// "table#path" of a RECORD field: Enter on this line folds or unfolds it.
    var toggle: String?

    init(_ spans: [Span], toggle: String? = nil) {
        self.spans = spans
        self.toggle = toggle
    }

    init(_ text: String, _ role: Role = .normal) {
        self.init([Span(text: text, role: role)])
    }

    static let blank = DetailLine("")

    /// Word-wraps text into lines of at most `width` cells.
    static func wrap(_ text: String, width: Int, role: Role = .normal) -> [DetailLine] {
        guard width > 4 else { return [DetailLine(text, role)] }
        var lines: [DetailLine] = []
        for paragraph in TerminalText.block(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if DisplayWidth.of(candidate) > width && !line.isEmpty {
                    lines.append(DetailLine(line, role))
                    line = String(word)
                } else {
                    line = candidate
                }
            }
            lines.append(DetailLine(line, role))
        }
        return lines
    }
}
