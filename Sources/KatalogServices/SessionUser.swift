import Foundation
import KatalogCore

/// The signed-in user, asked for once per session: every rule check needs it, and over REST
/// each ask is a round trip (a bulk approve of N would cost N more). `refresh()` asks again —
/// after signing in as someone else, or when the user's groups may have changed.
actor SessionUser {
    private let fetch: @Sendable () async throws -> UserContext
    private var answer: Task<UserContext, any Error>?

    init(fetch: @escaping @Sendable () async throws -> UserContext) {
        self.fetch = fetch
    }

    /// The user; callers arriving while the first ask is under way share its answer. A failed
    /// ask is not kept, so the next call asks again.
    func get() async throws -> UserContext {
        let task = answer ?? Task { try await fetch() }
        answer = task
        do {
            return try await task.value
        } catch {
            if answer == task { answer = nil }
            throw error
        }
    }

    func refresh() async throws -> UserContext {
        answer = nil
        return try await get()
    }
}
