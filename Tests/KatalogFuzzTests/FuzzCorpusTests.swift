import Foundation
import Testing
import KatalogFuzzTargets

/// The fuzz targets in the test run: every committed corpus input (each crash libFuzzer ever
/// found is one), then seeded mutations of them — the quick variant of `make stress`'s
/// libFuzzer runs. A broken promise crashes the test process, as it would the fuzzer.
@Suite("Fuzz corpora and seeded mutations")
struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz/Corpus").standardized

    static func inputs(_ target: FuzzTarget) throws -> [Data] {
        let folder = corpus.appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyCorpusInputRuns(_ target: FuzzTarget) throws {
        let inputs = try Self.inputs(target)
        #expect(inputs.count >= 1, "Fuzz/Corpus/\(target.rawValue) has no inputs")
        for input in inputs { target.run(input) }
    }

    /// Mutations (flips, cuts, splices, hostile tokens) from a fixed seed: the same inputs
    /// every run, so a failure here repeats. KATALOG_FUZZ_MUTATIONS sets how many per target.
    @Test(arguments: FuzzTarget.allCases)
    func seededMutationsRun(_ target: FuzzTarget) throws {
        let count = Int(ProcessInfo.processInfo.environment["KATALOG_FUZZ_MUTATIONS"] ?? "") ?? 1_000
        var mutator = Mutator(seed: 0x6B61_7461_6C6F_67, inputs: try Self.inputs(target))
        for _ in 0..<count { target.run(mutator.next()) }
    }
}
