/// A rectangle of the terminal, in cells: where a screen, a pane or a widget draws. Splits
/// give the parts of a layout without arithmetic scattered through the drawing code.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var right: Int { x + width }
    public var bottom: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < right && py >= y && py < bottom
    }

    /// The rectangle shrunk by `by` cells on every side.
    public func inset(_ by: Int) -> Rect {
        Rect(x: x + by, y: y + by, width: width - 2 * by, height: height - 2 * by)
    }

    /// The top `rows` rows and the rest.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let cut = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: cut), Rect(x: x, y: y + cut, width: width, height: height - cut))
    }

    /// The rest and the bottom `rows` rows.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let cut = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - cut), Rect(x: x, y: bottom - cut, width: width, height: cut))
    }

    /// The left `columns` columns, a gap, and the rest.
    public func splitLeft(_ columns: Int, gap: Int = 0) -> (left: Rect, rest: Rect) {
        let cut = min(max(0, columns), width)
        let restX = min(right, x + cut + gap)
        return (Rect(x: x, y: y, width: cut, height: height), Rect(x: restX, y: y, width: right - restX, height: height))
    }

    /// One row of the rectangle (empty when outside).
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y + index, width: 0, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// A box of at most `width`×`height`, centred in this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}
