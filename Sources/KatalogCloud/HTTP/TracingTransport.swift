import Foundation
import KatalogCore

/// `--trace`: every request katalog makes, one line each on standard error — method, URL path,
/// status, milliseconds; never a header, a query or a body, so no token can be in it — and how
/// many there were.
public final class TracingTransport: HTTPTransport, @unchecked Sendable {
    let base: any HTTPTransport
    let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var made = 0

    public init(_ base: any HTTPTransport, write: @escaping @Sendable (String) -> Void) {
        self.base = base
        self.write = write
    }

    /// Requests made so far.
    public var count: Int { lock.withLock { made } }

    public func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        lock.withLock { made += 1 }
        let started = Date()
        let path = TerminalText.line(request.url.path)
        do {
            let response = try await base.send(request, timeout: timeout)
            write("katalog: \(request.method.rawValue) \(path) \(response.status) \(Self.milliseconds(since: started)) ms\n")
            return response
        } catch {
            write("katalog: \(request.method.rawValue) \(path) – \(Self.milliseconds(since: started)) ms (no answer)\n")
            throw error
        }
    }

    static func milliseconds(since start: Date) -> Int { Int((Date().timeIntervalSince(start) * 1000).rounded()) }
}
