import Foundation
import KatalogCore

/// Draws a laid-out lineage graph into the canvas: boxes in their zone's colour with a kind
/// marker, orthogonal edges with box-drawing lines and an arrowhead, everything shifted by the
/// pan offset and clipped to `area`. The selected node's upstream and downstream stay lit; the
/// rest is dimmed.
enum LineageDrawing {

    static func draw(_ graph: LineageGraph, _ layout: LayeredLayout, selection: String?, panX: Int, panY: Int, area: Rect, into canvas: inout Canvas) {
        let lit = selection.map { LitCache.shared.connected(graph, to: $0) }
        // Only what meets the viewport is drawn: in layout coordinates, the pan offset and the area.
        let view = (minX: panX, maxX: panX + area.width - 1, minY: panY, maxY: panY + area.height - 1)
        let glyphs = canvas.glyphs
        func put(_ text: String, _ x: Int, _ y: Int, _ role: Role) {
            let sx = x - panX + area.x, sy = y - panY + area.y
            guard sx >= area.x, sx < area.x + area.width, sy >= area.y, sy < area.y + area.height else { return }
            canvas.draw(text, x: sx, y: sy, role: role, width: 1)
        }
        // Edges first, so boxes sit on top. Each cell collects the directions lines leave it in,
        // so turns and meetings get their corner and junction glyphs.
        struct Cell: Hashable { let x: Int; let y: Int }
        var directions: [Cell: UInt8] = [:]
        var litCells: Set<Cell> = [], reversedCells: Set<Cell> = []
        var arrows: [(Cell, String, Role)] = []
        let up: UInt8 = 1, down: UInt8 = 2, left: UInt8 = 4, right: UInt8 = 8
        for route in layout.routes {
            let points = route.points
            guard let first = points.first else { continue }
            let box = points.reduce((minX: first.x, maxX: first.x, minY: first.y, maxY: first.y)) {
                (min($0.minX, $1.x), max($0.maxX, $1.x), min($0.minY, $1.y), max($0.maxY, $1.y))
            }
            guard box.maxX >= view.minX, box.minX <= view.maxX, box.maxY >= view.minY, box.minY <= view.maxY else { continue }
            let isLit = lit.map { $0.contains(route.from) && $0.contains(route.to) } ?? false
            func mark(_ cell: Cell) {
                if isLit { litCells.insert(cell) }
                if route.reversed { reversedCells.insert(cell) }
            }
            for (a, b) in zip(points, points.dropFirst()) {
                if a.y == b.y {
                    guard a.y >= view.minY, a.y <= view.maxY else { continue }
                    let (low, high) = (min(a.x, b.x), max(a.x, b.x))
                    for x in max(low, view.minX - 1)...max(max(low, view.minX - 1), min(high, view.maxX + 1)) {
                        let cell = Cell(x: x, y: a.y)
                        directions[cell, default: 0] |= (x > low ? left : 0) | (x < high ? right : 0)
                        mark(cell)
                    }
                } else {
                    guard a.x >= view.minX, a.x <= view.maxX else { continue }
                    let (low, high) = (min(a.y, b.y), max(a.y, b.y))
                    for y in max(low, view.minY - 1)...max(max(low, view.minY - 1), min(high, view.maxY + 1)) {
                        let cell = Cell(x: a.x, y: y)
                        directions[cell, default: 0] |= (y > low ? up : 0) | (y < high ? down : 0)
                        mark(cell)
                    }
                }
            }
            if let last = points.last, let before = points.dropLast().last {
                // The arrowhead points the way the last segment runs.
                let arrow: String
                switch (last.x - before.x, last.y - before.y) {
                case let (dx, _) where dx > 0: arrow = glyphs == .ascii ? ">" : "▶"
                case let (dx, _) where dx < 0: arrow = glyphs == .ascii ? "<" : "◀"
                case let (_, dy) where dy < 0: arrow = glyphs == .ascii ? "^" : "▲"
                default: arrow = glyphs == .ascii ? "v" : "▼"
                }
                arrows.append((Cell(x: last.x, y: last.y), arrow, isLit ? .accent : route.reversed ? .warn : (lit == nil ? .border : .dim)))
            }
        }
        for (cell, mask) in directions {
            // Lit beats marked: a reversed edge (a broken cycle) is drawn in the warning colour.
            let role: Role = litCells.contains(cell) ? .accent : reversedCells.contains(cell) ? .warn : (lit == nil ? .border : .dim)
            put(lineGlyph(mask, ascii: glyphs == .ascii), cell.x, cell.y, role)
        }
        for (cell, arrow, role) in arrows { put(arrow, cell.x, cell.y, role) }
        for node in graph.nodes {
            guard let box = layout.boxes[node.id] else { continue }
            let zone = zoneRole(node.zone)
            let role: Role = node.id == selection ? .selection : (lit.map { $0.contains(node.id) ? zone : .dim } ?? zone)
            for x in box.x..<(box.x + box.width) {
                put(glyphs.horizontal, x, box.y, role)
                put(glyphs.horizontal, x, box.y + box.height - 1, role)
            }
            put(glyphs.corners[0], box.x, box.y, role)
            put(glyphs.corners[1], box.x + box.width - 1, box.y, role)
            put(glyphs.corners[2], box.x, box.y + box.height - 1, role)
            put(glyphs.corners[3], box.x + box.width - 1, box.y + box.height - 1, role)
            put(glyphs.vertical, box.x, box.y + 1, role)
            put(glyphs.vertical, box.x + box.width - 1, box.y + 1, role)
            let text = DisplayWidth.pad(marker(node.kind) + " " + node.label, to: box.width - 2)
            var x = box.x + 1
            for character in TerminalText.line(text) {
                let w = DisplayWidth.of(character)
                if w == 0 { continue }
                if w == 1 { put(String(character), x, box.y + 1, node.id == selection ? .selection : (lit.map { $0.contains(node.id) ? .normal : .dim } ?? .normal)) }
                x += w
            }
        }
    }

    /// The line-drawing glyph for the directions a cell's lines leave in (1 up, 2 down, 4 left,
    /// 8 right).
    static func lineGlyph(_ mask: UInt8, ascii: Bool) -> String {
        switch mask {
        case 0, 4, 8, 12: ascii ? "-" : "─"
        case 1, 2, 3: ascii ? "|" : "│"
        case _ where ascii: "+"
        case 10: "┌"
        case 6: "┐"
        case 9: "└"
        case 5: "┘"
        case 11: "├"
        case 7: "┤"
        case 14: "┬"
        case 13: "┴"
        default: "┼"
        }
    }

    /// The width a node's box needs: its marker, label and borders.
    static func boxWidth(_ node: LineageNode) -> Int {
        min(40, DisplayWidth.of(marker(node.kind) + " " + TerminalText.line(node.label)) + 2)
    }

    /// The node with everything upstream and downstream of it.
    static func connected(_ graph: LineageGraph, to id: String) -> Set<String> {
        graph.reachable(from: id, upstream: true).union(graph.reachable(from: id, upstream: false)).union([id])
    }

    static func marker(_ kind: LineageNodeKind) -> String {
        switch kind {
        case .sourceTable: "◆"
        case .transfer: "⇢"
        case .table: "T"
        case .view: "V"
        case .materializedView: "M"
        case .datasett: "★"
        case .externalTable: "↗"
        case .collapsed: "…"
        }
    }

    static func zoneRole(_ zone: LineageZone) -> Role {
        switch zone {
        case .source: .zoneSource
        case .transfer: .zoneTransfer
        case .raw: .zoneRaw
        case .processing: .zoneProcessing
        case .dataprodukt: .zoneProduct
        }
    }
}

/// The selection's upstream and downstream, computed once per selection and graph — not on
/// every frame (a walk of the whole graph).
final class LitCache: @unchecked Sendable {
    static let shared = LitCache()
    private let lock = NSLock()
    private var key: (selection: String, nodes: Int, edges: Int, first: String?)?
    private var value: Set<String> = []

    func connected(_ graph: LineageGraph, to id: String) -> Set<String> {
        let wanted = (selection: id, nodes: graph.nodes.count, edges: graph.edges.count, first: graph.nodes.first?.id)
        return lock.withLock {
            if let key, key == wanted { return value }
            value = LineageDrawing.connected(graph, to: id)
            key = wanted
            return value
        }
    }
}
