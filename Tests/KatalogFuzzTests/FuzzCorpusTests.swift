import Foundation
import Testing
import KatalogFuzzTargets
import KatalogTestSupport

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
    func everyCorpusInputRuns(_ target: FuzzTarget) async throws {
        let inputs = try Self.inputs(target)
        #expect(inputs.count >= 1, "Fuzz/Corpus/\(target.rawValue) has no inputs")
        // Seconds of CPU: off Swift concurrency's threads, which other tests' timeouts need.
        _ = try await offThePool { () -> Int in
            for input in inputs { target.run(input) }
            return inputs.count
        }
    }

    /// Mutations (flips, cuts, splices, hostile tokens) from a fixed seed: the same inputs
    /// every run, so a failure here repeats. KATALOG_FUZZ_MUTATIONS sets how many per target.
    @Test(arguments: FuzzTarget.allCases)
    func seededMutationsRun(_ target: FuzzTarget) async throws {
        let count = Int(ProcessInfo.processInfo.environment["KATALOG_FUZZ_MUTATIONS"] ?? "") ?? 1_000
        let inputs = try Self.inputs(target)
        _ = try await offThePool { () -> Int in
            var mutator = Mutator(seed: 0x6B61_7461_6C6F_67, inputs: inputs)
            for _ in 0..<count { target.run(mutator.next()) }
            return count
        }
    }
}
