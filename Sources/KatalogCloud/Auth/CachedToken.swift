import Foundation

/// Keeps one token in memory and fetches a new one a minute before it expires; concurrent
/// callers share one fetch.
actor CachedToken {
    private let fetch: @Sendable () async throws -> AccessToken
    private let now: @Sendable () -> Date
    private var current: AccessToken?
    private var inFlight: Task<AccessToken, Error>?

    init(now: @escaping @Sendable () -> Date = { Date() }, fetch: @escaping @Sendable () async throws -> AccessToken) {
        self.fetch = fetch
        self.now = now
    }

    func token() async throws -> AccessToken {
        if let current, let expires = current.expires, expires.timeIntervalSince(now()) > 60 { return current }
        if let inFlight { return try await inFlight.value }
        let task = Task { try await fetch() }
        inFlight = task
        defer { inFlight = nil }
        let token = try await task.value
        current = token
        return token
    }
}

/// The answer of an OAuth token endpoint or the metadata server.
struct TokenResponse: Decodable {
    let access_token: String
    let expires_in: Double?

    func token(now: Date) -> AccessToken {
        AccessToken(value: access_token, expires: now.addingTimeInterval(expires_in ?? 3600))
    }
}
