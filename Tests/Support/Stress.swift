import Foundation
import Testing

/// How hard the hardening tests push: their quick variant in `make test`, the long one in
/// `make stress` (KATALOG_STRESS=1), which also collects each test's row for
/// docs/reliability.md — test, volume, failures, what was lost.
public enum Stress {
    public static var isLong: Bool { ProcessInfo.processInfo.environment["KATALOG_STRESS"] == "1" }

    public static func count(quick: Int, long: Int) -> Int { isLong ? long : quick }

    /// A random test's seed: KATALOG_STRESS_SEED to repeat a run; else fixed in the quick
    /// variant, so `make test` meets the same inputs every run, and the clock in the long one,
    /// so `make stress` meets new ones.
    public static var seed: UInt64 {
        if let repeated = ProcessInfo.processInfo.environment["KATALOG_STRESS_SEED"].flatMap({ UInt64($0) }) { return repeated }
        return isLong ? UInt64(Date().timeIntervalSince1970) : 20_261_201
    }

    /// One row for docs/reliability.md, appended to the file KATALOG_STRESS_ROWS names (set by
    /// scripts/stress.sh); nothing otherwise.
    public static func report(_ test: String, volume: String, failures: Int, lost: String) {
        guard let path = ProcessInfo.processInfo.environment["KATALOG_STRESS_ROWS"] else { return }
        let line = "ROW\t\(test)\t\(volume)\t\(failures)\t\(lost)\n"
        guard let handle = FileHandle(forWritingAtPath: path) ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        handle.write(Data(line.utf8))
    }
}

/// Counts failed checks for a test's row, and records each as a test issue too.
public struct Tally: Sendable {
    public private(set) var failures = 0
    public private(set) var checks = 0

    public init() {}

    public mutating func check(_ ok: Bool, _ comment: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        checks += 1
        guard !ok else { return }
        failures += 1
        Issue.record(Comment(rawValue: comment()), sourceLocation: sourceLocation)
    }
}
