import Foundation
import KatalogCore
import KatalogTUI

// Two measurements: Explorer scrolling at scale, and the lineage layout against Graphviz.
//
// Explorer scrolling at scale: one key press (update) plus one frame (render) with a dataset
// of N tables expanded, against a 100-table baseline. Run with `make bench` (release build).
// The target is "no lag": a frame well under 16 ms (60 Hz) at 10,000 tables.

func measure(tables count: Int, presses: Int) throws -> (perFrame: Double, rows: Int) {
    let project = try ProjectID("dagpenger-prod-4e2b")
    let dataset = DatasetRef(project: project, dataset: try DatasetID("stor"))
    let tables = try (0..<count).map {
        TableInfo(ref: TableRef(dataset, try TableID(String(format: "tabell_%05d", $0))), kind: .table,
                  numRows: Int64($0 * 1000), numBytes: Int64($0 * 12_345))
    }
    var state = AppState(width: 160, height: 48, language: .nb, readOnly: false, project: project, themeName: "default", themeNames: [])
    let keys = KeyRegistry()
    _ = state.handle(.datasetsLoaded(.success([DatasetInfo(ref: dataset, location: "EU", tableCount: count)])), keys: keys)
    _ = state.handle(.tablesLoaded(dataset, .success(tables)), keys: keys)
    _ = state.handle(.key(.enter), keys: keys)  // expand the dataset
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<presses {
        _ = state.handle(.key(.character("j")), keys: keys)
        _ = Renderer.render(state, keys: keys)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (seconds / Double(presses), count)
}

print("Explorer: one key press + one frame, 160×48, dataset expanded")
print("tables     ms/frame   vs 100 tables")
let baseline = try measure(tables: 100, presses: 200).perFrame
for count in [100, 1_000, 10_000, 50_000] {
    let result = try measure(tables: count, presses: count >= 10_000 ? 100 : 200)
    print(String(format: "%6d   %9.3f   %8.1f×", count, result.perFrame * 1000, result.perFrame / baseline))
}

/// The `/` filter: one keystroke of a query typed over N table names in one expanded dataset
/// (update + frame), as the Explorer does it.
func measureFilter(tables count: Int) throws -> Double {
    let project = try ProjectID("dagpenger-prod-4e2b")
    let dataset = DatasetRef(project: project, dataset: try DatasetID("stor"))
    let tables = try (0..<count).map { TableInfo(ref: TableRef(dataset, try TableID(String(format: "tabell_%06d_vedtak", $0))), kind: .table) }
    var state = AppState(width: 160, height: 48, language: .nb, readOnly: false, project: project, themeName: "default", themeNames: [])
    let keys = KeyRegistry()
    _ = state.handle(.datasetsLoaded(.success([DatasetInfo(ref: dataset, location: "EU", tableCount: count)])), keys: keys)
    _ = state.handle(.tablesLoaded(dataset, .success(tables)), keys: keys)
    _ = state.handle(.key(.character("/")), keys: keys)
    let query = "tab99ved"
    let start = DispatchTime.now().uptimeNanoseconds
    for character in query {
        _ = state.handle(.key(.character(character)), keys: keys)
        _ = Renderer.render(state, keys: keys)
    }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(query.count)
}

print("\nFilter: one keystroke (update + frame) over N names, 160×48")
print("names      ms/keystroke")
for count in [10_000, 100_000] {
    print(String(format: "%7d   %9.2f", count, try measureFilter(tables: count) * 1000))
}

let lineageSizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
LineageLayoutBenchmark.run(sizes: lineageSizes.isEmpty ? [1_000, 10_000, 50_000] : lineageSizes)

try await LocalListingBenchmark.run(sizes: [1_000, 10_000])
