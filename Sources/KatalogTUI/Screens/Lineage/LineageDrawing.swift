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
        func onScreen(_ x: Int, _ y: Int) -> (x: Int, y: Int)? {
            let sx = x - panX + area.x, sy = y - panY + area.y
            guard sx >= area.x, sx < area.x + area.width, sy >= area.y, sy < area.y + area.height else { return nil }
            return (sx, sy)
        }
        // Text from the project (labels) goes through the canvas's sanitising; katalog's own
        // lines and corners straight into their cells.
        func put(_ text: String, _ x: Int, _ y: Int, _ role: Role) {
            if let cell = onScreen(x, y) { canvas.draw(text, x: cell.x, y: cell.y, role: role, width: 1) }
        }
        func glyph(_ text: String, _ x: Int, _ y: Int, _ role: Role) {
            if let cell = onScreen(x, y) { canvas.drawGlyph(text, x: cell.x, y: cell.y, role: role) }
        }
        // Edges first, so boxes sit on top. Each cell collects the directions lines leave it in,
        // so turns and meetings get their corner and junction glyphs: in a grid over the view
        // (one cell of margin), filled line by line from difference arrays, so the work is one
        // pass over the view plus one step per segment — not one step per cell an edge crosses,
        // which made whole-project drawings quadratic.
        let grid = EdgeGrid(minX: view.minX - 1, minY: view.minY - 1, width: area.width + 2, height: area.height + 2)
        var segments = EdgeGrid.Segments()
        var arrows: [(x: Int, y: Int, arrow: String, role: Role)] = []
        for route in layout.routes {
            let points = route.points, box = route.bounds
            guard !points.isEmpty, box.maxX >= view.minX, box.minX <= view.maxX, box.maxY >= view.minY, box.minY <= view.maxY else { continue }
            let isLit = lit.map { $0.contains(route.from) && $0.contains(route.to) } ?? false
            let flags = (isLit ? EdgeGrid.lit : 0) | (route.reversed ? EdgeGrid.reversed : 0)
            for (a, b) in zip(points, points.dropFirst()) {
                if a.y == b.y {
                    segments.add(horizontal: a.y, from: a.x, to: b.x, flags: flags, in: grid)
                } else {
                    segments.add(vertical: a.x, from: a.y, to: b.y, flags: flags, in: grid)
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
                arrows.append((last.x, last.y, arrow, isLit ? .accent : route.reversed ? .warn : (lit == nil ? .border : .dim)))
            }
        }
        grid.cells(of: segments) { x, y, mask, flags in
            // Lit beats marked: a reversed edge (a broken cycle) is drawn in the warning colour.
            let role: Role = flags & EdgeGrid.lit != 0 ? .accent : flags & EdgeGrid.reversed != 0 ? .warn : (lit == nil ? .border : .dim)
            glyph(lineGlyph(mask, ascii: glyphs == .ascii), x, y, role)
        }
        for (x, y, arrow, role) in arrows { glyph(arrow, x, y, role) }
        for node in graph.nodes {
            guard let box = layout.boxes[node.id], box.x + box.width > view.minX, box.x <= view.maxX,
                  box.y + box.height > view.minY, box.y <= view.maxY else { continue }
            let zone = zoneRole(node.zone)
            let role: Role = node.id == selection ? .selection : (lit.map { $0.contains(node.id) ? zone : .dim } ?? zone)
            for x in box.x..<(box.x + box.width) {
                glyph(glyphs.horizontal, x, box.y, role)
                glyph(glyphs.horizontal, x, box.y + box.height - 1, role)
            }
            glyph(glyphs.corners[0], box.x, box.y, role)
            glyph(glyphs.corners[1], box.x + box.width - 1, box.y, role)
            glyph(glyphs.corners[2], box.x, box.y + box.height - 1, role)
            glyph(glyphs.corners[3], box.x + box.width - 1, box.y + box.height - 1, role)
            glyph(glyphs.vertical, box.x, box.y + 1, role)
            glyph(glyphs.vertical, box.x + box.width - 1, box.y + 1, role)
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
