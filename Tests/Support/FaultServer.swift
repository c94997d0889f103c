import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOCore
import NIOHTTP1
import NIOPosix

/// An HTTP server on 127.0.0.1 that answers the way broken and hostile servers do: a status
/// with any body and headers, no answer at all, a body one byte at a time, a dropped
/// connection. Tests script it per request and read back what it was sent.
public final class FaultServer: @unchecked Sendable {
    /// What the server does with one request.
    public enum Answer: Sendable {
        case respond(status: Int, headers: [(String, String)] = [], body: Data = Data())
        /// Reads the request and never answers (the connection stays open).
        case noAnswer
        /// Sends the head, then the body one byte every `interval` seconds.
        case trickle(status: Int, body: Data, interval: TimeInterval)
        /// Closes the connection without answering.
        case drop
        /// Sends the request on to `upstream` and its answer back — whole, cut in half (so its
        /// JSON breaks), or one byte every `interval` seconds.
        case forward(to: URL, Forwarded)

        public enum Forwarded: Sendable { case whole, truncated, slow(interval: TimeInterval) }

        public static func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> Answer {
            .respond(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(body.utf8))
        }
    }

    /// A request as it arrived.
    public struct Received: Sendable {
        public let method: String
        public let uri: String
        public let headers: [(String, String)]
        public let body: Data

        public func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
    }

    public typealias Route = @Sendable (Received) -> Answer

    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let state: State
    public let port: Int
    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Starts on a free port; `route` picks each request's answer.
    public init(_ route: @escaping Route) throws {
        let state = State(route: route)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap { channel.pipeline.addHandler(Handler(state: state)) }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        port = channel.localAddress?.port ?? 0
        self.state = state
    }

    /// Answers the requests in order from `answers`, then 404s.
    public convenience init(answers: [Answer]) throws {
        let queue = AnswerQueue(answers)
        try self.init { _ in queue.next() }
    }

    /// Every request received so far.
    public var received: [Received] { state.lock.withLock { state.received } }

    public func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    final class State: @unchecked Sendable {
        let lock = NSLock()
        let route: Route
        var received: [Received] = []
        init(route: @escaping Route) { self.route = route }
    }

    final class AnswerQueue: @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [Answer]
        init(_ answers: [Answer]) { self.answers = answers }
        func next() -> Answer {
            lock.withLock { answers.isEmpty ? .json(404, #"{"error":{"code":404,"message":"no more answers"}}"#) : answers.removeFirst() }
        }
    }

    final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let state: State
        var head: HTTPRequestHead?
        var body = Data()

        init(state: State) { self.state = state }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case let .head(head):
                self.head = head
                body = Data()
            case var .body(buffer):
                body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
            case .end:
                guard let head else { return }
                let request = Received(method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body)
                state.lock.withLock { state.received.append(request) }
                answer(state.route(request), context: context)
            }
        }

        private func answer(_ answer: Answer, context: ChannelHandlerContext) {
            switch answer {
            case let .respond(status, headers, body):
                var fields = HTTPHeaders(headers)
                fields.replaceOrAdd(name: "Content-Length", value: String(body.count))
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: fields))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            case .noAnswer:
                break
            case .drop:
                context.close(promise: nil)
            case let .forward(upstream, forwarded):
                forward(upstream, forwarded, context: context)
            case let .trickle(status, body, interval):
                var fields = HTTPHeaders([("Content-Type", "application/json")])
                fields.replaceOrAdd(name: "Content-Length", value: String(body.count))
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: fields))), promise: nil)
                trickle(Array(body), at: 0, every: interval, context: context)
            }
        }

        /// The request as it came (its headers, the token too), to the upstream server; its
        /// answer written back on this connection's event loop.
        private func forward(_ upstream: URL, _ forwarded: Answer.Forwarded, context: ChannelHandlerContext) {
            guard let head, let target = URL(string: head.uri, relativeTo: upstream)?.absoluteURL else { return context.close(promise: nil) }
            var request = URLRequest(url: target, timeoutInterval: 120)
            request.httpMethod = head.method.rawValue
            for (name, value) in head.headers where !["host", "content-length", "connection"].contains(name.lowercased()) {
                request.addValue(value, forHTTPHeaderField: name)
            }
            if !body.isEmpty { request.httpBody = body }
            let loop = context.eventLoop
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            URLSession.shared.dataTask(with: request) { data, response, _ in
                loop.execute {
                    let (handler, context) = bound.value
                    guard let response = response as? HTTPURLResponse else { return context.close(promise: nil) }
                    let body = data ?? Data()
                    let type = response.value(forHTTPHeaderField: "Content-Type") ?? "application/json"
                    switch forwarded {
                    case .whole: handler.answer(.respond(status: response.statusCode, headers: [("Content-Type", type)], body: body), context: context)
                    case .truncated: handler.answer(.respond(status: response.statusCode, headers: [("Content-Type", type)], body: body.prefix(body.count / 2)), context: context)
                    case let .slow(interval): handler.answer(.trickle(status: response.statusCode, body: body, interval: interval), context: context)
                    }
                }
            }.resume()
        }

        private func trickle(_ bytes: [UInt8], at index: Int, every interval: TimeInterval, context: ChannelHandlerContext) {
            guard context.channel.isActive else { return }
            guard index < bytes.count else {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            context.eventLoop.scheduleTask(in: .milliseconds(Int64(interval * 1000))) { [self] in
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: [bytes[index]])))), promise: nil)
                trickle(bytes, at: index + 1, every: interval, context: context)
            }
        }
    }
}
