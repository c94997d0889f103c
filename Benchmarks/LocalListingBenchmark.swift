import Foundation
import KatalogCore
import KatalogLocal

/// A dataset of N tables of 20 columns (some nested) in a workspace, listed as `katalog ls
/// DATASET` and the Explorer list it: the time to read the list.
enum LocalListingBenchmark {
    static func run(sizes: [Int]) async throws {
        print("\nLocal listing: one dataset of N tables, 20 columns each, read as a list")
        print("tables     ms per listing   sqlite3 CLI, same SELECT, ms")
        for count in sizes {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let workspace = try await DemoWorkspace.create(at: folder.appendingPathComponent("ws.sqlite").path, now: Date())
            let dataset = DatasetRef(project: try workspace.project()!, dataset: try DatasetID("stor"))
            let schema = (0..<18).map { SchemaField("kolonne_\($0)", "STRING", description: "Beskrivelse av kolonne \($0)") }
                + [SchemaField("person", "RECORD", fields: [SchemaField("fodselsnummer", "STRING"), SchemaField("navn", "STRING")]), SchemaField("dato", "DATE")]
            let tables = try (0..<count).map {
                TableInfo(ref: TableRef(dataset, try TableID(String(format: "tabell_%05d", $0))), kind: .table, description: "Tabell \($0)",
                          schema: schema, numRows: Int64($0), numBytes: Int64($0 * 100))
            }
            try await workspace.warehouseStore.store(datasets: [DatasetInfo(ref: dataset, location: "EU", tableCount: count)], tables: tables)
            let warehouse = try workspace.warehouseStore
            _ = try await warehouse.tables(in: dataset)  // warm the page cache
            let runs = 5
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<runs { _ = try await warehouse.tables(in: dataset) }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(runs)
            try workspace.close()
            let peer = sqlite3(path: folder.appendingPathComponent("ws.sqlite").path, dataset: dataset)
            print(String(format: "%6d   %14.2f   ", count, ms) + (peer.map { String(format: "%8.2f", $0 * 1000) } ?? "–"))
            if count == sizes.last {
                SummaryRow(figure: "Local listing, one dataset of \(count.formatted()) tables", katalog: milliseconds(ms / 1000),
                           peer: peer.map { "sqlite3 CLI, same SELECT: \(milliseconds($0))" } ?? "sqlite3 not installed",
                           ratio: peer.map { SummaryRow.ratio(ms / 1000, $0) } ?? "–", target: "no schema decoded", met: nil).print()
            }
        }
    }

    /// The sqlite3 command line running the listing's SELECT, best of five (process included).
    static func sqlite3(path: String, dataset: DatasetRef) -> Double? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { return nil }
        let sql = """
            SELECT project, dataset, tableId, kind, friendlyName, labels, numRows, numBytes, created, modified, expires, location
            FROM bqTable WHERE project = '\(dataset.project.rawValue)' AND dataset = '\(dataset.dataset.rawValue)' ORDER BY tableId
            """
        var best = Double.infinity
        for _ in 0..<5 {
            guard let seconds = Spawn.time("/usr/bin/sqlite3", [path, sql]) else { return nil }
            best = min(best, seconds)
        }
        return best
    }
}
