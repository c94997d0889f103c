import Foundation

/// A FaultServer in front of a real server (the BigQuery emulator, the test marketplace): a
/// share of the calls, chosen by a seeded generator, meets one of the faults networks and
/// servers really have; the rest go through unchanged. Every call is logged with its fault.
public final class FaultProxy: @unchecked Sendable {
    public enum Fault: String, CaseIterable, Sendable {
        case rateLimited = "429 with Retry-After", internalError = "500", badGateway = "502", unavailable = "503", gatewayTimeout = "504"
        case reset = "connection reset", neverAnswers = "never answers", truncated = "truncated JSON", malformed = "malformed JSON"
        case htmlPage = "HTML error page", tenMegabytes = "10 MB body", slowBody = "slow body"

        /// Whether the request reached the real server before the fault (so a POST may have been carried out).
        public var reachedTheServer: Bool { self == .truncated || self == .slowBody }

        func answer(upstream: URL) -> FaultServer.Answer {
            let google = { (code: Int, status: String) in
                FaultServer.Answer.json(code, #"{"error":{"code":\#(code),"message":"injected \#(status)","status":"\#(status)"}}"#)
            }
            switch self {
            case .rateLimited: return .json(429, #"{"error":{"code":429,"message":"slow down","status":"RESOURCE_EXHAUSTED","errors":[{"reason":"rateLimitExceeded"}]}}"#,
                                            headers: [("Retry-After", "1")])
            case .internalError: return google(500, "INTERNAL")
            case .badGateway: return .respond(status: 502, headers: [("Content-Type", "text/html")], body: Data("<html><body><h1>502 Bad Gateway</h1></body></html>".utf8))
            case .unavailable: return google(503, "UNAVAILABLE")
            case .gatewayTimeout: return google(504, "DEADLINE_EXCEEDED")
            case .reset: return .drop
            case .neverAnswers: return .noAnswer
            case .truncated: return .forward(to: upstream, .truncated)
            case .malformed: return .json(200, #"{"kind": "bigquery#datasetList", "datasets": [{"id": "#)
            case .htmlPage: return .respond(status: 200, headers: [("Content-Type", "text/html")],
                                            body: Data("<!DOCTYPE html><html><head><title>Sign in</title></head><body>Proxy login \u{1B}[2J required</body></html>".utf8))
            case .tenMegabytes: return .respond(status: 200, headers: [("Content-Type", "application/json")], body: Data(repeating: UInt8(ascii: " "), count: 10 << 20))
            case .slowBody: return .forward(to: upstream, .slow(interval: 0.2))
            }
        }
    }

    public struct Call: Sendable {
        public let request: FaultServer.Received
        public let fault: Fault?
    }

    private let lock = NSLock()
    private var generator: SeededRandom
    private var calls: [Call] = []
    private var server: FaultServer!
    public let upstream: URL
    public var url: URL { server.url }

    /// `rate` of the calls (0…1) meet a fault, each fault as likely as the next.
    public init(upstream: URL, rate: Double, seed: UInt64) throws {
        self.upstream = upstream
        generator = SeededRandom(seed: seed)
        server = try FaultServer { [unowned self] request in
            let fault = self.draw(rate)
            self.lock.withLock { self.calls.append(Call(request: request, fault: fault)) }
            return fault?.answer(upstream: upstream) ?? .forward(to: upstream, .whole)
        }
    }

    public var log: [Call] { lock.withLock { calls } }

    public func stop() { server.stop() }

    /// Under the lock: the server answers on its own thread.
    private func draw(_ rate: Double) -> Fault? {
        lock.withLock {
            guard Double(generator.next() % 10_000) / 10_000 < rate else { return nil }
            return Fault.allCases[Int(generator.next() % UInt64(Fault.allCases.count))]
        }
    }
}
