import Foundation
import KatalogCore
import KatalogTUI

/// A table whose description is N characters, open in the Explorer's details: one key press
/// in the details (update + frame, 160×48). A long text is wrapped once per width, not per key.
enum LongTextBenchmark {
    static func perKey(characters count: Int, presses: Int) throws -> Double {
        let project = try ProjectID("dagpenger-prod-4e2b")
        let dataset = DatasetRef(project: project, dataset: try DatasetID("rasone"))
        let ref = TableRef(dataset, try TableID("lang_beskrivelse"))
        let words = ["søknad", "vedtak", "meldekort", "utbetaling", "dagpenger", "periode", "fødselsnummer", "og", "i", "for"]
        var description = ""
        var index = 0
        while description.count < count { description += words[index % words.count] + " "; index += 1 }
        let table = TableInfo(ref: ref, kind: .table, description: description,
                              schema: (0..<20).map { SchemaField("kolonne_\($0)", "STRING") })
        var state = AppState(width: 160, height: 48, language: .nb, readOnly: false, project: project, themeName: "default", themeNames: [])
        let keys = KeyRegistry()
        _ = state.handle(.datasetsLoaded(.success([DatasetInfo(ref: dataset, location: "EU", tableCount: 1)])), keys: keys)
        _ = state.handle(.tablesLoaded(dataset, .success([table])), keys: keys)
        _ = state.handle(.key(.enter), keys: keys)            // expand the dataset
        _ = state.handle(.key(.character("j")), keys: keys)   // the table
        _ = state.handle(.tableLoaded(ref, .success(table)), keys: keys)
        _ = state.handle(.key(.tab), keys: keys)              // into the details
        _ = Renderer.render(state, keys: keys)
        let start = DispatchTime.now().uptimeNanoseconds
        for press in 0..<presses {
            _ = state.handle(.key(.character(press % 2 == 0 ? "j" : "k")), keys: keys)
            _ = Renderer.render(state, keys: keys)
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(presses)
    }

    static func run(sizes: [Int]) throws {
        print("\nA long description in the details: one key press + one frame, 160×48")
        print("characters   ms per key")
        for count in sizes {
            let key = try perKey(characters: count, presses: 20)
            print(String(format: "%10d   %10.2f", count, key * 1000))
            if count == sizes.last {
                SummaryRow(figure: "Details, key + frame, a \(count.formatted())-character description", katalog: milliseconds(key), peer: "–",
                           ratio: "–", target: "< 16 ms (60 Hz)", met: key < 0.016).print()
            }
        }
    }
}
