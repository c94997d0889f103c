import Foundation
import KatalogCore

/// katalog's layered layout against Graphviz `dot` on the same lineage-shaped graphs: time, and
/// edge crossings counted from each one's positions with the same counter.
enum LineageLayoutBenchmark {
    /// Lineage-shaped: nodes in ranks, about two edges per node, mostly to the next few ranks.
    static func graph(nodes count: Int, seed: UInt64) -> (nodes: [(id: String, width: Int)], edges: [(from: String, to: String)]) {
        var state = seed
        func next(_ range: Range<Int>) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
        let nodes = (0..<count).map { (id: "n\($0)", width: 6 + next(0..<18)) }
        var edges: [(from: String, to: String)] = []
        for target in 1..<count {
            for _ in 0..<(1 + next(0..<2)) { edges.append(("n\(next(max(0, target - 40)..<target))", "n\(target)")) }
        }
        return (nodes, edges)
    }

    /// Crossings between neighbouring ranks, given each node's rank and order in its rank.
    static func crossings(edges: [(from: String, to: String)], rank: [String: Int], order: [String: Int]) -> Int {
        var byRank: [Int: [(Int, Int)]] = [:]
        for edge in edges {
            guard let a = rank[edge.from], let b = rank[edge.to], b == a + 1, let u = order[edge.from], let v = order[edge.to] else { continue }
            byRank[a, default: []].append((u, v))
        }
        return byRank.values.reduce(0) { $0 + LayeredLayout.inversions($1.sorted { $0 < $1 }.map(\.1)) }
    }

    static func run(sizes: [Int]) {
        print("\nLineage layout: katalog vs Graphviz dot (-Tplain), lineage-shaped graphs, ~1.5 edges per node")
        print("nodes    katalog s   dot s     speed-up   katalog crossings   dot crossings   ratio")
        for size in sizes {
            let graph = self.graph(nodes: size, seed: 42)
            let start = DispatchTime.now().uptimeNanoseconds
            let layout = LayeredLayout(nodes: graph.nodes, edges: graph.edges)
            let ours = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            var rank: [String: Int] = [:], order: [String: Int] = [:]
            for (l, layer) in layout.layers.enumerated() {
                for (i, node) in layer.filter({ !$0.hasPrefix("~") }).enumerated() { rank[node] = l; order[node] = i }
            }
            let ourCrossings = crossings(edges: graph.edges, rank: rank, order: order)
            guard let (dotSeconds, dotRank, dotOrder) = runDot(graph, timeout: size >= 50_000 ? 0 : 900) else {
                print(String(format: "%6d   %9.3f   ", size, ours) + "      –          –   " + String(format: "%17d", ourCrossings)
                      + "               –       –   (dot not run: it takes far too long at this size)")
                continue
            }
            let theirs = crossings(edges: graph.edges, rank: dotRank, order: dotOrder)
            if size == 10_000 || sizes.count == 1 {
                SummaryRow(figure: "Lineage layout, \(size.formatted()) nodes", katalog: String(format: "%.3f s", ours), peer: String(format: "dot: %.2f s", dotSeconds),
                           ratio: SummaryRow.ratio(ours, dotSeconds), target: "faster than dot", met: ours < dotSeconds).print()
                SummaryRow(figure: "Lineage layout, \(size.formatted()) nodes, edge crossings", katalog: "\(ourCrossings)", peer: "dot: \(theirs)",
                           ratio: SummaryRow.ratio(Double(ourCrossings), Double(theirs)), target: "≤ 1.25× dot's", met: Double(ourCrossings) <= 1.25 * Double(theirs)).print()
            }
            print(String(format: "%6d   %9.3f   %7.2f   %7.1f×   %17d   %13d   %.2f×", size, ours, dotSeconds, dotSeconds / ours, ourCrossings, theirs,
                         Double(ourCrossings) / Double(max(1, theirs))))
        }
    }

    /// `dot -Tplain` on the graph; ranks from x (rankdir=LR), order from y.
    static func runDot(_ graph: (nodes: [(id: String, width: Int)], edges: [(from: String, to: String)]), timeout: TimeInterval)
        -> (Double, [String: Int], [String: Int])? {
        guard timeout > 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-bench-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "digraph g {\n rankdir=LR;\n node [shape=box];\n"
        for node in graph.nodes { text += " \(node.id) [width=\(Double(node.width) / 8)];\n" }
        for edge in graph.edges { text += " \(edge.from) -> \(edge.to);\n" }
        text += "}\n"
        let input = folder.appendingPathComponent("g.dot"), output = folder.appendingPathComponent("g.plain")
        try? text.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
        process.arguments = ["-Tplain", "-o", output.path, input.path]
        let start = Date()
        guard (try? process.run()) != nil else { return nil }
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeout { process.terminate(); return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let seconds = Date().timeIntervalSince(start)
        guard let plain = try? String(contentsOf: output, encoding: .utf8) else { return nil }
        var positions: [String: (x: Double, y: Double)] = [:]
        for line in plain.split(separator: "\n") where line.hasPrefix("node ") {
            let fields = line.split(separator: " ")
            if fields.count > 3, let x = Double(fields[2]), let y = Double(fields[3]) { positions[String(fields[1])] = (x, y) }
        }
        let xs = Array(Set(positions.values.map { ($0.x * 100).rounded() })).sorted()
        let rankOfX = Dictionary(uniqueKeysWithValues: xs.enumerated().map { ($0.element, $0.offset) })
        var rank: [String: Int] = [:]
        for (id, p) in positions { rank[id] = rankOfX[(p.x * 100).rounded()] }
        var order: [String: Int] = [:]
        for members in Dictionary(grouping: positions.keys, by: { rank[$0]! }).values {
            for (i, id) in members.sorted(by: { positions[$0]!.y < positions[$1]!.y }).enumerated() { order[id] = i }
        }
        return (seconds, rank, order)
    }
}
