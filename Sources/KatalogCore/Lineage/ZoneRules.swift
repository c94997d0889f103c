/// Which zone a BigQuery table stands in. Teams draw the line between inside and outside
/// themselves, so a workspace may put its own rules first (lineage.yaml `zones:`); the
/// defaults read the dataset's `sone` label, then its name.
public struct ZoneRules: Equatable, Sendable {
    public struct Rule: Equatable, Sendable {
        public enum Match: Equatable, Sendable {
            /// A glob on the dataset name: `raw_*`.
            case dataset(String)
            /// A glob on `dataset.table`: `behandling.*_ekstern`.
            case table(String)
            /// A label on the table or its dataset; any value when `value` is nil.
            case label(key: String, value: String?)
        }

        public let match: Match
        public let zone: LineageZone

        public init(match: Match, zone: LineageZone) {
            self.match = match
            self.zone = zone
        }

        func matches(_ dataset: DatasetInfo, table: TableInfo?) -> Bool {
            switch match {
            case let .dataset(pattern):
                return Glob.matches(pattern, dataset.ref.dataset.rawValue)
            case let .table(pattern):
                guard let table else { return false }
                return Glob.matches(pattern, "\(table.ref.dataset).\(table.ref.table)")
            case let .label(key, value):
                let found = table?.labels[key] ?? dataset.labels[key]
                return found != nil && (value == nil || found == value)
            }
        }
    }

    public let rules: [Rule]

    public init(_ rules: [Rule] = []) {
        self.rules = rules
    }

    /// The first rule that matches, else the defaults.
    public func zone(of dataset: DatasetInfo, table: TableInfo? = nil) -> LineageZone {
        rules.first { $0.matches(dataset, table: table) }?.zone ?? Self.defaultZone(of: dataset)
    }

    /// The zone a user names in a rule: the team docs' words, in either language.
    public static func zone(named name: String) -> LineageZone? {
        switch name.lowercased() {
        case "rasone", "råsone", "raw": .raw
        case "behandling", "processing": .processing
        case "dataprodukt", "dataprodukter", "utside", "outside": .dataprodukt
        default: nil
        }
    }

    /// The dataset's `sone` label decides; without one, names that say råsone do.
    static func defaultZone(of dataset: DatasetInfo) -> LineageZone {
        if let label = dataset.labels["sone"], let zone = zone(named: label) { return zone }
        let name = dataset.ref.dataset.rawValue.lowercased()
        return name.contains("rasone") || name.hasPrefix("raw") ? .raw : .processing
    }
}

/// Shell-style patterns: `*` any run of characters, `?` one character, the rest literally.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        // Iterative matching with one backtrack point for the last `*`: linear in practice.
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
