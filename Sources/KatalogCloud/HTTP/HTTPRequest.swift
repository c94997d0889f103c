import Foundation

/// One HTTP request as the cloud clients build it.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST", patch = "PATCH", put = "PUT", delete = "DELETE" }

    public var method: Method
    public var url: URL
    public var headers: [String: String]
    public var body: Data?
    /// Safe to send again after a failure: GETs, and writes guarded by an etag.
    public var idempotent: Bool

    public init(method: Method = .get, url: URL, headers: [String: String] = [:], body: Data? = nil, idempotent: Bool? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.idempotent = idempotent ?? (method == .get)
    }
}

public struct HTTPResponse: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Sends requests. `AsyncHTTPClientTransport` in production; tests may point it at 127.0.0.1.
/// `timeout` bounds the whole exchange; failures without an answer are `TransportError`s.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse
}
