import Foundation
import KatalogCore

/// Calls one Google REST API: adds the bearer token, retries what is safe to retry with
/// exponential backoff and jitter (honouring Retry-After), bounds concurrency, and turns error
/// bodies into `CloudError`s. Tokens go into a header and nowhere else.
public struct GoogleAPIClient: Sendable {
    public let api: String
    public let baseURL: URL
    let transport: any HTTPTransport
    let tokens: (any TokenProvider)?
    let quotaProject: String?
    let policy: RetryPolicy
    let gate: ConcurrencyGate

    public init(api: String, baseURL: URL, transport: any HTTPTransport, tokens: (any TokenProvider)?, quotaProject: String? = nil,
                policy: RetryPolicy = RetryPolicy(), gate: ConcurrencyGate = ConcurrencyGate(limit: 8)) {
        self.api = api
        self.baseURL = baseURL
        self.transport = transport
        self.tokens = tokens
        self.quotaProject = quotaProject
        self.policy = policy
        self.gate = gate
    }

    /// GETs and decodes a JSON resource.
    public func get<T: Decodable>(_ path: String, query: [String: String] = [:], what: String) async throws -> T {
        try await decode(send(HTTPRequest(url: url(path, query)), what: what), what: what)
    }

    /// Sends a JSON body and decodes the answer.
    public func send<Body: Encodable, T: Decodable>(_ method: HTTPRequest.Method, _ path: String, query: [String: String] = [:], body: Body,
                                                   headers: [String: String] = [:], idempotent: Bool, what: String) async throws -> T {
        let data = try JSONEncoder().encode(body)
        let request = HTTPRequest(method: method, url: url(path, query), headers: headers.merging(["Content-Type": "application/json"]) { $1 },
                                  body: data, idempotent: idempotent)
        return try await decode(send(request, what: what), what: what)
    }

    func url(_ path: String, _ query: [String: String]) -> URL {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } }
        return components.url!
    }

    private func decode<T: Decodable>(_ response: HTTPResponse, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw CloudError.malformed(api: api, "\(what): \(String(describing: error).prefix(200))")
        }
    }

    /// One logical call: retried as `policy` allows — only when the request is idempotent.
    func send(_ request: HTTPRequest, what: String) async throws -> HTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            let failure: CloudError
            var retryAfter: TimeInterval?
            do {
                var authorized = request
                if let tokens { authorized.headers["Authorization"] = "Bearer " + (try await tokens.token()).value }
                if let quotaProject { authorized.headers["x-goog-user-project"] = quotaProject }
                let prepared = authorized
                let response = try await gate.run { try await transport.send(prepared, timeout: policy.timeout) }
                if (200..<300).contains(response.status) { return response }
                failure = CloudError.from(response, api: api, what: what)
                retryAfter = response.header("Retry-After").flatMap { TimeInterval($0.trimmingCharacters(in: .whitespaces)) }
            } catch let explained as CloudError {
                throw explained  // from the token provider: already explained
            } catch let timeout as URLError where timeout.code == .timedOut {
                failure = CloudError(kind: .timeout, message: LocalizedText(
                    nb: "\(api) svarte ikke innen \(Int(policy.timeout)) sekunder (\(what)). Sjekk nettverket og prøv igjen.",
                    en: "\(api) did not answer within \(Int(policy.timeout)) seconds (\(what)). Check the network and try again."))
            } catch {
                failure = CloudError(kind: .network, message: LocalizedText(
                    nb: "Fikk ikke kontakt med \(api) (\(TerminalText.line(error.localizedDescription))). Sjekk nettverket.",
                    en: "Could not reach \(api) (\(TerminalText.line(error.localizedDescription))). Check the network."))
            }
            let retryable = [.network, .timeout, .server, .rateLimited].contains(failure.kind) || policy.retryableReasons.contains(failure.reason ?? "")
            // quotaExceeded means minutes, not seconds: tell the user instead of hammering.
            guard request.idempotent, retryable, failure.reason != "quotaExceeded", attempt < policy.attempts else { throw failure }
            try await policy.sleep(retryAfter.map { min($0, policy.maximumDelay) } ?? policy.delay(attempt: attempt))
        }
    }
}

/// When and how often to try again.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var initialDelay: TimeInterval
    public var maximumDelay: TimeInterval
    public var timeout: TimeInterval
    public var retryableReasons: Set<String> = ["backendError", "rateLimitExceeded", "internalError", "badGateway"]
    /// Replaced in tests so retries do not really wait.
    public var sleep: @Sendable (TimeInterval) async throws -> Void

    public init(attempts: Int = 5, initialDelay: TimeInterval = 1, maximumDelay: TimeInterval = 32, timeout: TimeInterval = 30,
                sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }) {
        self.attempts = attempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.timeout = timeout
        self.sleep = sleep
    }

    /// 1 s, 2 s, 4 s … capped, with up to 25 % jitter so clients do not retry in step.
    func delay(attempt: Int) -> TimeInterval {
        let base = min(maximumDelay, initialDelay * pow(2, Double(attempt - 1)))
        return base * Double.random(in: 0.75...1.0)
    }
}

/// Bounds how many requests are in flight at once.
public actor ConcurrencyGate {
    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int) {
        self.limit = limit
    }

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if running >= limit { await withCheckedContinuation { waiting.append($0) } } else { running += 1 }
        defer { release() }
        return try await body()
    }

    private func release() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}
