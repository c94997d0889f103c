import Foundation
import Testing
import KatalogCore
@testable import KatalogTUI

/// `katalog lineage --format text` draws a whole project in bands of rows; the edges' cells
/// come from their segments, not from walking each cell.
@Suite("The lineage drawing as text")
struct LineageTextTests {
    /// Lineage-shaped: five zones in a row, each node reading one to three of the zone before.
    static func graph(nodes count: Int) -> LineageGraph {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let zones: [LineageZone] = [.source, .transfer, .raw, .processing, .dataprodukt]
        let nodes = (0..<count).map { LineageNode(id: "n\($0)", kind: .table, zone: zones[$0 * zones.count / count], label: "tabell_\($0)") }
        var edges: [LineageEdge] = []
        for target in (count / zones.count)..<count {
            let zoneStart = target * zones.count / count * count / zones.count, previous = max(0, zoneStart - count / zones.count)
            for _ in 0..<(1 + next(3)) { edges.append(LineageEdge(from: "n\(previous + next(max(1, zoneStart - previous)))", to: "n\(target)", via: "sql")) }
        }
        return LineageGraph(nodes: nodes, edges: edges)
    }

    @Test(arguments: [1, 2, 7, 64])
    func bandsOfAnyHeightGiveTheSameDrawing(bandHeight: Int) {
        let graph = Self.graph(nodes: 120)
        let whole = LineageText.render(graph, bandHeight: 1_000_000)
        #expect(whole.split(separator: "\n").count > 80)
        #expect(whole.contains("┼") && whole.contains("▶") && whole.contains("┤"), "edges meet, cross and arrive")
        #expect(LineageText.render(graph, bandHeight: bandHeight) == whole)
        #expect(LineageText.render(graph, selection: "n100", bandHeight: bandHeight) == LineageText.render(graph, selection: "n100", bandHeight: 1_000_000))
    }

    /// The screen's window onto the graph is the same cells as the whole drawing there.
    @Test func aPannedWindowShowsTheWholeDrawingsCells() {
        let graph = Self.graph(nodes: 120)
        let whole = LineageText.render(graph).split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
        let layout = LayeredLayout(nodes: graph.nodes.map { ($0.id, LineageDrawing.boxWidth($0)) }, edges: graph.edges.map { ($0.from, $0.to) })
        for (panX, panY) in [(0, 0), (37, 91), (80, 200)] {
            var canvas = Canvas(width: 60, height: 25)
            LineageDrawing.draw(graph, layout, selection: nil, panX: panX, panY: panY, area: Rect(x: 0, y: 0, width: 60, height: 25), into: &canvas)
            for y in 0..<25 {
                let line = y + panY < whole.count ? whole[y + panY] : []
                let expected = String((0..<60).map { x in x + panX < line.count ? line[x + panX] : " " })
                #expect(canvas.rows[y] == String(expected.reversed().drop { $0 == " " }.reversed()), "row \(y + panY) from column \(panX)")
            }
        }
    }
}
