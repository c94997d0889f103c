import Foundation
import Testing
import KatalogCore
import KatalogTestSupport
@testable import KatalogCloud

/// The REST client in the marketplace's dialect, against a server on 127.0.0.1 answering as
/// the marketplace's Go code does (contracts/MARKETPLACE-API.md, "What the server really does").
@Suite("The marketplace's dialect")
struct MarketplaceDialectTests {
    static let token = "marketplace-test-token-" + UUID().uuidString

    func client(_ server: FaultServer) -> RESTClient {
        RESTClient(baseURL: server.url.appendingPathComponent("api"), dialect: MarketplaceDialect(), transport: AsyncHTTPClientTransport(),
                   tokens: StaticTokenProvider(Self.token), policy: RetryPolicy(attempts: 3, initialDelay: 0.01, maximumDelay: 0.05, timeout: 5))
    }

    struct UserData: Decodable { let name: String; let email: String }

    func failure(_ answer: FaultServer.Answer) async throws -> CloudError {
        let server = try FaultServer(answers: [answer])
        defer { server.stop() }
        do {
            let _: UserData = try await client(server).get("userData", what: "who you are")
        } catch let error as CloudError {
            #expect(server.received.first?.header("Authorization") == "Bearer " + Self.token)
            return error
        }
        Issue.record("expected an error")
        return CloudError(kind: .server, message: LocalizedText(nb: "", en: ""))
    }

    @Test(arguments: [
        FaultServer.Answer.respond(status: 401, headers: [("Content-Type", "text/plain")], body: Data(#"{"error": "Unauthorized."}"#.utf8)),
        FaultServer.Answer.respond(status: 401, headers: [("Content-Type", "text/plain")], body: Data("Unauthorized".utf8)),
    ])
    func bothShapesOf401SayHowToGetANewToken(_ answer: FaultServer.Answer) async throws {
        let error = try await failure(answer)
        #expect(error.kind == .unauthenticated && error.message.en.contains("KATALOG_MARKETPLACE_TOKEN"))
    }

    @Test func wrongOwnerNamesWhatToDo() async throws {
        let error = try await failure(.json(403, #"{"error":{"kind":"unauthorized_request","statusCode":403,"code":"wrong_owner","message":"user not in team-x@nav.no"}}"#))
        #expect(error.kind == .permissionDenied && error.reason == "wrong_owner")
        #expect(error.message.en.contains("You are not in the group that owns this") && error.message.en.contains("user not in team-x@nav.no"))
        #expect(error.message.nb.contains("Du er ikke med i gruppen"))
    }

    @Test func aTableTypeIsAParamNotACode() async throws {
        let error = try await failure(.json(400, #"{"error":{"kind":"invalid_request_error","statusCode":400,"code":"gcp_bigquery","param":"table_type","message":"bad"}}"#))
        #expect(error.kind == .invalid && error.reason == "gcp_bigquery")
        let paramOnly = try await failure(.json(400, #"{"error":{"kind":"invalid_request_error","param":"table_type","message":"external tables are not supported"}}"#))
        #expect(paramOnly.message.en.contains("registers only tables, views and materialized views"))
    }

    @Test func aServerErrorIsRetriedWhenTheCallMayBeAndSaysWhatFailed() async throws {
        let server = try FaultServer(answers: [.json(500, #"{"error":{"kind":"database_error","statusCode":500}}"#), .json(200, #"{"name":"Ola","email":"ola@nav.no"}"#)])
        defer { server.stop() }
        let user: UserData = try await client(server).get("userData", what: "who you are")
        #expect(user.name == "Ola" && server.received.count == 2)
        // A POST is never repeated blindly.
        let post = try FaultServer(answers: [.json(503, #"{"error":{"kind":"internal_error"}}"#), .json(200, "{}")])
        defer { post.stop() }
        await #expect(throws: CloudError.self) {
            try await client(post).perform(.post, "accesses/bigquery/revoke", query: ["accessId": "x"], body: Optional<Int>.none, idempotent: false, what: "revoking")
        }
        #expect(post.received.count == 1)
    }

    @Test func anActionAnswering204WithNoBodyIsDone() async throws {
        let server = try FaultServer(answers: [.respond(status: 204)])
        defer { server.stop() }
        try await client(server).perform(.post, "accesses/bigquery/revoke", query: ["accessId": "x"], body: Optional<Int>.none, idempotent: false, what: "revoking")
        #expect(server.received.first?.uri == "/api/accesses/bigquery/revoke?accessId=x" && server.received.first?.method == "POST")
    }

    @Test func theTokenIsNeverInAMessageEvenWhenEchoed() async throws {
        let error = try await failure(.json(400, #"{"error":{"message":"you sent Bearer \#(Self.token)"}}"#))
        #expect(!error.message.en.contains(Self.token) && error.message.en.contains(Secrets.mask))
    }
}

extension FaultServer.Answer: CustomTestStringConvertible {
    public var testDescription: String {
        if case let .respond(status, _, body) = self { return "\(status) \(String(decoding: body, as: UTF8.self))" }
        return "\(self)"
    }
}
