import Foundation

// `make bench` (release build): each benchmark prints its figures, and its summary lines
// (`ROW …`) for scripts/bench.sh's table. `--quick` runs every one at tiny sizes, as the smoke
// run `make test` does; `--only NAME` (explorer, filter, lineage, longtext, listing) runs one, for
// profiling; numbers after the flags are its sizes.
let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let only = zip(arguments, arguments.dropFirst()).first { $0.0 == "--only" }?.1
let sizes = arguments.compactMap { Int($0) }
func wanted(_ name: String, _ full: [Int], quick tiny: [Int]) -> [Int]? {
    guard only == nil || only == name else { return nil }
    return quick ? tiny : (only == name && !sizes.isEmpty ? sizes : full)
}

if let sizes = wanted("explorer", [100, 1_000, 10_000, 50_000], quick: [100, 1_000]) { try ExplorerBenchmark.run(sizes: sizes) }
if let sizes = wanted("filter", [10_000, 100_000], quick: [1_000]) { try FilterBenchmark.run(sizes: sizes) }
if let sizes = wanted("lineage", [1_000, 10_000, 50_000], quick: [200]) { LineageLayoutBenchmark.run(sizes: sizes) }
if let sizes = wanted("longtext", [1_000, 100_000], quick: [1_000]) { try LongTextBenchmark.run(sizes: sizes) }
if let sizes = wanted("listing", [1_000, 10_000], quick: [100]) { try await LocalListingBenchmark.run(sizes: sizes) }
