import KatalogCore

/// "Are you sure?": what will happen, in words, and `[ n: No ]  [ y: Yes ]`. Only `y`
/// confirms: Enter, Esc, `n` and `q` cancel, every other key is ignored — so no key typed ahead
/// (Enter to open, `j` to move down, an arrow and Enter) ever says yes for the user. A dangerous
/// one is drawn in the danger colour.
public struct Confirmation: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable { case confirmed, cancelled }

    public var title: String
    public var lines: [String]
    public var dangerous: Bool
    /// What must be typed to confirm (a dataprodukt's name before it is deleted); nil: y/n.
    public let typed: String?
    public private(set) var input = TextBuffer()

    public init(title: String, lines: [String], dangerous: Bool = false, typed: String? = nil) {
        self.title = title
        self.lines = lines
        self.dangerous = dangerous
        self.typed = typed
    }

    /// The outcome, once a key decides it.
    public mutating func handle(_ key: Key) -> Outcome? {
        if let typed {
            switch key {
            case .escape: return .cancelled
            case .enter: return input.text.trimmingCharacters(in: .whitespaces) == typed ? .confirmed : nil
            default: _ = input.handle(key); return nil
            }
        }
        switch key {
        case .character("y"), .character("Y"): return .confirmed
        case .character("n"), .character("N"), .character("q"), .escape, .enter: return .cancelled
        default: return nil
        }
    }

    /// A box in the middle of `rect`: title, the lines wrapped, then `[ n: No ]  [ y: Yes ]`.
    public func draw(into canvas: inout Canvas, _ rect: Rect, yesLabel: String, noLabel: String) {
        let width = min(rect.width, max(40, min(72, (lines.map { DisplayWidth.of($0) }.max() ?? 0) + 4)))
        let wrapped = lines.flatMap { DetailLine.wrap($0, width: max(1, width - 4)).map { $0.spans.map(\.text).joined() } }
        let box = rect.centered(width: width, height: wrapped.count + 4 + (typed == nil ? 0 : 1))
        guard box.width >= 4, box.height >= 3 else { return }
        canvas.fill(x: box.x, y: box.y, width: box.width, height: box.height, role: .overlay)
        canvas.box(x: box.x, y: box.y, width: box.width, height: box.height, role: dangerous ? .danger : .border)
        canvas.draw(" \(title) ", x: box.x + 2, y: box.y, role: dangerous ? .danger : .title, width: box.width - 4)
        for (index, line) in wrapped.enumerated() where index < box.height - 3 {
            canvas.draw(line, x: box.x + 2, y: box.y + 1 + index, role: .overlay, width: box.width - 4)
        }
        if typed != nil {
            // No buttons: the name, typed; Enter confirms when it matches, Esc cancels.
            canvas.draw("› ", x: box.x + 2, y: box.bottom - 2, role: .accent, width: 2)
            input.draw(into: &canvas, Rect(x: box.x + 4, y: box.bottom - 2, width: box.width - 6, height: 1))
            return
        }
        let no = "[ n: \(noLabel) ]", yesText = "[ y: \(yesLabel) ]"
        let buttonsWidth = DisplayWidth.of(no) + 2 + DisplayWidth.of(yesText)
        var x = box.x + max(2, (box.width - buttonsWidth) / 2)
        let y = box.bottom - 2
        x += canvas.draw(no, x: x, y: y, role: .selection) + 2
        canvas.draw(yesText, x: x, y: y, role: dangerous ? .danger : .overlay)
    }
}
