/// Where a node stands between the team's inside and the outside.
public enum LineageZone: String, CaseIterable, Sendable, Codable {
    case source
    case transfer
    case raw
    case processing
    case dataprodukt

    /// As the team docs title the columns of the figure.
    public var title: LocalizedText {
        switch self {
        case .source: LocalizedText(nb: "Internmodell", en: "Internal model")
        case .transfer: LocalizedText(nb: "Overføring", en: "Transfer")
        case .raw: LocalizedText(nb: "Råsone", en: "Råsone")
        case .processing: LocalizedText(nb: "Behandling", en: "Processing")
        case .dataprodukt: LocalizedText(nb: "Dataprodukter", en: "Dataprodukter")
        }
    }
}

public enum LineageNodeKind: String, Sendable, Codable {
    case sourceTable = "source_table"
    case transfer
    case table
    case view
    case materializedView = "materialized_view"
    case datasett
    /// A BigQuery table of another project that this one reads: outside the project, kept.
    case externalTable = "external_table"
    /// "+37 more": a collapsed fan standing in for the nodes it hides (only on the screen).
    case collapsed
}

public struct LineageNode: Hashable, Sendable, Codable {
    /// `project.dataset.table` for BigQuery; `source:…`, `transfer:…`, `dataprodukt:…` otherwise.
    public let id: String
    public let kind: LineageNodeKind
    public let zone: LineageZone
    public let label: String

    public init(id: String, kind: LineageNodeKind, zone: LineageZone, label: String) {
        self.id = id
        self.kind = kind
        self.zone = zone
        self.label = label
    }
}

public struct LineageEdge: Hashable, Sendable, Codable {
    public let from: String
    public let to: String
    /// The evidence: `view SQL`, `scheduled query «…»`, `Datastream «…»`, `label`, `marketplace`.
    public let via: String

    public init(from: String, to: String, via: String) {
        self.from = from
        self.to = to
        self.via = via
    }
}

/// The graph from sources to dataprodukter: nodes and edges in a stable order (by id), so the
/// same project always gives the same graph.
public struct LineageGraph: Equatable, Sendable, Codable {
    public let nodes: [LineageNode]
    public let edges: [LineageEdge]

    public init(nodes: [LineageNode], edges: [LineageEdge]) {
        var seen = Set<String>()
        let unique = nodes.filter { seen.insert($0.id).inserted }
        self.nodes = unique.sorted { $0.id < $1.id }
        let ids = Set(unique.map(\.id))
        // One edge per pair, naming all its evidence (a label and lineage.yaml may say the same).
        let pairs = Dictionary(grouping: edges.filter { ids.contains($0.from) && ids.contains($0.to) && $0.from != $0.to }) { [$0.from, $0.to] }
        self.edges = pairs.map { pair, found in
            LineageEdge(from: pair[0], to: pair[1], via: Set(found.map(\.via)).sorted().joined(separator: ", "))
        }.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    public func node(_ id: String) -> LineageNode? { nodes.first { $0.id == id } }

    /// Each node's direct neighbours on one side: what it reads (`upstream`) or what reads it.
    public func adjacency(upstream: Bool) -> [String: [String]] {
        upstream ? Dictionary(grouping: edges, by: \.to).mapValues { $0.map(\.from) }
                 : Dictionary(grouping: edges, by: \.from).mapValues { $0.map(\.to) }
    }

    /// Everything upstream (or downstream) of a node, however far.
    public func reachable(from id: String, upstream: Bool) -> Set<String> {
        let next = adjacency(upstream: upstream)
        var found: Set<String> = [], frontier = [id]
        while let current = frontier.popLast() {
            for neighbour in next[current] ?? [] where found.insert(neighbour).inserted { frontier.append(neighbour) }
        }
        return found
    }

    /// Only `focus` with `up` hops upstream and `down` hops downstream (dbt's `2+node+1`).
    public func focused(on focus: String, up: Int, down: Int) -> LineageGraph {
        var keep: Set<String> = [focus]
        func walk(_ start: String, hops: Int, next: (String) -> [String]) {
            var frontier = [start]
            for _ in 0..<max(0, hops) {
                frontier = frontier.flatMap(next).filter { keep.insert($0).inserted }
                if frontier.isEmpty { break }
            }
        }
        let incoming = adjacency(upstream: true), outgoing = adjacency(upstream: false)
        walk(focus, hops: up) { incoming[$0] ?? [] }
        walk(focus, hops: down) { outgoing[$0] ?? [] }
        return LineageGraph(nodes: nodes.filter { keep.contains($0.id) }, edges: edges.filter { keep.contains($0.from) && keep.contains($0.to) })
    }

    /// Cycles (two views reading each other through a third, …), each as its node ids: reported,
    /// never fatal.
    public func cycles() -> [[String]] {
        var found: [[String]] = []
        var state: [String: Int] = [:]  // 1 = on the stack, 2 = done
        var stack: [String] = []
        let outgoing = adjacency(upstream: false)
        func visit(_ id: String) {
            state[id] = 1
            stack.append(id)
            for next in outgoing[id] ?? [] {
                if state[next] == 1, let start = stack.firstIndex(of: next) {
                    found.append(Array(stack[start...]))
                } else if state[next] == nil {
                    visit(next)
                }
            }
            stack.removeLast()
            state[id] = 2
        }
        for node in nodes where state[node.id] == nil { visit(node.id) }
        return found
    }
}
