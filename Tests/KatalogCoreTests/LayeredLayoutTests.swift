import Testing
@testable import KatalogCore

/// A small deterministic generator, so random graphs are the same on every run.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Lineage-shaped random graphs: nodes in ranks, edges mostly forward, about two per node.
func randomGraph(nodes count: Int, seed: UInt64, backEdges: Int = 0) -> (nodes: [(id: String, width: Int)], edges: [(from: String, to: String)]) {
    var random = SeededRandom(state: seed)
    let nodes = (0..<count).map { (id: "n\($0)", width: Int.random(in: 6...24, using: &random)) }
    var edges: [(from: String, to: String)] = []
    for target in 1..<max(2, count) {
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let source = Int.random(in: max(0, target - 12)..<target, using: &random)
            edges.append(("n\(source)", "n\(target)"))
        }
    }
    for _ in 0..<backEdges {
        let a = Int.random(in: 1..<count, using: &random)
        edges.append(("n\(a)", "n\(Int.random(in: 0..<a, using: &random))"))
    }
    return (nodes, edges)
}

/// Lines never run through a box: every cell of every route lies outside all boxes.
func linesThroughBoxes(_ layout: LayeredLayout) -> [String] {
    struct Cell: Hashable { let x: Int; let y: Int }
    var owner: [Cell: String] = [:]
    for box in layout.boxes.values {
        for x in box.x..<(box.x + box.width) { for y in box.y..<(box.y + box.height) { owner[Cell(x: x, y: y)] = box.id } }
    }
    var found: [String] = []
    for route in layout.routes {
        for (a, b) in zip(route.points, route.points.dropFirst()) {
            for x in min(a.x, b.x)...max(a.x, b.x) {
                for y in min(a.y, b.y)...max(a.y, b.y) {
                    if let id = owner[Cell(x: x, y: y)] { found.append("\(route.from) → \(route.to) runs through \(id) at \(x),\(y)") }
                }
            }
        }
    }
    return found
}

@Suite("Layered layout")
struct LayeredLayoutTests {
    @Test(arguments: [(40, 1), (120, 2), (300, 3)])
    func invariantsOnRandomGraphs(size: Int, seed: UInt64) {
        let graph = randomGraph(nodes: size, seed: seed, backEdges: 3)
        let layout = LayeredLayout(nodes: graph.nodes, edges: graph.edges)
        let boxes = Array(layout.boxes.values)
        #expect(boxes.count == size)
        // No two boxes overlap.
        let byColumn = Dictionary(grouping: boxes, by: \.x)
        for column in byColumn.values {
            let sorted = column.sorted { $0.y < $1.y }
            for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(!a.overlaps(b), "\(a.id) overlaps \(b.id)") }
        }
        // Every edge is drawn and touches both its boxes; forward edges go right.
        #expect(layout.routes.count == graph.edges.count)
        for route in layout.routes {
            let from = layout.boxes[route.from]!, to = layout.boxes[route.to]!
            let first = route.points.first!, last = route.points.last!
            if route.reversed {
                #expect(to.x < from.x || to.x == from.x)
                #expect(first.x == from.x - 1 && (from.y..<from.y + from.height).contains(first.y))
                #expect(last.x == to.x + to.width && (to.y..<to.y + to.height).contains(last.y))
            } else {
                #expect(to.x > from.x, "\(route.from) → \(route.to) goes backwards")
                #expect(first.x == from.x + from.width && (from.y..<from.y + from.height).contains(first.y))
                #expect(last.x == to.x - 1 && (to.y..<to.y + to.height).contains(last.y))
            }
            // Orthogonal: every step is horizontal or vertical.
            for (a, b) in zip(route.points, route.points.dropFirst()) { #expect(a.x == b.x || a.y == b.y) }
        }
        #expect(linesThroughBoxes(layout).prefix(3) == [])
    }

    @Test(arguments: [(60, 11), (250, 12)])
    func bottomToTopInvariants(size: Int, seed: UInt64) {
        let graph = randomGraph(nodes: size, seed: seed, backEdges: 2)
        let layout = LayeredLayout(nodes: graph.nodes, edges: graph.edges, direction: .bottomToTop)
        let boxes = Array(layout.boxes.values)
        for row in Dictionary(grouping: boxes, by: \.y).values {
            let sorted = row.sorted { $0.x < $1.x }
            for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(!a.overlaps(b), "\(a.id) overlaps \(b.id)") }
        }
        #expect(layout.routes.count == graph.edges.count)
        for route in layout.routes {
            let from = layout.boxes[route.from]!, to = layout.boxes[route.to]!
            let first = route.points.first!, last = route.points.last!
            for (a, b) in zip(route.points, route.points.dropFirst()) { #expect(a.x == b.x || a.y == b.y) }
            if route.reversed {
                #expect(first.y == from.y + from.height && last.y == to.y - 1)
            } else {
                #expect(to.y < from.y, "\(route.from) → \(route.to) does not go up")
                #expect(first.y == from.y - 1 && (from.x..<from.x + from.width).contains(first.x))
                #expect(last.y == to.y + to.height && (to.x..<to.x + to.width).contains(last.x))
            }
        }
        #expect(linesThroughBoxes(layout).prefix(3) == [])
    }

    @Test func theSameInputGivesTheSamePicture() {
        let graph = randomGraph(nodes: 200, seed: 7, backEdges: 2)
        let a = LayeredLayout(nodes: graph.nodes, edges: graph.edges)
        let b = LayeredLayout(nodes: graph.nodes, edges: graph.edges)
        #expect(a.boxes == b.boxes && a.routes == b.routes && a.crossings == b.crossings)
    }

    @Test func sweepsUntangleACrossing() {
        // a→d, b→c drawn in input order would cross; the sweeps put c above d.
        let layout = LayeredLayout(nodes: [("a", 3), ("b", 3), ("c", 3), ("d", 3)], edges: [("a", "d"), ("b", "c")])
        #expect(layout.crossings == 0)
        #expect(layout.layers[1] == ["d", "c"] || layout.layers[0] == ["b", "a"])
    }

    @Test func cyclesAreBrokenAndMarked() {
        let layout = LayeredLayout(nodes: [("a", 3), ("b", 3), ("c", 3)], edges: [("a", "b"), ("b", "c"), ("c", "a")])
        #expect(layout.routes.filter(\.reversed).count == 1)
        #expect(layout.layers.count == 3)
    }

    @Test func longEdgesGetDummyNodes() {
        let layout = LayeredLayout(nodes: [("a", 3), ("b", 3), ("c", 3), ("d", 3)], edges: [("a", "b"), ("b", "c"), ("c", "d"), ("a", "d")])
        #expect(layout.layers.flatMap { $0 }.filter { $0.hasPrefix("~") }.count == 2)
    }

    @Test func inversionsCount() {
        #expect(LayeredLayout.inversions([1, 2, 3]) == 0)
        #expect(LayeredLayout.inversions([3, 2, 1]) == 3)
        #expect(LayeredLayout.inversions([2, 1, 2, 1]) == 3)
    }
}
