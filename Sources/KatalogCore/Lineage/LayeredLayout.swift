/// A Sugiyama-style layered layout of a directed graph, in terminal cells: break cycles, assign
/// layers, add dummy nodes for long edges, order each layer by median sweeps and adjacent
/// exchange (stable tie-breaks: the same input always gives the same picture), place boxes,
/// and route edges orthogonally through the channels between layers. Pure: no terminal here.
///
/// Layers run left to right (terminals are wide) or bottom to top (as the team docs draw it).
public struct LayeredLayout: Sendable {
    public enum Direction: Sendable { case leftToRight, bottomToTop }

    public struct Box: Equatable, Sendable {
        public let id: String
        public let x: Int
        public let y: Int
        public let width: Int
        public let height: Int

        func overlaps(_ other: Box) -> Bool {
            x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
        }
    }

    /// An edge as a polyline of cell points, from the source box's border to the target's.
    public struct Route: Equatable, Sendable {
        public let from: String
        public let to: String
        public let points: [(x: Int, y: Int)]
        /// Drawn against the flow: the edge was reversed to break a cycle.
        public let reversed: Bool
        /// The rectangle the points span, so a drawing can skip routes outside its view.
        public let bounds: (minX: Int, maxX: Int, minY: Int, maxY: Int)

        public init(from: String, to: String, points: [(x: Int, y: Int)], reversed: Bool) {
            self.from = from
            self.to = to
            self.points = points
            self.reversed = reversed
            let first = points.first ?? (0, 0)
            bounds = points.reduce((minX: first.x, maxX: first.x, minY: first.y, maxY: first.y)) {
                (min($0.minX, $1.x), max($0.maxX, $1.x), min($0.minY, $1.y), max($0.maxY, $1.y))
            }
        }

        public static func == (a: Route, b: Route) -> Bool {
            a.from == b.from && a.to == b.to && a.reversed == b.reversed
                && a.points.count == b.points.count && zip(a.points, b.points).allSatisfy { $0.x == $1.x && $0.y == $1.y }
        }
    }

    public let boxes: [String: Box]
    public let routes: [Route]
    /// Nodes per layer in their final order (dummies included, as `~n`).
    public let layers: [[String]]
    public let width: Int
    public let height: Int
    /// Edge crossings between neighbouring layers in the final order.
    public let crossings: Int

    /// Lays out `nodes` (ids with the width of their label) and `edges`.
    public init(nodes: [(id: String, width: Int)], edges: [(from: String, to: String)], direction: Direction = .leftToRight, sweeps: Int = 8) {
        let ids = nodes.map(\.id)
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
        let validEdges = edges.filter { index[$0.from] != nil && index[$0.to] != nil && $0.from != $0.to }

        // 1. Break cycles: a DFS in input order; edges to a node on the stack are reversed.
        var outgoing = Array(repeating: [Int](), count: ids.count)
        for edge in validEdges { outgoing[index[edge.from]!].append(index[edge.to]!) }
        var state = Array(repeating: 0, count: ids.count)
        var reversedPairs = Set<[Int]>()
        for start in ids.indices where state[start] == 0 {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            state[start] = 1
            while let (node, next) = stack.last {
                if next < outgoing[node].count {
                    stack[stack.count - 1].next += 1
                    let target = outgoing[node][next]
                    if state[target] == 1 { reversedPairs.insert([node, target]) } else if state[target] == 0 {
                        state[target] = 1
                        stack.append((target, 0))
                    }
                } else {
                    state[node] = 2
                    stack.removeLast()
                }
            }
        }
        let acyclic: [(from: Int, to: Int, reversed: Bool)] = validEdges.map { edge in
            let from = index[edge.from]!, to = index[edge.to]!
            return reversedPairs.contains([from, to]) ? (to, from, true) : (from, to, false)
        }

        // 2. Layers: the longest path from a source (Kahn's order, stable by input).
        var indegree = Array(repeating: 0, count: ids.count)
        var successors = Array(repeating: [Int](), count: ids.count)
        for edge in acyclic { indegree[edge.to] += 1; successors[edge.from].append(edge.to) }
        var layerOf = Array(repeating: 0, count: ids.count)
        var queue = ids.indices.filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in successors[node] {
                layerOf[next] = max(layerOf[next], layerOf[node] + 1)
                indegree[next] -= 1
                if indegree[next] == 0 { queue.append(next) }
            }
        }

        // 3. Dummy nodes, one per layer an edge passes through.
        var names = ids
        var widths = nodes.map(\.width)
        var layerOfAll = layerOf
        var segments: [(from: Int, to: Int)] = []
        var chains: [(edge: Int, nodes: [Int])] = []
        for (number, edge) in acyclic.enumerated() {
            var chain = [edge.from]
            var previous = edge.from
            for layer in stride(from: layerOf[edge.from] + 1, to: layerOf[edge.to], by: 1) {
                let dummy = names.count
                names.append("~\(dummy)")
                widths.append(1)
                layerOfAll.append(layer)
                segments.append((previous, dummy))
                chain.append(dummy)
                previous = dummy
            }
            segments.append((previous, edge.to))
            chain.append(edge.to)
            chains.append((number, chain))
        }
        let layerCount = (layerOfAll.max() ?? -1) + 1
        var order: [[Int]] = Array(repeating: [], count: layerCount)
        for node in names.indices { order[layerOfAll[node]].append(node) }

        // 4. Order: median sweeps down and up, then adjacent exchange; keep the best.
        var predecessors = Array(repeating: [Int](), count: names.count)
        var followers = Array(repeating: [Int](), count: names.count)
        for segment in segments { predecessors[segment.to].append(segment.from); followers[segment.from].append(segment.to) }
        var position = Array(repeating: 0, count: names.count)
        func renumber() { for layer in order { for (i, node) in layer.enumerated() { position[node] = i } } }
        renumber()
        var best = order
        var bestCrossings = Self.crossings(order: order, position: position, followers: followers)
        for sweep in 0..<max(0, sweeps) {
            let down = sweep % 2 == 0
            let range = down ? Array(1..<max(1, layerCount)) : Array((0..<max(0, layerCount - 1)).reversed())
            for layer in range {
                let neighbours = down ? predecessors : followers
                let keyed = order[layer].map { node -> (node: Int, key: Double) in
                    let places = neighbours[node].map { Double(position[$0]) }.sorted()
                    guard !places.isEmpty else { return (node, Double(position[node])) }
                    let middle = places.count / 2
                    return (node, places.count % 2 == 1 ? places[middle] : (places[middle - 1] + places[middle]) / 2)
                }
                // Stable: equal keys keep their current order.
                order[layer] = keyed.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element.node)
                for (i, node) in order[layer].enumerated() { position[node] = i }
            }
            Self.exchangeAdjacent(&order, &position, predecessors: predecessors, followers: followers)
            let count = Self.crossings(order: order, position: position, followers: followers)
            if count < bestCrossings {
                best = order
                bestCrossings = count
            }
        }
        order = best
        renumber()

        let boxHeight = 3
        func route(chains number: Int, points: [(x: Int, y: Int)]) -> Route {
            let edge = acyclic[number]
            let from = ids[edge.reversed ? edge.to : edge.from], to = ids[edge.reversed ? edge.from : edge.to]
            return Route(from: from, to: to, points: edge.reversed ? points.reversed() : points, reversed: edge.reversed)
        }
        var placed: [Int: (x: Int, y: Int, width: Int)] = [:]
        var routes: [Route] = []
        var totalWidth = 0, totalHeight = 0
        switch direction {
        case .leftToRight:
            // 5. Coordinates: one column of boxes per layer, rows 4 cells apart; channels between.
            let rowGap = 1, channel = 6
            var columnX: [Int] = [], channelX: [Int] = []
            var x = 0
            for layer in order {
                columnX.append(x)
                x += layer.map { widths[$0] }.max() ?? 1
                channelX.append(x)
                x += channel
            }
            for (layer, members) in order.enumerated() {
                for (i, node) in members.enumerated() { placed[node] = (columnX[layer], i * (boxHeight + rowGap), widths[node]) }
            }
            totalWidth = max(0, x - channel)
            totalHeight = (order.map(\.count).max() ?? 0) * (boxHeight + rowGap)

            // 6. Routes: out of the right side, down or up in the channel, into the left side.
            // Each segment gets its own column in the channel so parallel edges stay apart.
            var channelUse = Array(repeating: 0, count: layerCount)
            for (number, chain) in chains {
                var points: [(x: Int, y: Int)] = []
                for (a, b) in zip(chain, chain.dropFirst()) {
                    let start = placed[a]!, end = placed[b]!
                    let startY = start.y + (names[a].hasPrefix("~") ? 0 : boxHeight / 2)
                    let endY = end.y + (names[b].hasPrefix("~") ? 0 : boxHeight / 2)
                    let layer = layerOfAll[a]
                    let startX = start.x + start.width
                    // Lanes start after the layer's widest box, so no line runs through a box.
                    let laneX = channelX[layer] + 1 + (channelUse[layer] % max(1, channel - 2))
                    channelUse[layer] += 1
                    if points.isEmpty { points.append((startX, startY)) } else { points.append((start.x, startY)); points.append((startX, startY)) }
                    points.append((laneX, startY))
                    points.append((laneX, endY))
                    points.append((end.x - 1, endY))
                }
                routes.append(route(chains: number, points: points))
            }
        case .bottomToTop:
            // 5. Coordinates: one row of boxes per layer, the first layer at the bottom; boxes
            // side by side; channels of rows between the layers.
            let columnGap = 2, channel = 4
            let rowHeight = boxHeight + channel
            for (layer, members) in order.enumerated() {
                var x = 0
                let y = (layerCount - 1 - layer) * rowHeight
                for node in members {
                    placed[node] = (x, y, widths[node])
                    x += widths[node] + columnGap
                }
                totalWidth = max(totalWidth, x - columnGap)
            }
            totalHeight = max(0, layerCount * rowHeight - channel)

            // 6. Routes: out of the top, along a row of the channel, up into the bottom.
            var channelUse = Array(repeating: 0, count: layerCount)
            for (number, chain) in chains {
                var points: [(x: Int, y: Int)] = []
                for (a, b) in zip(chain, chain.dropFirst()) {
                    let start = placed[a]!, end = placed[b]!
                    let startX = start.x + start.width / 2, endX = end.x + end.width / 2
                    let startY = names[a].hasPrefix("~") ? start.y + boxHeight - 1 : start.y - 1
                    let layer = layerOfAll[a]
                    let laneY = start.y - 2 - (channelUse[layer] % max(1, channel - 2))
                    channelUse[layer] += 1
                    let endY = names[b].hasPrefix("~") ? end.y + boxHeight - 1 : end.y + boxHeight
                    if points.isEmpty { points.append((startX, startY)) } else { points.append((startX, start.y + boxHeight - 1)); points.append((startX, startY)) }
                    points.append((startX, laneY))
                    points.append((endX, laneY))
                    points.append((endX, endY))
                }
                routes.append(route(chains: number, points: points))
            }
        }

        var boxes: [String: Box] = [:]
        for node in ids.indices {
            let place = placed[node]!
            boxes[ids[node]] = Box(id: ids[node], x: place.x, y: place.y, width: place.width, height: boxHeight)
        }
        self.boxes = boxes
        self.routes = routes
        layers = order.map { $0.map { names[$0] } }
        width = totalWidth
        height = totalHeight
        crossings = bestCrossings
    }

    /// Swaps neighbours in a layer when that removes crossings with the layers on both sides.
    static func exchangeAdjacent(_ order: inout [[Int]], _ position: inout [Int], predecessors: [[Int]], followers: [[Int]]) {
        func pairCrossings(_ u: Int, _ v: Int, _ neighbours: [[Int]]) -> Int {
            var count = 0
            for a in neighbours[u] { for b in neighbours[v] where position[a] > position[b] { count += 1 } }
            return count
        }
        for layer in order.indices where order[layer].count > 1 {
            var improved = true
            var rounds = 0
            while improved && rounds < 4 {
                improved = false
                rounds += 1
                for i in 0..<(order[layer].count - 1) {
                    let u = order[layer][i], v = order[layer][i + 1]
                    let now = pairCrossings(u, v, predecessors) + pairCrossings(u, v, followers)
                    let swapped = pairCrossings(v, u, predecessors) + pairCrossings(v, u, followers)
                    if swapped < now {
                        order[layer].swapAt(i, i + 1)
                        position[u] = i + 1
                        position[v] = i
                        improved = true
                    }
                }
            }
        }
    }

    /// Edge crossings between consecutive layers (pairs of segments whose ends are in opposite
    /// orders), the measure the benchmark compares with Graphviz.
    static func crossings(order: [[Int]], position: [Int], followers: [[Int]]) -> Int {
        var total = 0
        for layer in order {
            var ends: [(Int, Int)] = []
            for node in layer { for next in followers[node] { ends.append((position[node], position[next])) } }
            total += Self.inversions(ends.sorted { $0 < $1 }.map(\.1))
        }
        return total
    }

    /// Counts pairs i < j with values[i] > values[j], by merge sort: O(n log n).
    public static func inversions(_ values: [Int]) -> Int {
        var array = values
        var buffer = values
        func sort(_ low: Int, _ high: Int) -> Int {
            guard high - low > 1 else { return 0 }
            let middle = (low + high) / 2
            var count = sort(low, middle) + sort(middle, high)
            var i = low, j = middle, k = low
            while i < middle && j < high {
                if array[i] <= array[j] { buffer[k] = array[i]; i += 1 } else { buffer[k] = array[j]; count += middle - i; j += 1 }
                k += 1
            }
            while i < middle { buffer[k] = array[i]; i += 1; k += 1 }
            while j < high { buffer[k] = array[j]; j += 1; k += 1 }
            for m in low..<high { array[m] = buffer[m] }
            return count
        }
        return sort(0, array.count)
    }
}
