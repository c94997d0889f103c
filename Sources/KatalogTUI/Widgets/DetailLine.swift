import Foundation
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
    /// Schema rows stay one row per field (cut, not wrapped), like a table.
    var isSchemaRow = false
    /// Where a wrapped continuation starts.
    var continuationIndent = 0
    /// The whole text of a row that is cut rather than wrapped (a schema field's description).
    var fullText: String?

    init(_ spans: [Span], toggle: String? = nil) {
        self.spans = spans
        self.toggle = toggle
    }

    init(_ text: String, _ role: Role = .normal) {
        self.init([Span(text: text, role: role)])
    }

    static let blank = DetailLine("")

    /// Word-wraps text into lines of at most `width` cells (a word wider than that keeps a
    /// line of its own). Each word is measured once, and the last few texts are kept per
    /// width: a long description is not wrapped again on every key.
    static func wrap(_ text: String, width: Int, role: Role = .normal) -> [DetailLine] {
        guard width > 4 else { return [DetailLine(text, role)] }
        return WrapCache.shared.lines(text, width: width, role: role) {
            var lines: [DetailLine] = []
            for paragraph in TerminalText.block(text).split(separator: "\n", omittingEmptySubsequences: false) {
                var line = "", used = 0
                for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                    let cells = DisplayWidth.of(word)
                    if !line.isEmpty && used + 1 + cells > width {
                        lines.append(DetailLine(line, role))
                        line = String(word)
                        used = cells
                    } else {
                        if !line.isEmpty { line += " "; used += 1 }
                        line += word
                        used += cells
                    }
                }
                lines.append(DetailLine(line, role))
            }
            return lines
        }
    }

    /// Breaks a line of spans that is wider than `width` into several, continuing under an
    /// indent, so SQL and long values are read whole instead of cut off.
    func wrapped(width: Int, indent: Int) -> [DetailLine] {
        guard width > indent + 8, DisplayWidth.of(spans.map(\.text).joined()) > width else { return [self] }
        var lines: [DetailLine] = []
        var current: [Span] = []
        var used = 0
        for span in spans {
            var rest = Substring(span.text)
            while !rest.isEmpty {
                let room = width - used
                var taken = ""
                var takenWidth = 0
                for character in rest {
                    let w = DisplayWidth.of(character)
                    if takenWidth + w > room { break }
                    taken.append(character)
                    takenWidth += w
                }
                // Break after a space or a comma where there is one, not inside a word.
                if taken.count < rest.count, let cut = taken.lastIndex(where: { $0 == " " || $0 == "," }), cut > taken.startIndex {
                    taken = String(taken[...cut])
                    takenWidth = DisplayWidth.of(taken)
                }
                if taken.isEmpty && used == indent {  // a glyph wider than the room: take it anyway
                    taken = String(rest.first!)
                    takenWidth = DisplayWidth.of(taken)
                }
                if !taken.isEmpty {
                    current.append(Span(text: taken, role: span.role))
                    used += takenWidth
                    rest = rest.dropFirst(taken.count)
                }
                if !rest.isEmpty {
                    lines.append(DetailLine(current, toggle: lines.isEmpty ? toggle : nil))
                    current = [Span(text: String(repeating: " ", count: indent), role: .normal)]
                    used = indent
                }
            }
        }
        lines.append(DetailLine(current, toggle: lines.isEmpty ? toggle : nil))
        return lines
    }
}

/// The last texts `DetailLine.wrap` wrapped, by text, width and role.
final class WrapCache: @unchecked Sendable {
    static let shared = WrapCache()
    private struct Key: Hashable {
        let text: String
        let width: Int
        let role: Role
    }
    private let lock = NSLock()
    private var kept: [(key: Key, lines: [DetailLine])] = []
    private static let capacity = 16

    func lines(_ text: String, width: Int, role: Role, wrap: () -> [DetailLine]) -> [DetailLine] {
        // Short texts cost less to wrap than to look up.
        guard text.utf8.count > 512 else { return wrap() }
        let key = Key(text: text, width: width, role: role)
        if let found = lock.withLock({ kept.first { $0.key == key }?.lines }) { return found }
        let lines = wrap()
        lock.withLock {
            kept.insert((key, lines), at: 0)
            if kept.count > Self.capacity { kept.removeLast() }
        }
        return lines
    }
}
