import Testing
@testable import KatalogCore

/// Wide fans collapse into one "+N more" node that carries the hidden nodes' edges.
@Suite("Collapsed fans")
struct LineageFanTests {
    func graph(_ edges: [(String, String)]) -> LineageGraph {
        let ids = Set(edges.flatMap { [$0.0, $0.1] })
        return LineageGraph(nodes: ids.map { LineageNode(id: $0, kind: .table, zone: .raw, label: $0) },
                            edges: edges.map { LineageEdge(from: $0.0, to: $0.1, via: "view SQL") })
    }

    @Test func aWideFanKeepsTheFirstAndCarriesTheRest() {
        // a → c01…c12, and each of c08…c12 → z.
        let children = (1...12).map { String(format: "c%02d", $0) }
        let g = graph(children.map { ("a", $0) } + children.suffix(5).map { ($0, "z") })
        let (shown, fans) = g.collapsingFans(limit: 8) { "+\($0) more" }
        #expect(fans == [CollapsedFan(id: "fan:down:a", anchor: "a", members: Array(children.suffix(5)))])
        #expect(Set(shown.nodes.map(\.id)) == Set(["a", "z", "fan:down:a"] + children.prefix(7)))
        #expect(shown.node("fan:down:a")?.label == "+5 more" && shown.node("fan:down:a")?.kind == .collapsed)
        // The hidden nodes' edges go through the fan node: a → fan → z, once each.
        #expect(shown.edges.filter { $0.from == "fan:down:a" || $0.to == "fan:down:a" }.map { "\($0.from)→\($0.to)" } == ["a→fan:down:a", "fan:down:a→z"])
        // The same graph always collapses the same way.
        #expect(g.collapsingFans(limit: 8) { "\($0)" }.fans == fans)
    }

    @Test func keptNodesStayOutAndExpandedFansStayOpen() {
        let children = (1...12).map { String(format: "c%02d", $0) }
        let g = graph(children.map { ("a", $0) })
        let kept = g.collapsingFans(limit: 8, keep: ["c12"]) { "\($0)" }
        #expect(kept.graph.node("c12") != nil && kept.fans.first?.members == ["c07", "c08", "c09", "c10", "c11"])
        let open = g.collapsingFans(limit: 8, expanded: ["fan:down:a"]) { "\($0)" }
        #expect(open.fans.isEmpty && open.graph == g)
        // Narrow enough already, or a limit too small to mean anything: nothing collapses.
        #expect(graph(children.prefix(8).map { ("a", $0) }).collapsingFans(limit: 8) { "\($0)" }.fans.isEmpty)
        #expect(g.collapsingFans(limit: 1) { "\($0)" }.fans.isEmpty)
    }

    @Test func upstreamFansToo() {
        let sources = (1...10).map { String(format: "s%02d", $0) }
        let (shown, fans) = graph(sources.map { ($0, "t") }).collapsingFans(limit: 4) { "\($0)" }
        #expect(fans.map(\.id) == ["fan:up:t"] && fans[0].members.count == 7)
        #expect(shown.edges.filter { $0.to == "t" }.count == 4)
    }

    /// No "+N" hangs off another "+N": a fan whose anchor another fan hid stays open.
    @Test func everyFanHangsOffAVisibleNode() {
        var random = SeededRandom(state: 7)
        for _ in 0..<20 {
            var edges: [(String, String)] = []
            for target in 1..<80 {
                for _ in 0..<Int.random(in: 1...2, using: &random) { edges.append(("n\(Int.random(in: 0..<min(target, 4), using: &random))", "n\(target)")) }
            }
            let (shown, fans) = graph(edges).collapsingFans(limit: 5) { "\($0)" }
            for fan in fans { #expect(shown.node(fan.anchor) != nil, "\(fan.id)") }
            // Every original node is shown or stands behind exactly one fan.
            let hidden = fans.flatMap(\.members)
            #expect(Set(hidden).count == hidden.count)
            #expect(Set(shown.nodes.map(\.id)).union(hidden).isSuperset(of: Set(edges.flatMap { [$0.0, $0.1] })))
        }
    }
}

@Suite("Tables without lineage fold away")
struct LonerTests {
    static func graph() -> LineageGraph {
        let loners = (1...12).map { LineageNode(id: "p.d.t\($0)", kind: .table, zone: .raw, label: "d.t\($0)") }
        let others = [LineageNode(id: "p.d.a", kind: .table, zone: .raw, label: "d.a"), LineageNode(id: "p.e.b", kind: .view, zone: .processing, label: "e.b"),
                      LineageNode(id: "source:x", kind: .sourceTable, zone: .source, label: "x"), LineageNode(id: "p.e.c", kind: .table, zone: .processing, label: "e.c")]
        return LineageGraph(nodes: loners + others, edges: [LineageEdge(from: "p.d.a", to: "p.e.b", via: "view SQL")])
    }

    @Test func aDatasetsUnconnectedTablesBecomeOneNode() {
        let (shown, fans) = Self.graph().collapsingLoners(limit: 8) { "+\($0) tables without lineage" }
        #expect(fans.map(\.id) == ["fan:alone:p.d"] && fans[0].members.count == 12)
        #expect(shown.node("fan:alone:p.d")?.label == "+12 tables without lineage" && shown.node("fan:alone:p.d")?.kind == .collapsed)
        #expect(shown.node("p.d.t1") == nil && shown.node("p.d.a") != nil, "connected ones stay")
        #expect(shown.node("p.e.c") != nil && shown.node("source:x") != nil, "one loner is no crowd; a source is not a table")
        #expect(shown.edges == Self.graph().edges)
    }

    @Test func keptAndExpandedStayWhole() {
        let kept = Self.graph().collapsingLoners(limit: 8, keep: ["p.d.t3"]) { "\($0)" }
        #expect(kept.fans.first?.members.count == 11 && kept.graph.node("p.d.t3") != nil)
        #expect(Self.graph().collapsingLoners(limit: 8, expanded: ["fan:alone:p.d"]) { "\($0)" }.fans.isEmpty)
        #expect(Self.graph().collapsingLoners(limit: 12) { "\($0)" }.fans.isEmpty, "no more than the limit: drawn")
    }
}
