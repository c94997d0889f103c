/// Never draw more than the user asked for: a node with more neighbours on one side than
/// `limit` keeps the first `limit - 1` of them, and one "+N more" node stands in for the rest,
/// carrying their edges so the picture stays connected.
public struct CollapsedFan: Equatable, Sendable {
    /// `fan:up:ANCHOR` or `fan:down:ANCHOR`.
    public let id: String
    public let anchor: String
    public let members: [String]

    public static func id(anchor: String, upstream: Bool) -> String { "fan:\(upstream ? "up" : "down"):\(anchor)" }
}

extension LineageGraph {
    /// The graph with wide fans collapsed, and the fans. Fans named in `expanded` stay whole;
    /// nodes in `keep` (the selection, a search hit) are never hidden. Deterministic: members
    /// are taken in id order.
    public func collapsingFans(limit: Int, expanded: Set<String> = [], keep: Set<String> = [],
                               label: (Int) -> String) -> (graph: LineageGraph, fans: [CollapsedFan]) {
        guard limit >= 2 else { return (self, []) }
        let outgoing = adjacency(upstream: false), incoming = adjacency(upstream: true)
        var hiddenBy: [String: String] = [:]
        var fans: [CollapsedFan] = []
        for node in nodes {
            for upstream in [false, true] where hiddenBy[node.id] == nil {  // a hidden node anchors no fan
                let id = CollapsedFan.id(anchor: node.id, upstream: upstream)
                let side = (upstream ? incoming[node.id] : outgoing[node.id]) ?? []
                guard side.count > limit, !expanded.contains(id) else { continue }
                let kept = side.filter(keep.contains).count
                let candidates = side.sorted().filter { hiddenBy[$0] == nil && !keep.contains($0) }
                let members = Array(candidates.dropFirst(max(0, limit - 1 - kept)))
                guard members.count >= 2 else { continue }
                for member in members { hiddenBy[member] = id }
                fans.append(CollapsedFan(id: id, anchor: node.id, members: members))
            }
        }
        // A fan whose anchor a later fan hid would hang "+N" off "+N": it stays open instead.
        for fan in fans where hiddenBy[fan.anchor] != nil {
            for member in fan.members where hiddenBy[member] == fan.id { hiddenBy[member] = nil }
        }
        fans.removeAll { hiddenBy[$0.anchor] != nil }
        guard !fans.isEmpty else { return (self, []) }
        let byID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
        var shownNodes = nodes.filter { hiddenBy[$0.id] == nil }
        for fan in fans {
            let zone = byID[fan.members[0]]?.zone ?? .processing
            shownNodes.append(LineageNode(id: fan.id, kind: .collapsed, zone: zone, label: label(fan.members.count)))
        }
        let shownEdges = edges.map { LineageEdge(from: hiddenBy[$0.from] ?? $0.from, to: hiddenBy[$0.to] ?? $0.to, via: $0.via) }
        return (LineageGraph(nodes: shownNodes, edges: shownEdges), fans)
    }
}

extension LineageGraph {
    /// The id of the node that stands in for a dataset's tables without lineage.
    public static func lonersID(dataset: String) -> String { "fan:alone:\(dataset)" }

    /// Tables, views and materialized views with no edge at all, more than `limit` in a
    /// dataset, folded into one "+N tables without lineage" node per dataset: sixty unconnected
    /// tables are not sixty boxes in a column. Datasets in `expanded` stay whole; nodes in
    /// `keep` are never hidden.
    public func collapsingLoners(limit: Int, expanded: Set<String> = [], keep: Set<String> = [],
                                 label: (Int) -> String) -> (graph: LineageGraph, fans: [CollapsedFan]) {
        guard limit >= 2 else { return (self, []) }
        let connected = Set(edges.flatMap { [$0.from, $0.to] })
        let loners = nodes.filter { [.table, .view, .materializedView].contains($0.kind) && !connected.contains($0.id) && !keep.contains($0.id) }
        let byDataset = Dictionary(grouping: loners) { String($0.id.split(separator: ".").dropLast().joined(separator: ".")) }
        var fans: [CollapsedFan] = []
        for (dataset, members) in byDataset.sorted(by: { $0.key < $1.key }) where members.count > limit {
            let id = Self.lonersID(dataset: dataset)
            guard !expanded.contains(id) else { continue }
            fans.append(CollapsedFan(id: id, anchor: dataset, members: members.map(\.id).sorted()))
        }
        guard !fans.isEmpty else { return (self, []) }
        let hidden = Set(fans.flatMap(\.members))
        let zoneOf = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.zone) })
        let standIns = fans.map { LineageNode(id: $0.id, kind: .collapsed, zone: zoneOf[$0.members[0]] ?? .processing, label: label($0.members.count)) }
        return (LineageGraph(nodes: nodes.filter { !hidden.contains($0.id) } + standIns, edges: edges), fans)
    }
}
