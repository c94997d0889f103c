import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// HTTP over SwiftNIO (async-http-client): pooled connections, no busy waiting. Redirects are
/// never followed here — `GoogleAPIClient` decides, so credentials never cross to another host.
/// Every exchange ends by its deadline, the body included, and bodies are bounded.
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// One client for the process; it lives as long as the process, so it is never shut down.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(30)))
        configuration.decompression = .enabled(limit: .ratio(50))
        // A refused connection or a name that does not resolve fails at once; retrying is
        // GoogleAPIClient's decision (idempotent calls only, with backoff).
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Larger answers are refused rather than held in memory.
    public var maximumBodyBytes: Int

    public init(maximumBodyBytes: Int = 64 << 20) {
        self.maximumBodyBytes = maximumBodyBytes
    }

    public func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.replaceOrAdd(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let limit = maximumBodyBytes
        let prepared = outgoing
        return try await TransportError.within(timeout) {
            do {
                let response = try await Self.client.execute(prepared, deadline: .now() + .milliseconds(Int64(timeout * 1000)))
                let body = try await response.body.collect(upTo: limit)
                var headers: [String: String] = [:]
                for field in response.headers { headers[field.name] = headers[field.name].map { $0 + ", " + field.value } ?? field.value }
                return HTTPResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
            } catch let error as NIOConnectionError where error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil) {
                throw TransportError.unresolvedHost(error.host)
            } catch is NIOTooManyBytesError {
                throw TransportError.tooLarge(limit: limit)
            } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
                throw TransportError.timedOut
            } catch let error as TransportError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw TransportError.failed(String(describing: error))
            }
        }
    }
}
