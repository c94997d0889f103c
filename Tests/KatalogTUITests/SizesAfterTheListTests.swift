import Foundation
import Testing
import KatalogCore
@testable import KatalogTUI

/// BigQuery's lists carry no sizes: the tree shows the tables at once and their sizes when the
/// size query answers.
@Suite("Sizes arrive after the list")
struct SizesAfterTheListTests {
    @Test func theTreeShowsTheListThenItsSizes() throws {
        let project = try ProjectID("dagpenger-prod-4e2b")
        let dataset = DatasetRef(project: project, dataset: try DatasetID("rasone"))
        let table = TableRef(dataset, try TableID("tabell_1")), view = TableRef(dataset, try TableID("utsyn"))
        var state = AppState(width: 120, height: 30, language: .en, readOnly: false, project: project, themeName: "default", themeNames: [])
        let keys = KeyRegistry()
        let started = state.handle(.datasetsLoaded(.success([DatasetInfo(ref: dataset, location: "europe-north1", tableCount: 2)])), keys: keys)
        #expect(started.contains(.loadTables([dataset], locations: [dataset: "europe-north1"])))
        _ = state.handle(.tablesLoaded(dataset, .success([TableInfo(ref: table, kind: .table), TableInfo(ref: view, kind: .view)])), keys: keys)
        _ = state.handle(.key(.enter), keys: keys)
        let before = Renderer.render(state, keys: keys).rows.joined(separator: "\n")
        #expect(before.contains("tabell_1") && !before.contains("812.4 MB"))
        _ = state.handle(.sizesLoaded([table: TableSize(numRows: 1_284_331, numBytes: 812_400_113, modified: nil),
                                       view: TableSize(numRows: 9, numBytes: 9, modified: nil)]), keys: keys)
        let after = Renderer.render(state, keys: keys).rows.joined(separator: "\n")
        #expect(after.contains("812.4 MB"), "\(after)")
        #expect(state.catalog.tables[dataset]?.first { $0.ref == view }?.numBytes == nil, "a view stores nothing")
    }
}
