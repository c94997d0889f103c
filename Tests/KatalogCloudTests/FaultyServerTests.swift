import Foundation
import Testing
import KatalogCore
import KatalogTestSupport
@testable import KatalogCloud

/// The REST client against a real HTTP server on 127.0.0.1 that misbehaves on purpose: every
/// answer here once crashed katalog, leaked its token or never ended.
@Suite("Hostile and broken servers")
struct FaultyServerTests {
    static let token = "ya29.fault-test-" + UUID().uuidString

    func client(_ server: FaultServer, policy: RetryPolicy = RetryPolicy(attempts: 3, initialDelay: 0.01, maximumDelay: 0.05, timeout: 5)) -> GoogleAPIClient {
        GoogleAPIClient(api: "BigQuery", baseURL: server.url.appendingPathComponent("bigquery/v2"), transport: AsyncHTTPClientTransport(),
                        tokens: StaticTokenProvider(Self.token), policy: policy)
    }

    static let datasets = #"{"datasets":[{"datasetReference":{"projectId":"p","datasetId":"d"}}]}"#
    static let unavailable = #"{"error":{"code":503,"message":"try later","status":"UNAVAILABLE"}}"#

    @Test(arguments: ["-1", "-999999999999", "NaN", "nan", "inf", "-inf", "1e308", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT",
                      "Fri, 31 Dec 9999 23:59:59 GMT", "soon", ""])
    func anyRetryAfterIsABoundedWaitThenARetry(_ header: String) async throws {
        let server = try FaultServer(answers: [.json(503, Self.unavailable, headers: [("Retry-After", header)]), .json(200, Self.datasets)])
        defer { server.stop() }
        let list: DatasetList = try await client(server).get("projects/p/datasets", what: "the datasets")
        #expect(list.datasets?.count == 1 && server.received.count == 2)
    }

    @Test func retryAfterDelaysAreFiniteNonNegativeAndCapped() {
        let policy = RetryPolicy(maximumDelay: 32)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        for header in ["-1", "NaN", "-inf", "inf", "1e308", "garbage", "Wed, 21 Oct 2015 07:28:00 GMT"] {
            let delay = policy.delay(attempt: 1, retryAfter: header, now: now)
            #expect(delay.isFinite && delay >= 0 && delay <= 32, "\(header) → \(delay)")
        }
        #expect(policy.delay(attempt: 1, retryAfter: "7", now: now) == 7)
        #expect(policy.delay(attempt: 1, retryAfter: "Tue, 14 Nov 2023 22:13:30 GMT", now: now) == 10)
        #expect(policy.delay(attempt: 1, retryAfter: "1e308", now: now) == 32)
    }

    @Test func aRedirectToAnotherHostIsRefusedAndGetsNoCredentials() async throws {
        let elsewhere = try FaultServer { _ in .json(200, Self.datasets) }
        defer { elsewhere.stop() }
        let server = try FaultServer(answers: [.respond(status: 302, headers: [("Location", elsewhere.url.absoluteString + "/steal")])])
        defer { server.stop() }
        await #expect {
            let _: DatasetList = try await client(server).get("projects/p/datasets", what: "the datasets")
        } throws: { error in
            let message = (error as? CloudError)?.message.en ?? ""
            return (error as? CloudError)?.kind == .redirected && message.contains("does not send your credentials to another host")
        }
        #expect(elsewhere.received.isEmpty)
        #expect(server.received.count == 1, "refused, not retried")
    }

    @Test func aRedirectWithinTheSameHostIsFollowedWithTheToken() async throws {
        let server = try FaultServer { request in
            request.uri.hasPrefix("/moved") ? .json(200, Self.datasets) : .respond(status: 307, headers: [("Location", "/moved/here")])
        }
        defer { server.stop() }
        let list: DatasetList = try await client(server).get("projects/p/datasets", what: "the datasets")
        #expect(list.datasets?.count == 1)
        #expect(server.received.map { $0.header("Authorization") } == ["Bearer " + Self.token, "Bearer " + Self.token])
    }

    @Test(arguments: [
        "{\"error\":{\"code\":400,\"message\":\"bad request; headers were Authorization: Bearer \(token)\"}}",
        "<html>Authorization: bearer \(token.uppercased())</html>",
        "echo: \(token)",
    ])
    func aTokenTheServerEchoesIsNeverShown(_ body: String) async throws {
        let server = try FaultServer(answers: [.respond(status: 400, body: Data(body.utf8))])
        defer { server.stop() }
        do {
            let _: DatasetList = try await client(server).get("projects/p/datasets", what: "the datasets")
            Issue.record("expected an error")
        } catch let error as CloudError {
            for text in [error.message.en, error.message.nb] {
                #expect(!text.contains(Self.token) && !text.lowercased().contains(Self.token.lowercased()), "\(text)")
                #expect(text.contains(Secrets.mask), "\(text)")
            }
        }
    }

    @Test func aServerThatNeverAnswersTimesOutWithinTheStatedTime() async throws {
        // Timed: on the test's own queue, so a busy cooperative pool cannot stretch it.
        try await offThePool {
            let server = try FaultServer { _ in .noAnswer }
            defer { server.stop() }
            let started = Date()
            await #expect {
                let _: DatasetList = try await client(server, policy: RetryPolicy(attempts: 2, initialDelay: 0.01, timeout: 1)).get("projects/p/datasets", what: "the datasets")
            } throws: { ($0 as? CloudError)?.kind == .timeout && ($0 as? CloudError)?.message.en.contains("within 1 seconds") == true }
            #expect(Date().timeIntervalSince(started) < 30, "two attempts of 1 s, not 60 s each")
            #expect(server.received.count == 2)
        }
    }

    @Test func aBodyThatTricklesInTimesOut() async throws {
        // Timed: on the test's own queue, so a busy cooperative pool cannot stretch it.
        try await offThePool {
            let server = try FaultServer { _ in .trickle(status: 200, body: Data(Self.datasets.utf8), interval: 0.4) }
            defer { server.stop() }
            let started = Date()
            await #expect {
                let _: DatasetList = try await client(server, policy: RetryPolicy(attempts: 1, timeout: 1)).get("projects/p/datasets", what: "the datasets")
            } throws: { ($0 as? CloudError)?.kind == .timeout }
            #expect(Date().timeIntervalSince(started) < 30)
        }
    }

    @Test func theWholeCallHasADeadlineRetriesIncluded() async throws {
        // Timed: on the test's own queue, so a busy cooperative pool cannot stretch it.
        try await offThePool {
            let server = try FaultServer { _ in .json(503, Self.unavailable, headers: [("Retry-After", "1")]) }
            defer { server.stop() }
            let started = Date()
            await #expect {
                let _: DatasetList = try await client(server, policy: RetryPolicy(attempts: 100, maximumDelay: 1, timeout: 5, callDeadline: 3))
                    .get("projects/p/datasets", what: "the datasets")
            } throws: { ($0 as? CloudError)?.kind == .server }
            #expect(Date().timeIntervalSince(started) < 30 && server.received.count <= 4)
        }
    }

    @Test func endlessFreshPageTokensWithEmptyPagesStop() async throws {
        let counter = Counter()
        let server = try FaultServer { _ in .json(200, #"{"tables":[],"nextPageToken":"t\#(counter.next())"}"#) }
        defer { server.stop() }
        let bigQuery = BigQueryClient(http: client(server), pageSize: 10)
        await #expect {
            _ = try await bigQuery.tables(DatasetRef(project: try ProjectID("p-1234"), dataset: try DatasetID("d")))
        } throws: { ($0 as? CloudError)?.message.en.contains("did not stop sending new pages") == true }
        #expect(server.received.count == 20)
    }

    @Test func aJobThatNeverCompletesIsPolledWithBackoffUntilItsDeadline() async throws {
        // Timed: on the test's own queue, so a busy cooperative pool cannot stretch it.
        try await offThePool {
            let incomplete = #"{"jobReference":{"projectId":"p-1234","jobId":"job_1","location":"EU"},"jobComplete":false}"#
            let server = try FaultServer { _ in .json(200, incomplete) }
            defer { server.stop() }
            var bigQuery = BigQueryClient(http: client(server), pageSize: 10)
            bigQuery.polling = JobPolling(deadline: 1.5, initialDelay: 0.05, maximumDelay: 0.4)
            let started = Date()
            await #expect {
                _ = try await bigQuery.query("SELECT 1", project: try ProjectID("p-1234"))
            } throws: { ($0 as? CloudError)?.kind == .timeout && ($0 as? CloudError)?.message.en.contains("did not finish within 1 seconds") == true }
            let polls = server.received.count - 1
            // Growing waits (0.05, 0.1, 0.2, 0.4 s …) allow at most ~8 polls in 1.5 s; without the
            // backoff it would be hundreds.
            #expect(polls >= 1 && polls <= 10, "\(polls) polls in 1.5 s, with growing waits")
            #expect(Date().timeIntervalSince(started) < 30)
        }
    }

    /// A name that does not resolve fails at once: retries are for 429 and 5xx, not for DNS.
    @Test func anUnresolvedHostIsNotRetried() async throws {
        let transport = ScriptedTransport(Array(repeating: .failure(TransportError.unresolvedHost("bigquery.googleapis.com")), count: 5))
        let client = GoogleAPIClient(api: "BigQuery", baseURL: URL(string: "https://bigquery.googleapis.com/bigquery/v2")!, transport: transport,
                                     tokens: nil, policy: RetryPolicy(attempts: 5, sleep: { _ in }))
        await #expect {
            let _: DatasetList = try await client.get("projects/p/datasets", what: "the datasets")
        } throws: { ($0 as? CloudError)?.message.en.contains("bigquery.googleapis.com does not resolve") == true }
        #expect(transport.sent.count == 1)
    }

    @Test func aDroppedConnectionIsANetworkErrorNamingTheHost() async throws {
        let server = try FaultServer { _ in .drop }
        defer { server.stop() }
        await #expect {
            let _: DatasetList = try await client(server, policy: RetryPolicy(attempts: 2, initialDelay: 0.01)).get("projects/p/datasets", what: "the datasets")
        } throws: { ($0 as? CloudError)?.kind == .network && ($0 as? CloudError)?.message.en.contains("127.0.0.1:\(server.port)") == true }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
