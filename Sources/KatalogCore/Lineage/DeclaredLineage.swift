import Foundation

/// Lineage a team declares for what GCP cannot see, in a `lineage.yaml` beside its code:
/// flows from the internal model through a transfer into BigQuery, and its own zone rules.
/// Every part remembers its line, so a problem found later can point at it.
public struct DeclaredLineage: Equatable, Sendable {
    /// One end of a flow: a BigQuery table, or a table in the internal model.
    public enum Endpoint: Equatable, Sendable {
        /// `dataset.table` or `project.dataset.table`, resolved later against the project.
        case table(String)
        /// `oracle:ARENA.SAK_VEDTAK`, `kafka:teamdagpenger.rapid.v1`.
        case source(system: String, object: String)
    }

    /// `naisjob:dp-arena-sync`.
    public struct Transfer: Equatable, Sendable {
        public let kind: TransferKind
        public let name: String
    }

    public struct Flow: Equatable, Sendable {
        public let from: [Endpoint]
        public let through: Transfer?
        public let to: [Endpoint]
        public let line: Int

        public init(from: [Endpoint], through: Transfer?, to: [Endpoint], line: Int) {
            self.from = from
            self.through = through
            self.to = to
            self.line = line
        }
    }

    /// The file it came from, as the user named it (for `via` and messages).
    public let file: String
    public let flows: [Flow]
    public let zones: ZoneRules

    public init(file: String, flows: [Flow], zones: ZoneRules) {
        self.file = file
        self.flows = flows
        self.zones = zones
    }

    /// Reads one endpoint as written: `system:object` is a source, anything else a table.
    public static func endpoint(_ text: String) -> Endpoint? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let colon = text.firstIndex(of: ":") {
            let system = String(text[..<colon]), object = String(text[text.index(after: colon)...])
            guard !system.isEmpty, !object.isEmpty, system.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
            return .source(system: SourceSystem.normalized(system), object: object)
        }
        return text.isEmpty ? nil : .table(text)
    }

    /// Reads `kind:name` of a transfer, e.g. `naisjob:dp-arena-sync`.
    public static func transfer(_ text: String) -> Transfer? {
        let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let kind = TransferKind(rawValue: parts[0].lowercased()), !parts[1].isEmpty else { return nil }
        return Transfer(kind: kind, name: parts[1])
    }
}
