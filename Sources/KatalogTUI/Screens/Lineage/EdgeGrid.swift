/// The cells a lineage drawing's edges pass through, in a window of the layout: for each cell
/// the directions its lines leave in (1 up, 2 down, 4 left, 8 right) and whether a lit or a
/// reversed edge passes. The segments are gathered first and the cells made line by line from
/// difference arrays: the cost is one pass over the window plus one step per segment, however
/// long the segments are (walking every cell of every edge made whole-project drawings
/// quadratic).
struct EdgeGrid {
    static let lit: UInt8 = 1, reversed: UInt8 = 2
    private static let touched: UInt8 = 4
    let minX: Int, minY: Int, width: Int, height: Int

    /// A straight piece of an edge, in window coordinates along its line, not yet clipped.
    struct Segment {
        let line: Int
        let low: Int
        let high: Int
        let flags: UInt8
    }

    struct Segments {
        fileprivate var vertical: [Segment] = []
        fileprivate var horizontal: [Segment] = []

        /// A vertical piece at layout column `x`; nothing when it misses the window.
        mutating func add(vertical x: Int, from a: Int, to b: Int, flags: UInt8, in grid: EdgeGrid) {
            let line = x - grid.minX, low = min(a, b) - grid.minY, high = max(a, b) - grid.minY
            guard line >= 0, line < grid.width, high >= 0, low < grid.height else { return }
            vertical.append(Segment(line: line, low: low, high: high, flags: flags))
        }

        /// A horizontal piece (or a single point) at layout row `y`.
        mutating func add(horizontal y: Int, from a: Int, to b: Int, flags: UInt8, in grid: EdgeGrid) {
            let line = y - grid.minY, low = min(a, b) - grid.minX, high = max(a, b) - grid.minX
            guard line >= 0, line < grid.height, high >= 0, low < grid.width else { return }
            horizontal.append(Segment(line: line, low: low, high: high, flags: flags))
        }
    }

    /// Calls `body` with the layout position, direction mask and flags of every cell an edge
    /// passes through.
    func cells(of segments: Segments, _ body: (_ x: Int, _ y: Int, _ mask: UInt8, _ flags: UInt8) -> Void) {
        var masks = [UInt8](repeating: 0, count: width * height)
        var marks = [UInt8](repeating: 0, count: width * height)
        sweep(segments.vertical, length: height, towardsLow: 1, towardsHigh: 2) { line, cell in cell * width + line }
        sweep(segments.horizontal, length: width, towardsLow: 4, towardsHigh: 8) { line, cell in line * width + cell }
        for index in 0..<(width * height) where marks[index] & Self.touched != 0 {
            body(minX + index % width, minY + index / width, masks[index], marks[index] & (Self.lit | Self.reversed))
        }

        // One line (a column for vertical pieces, a row for horizontal ones) at a time: where
        // a piece covers the link between two neighbouring cells, both get a direction.
        func sweep(_ pieces: [Segment], length: Int, towardsLow: UInt8, towardsHigh: UInt8, index: (Int, Int) -> Int) {
            // links[c + 1] counts the pieces covering the link between cell c and c + 1 (c from -1).
            var links = [Int32](repeating: 0, count: length + 2)
            var touches = [Int32](repeating: 0, count: length + 1), lits = touches, reverses = touches
            var start = 0
            let sorted = pieces.sorted { $0.line < $1.line }
            while start < sorted.count {
                let line = sorted[start].line
                var end = start
                while end < sorted.count, sorted[end].line == line {
                    let piece = sorted[end]
                    let firstLink = max(piece.low, -1), lastLink = min(piece.high - 1, length - 1)
                    if firstLink <= lastLink { links[firstLink + 1] += 1; links[lastLink + 2] -= 1 }
                    let firstCell = max(piece.low, 0), lastCell = min(piece.high, length - 1)
                    if firstCell <= lastCell {
                        touches[firstCell] += 1; touches[lastCell + 1] -= 1
                        if piece.flags & Self.lit != 0 { lits[firstCell] += 1; lits[lastCell + 1] -= 1 }
                        if piece.flags & Self.reversed != 0 { reverses[firstCell] += 1; reverses[lastCell + 1] -= 1 }
                    }
                    end += 1
                }
                var below: Int32 = links[0], touching: Int32 = 0, lit: Int32 = 0, reversed: Int32 = 0
                for cell in 0..<length {
                    let above = below + links[cell + 1]  // the link between this cell and the next
                    touching += touches[cell]; lit += lits[cell]; reversed += reverses[cell]
                    if touching > 0 {
                        let at = index(line, cell)
                        masks[at] |= (below > 0 ? towardsLow : 0) | (above > 0 ? towardsHigh : 0)
                        marks[at] |= Self.touched | (lit > 0 ? Self.lit : 0) | (reversed > 0 ? Self.reversed : 0)
                    }
                    below = above
                }
                for reset in 0..<links.count { links[reset] = 0 }
                for reset in 0..<touches.count { touches[reset] = 0; lits[reset] = 0; reverses[reset] = 0 }
                start = end
            }
        }
    }
}
