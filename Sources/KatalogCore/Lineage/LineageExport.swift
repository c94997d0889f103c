import Foundation

/// The graph as text other tools read: JSON with stable names, a Mermaid flowchart with one
/// subgraph per zone (as the team docs draw it; renders on GitHub), Graphviz DOT.
public enum LineageExport {
    public static func json(_ graph: LineageGraph) throws -> String {
        try TerminalJSON.encode(graph)
    }

    public static func mermaid(_ graph: LineageGraph, language: Language) -> String {
        let key = Dictionary(uniqueKeysWithValues: graph.nodes.enumerated().map { ($0.element.id, "n\($0.offset)") })
        var lines = ["flowchart LR"]
        for zone in LineageZone.allCases {
            let members = graph.nodes.filter { $0.zone == zone }
            guard !members.isEmpty else { continue }
            lines.append("  subgraph \(zone.rawValue)[\"\(mermaidText(zone.title.text(language)))\"]")
            for node in members { lines.append("    \(key[node.id]!)[\"\(mermaidText(node.label))\"]") }
            lines.append("  end")
        }
        for edge in graph.edges { lines.append("  \(key[edge.from]!) --> \(key[edge.to]!)") }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func dot(_ graph: LineageGraph, language: Language) -> String {
        var lines = ["digraph lineage {", "  rankdir=LR;", "  node [shape=box];"]
        for zone in LineageZone.allCases {
            let members = graph.nodes.filter { $0.zone == zone }
            guard !members.isEmpty else { continue }
            lines.append("  subgraph cluster_\(zone.rawValue) {")
            lines.append("    label=\(dotString(zone.title.text(language)));")
            for node in members { lines.append("    \(dotString(node.id)) [label=\(dotString(node.label))];") }
            lines.append("  }")
        }
        for edge in graph.edges { lines.append("  \(dotString(edge.from)) -> \(dotString(edge.to)) [tooltip=\(dotString(edge.via))];") }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Mermaid labels in double quotes: quotes as `#quot;`, and no control characters.
    static func mermaidText(_ text: String) -> String {
        TerminalText.line(text).replacingOccurrences(of: "\"", with: "#quot;")
    }

    static func dotString(_ text: String) -> String {
        "\"" + TerminalText.line(text).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
