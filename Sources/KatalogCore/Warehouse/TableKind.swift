/// What a BigQuery table resource is (`Table.type` in the REST API).
public enum TableKind: String, CaseIterable, Sendable, Codable {
    case table = "TABLE"
    case view = "VIEW"
    case materializedView = "MATERIALIZED_VIEW"
    case external = "EXTERNAL"
    case snapshot = "SNAPSHOT"

    /// The kinds the marketplace accepts as a datasett (anything else: 400 `table_type`).
    public var isPublishable: Bool {
        self == .table || self == .view || self == .materializedView
    }

    public var isView: Bool { self == .view || self == .materializedView }

    /// A short marker for lists, readable without colour.
    public var marker: String {
        switch self {
        case .table: "T"
        case .view: "V"
        case .materializedView: "M"
        case .external: "E"
        case .snapshot: "S"
        }
    }

    public var label: LocalizedText {
        switch self {
        case .table: LocalizedText(nb: "tabell", en: "table")
        case .view: LocalizedText(nb: "view", en: "view")
        case .materializedView: LocalizedText(nb: "materialisert view", en: "materialized view")
        case .external: LocalizedText(nb: "ekstern tabell", en: "external table")
        case .snapshot: LocalizedText(nb: "snapshot", en: "snapshot")
        }
    }
}
