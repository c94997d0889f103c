import Foundation
import KatalogCore
import KatalogTUI

/// Explorer scrolling at scale: one key press (update) plus one frame (render) with a dataset
/// of N tables expanded, against a 100-table baseline. "No lag" is a frame well under 16 ms.
enum ExplorerBenchmark {
    static func perFrame(tables count: Int, presses: Int) throws -> Double {
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
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(presses)
    }

    static func run(sizes: [Int]) throws {
        print("Explorer: one key press + one frame, 160×48, dataset expanded")
        print("tables     ms/frame   vs 100 tables")
        let baseline = try perFrame(tables: 100, presses: 200)
        for count in sizes {
            let frame = try perFrame(tables: count, presses: count >= 10_000 ? 100 : 200)
            print(String(format: "%6d   %9.3f   %8.1f×", count, frame * 1000, frame / baseline))
            if count == sizes.last {
                SummaryRow(figure: "Explorer, key + frame, \(count.formatted()) tables", katalog: milliseconds(frame),
                           peer: "100 tables: \(milliseconds(baseline))", ratio: SummaryRow.ratio(frame, baseline),
                           target: "< 16 ms (60 Hz)", met: frame < 0.016).print()
            }
        }
    }
}
