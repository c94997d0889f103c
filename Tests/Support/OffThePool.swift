import Foundation
import Testing

/// Swift concurrency has as many threads as the machine has cores — two in CI — and every
/// test's timers, sleeps and actor hops need one. A test that blocks (a process waited for,
/// tmux polled, seconds of computing) runs on `TestThreads` instead: on a thread of its own,
/// in the test's own task, so `#expect` knows its test.

/// Runs one test body on `TestThreads`.
public func offThePool<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    try await withTaskExecutorPreference(TestThreads.shared) { try await body() }
}

/// The same for a body that only blocks (it may then call `Thread.sleep`).
public func offThePool<T: Sendable>(_ body: () throws -> T) async throws -> T {
    try await withTaskExecutorPreference(TestThreads.shared) { try body() }
}

extension Trait where Self == OffThePool {
    /// Every test of the suite (or the one test) on `TestThreads`.
    public static var offThePool: OffThePool { OffThePool() }
}

public struct OffThePool: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    /// How many such tests run at once: they start processes and tmux sessions, and a
    /// two-core machine given all of them together would miss their waits.
    static let running = Slots(max(4, 2 * ProcessInfo.processInfo.activeProcessorCount))

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        // Only test cases take a slot: a suite's scope wraps its tests and would hold one.
        guard testCase != nil else { return try await function() }
        await Self.running.take()
        do {
            try await withTaskExecutorPreference(TestThreads.shared) { try await function() }
            await Self.running.give()
        } catch {
            await Self.running.give()
            throw error
        }
    }
}

/// A counting semaphore that suspends rather than blocks.
actor Slots {
    private var free: Int
    private var queued: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { free = count }

    func take() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { queued.append($0) }
    }

    func give() {
        if queued.isEmpty { free += 1 } else { queued.removeFirst().resume() }
    }
}

/// A task executor with threads of its own: a job with no thread waiting for it starts one
/// more (idle ones are kept), so a blocked test holds only its own thread, and a job never
/// waits behind one.
public final class TestThreads: TaskExecutor, @unchecked Sendable {
    public static let shared = TestThreads()

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var waiting = 0

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        defer { condition.unlock() }
        jobs.append(job)
        if jobs.count > waiting {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            thread.start()
        } else {
            condition.signal()
        }
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty {
                waiting += 1
                condition.wait()
                waiting -= 1
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
            condition.lock()
        }
    }
}
