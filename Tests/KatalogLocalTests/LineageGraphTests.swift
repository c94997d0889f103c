import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal

/// The lineage of the demo project, derived from the workspace as from a real project.
@Suite("Lineage graph")
struct LineageGraphTests {
    let p = "dagpenger-prod-4e2b"

    @Test func theDemoGivesTheTeamDocsFigure() async throws {
        let ws = try await TestWorkspace()
        let (graph, notices) = try await LineageBuilder(services: ws.services).build()
        #expect(notices.isEmpty)
        let zones = Dictionary(grouping: graph.nodes, by: \.zone).mapValues { $0.count }
        #expect(zones == [.source: 5, .transfer: 7, .raw: 5, .processing: 5, .dataprodukt: 6])
        #expect(graph.edges.count == 26)
        func edge(_ from: String, _ to: String, _ via: String) -> LineageEdge { LineageEdge(from: from, to: to, via: via) }
        let expected = [
            edge("source:postgres:dp-soknad-postgres/public.tabell_1", "transfer:datastream:dp-soknad til råsone", "Datastream «dp-soknad til råsone»"),
            edge("transfer:datastream:dp-soknad til råsone", "\(p).rasone.tabell_1", "Datastream «dp-soknad til råsone»"),
            edge("source:postgres:vedtak/public.tabell_2", "transfer:federated_query:Hent vedtak fra dp-vedtak", "EXTERNAL_QUERY europe-north1.dp-vedtak-pg"),
            edge("transfer:federated_query:Hent vedtak fra dp-vedtak", "\(p).rasone.tabell_2", "scheduled query «Hent vedtak fra dp-vedtak»"),
            edge("source:oracle:tabell_n", "transfer:naisjob:dp-arena-sync", "label"),
            edge("transfer:nais-app:dp-rapid-sink", "\(p).rasone.rapid_hendelser", "label"),
            edge("source:db2:stønadshistorikk", "transfer:naisjob:dp-db2-eksport", "label"),
            edge("\(p).rasone.tabell_1", "\(p).behandling.søknader_beriket", "view SQL"),
            edge("\(p).behandling.søknader_beriket", "\(p).dataprodukter.søknader_per_måned", "view SQL"),
            edge("\(p).dataprodukter.vedtak_statistikk", "dataprodukt:dagpengevedtak/vedtaksstatistikk", "marketplace"),
        ]
        for item in expected { #expect(graph.edges.contains(item), "\(item)") }
        #expect(graph.node("\(p).behandling.hendelser_per_time")?.kind == .materializedView)
        #expect(graph.node("\(p).rasone.tabell_1")?.zone == .raw)
        #expect(graph.cycles().isEmpty)
    }

    @Test func focusKeepsTheHopsAsked() async throws {
        let ws = try await TestWorkspace()
        let graph = try await LineageBuilder(services: ws.services).build().graph
        let focused = graph.focused(on: "\(p).behandling.søknader_beriket", up: 1, down: 1)
        #expect(Set(focused.nodes.map(\.id)) == [
            "\(p).behandling.søknader_beriket", "\(p).rasone.tabell_1", "\(p).rasone.tabell_2",
            "\(p).dataprodukter.søknader_per_måned", "transfer:scheduled_query:Daglig vedtaksoppsummering",
        ])
        #expect(graph.focused(on: "\(p).rasone.tabell_1", up: 0, down: 0).nodes.count == 1)
    }

    @Test func aCycleIsReportedNotFatal() async throws {
        let ws = try await TestWorkspace()
        let project = try ProjectID(p)
        let loop = DatasetRef(project: project, dataset: try DatasetID("sloyfe"))
        func view(_ name: String, reads: String) throws -> TableInfo {
            TableInfo(ref: TableRef(loop, try TableID(name)), kind: .view, query: "SELECT * FROM `\(p).sloyfe.\(reads)`")
        }
        try await ws.workspace.warehouseStore.store(datasets: [DatasetInfo(ref: loop, location: "EU")],
                                                    tables: [try view("a", reads: "c"), try view("b", reads: "a"), try view("c", reads: "b")])
        let graph = try await LineageBuilder(services: ws.services).build().graph
        let cycles = graph.cycles()
        #expect(cycles.count == 1)
        #expect(Set(cycles[0]) == ["\(p).sloyfe.a", "\(p).sloyfe.b", "\(p).sloyfe.c"])
    }

    @Test func exportsReadableByOtherTools() async throws {
        let ws = try await TestWorkspace()
        let graph = try await LineageBuilder(services: ws.services).build().graph
        let json = try LineageExport.json(graph)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(Set(nodes[0].keys) == ["id", "kind", "zone", "label"])
        #expect(Set((try #require(object["edges"] as? [[String: Any]]))[0].keys) == ["from", "to", "via"])
        let mermaid = LineageExport.mermaid(graph, language: .nb)
        #expect(mermaid.hasPrefix("flowchart LR\n  subgraph source[\"Internmodell\"]"))
        #expect(mermaid.components(separatedBy: "\n").filter { $0.contains(" --> ") }.count == graph.edges.count)
        // Graphviz accepts the DOT.
        let dot = LineageExport.dot(graph, language: .en)
        let file = ws.folder.appendingPathComponent("lineage.dot")
        try dot.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
        process.arguments = ["-Tsvg", "-o", ws.folder.appendingPathComponent("lineage.svg").path, file.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let svg = try String(contentsOf: ws.folder.appendingPathComponent("lineage.svg"), encoding: .utf8)
        #expect(svg.contains("rasone.tabell_1") && svg.contains("Råsone"))
    }

    @Test func hostileNamesCannotBreakTheExports() {
        let graph = LineageGraph(nodes: [
            LineageNode(id: "a\"]; evil", kind: .table, zone: .raw, label: "x\"] --> y\u{1B}[2J"),
            LineageNode(id: "b", kind: .table, zone: .raw, label: "b\\\"c"),
        ], edges: [LineageEdge(from: "a\"]; evil", to: "b", via: "v\"")])
        let dot = LineageExport.dot(graph, language: .en)
        #expect(dot.contains(#""a\"]; evil" -> "b""#) && !dot.contains("\u{1B}"))
        let mermaid = LineageExport.mermaid(graph, language: .en)
        #expect(mermaid.contains("x#quot;] --> y\\x1b[2J") && !mermaid.contains("\u{1B}"))
    }
}
