import Foundation
import KatalogCore

/// What one REST API does its own way: how a request is authorised, what its error bodies say
/// (and so what the user is told), and which failures are worth another try. `RESTClient` does
/// the rest the same for every API.
public protocol APIDialect: Sendable {
    /// The API's name in messages: "BigQuery", "the marketplace".
    var name: String { get }
    /// Adds the credentials (and anything else every request needs).
    func authorize(_ request: inout HTTPRequest, token: String?)
    /// A non-2xx answer as a message the user can act on.
    func failure(_ response: HTTPResponse, what: String) -> CloudError
    /// Whether an idempotent call that failed so may be sent again.
    func isRetryable(_ failure: CloudError, policy: RetryPolicy) -> Bool
    /// How its JSON is read and written (times, above all).
    var decoder: JSONDecoder { get }
    var encoder: JSONEncoder { get }
}

extension APIDialect {
    public var decoder: JSONDecoder { JSONDecoder() }
    public var encoder: JSONEncoder { JSONEncoder() }
}

/// Google's APIs: a bearer token, the quota project, Google's error envelope.
public struct GoogleDialect: APIDialect {
    public let name: String
    /// `quota_project_id` of the credentials, sent as `x-goog-user-project`.
    public let quotaProject: String?

    public init(name: String, quotaProject: String? = nil) {
        self.name = name
        self.quotaProject = quotaProject
    }

    public func authorize(_ request: inout HTTPRequest, token: String?) {
        if let token { request.headers["Authorization"] = "Bearer " + token }
        if let quotaProject { request.headers["x-goog-user-project"] = quotaProject }
    }

    public func failure(_ response: HTTPResponse, what: String) -> CloudError {
        CloudError.from(response, api: name, what: what)
    }

    public func isRetryable(_ failure: CloudError, policy: RetryPolicy) -> Bool {
        // quotaExceeded means minutes, not seconds: tell the user instead of hammering.
        guard failure.reason != "quotaExceeded" else { return false }
        return [.network, .timeout, .server, .rateLimited].contains(failure.kind) || policy.retryableReasons.contains(failure.reason ?? "")
    }
}

/// A Google API client: `RESTClient` in Google's dialect.
public typealias GoogleAPIClient = RESTClient

extension RESTClient {
    public init(api: String, baseURL: URL, transport: any HTTPTransport, tokens: (any TokenProvider)?, quotaProject: String? = nil,
                policy: RetryPolicy = RetryPolicy(), gate: ConcurrencyGate = ConcurrencyGate(limit: 8)) {
        self.init(baseURL: baseURL, dialect: GoogleDialect(name: api, quotaProject: quotaProject), transport: transport, tokens: tokens,
                  policy: policy, gate: gate)
    }
}
