import Foundation
import Testing

/// How hard the hardening tests push: their quick variant in `make test`, the long one in
/// `make stress` (KATALOG_STRESS=1), which also collects each test's row for
/// docs/reliability.md — test, volume, failures, what was lost.
public enum Stress {
    public static var isLong: Bool { ProcessInfo.processInfo.environment["KATALOG_STRESS"] == "1" }

    public static func count(quick: Int, long: Int) -> Int { isLong ? long : quick }

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

/// Counts failed checks for a test's row, and records each as a test issue too — at once on
/// the test's own task, or, off it (`offThePool`, where the test is not known), when `record()`
/// is called back on it.
public struct Tally: Sendable {
    public private(set) var failures = 0
    public private(set) var checks = 0
    private var pending: [(String, SourceLocation)] = []

    public init() {}

    public mutating func check(_ ok: Bool, _ comment: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        checks += 1
        guard !ok else { return }
        failures += 1
        if Test.current == nil { pending.append((comment(), sourceLocation)) } else { Issue.record(Comment(rawValue: comment()), sourceLocation: sourceLocation) }
    }

    /// The failures checked off the test's task, recorded now.
    public func record() {
        for (comment, location) in pending { Issue.record(Comment(rawValue: comment), sourceLocation: location) }
    }
}

/// Runs a test body that blocks — processes waited for, sleeps between keys — on a thread of
/// its own, so it never holds one of Swift concurrency's few threads (two on a two-core
/// machine) that every other test's timeouts need. The body checks with a `Tally` and returns
/// it; `#expect` there would not know its test.
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// The same for a body that awaits but spends its time computing (a screen walked frame by
/// frame): its jobs run on a dispatch queue of their own instead of the cooperative threads.
public func offThePool<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    try await withTaskExecutorPreference(QueueExecutor.shared) { try await body() }
}

/// A task executor on a concurrent dispatch queue: dispatch's own threads, not Swift
/// concurrency's, so one test's computing never waits behind another's.
public final class QueueExecutor: TaskExecutor, @unchecked Sendable {
    public static let shared = QueueExecutor()
    private let queue = DispatchQueue(label: "katalog-tests.off-the-pool", attributes: .concurrent)

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
