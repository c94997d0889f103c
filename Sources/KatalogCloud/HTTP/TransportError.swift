import Foundation

/// Why an exchange got no answer; `GoogleAPIClient` explains it to the user.
public enum TransportError: Error, Equatable, Sendable {
    /// No complete answer within the exchange's deadline.
    case timedOut
    /// The answer's body was larger than the transport holds.
    case tooLarge(limit: Int)
    /// The host's name did not resolve: retrying will not help.
    case unresolvedHost(String)
    /// Anything else: refused, reset, dropped.
    case failed(String)

    /// Runs `body`, failing with `.timedOut` when it is not done within `seconds` — whatever
    /// it is waiting for. The body is cancelled then.
    static func within<T: Sendable>(_ seconds: TimeInterval, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0, min(seconds, 86_400)) * 1e9))
                throw TransportError.timedOut
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw TransportError.timedOut }
            return first
        }
    }
}
