import Foundation
import KatalogCore

/// Calls one REST API: adds the bearer token, retries what is safe to retry with exponential
/// backoff and jitter (honouring Retry-After), keeps every call within its deadlines, follows
/// redirects only within the same origin, bounds concurrency. What differs between APIs — the
/// auth headers, the error bodies, what may be retried — is its `APIDialect`. Tokens go into a
/// header and nowhere else.
public struct RESTClient: Sendable {
    public let baseURL: URL
    let transport: any HTTPTransport
    let tokens: (any TokenProvider)?
    let dialect: any APIDialect
    let policy: RetryPolicy
    let gate: ConcurrencyGate

    public init(baseURL: URL, dialect: any APIDialect, transport: any HTTPTransport, tokens: (any TokenProvider)?,
                policy: RetryPolicy = RetryPolicy(), gate: ConcurrencyGate = ConcurrencyGate(limit: 8)) {
        self.baseURL = baseURL
        self.dialect = dialect
        self.transport = transport
        self.tokens = tokens
        self.policy = policy
        self.gate = gate
    }

    /// The API's name in messages.
    public var api: String { dialect.name }

    /// GETs and decodes a JSON resource.
    public func get<T: Decodable>(_ path: String, query: [String: String] = [:], what: String) async throws -> T {
        try await decoded(HTTPRequest(url: url(path, query)), what: what)
    }

    /// Sends a JSON body (or none) to an action that answers nothing worth reading (204).
    public func perform<Body: Encodable>(_ method: HTTPRequest.Method, _ path: String, query: [String: String] = [:], body: Body?,
                                         idempotent: Bool, what: String) async throws {
        let data = try body.map { try dialect.encoder.encode($0) }
        let request = HTTPRequest(method: method, url: url(path, query), headers: data == nil ? [:] : ["Content-Type": "application/json"],
                                  body: data, idempotent: idempotent)
        _ = try await send(request, what: what)
    }

    /// Sends a JSON body and decodes the answer.
    public func send<Body: Encodable, T: Decodable>(_ method: HTTPRequest.Method, _ path: String, query: [String: String] = [:], body: Body,
                                                   headers: [String: String] = [:], idempotent: Bool, what: String) async throws -> T {
        let data = try dialect.encoder.encode(body)
        let request = HTTPRequest(method: method, url: url(path, query), headers: headers.merging(["Content-Type": "application/json"]) { $1 },
                                  body: data, idempotent: idempotent)
        return try await decoded(request, what: what)
    }

    /// Sends and decodes. An answer that cannot be read — cut off, garbled, a proxy's HTML page
    /// with a 200 — is asked for again when the request is idempotent, up to three times in
    /// all and within the deadlines; a POST's answer is never asked for again.
    private func decoded<T: Decodable>(_ request: HTTPRequest, what: String) async throws -> T {
        var attempt = 1
        while true {
            let response = try await send(request, what: what)
            do {
                return try decode(response, what: what)
            } catch {
                let wait = policy.delay(attempt: attempt)
                guard request.idempotent, attempt < 3, (policy.commandDeadline ?? .distantFuture).timeIntervalSinceNow > wait + 1 else { throw error }
                attempt += 1
                try await policy.sleep(wait)
            }
        }
    }

    func url(_ path: String, _ query: [String: String]) -> URL {
        var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } }
        return components.url!
    }

    private func decode<T: Decodable>(_ response: HTTPResponse, what: String) throws -> T {
        do {
            return try dialect.decoder.decode(T.self, from: response.body)
        } catch {
            throw CloudError.malformed(api: api, "\(what): \(String(describing: error).prefix(200))")
        }
    }

    /// One logical call: retried as `policy` allows — only when the request is idempotent —
    /// and over by `policy.callDeadline` (and the command's deadline), waits included.
    func send(_ request: HTTPRequest, what: String) async throws -> HTTPResponse {
        let deadline = min(Date().addingTimeInterval(policy.callDeadline), policy.commandDeadline ?? .distantFuture)
        var attempt = 0
        var askedForANewToken = false
        while true {
            attempt += 1
            let failure: CloudError
            var retryAfter: String?
            do {
                let response = try await exchange(request, what: what, until: deadline)
                if (200..<300).contains(response.status) { return response }
                failure = dialect.failure(response, what: what)
                // A refused token: a new one once (the request was not processed, so even a
                // POST may go again), then the refusal stands.
                if response.status == 401, !askedForANewToken, let tokens, await tokens.invalidate() {
                    askedForANewToken = true
                    attempt -= 1
                    continue
                }
                retryAfter = response.header("Retry-After")
            } catch let explained as CloudError {
                throw explained  // from the token provider or a refused redirect: already explained
            } catch TransportError.timedOut {
                failure = CloudError(kind: .timeout, message: LocalizedText(
                    nb: "\(api) svarte ikke innen \(Int(policy.timeout)) sekunder (\(what)). Sjekk nettverket og prøv igjen.",
                    en: "\(api) did not answer within \(Int(policy.timeout)) seconds (\(what)). Check the network and try again."))
            } catch let TransportError.tooLarge(limit) {
                throw CloudError(kind: .malformed, message: LocalizedText(
                    nb: "\(api) svarte med mer enn \(limit >> 20) MiB for \(what); katalog leste ikke resten. Prøv igjen om litt; skjer det igjen, viser --trace hva som kom.",
                    en: "\(api) answered with more than \(limit >> 20) MiB for \(what); katalog did not read the rest. Try again in a moment; if it happens again, --trace shows what came."))
            } catch let TransportError.unresolvedHost(host) {
                // No answer will come by asking again: no network, or a wrong address.
                throw CloudError(kind: .network, message: LocalizedText(
                    nb: "Navnet \(TerminalText.line(host)) finnes ikke i DNS (\(api)): ingen nettverkstilkobling, eller feil adresse. Sjekk nettverket, eller adressen i oppsettet.",
                    en: "The name \(TerminalText.line(host)) does not resolve (\(api)): no network, or a wrong address. Check the connection, or the address in your settings."))
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let detail = Secrets.shared.redact(TerminalText.line(Self.describe(error)))
                failure = CloudError(kind: .network, message: LocalizedText(
                    nb: "Fikk ikke kontakt med \(api) på \(Self.origin(baseURL)) (\(detail)). Sjekk nettverket.",
                    en: "Could not reach \(api) at \(Self.origin(baseURL)) (\(detail)). Check the network."))
            }
            guard request.idempotent, dialect.isRetryable(failure, policy: policy), attempt < policy.attempts else { throw failure }
            let wait = policy.delay(attempt: attempt, retryAfter: retryAfter)
            guard Date().addingTimeInterval(wait + 1) < deadline else { throw failure }
            try await policy.sleep(wait)
        }
    }

    /// One attempt: the token, then the request, following redirects only within the same
    /// scheme, host and port — credentials never go anywhere else.
    private func exchange(_ request: HTTPRequest, what: String, until deadline: Date) async throws -> HTTPResponse {
        var current = request
        for _ in 0...5 {
            dialect.authorize(&current, token: try await tokens?.token().value)
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw TransportError.timedOut }
            let prepared = current
            let response = try await gate.run { try await transport.send(prepared, timeout: min(policy.timeout, remaining)) }
            guard [301, 302, 303, 307, 308].contains(response.status) else { return response }
            guard let location = response.header("Location"), let target = URL(string: location, relativeTo: current.url)?.absoluteURL else {
                return response
            }
            guard Self.origin(target) == Self.origin(current.url) else {
                throw CloudError(kind: .redirected, message: LocalizedText(
                    nb: "\(api) sendte katalog videre fra \(Self.origin(current.url)) til \(TerminalText.line(Self.origin(target))) (\(what)). katalog sender ikke innloggingen din til en annen vert og stoppet. Sjekk adressen til \(api) i oppsettet.",
                    en: "\(api) redirected katalog from \(Self.origin(current.url)) to \(TerminalText.line(Self.origin(target))) (\(what)). katalog does not send your credentials to another host and stopped. Check the address of \(api) in your settings."))
            }
            current.url = target
            if response.status == 303 { current.method = .get; current.body = nil }
        }
        throw CloudError(kind: .redirected, message: LocalizedText(
            nb: "\(api) sendte katalog videre for mange ganger (\(what)).", en: "\(api) redirected katalog too many times (\(what))."))
    }

    /// `scheme://host:port`, the unit credentials are bound to.
    static func origin(_ url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case let TransportError.failed(detail): detail
        case let TransportError.unresolvedHost(host): "the host \(host) does not resolve"
        default: error.localizedDescription
        }
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
