import Foundation
import KatalogCore
import KatalogTUI

/// The `/` filter, one keystroke at a time, over N table names in one expanded dataset — the
/// TUI's own code path (update + frame), without a terminal — against `fzf --filter` on the
/// same names: fzf run once per prefix of the query, as if it were typed.
enum FilterBenchmark {
    static let query = "tab99ved"

    static func names(_ count: Int) -> [String] { (0..<count).map { String(format: "tabell_%06d_vedtak", $0) } }

    static func katalog(tables count: Int) throws -> Double {
        let project = try ProjectID("dagpenger-prod-4e2b")
        let dataset = DatasetRef(project: project, dataset: try DatasetID("stor"))
        let tables = try names(count).map { TableInfo(ref: TableRef(dataset, try TableID($0)), kind: .table) }
        var state = AppState(width: 160, height: 48, language: .nb, readOnly: false, project: project, themeName: "default", themeNames: [])
        let keys = KeyRegistry()
        _ = state.handle(.datasetsLoaded(.success([DatasetInfo(ref: dataset, location: "EU", tableCount: count)])), keys: keys)
        _ = state.handle(.tablesLoaded(dataset, .success(tables)), keys: keys)
        _ = state.handle(.key(.character("/")), keys: keys)
        let start = DispatchTime.now().uptimeNanoseconds
        for character in query {
            _ = state.handle(.key(.character(character)), keys: keys)
            _ = Renderer.render(state, keys: keys)
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(query.count)
    }

    /// Seconds per keystroke for `fzf --filter PREFIX < names`, or nil without fzf.
    static func fzf(tables count: Int) -> Double? {
        guard let fzf = ["/usr/bin/fzf", "/usr/local/bin/fzf"].first(where: FileManager.default.isExecutableFile(atPath:)) else { return nil }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-bench-names-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? (names(count).joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)) != nil else { return nil }
        var total = 0.0
        for length in 1...query.count {
            guard let seconds = Spawn.time(fzf, ["--filter", String(query.prefix(length))], stdin: file.path) else { return nil }
            total += seconds
        }
        return total / Double(query.count)
    }

    static func run(sizes: [Int]) throws {
        print("\nFilter: one keystroke of \"\(query)\" (update + frame, 160×48) over N names, vs fzf --filter per prefix")
        print("names      katalog ms   fzf ms    ratio")
        for count in sizes {
            // The best of three runs each: the machine is noisy, and both sides get the same chance.
            let ours = try (0..<3).map { _ in try katalog(tables: count) }.min()!
            let theirs = (0..<3).compactMap { _ in fzf(tables: count) }.min()
            print(String(format: "%7d   %10.2f   ", count, ours * 1000) + (theirs.map { String(format: "%6.2f   %5.2f×", $0 * 1000, ours / $0) } ?? "     –   (fzf not installed)"))
            if count == sizes.last {
                SummaryRow(figure: "`/` filter, one keystroke, \(count.formatted()) names", katalog: milliseconds(ours),
                           peer: theirs.map { "fzf --filter: \(milliseconds($0))" } ?? "fzf not installed",
                           ratio: theirs.map { SummaryRow.ratio(ours, $0) } ?? "–", target: "≤ 1.0× fzf",
                           met: theirs.map { ours <= $0 }).print()
            }
        }
    }
}
