import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal

/// lineage.yaml: what the team declares merges with what the project shows, and every mistake
/// in the file is reported with its line.
@Suite("Declared lineage (lineage.yaml)")
struct DeclaredLineageTests {
    let p = "dagpenger-prod-4e2b"

    /// The example shipped in examples/, which docs/lineage.md shows.
    static var example: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/lineage.yaml").standardized.path
    }

    @Test func theShippedExampleMergesWithTheDerivedGraph() async throws {
        let ws = try await TestWorkspace()
        let declared = try LineageFile.load(path: Self.example)
        #expect(declared.flows.count == 1 && declared.flows[0].line == 13)
        let derived = try await LineageBuilder(services: ws.services).build().graph
        let (graph, notices) = try await LineageBuilder(services: ws.services, declared: declared).build()
        #expect(notices.isEmpty)
        // Everything derived is still there, and the declared flow is added through its Naisjob.
        #expect(Set(derived.edges).isSubset(of: Set(graph.edges)))
        let added = Set(graph.edges).subtracting(derived.edges)
        #expect(added == [
            LineageEdge(from: "source:oracle:ARENA.STONAD_HISTORIKK", to: "transfer:naisjob:dp-historikk-migrering", via: "lineage.yaml"),
            LineageEdge(from: "source:oracle:ARENA.VEDTAKFAKTA", to: "transfer:naisjob:dp-historikk-migrering", via: "lineage.yaml"),
            LineageEdge(from: "transfer:naisjob:dp-historikk-migrering", to: "\(p).rasone.stønadshistorikk", via: "lineage.yaml"),
        ])
        #expect(graph.node("transfer:naisjob:dp-historikk-migrering") == LineageNode(id: "transfer:naisjob:dp-historikk-migrering", kind: .transfer,
                                                                                     zone: .transfer, label: "Naisjob: dp-historikk-migrering"))
        // The zone rule moves the salt table; the defaults still place the rest.
        #expect(derived.node("\(p).behandling.salt")?.zone == .processing)
        #expect(graph.node("\(p).behandling.salt")?.zone == .raw)
        #expect(graph.node("\(p).behandling.søknader_beriket")?.zone == .processing)
    }

    @Test func aDeclaredTransferIsTheSameNodeAsTheOneLabelsShow() async throws {
        let ws = try await TestWorkspace()
        let declared = try LineageFile.parse("""
            flows:
              - from: [kafka:teamdagpenger-rapid-v1, kafka:teamdagpenger-behov-v1]
                through: nais-app:dp-rapid-sink
                to: rasone.rapid_hendelser
              - from: rasone.tabell_n
                to: [behandling.vedtak_daglig, other-project-1.eksport.vedtak]
            """, path: "lineage.yaml")
        let graph = try await LineageBuilder(services: ws.services, declared: declared).build().graph
        #expect(graph.nodes.filter { $0.id.hasPrefix("transfer:nais-app:") }.map(\.id) == ["transfer:nais-app:dp-rapid-sink"])
        #expect(graph.edges.filter { $0.to == "transfer:nais-app:dp-rapid-sink" }.map(\.from) == [
            "source:kafka:teamdagpenger-behov-v1", "source:kafka:teamdagpenger-rapid-v1"])
        // A table in another project is a node of its own, not a typo.
        #expect(graph.edges.contains(LineageEdge(from: "\(p).rasone.tabell_n", to: "other-project-1.eksport.vedtak", via: "lineage.yaml")))
        #expect(graph.node("other-project-1.eksport.vedtak")?.zone == .processing)
    }

    @Test func everyMistakeIsReportedWithItsLine() throws {
        let text = """
            version: 1
            zones:
              - dataset: raw_*
                zone: utsiden
              - label: sone=ut
              - dataset: a
                table: b
                zone: rasone
            flows:
              - from: oracle:X
                through: cron:nightly
                to: rasone.tabell_1
              - from: rasone.tabell_1
                to: kafka:topic
              - to: rasone.tabell_1
              - from: ":nothing"
                to: rasone.tabell_1
                colour: red
            owner: teamdagpenger
            """
        #expect(throws: LineageFileError([
            YAMLFileError(file: "l.yaml", line: 4, problem: "unknown zone 'utsiden' (rasone, behandling or dataprodukt)"),
            YAMLFileError(file: "l.yaml", line: 5, problem: "a zone rule needs zone:"),
            YAMLFileError(file: "l.yaml", line: 7, problem: "a zone rule matches on one of dataset, table or label, not several"),
            YAMLFileError(file: "l.yaml", line: 11, problem: "'cron:nightly' is not a transfer: write KIND:NAME with KIND one of naisjob, nais-app, datastream, federated-query, scheduled-query"),
            YAMLFileError(file: "l.yaml", line: 14, problem: "'kafka:topic' is a source; a flow ends in a BigQuery table (dataset.table)"),
            YAMLFileError(file: "l.yaml", line: 15, problem: "a flow needs 'from:'"),
            YAMLFileError(file: "l.yaml", line: 16, problem: "':nothing' is neither a table (dataset.table) nor a source (system:object)"),
            YAMLFileError(file: "l.yaml", line: 19, problem: "unknown key 'owner' (known: version, zones, flows)"),
        ])) { try LineageFile.parse(text, path: "l.yaml") }
        #expect(throws: LineageFileError([YAMLFileError(file: "l.yaml", line: 2, problem: "flows must be a list (lines starting with '- ')")])) {
            try LineageFile.parse("version: 1\nflows: rasone.tabell_1\n", path: "l.yaml")
        }
        #expect(throws: LineageFileError.self) { try LineageFile.parse("flows:\n  - from: [a\n", path: "l.yaml") }
        for label in ["=ut", "sone="] {
            #expect(throws: LineageFileError([YAMLFileError(file: "l.yaml", line: 2, problem: "label must be KEY or KEY=VALUE, not '\(label)'")])) {
                try LineageFile.parse("zones:\n  - label: \"\(label)\"\n    zone: rasone\n", path: "l.yaml")
            }
        }
    }

    @Test func tablesTheProjectDoesNotHaveAreReportedWithTheirLine() async throws {
        let ws = try await TestWorkspace()
        let declared = try LineageFile.parse("""
            flows:
              - from: oracle:ARENA.SAK
                through: naisjob:sync
                to: rasone.tabell_1
              - from: rasone.finnes_ikke
                to: behandling.heller_ikke
            """, path: "lineage.yaml")
        await #expect(throws: LineageFileError([
            YAMLFileError(file: "lineage.yaml", line: 5, problem: "rasone.finnes_ikke is not a table in project \(p)"),
            YAMLFileError(file: "lineage.yaml", line: 5, problem: "behandling.heller_ikke is not a table in project \(p)"),
        ])) { try await LineageBuilder(services: ws.services, declared: declared).build() }
        // The terminal UI draws what it can and says why the declared part is missing.
        let file = ws.folder.appendingPathComponent("lineage.yaml")
        try "flows:\n  - from: rasone.finnes_ikke\n    to: rasone.tabell_1\n".write(to: file, atomically: true, encoding: .utf8)
        let (graph, notices) = try await LineageBuilder.build(services: ws.services, lineageFile: file.path)
        #expect(graph.edges.count == 26)
        #expect(notices.map(\.en) == ["\(file.path):2: rasone.finnes_ikke is not a table in project \(p)"])
    }

    @Test func zoneRulesComeFirstThenTheDefaults() throws {
        let project = try ProjectID(p)
        func dataset(_ name: String, labels: [String: String] = [:]) throws -> DatasetInfo {
            DatasetInfo(ref: DatasetRef(project: project, dataset: try DatasetID(name)), labels: labels, location: "EU")
        }
        let rules = ZoneRules([
            .init(match: .label(key: "sone", value: "ut"), zone: .dataprodukt),
            .init(match: .dataset("landing_*"), zone: .raw),
            .init(match: .table("mart.*_intern"), zone: .processing),
            .init(match: .label(key: "eksponert", value: nil), zone: .dataprodukt),
        ])
        #expect(rules.zone(of: try dataset("x", labels: ["sone": "ut"])) == .dataprodukt)
        #expect(rules.zone(of: try dataset("landing_arena")) == .raw)
        #expect(rules.zone(of: try dataset("landing")) == .processing)
        let mart = try dataset("mart", labels: ["sone": "dataprodukt"])
        let intern = TableInfo(ref: TableRef(mart.ref, try TableID("vedtak_intern")), kind: .table)
        let tagged = TableInfo(ref: TableRef(mart.ref, try TableID("t")), kind: .table, labels: ["eksponert": "ja"])
        #expect(rules.zone(of: mart, table: intern) == .processing)
        #expect(rules.zone(of: try dataset("annet"), table: tagged) == .dataprodukt)
        #expect(rules.zone(of: mart) == .dataprodukt)                    // the `sone` label, by default
        #expect(ZoneRules().zone(of: try dataset("raw_kafka")) == .raw)  // the name, by default
        #expect(Glob.matches("a*b?c", "a-xx-b1c") && !Glob.matches("a*b?c", "a-xx-bc") && Glob.matches("*", "") && !Glob.matches("", "x"))
    }
}
