import KatalogCore

/// Label–value lines with the values lined up, for detail views:
///
///     Kind:           table
///     Rows:           4,019,220
enum FactList {
    static func render(_ facts: [(label: String, value: String)], indent: String = "") -> String {
        let width = facts.map { DisplayWidth.of($0.label) }.max() ?? 0
        return facts.map { indent + DisplayWidth.pad($0.label + ":", to: width + 1) + "  " + TerminalText.line($0.value) }
            .joined(separator: "\n")
    }
}
