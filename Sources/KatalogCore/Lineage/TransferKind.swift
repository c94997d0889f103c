/// How data moves from the internal model into BigQuery: one name for the node id, one for the
/// label, whichever evidence found it (an API, a label, lineage.yaml).
public enum TransferKind: String, CaseIterable, Sendable {
    case naisjob
    case naisApp = "nais-app"
    case datastream
    case federatedQuery = "federated-query"
    case scheduledQuery = "scheduled-query"

    /// `transfer:KIND:NAME`, the node id (underscores in the id, as the first exports had them).
    public func nodeID(_ name: String) -> String {
        "transfer:\(rawValue.replacingOccurrences(of: "-query", with: "_query")):\(name)"
    }

    public func label(_ name: String) -> String {
        switch self {
        case .naisjob: "Naisjob: \(name)"
        case .naisApp: "Nais app: \(name)"
        case .datastream: "Datastream: \(name)"
        case .federatedQuery: "Federated Query: \(name)"
        case .scheduledQuery: "Scheduled query: \(name)"
        }
    }

    public func node(_ name: String) -> LineageNode {
        LineageNode(id: nodeID(name), kind: .transfer, zone: .transfer, label: label(name))
    }
}

/// A table in the internal model (Postgres, Oracle, Kafka, DB2 …) as a lineage node.
public enum SourceSystem {
    /// One name per database system, whichever API spelt it (POSTGRES, POSTGRESQL, …).
    public static func normalized(_ name: String) -> String {
        let lower = name.lowercased()
        return lower == "postgresql" ? "postgres" : lower
    }

    public static func node(system: String, object: String) -> LineageNode {
        let system = normalized(system)
        return LineageNode(id: "source:\(system):\(object)", kind: .sourceTable, zone: .source, label: "\(system): \(object)")
    }
}
