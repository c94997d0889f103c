import Foundation
import KatalogCore

/// An OAuth access token. Lives in memory only; its description never shows the value, and it
/// is registered with `Secrets` so no message can.
public struct AccessToken: Sendable, CustomStringConvertible {
    public let value: String
    public let expires: Date?

    public init(value: String, expires: Date?) {
        self.value = value
        self.expires = expires
        Secrets.shared.register(value)
    }

    public var description: String { "AccessToken(redacted, expires: \(expires.map { "\($0)" } ?? "unknown"))" }
}

/// Where tokens come from: a fixed token, a credentials file, the metadata server, gcloud.
public protocol TokenProvider: Sendable {
    /// A token valid for at least a minute more; refreshed when needed.
    func token() async throws -> AccessToken
    /// What kind of credentials these are and whose (for `katalog doctor`), never the secret.
    var summary: String { get }
    /// The project the credentials bill API quota to (`quota_project_id`), sent as
    /// `x-goog-user-project`.
    var quotaProject: String? { get }
    /// The server refused the token (401): forget it, so the next `token()` gets a new one.
    /// False when a new one cannot be had (a fixed token): then a 401 is final.
    func invalidate() async -> Bool
}

extension TokenProvider {
    public var quotaProject: String? { nil }
    public func invalidate() async -> Bool { false }
}

/// A token given as is (`KATALOG_ACCESS_TOKEN`), for scripts.
public struct StaticTokenProvider: TokenProvider {
    let accessToken: AccessToken

    public init(_ value: String) {
        self.init(value, source: "KATALOG_ACCESS_TOKEN")
    }

    let source: String

    public init(_ value: String, source: String) {
        accessToken = AccessToken(value: value, expires: nil)
        self.source = source
    }

    public func token() async throws -> AccessToken { accessToken }
    public var summary: String { "access token from \(source)" }
}
