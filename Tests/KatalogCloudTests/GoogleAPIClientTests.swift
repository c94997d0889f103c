import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogCloud

/// A transport that answers from a script and records what was sent: for the failures a real
/// server will not produce on demand (429, 503, timeouts, broken bodies).
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Result<HTTPResponse, Error>]
    private(set) var sent: [HTTPRequest] = []

    init(_ answers: [Result<HTTPResponse, Error>]) {
        self.answers = answers
    }

    func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        try next(request).get()
    }

    private func next(_ request: HTTPRequest) -> Result<HTTPResponse, Error> {
        lock.withLock {
            sent.append(request)
            return answers.isEmpty ? .failure(TransportError.failed("connection refused")) : answers.removeFirst()
        }
    }

    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> Result<HTTPResponse, Error> {
        .success(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)))
    }
}

final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var delays: [TimeInterval] = []
    func record(_ delay: TimeInterval) { lock.withLock { delays.append(delay) } }
}

@Suite("Google API calls: retries, errors, paging")
struct GoogleAPIClientTests {
    let sleeps = SleepLog()

    func client(_ transport: any HTTPTransport, tokens: (any TokenProvider)? = StaticTokenProvider("ya29.secret-token")) -> GoogleAPIClient {
        let log = sleeps
        return GoogleAPIClient(api: "BigQuery", baseURL: URL(string: "http://127.0.0.1:1/bigquery/v2")!, transport: transport, tokens: tokens,
                               quotaProject: "quota-proj", policy: RetryPolicy(attempts: 4, sleep: { log.record($0) }))
    }

    static let forbidden = """
        {"error":{"code":403,"message":"Access Denied: Table p:d.t: Permission bigquery.tables.get denied on table p:d.t (or it may not exist).","status":"PERMISSION_DENIED","errors":[{"reason":"accessDenied","message":"Access Denied"}]}}
        """

    static func queryAnswer(_ rows: [[String?]]) -> Result<HTTPResponse, Error> {
        let encoded = rows.map { row in "{\"f\":[" + row.map { $0.map { "{\"v\":\"\($0)\"}" } ?? "{\"v\":null}" }.joined(separator: ",") + "]}" }
        return ScriptedTransport.json(200, #"{"kind":"bigquery#queryResponse","jobComplete":true,"totalRows":"\#(rows.count)","rows":["# + encoded.joined(separator: ",") + "]}")
    }

    /// Sizes for a region's datasets in one TABLE_STORAGE query; only the datasets asked about.
    @Test func sizesOfARegionComeFromOneTableStorageQuery() async throws {
        let project = try ProjectID("dagpenger-prod-4e2b")
        let rasone = DatasetRef(project: project, dataset: try DatasetID("rasone")), behandling = DatasetRef(project: project, dataset: try DatasetID("behandling"))
        let transport = ScriptedTransport([Self.queryAnswer([
            ["rasone", "tabell_1", "1284331", "812400113", "1764000000000"], ["behandling", "salt", "8", "420", nil],
            ["annet", "ikke_spurt", "1", "1", nil],
        ])])
        let warehouse = BigQueryWarehouse(project: project, http: client(transport))
        let sizes = await warehouse.tableSizes(in: [rasone, behandling], locations: [rasone: "europe-north1", behandling: "europe-north1"])
        #expect(transport.sent.count == 1)
        let sql = String(decoding: transport.sent[0].body ?? Data(), as: UTF8.self)
        #expect(sql.contains("dagpenger-prod-4e2b.region-europe-north1.INFORMATION_SCHEMA.TABLE_STORAGE"))
        #expect(sizes.count == 2)
        #expect(sizes[TableRef(rasone, try TableID("tabell_1"))] == TableSize(numRows: 1_284_331, numBytes: 812_400_113, modified: Date(timeIntervalSince1970: 1_764_000_000)))
        #expect(sizes[TableRef(behandling, try TableID("salt"))]?.numBytes == 420)
    }

    /// Without the region view (no permission, or one dataset only): `__TABLES__` per dataset.
    @Test func withoutTheRegionViewSizesComeFromEachDatasetsTables() async throws {
        let project = try ProjectID("dagpenger-prod-4e2b")
        let a = DatasetRef(project: project, dataset: try DatasetID("a")), b = DatasetRef(project: project, dataset: try DatasetID("b"))
        let transport = ScriptedTransport([
            ScriptedTransport.json(403, Self.forbidden),
            Self.queryAnswer([["t", "5", "50", nil]]), Self.queryAnswer([["t", "5", "50", nil]]),
        ])
        let sizes = await BigQueryWarehouse(project: project, http: client(transport)).tableSizes(in: [a, b], locations: [a: "EU", b: "EU"])
        let sql = transport.sent.map { String(decoding: $0.body ?? Data(), as: UTF8.self) }
        #expect(sql.count == 3 && sql[0].contains("region-eu.INFORMATION_SCHEMA.TABLE_STORAGE"))
        #expect(sql.dropFirst().contains { $0.contains("dagpenger-prod-4e2b.a.__TABLES__") } && sql.dropFirst().contains { $0.contains("dagpenger-prod-4e2b.b.__TABLES__") })
        #expect(sizes.count == 2 && sizes.values.allSatisfy { $0.numRows == 5 })
        let single = ScriptedTransport([Self.queryAnswer([["t", "7", "70", nil]])])
        let one = await BigQueryWarehouse(project: project, http: client(single)).tableSizes(in: [a], locations: [a: "EU"])
        #expect(single.sent.count == 1 && String(decoding: single.sent[0].body ?? Data(), as: UTF8.self).contains("a.__TABLES__") && one.count == 1)
    }

    @Test func pagesAreFollowedUntilTheTokenIsAbsentOrEmpty() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(200, #"{"tables":[{"tableReference":{"projectId":"dagpenger-prod-4e2b","datasetId":"d","tableId":"a"},"type":"TABLE"}],"nextPageToken":"p2"}"#),
            ScriptedTransport.json(200, #"{"tables":[{"tableReference":{"projectId":"dagpenger-prod-4e2b","datasetId":"d","tableId":"b"},"type":"VIEW"}],"nextPageToken":""}"#),
        ])
        let warehouse = BigQueryWarehouse(project: try ProjectID("dagpenger-prod-4e2b"), http: client(transport), pageSize: 1)
        let tables = try await warehouse.tables(in: DatasetRef(project: try ProjectID("dagpenger-prod-4e2b"), dataset: try DatasetID("d")))
        #expect(tables.map(\.ref.table.rawValue) == ["a", "b"] && tables.last?.kind == .view)
        // Two pages, and nothing else: the sizes are asked for apart (tableSizes), after the list.
        #expect(transport.sent.count == 2)
        #expect(transport.sent[1].url.query?.contains("pageToken=p2") == true)
        #expect(tables.allSatisfy { $0.numRows == nil })
        #expect(transport.sent[0].headers["Authorization"] == "Bearer ya29.secret-token")
        #expect(transport.sent[0].headers["x-goog-user-project"] == "quota-proj")
    }

    @Test func aForbiddenCallSaysWhichPermissionIsMissingAndIsNotRetried() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(403, Self.forbidden)])
        do {
            let _: TableList = try await client(transport).get("projects/p/datasets/d/tables", what: "the tables of p.d")
            Issue.record("expected an error")
        } catch let error as CloudError {
            #expect(error.kind == .permissionDenied && error.reason == "accessDenied")
            #expect(error.message.en.contains("Permission bigquery.tables.get denied"))
            #expect(error.message.en.contains("Ask a project owner"))
            #expect(!error.message.en.contains("ya29"))
        }
        #expect(transport.sent.count == 1)
    }

    @Test func aDisabledAPIIsNamed() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(403, #"{"error":{"code":403,"message":"Datastream API has not been used in project 123 before or it is disabled.","status":"PERMISSION_DENIED","details":[{"reason":"SERVICE_DISABLED"}]}}"#)])
        do {
            let _: TableList = try await client(transport).get("x", what: "streams")
            Issue.record("expected an error")
        } catch let error as CloudError {
            #expect(error.kind == .serviceDisabled && error.message.en.hasPrefix("BigQuery is not enabled in the project"))
        }
    }

    @Test func rateLimitsAreRetriedHonouringRetryAfter() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(429, #"{"error":{"code":429,"message":"Too many","errors":[{"reason":"rateLimitExceeded"}]}}"#, headers: ["Retry-After": "3"]),
            ScriptedTransport.json(503, #"{"error":{"code":503,"message":"backend","errors":[{"reason":"backendError"}]}}"#),
            ScriptedTransport.json(200, #"{"datasets":[]}"#),
        ])
        let page: DatasetList = try await client(transport).get("projects/p/datasets", what: "datasets")
        #expect(page.datasets?.isEmpty == true)
        #expect(transport.sent.count == 3)
        #expect(sleeps.delays.count == 2 && sleeps.delays[0] == 3)
        #expect((0.75...1.0).contains(sleeps.delays[1] / 2))  // second attempt: 2 s minus up to 25 % jitter
    }

    @Test func quotaExceededIsNotHammered() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(403, #"{"error":{"code":403,"message":"Quota exceeded","errors":[{"reason":"quotaExceeded"}]}}"#)])
        await #expect(throws: CloudError.self) { let _: DatasetList = try await client(transport).get("x", what: "datasets") }
        #expect(transport.sent.count == 1)
    }

    @Test func writesThatAreNotIdempotentAreNeverRetried() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(503, #"{"error":{"code":503,"message":"unavailable"}}"#)])
        struct Body: Encodable { let query = "SELECT 1" }
        await #expect(throws: CloudError.self) {
            let _: QueryResponse = try await client(transport).send(.post, "projects/p/queries", body: Body(), idempotent: false, what: "a query")
        }
        #expect(transport.sent.count == 1)
    }

    @Test func timeoutsAndBrokenBodiesAreExplained() async throws {
        let timeouts = ScriptedTransport(Array(repeating: .failure(TransportError.timedOut), count: 4))
        do {
            let _: DatasetList = try await client(timeouts).get("x", what: "datasets")
            Issue.record("expected a timeout")
        } catch let error as CloudError {
            #expect(error.kind == .timeout && error.message.en.contains("did not answer within 30 seconds"))
        }
        #expect(timeouts.sent.count == 4)

        // An answer that cannot be read is asked for again, three times in all, then explained.
        let garbled = ScriptedTransport.json(200, #"{"datasets": [ {"datasetReference": 42 "#)
        let broken = ScriptedTransport([garbled, garbled, garbled])
        do {
            let _: DatasetList = try await client(broken).get("x", what: "the datasets of p")
            Issue.record("expected malformed")
        } catch let error as CloudError {
            #expect(error.kind == .malformed && error.message.en.contains("the datasets of p") && error.message.en.contains("Try again"))
        }
        #expect(broken.sent.count == 3)
        let once = ScriptedTransport([garbled, ScriptedTransport.json(200, #"{"datasets": []}"#)])
        let list: DatasetList = try await client(once).get("x", what: "the datasets of p")
        #expect(list.datasets?.isEmpty != false && once.sent.count == 2)
        // A POST's answer is never asked for again: the POST may have been carried out.
        let post = ScriptedTransport([garbled, garbled])
        await #expect(throws: CloudError.self) {
            let _: DatasetList = try await client(post).send(.post, "x", body: ["a": 1], idempotent: false, what: "the grant")
        }
        #expect(post.sent.count == 1)
    }

    @Test func aMissingTableBecomesNotFound() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(404, #"{"error":{"code":404,"message":"Not found: Table p:d.t","status":"NOT_FOUND","errors":[{"reason":"notFound"}]}}"#)])
        let warehouse = BigQueryWarehouse(project: try ProjectID("dagpenger-prod-4e2b"), http: client(transport))
        await #expect(throws: ServiceError.self) { try await warehouse.table(try TableRef(parsing: "dagpenger-prod-4e2b.d.t")) }
    }

    /// bqemulator answers a query it cannot run with HTTP 200 and `errors[]` (its own words):
    /// a failure, never an empty result.
    @Test func aFailedQueryInASuccessfulAnswerIsAFailure() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, """
            {"kind":"bigquery#queryResponse","jobComplete":true,"totalRows":"0","errors":[{"reason":"invalidQuery","location":"query",            "message":"Not found: Table dagpenger-prod-4e2b:rasone.__TABLES__"}]}
            """)])
        let bigquery = BigQueryClient(http: client(transport), pageSize: 10)
        do {
            _ = try await bigquery.query("SELECT table_id, row_count FROM `dagpenger-prod-4e2b.rasone.__TABLES__`", project: try ProjectID("dagpenger-prod-4e2b"))
            Issue.record("expected a failure")
        } catch let error as CloudError {
            #expect(error.kind == .invalid && error.reason == "invalidQuery")
            #expect(error.message.en == "BigQuery refused the query: Not found: Table dagpenger-prod-4e2b:rasone.__TABLES__")
        }
        // A query that ran, with no rows and a warning, is an empty answer.
        let warned = ScriptedTransport([ScriptedTransport.json(200, """
            {"jobComplete":true,"totalRows":"0","schema":{"fields":[{"name":"x","type":"INTEGER"}]},"errors":[{"message":"Slow query"}]}
            """)])
        #expect(try await BigQueryClient(http: client(warned), pageSize: 10).query("SELECT 1 AS x LIMIT 0", project: try ProjectID("dagpenger-prod-4e2b")).isEmpty)
    }

    /// A dataset of 300 tables: its details in eight calls, not 300 tables.get, plus one for a
    /// table the columns do not show (created since); hidden pseudo columns stay out (
    /// _PARTITIONTIME). (The emulator
    /// test checks the details equal tables.get's; local-bigquery takes seconds per
    /// INFORMATION_SCHEMA query on a big dataset, so the count is checked here.)
    @Test func aBigDatasetsDetailsDoNotCostACallPerTable() async throws {
        let names = (0..<300).map { String(format: "t_%03d", $0) }
        let transport = RoutedTransport { request in
            let body = String(decoding: request.body ?? Data(), as: UTF8.self)
            func rows(_ values: [[String]]) -> String {
                #"{"jobComplete":true,"jobReference":{"jobId":"j","location":"EU"},"rows":["# + values.map { row in
                    #"{"f":["# + row.map { #"{"v":"\#($0)"}"# }.joined(separator: ",") + "]}"
                }.joined(separator: ",") + "]}"
            }
            switch true {
            case request.url.path.hasSuffix("/datasets/stor/tables"):
                return #"{"tables":["# + (names + ["ny"]).map { #"{"tableReference":{"projectId":"prosjekt-1","datasetId":"stor","tableId":"\#($0)"},"type":"TABLE"}"# }
                    .joined(separator: ",") + "]}"
            case request.url.path.hasSuffix("/tables/ny"):
                return #"{"tableReference":{"projectId":"prosjekt-1","datasetId":"stor","tableId":"ny"},"type":"TABLE","schema":{"fields":[{"name":"a","type":"STRING"}]}}"#
            case request.url.path.hasSuffix("/datasets/stor"): return #"{"datasetReference":{"projectId":"prosjekt-1","datasetId":"stor"},"location":"europe-north1"}"#
            case body.contains("__TABLES__"): return rows(names.map { [$0, "10", "100", "1795628695000"] })
            case body.contains(".COLUMNS`"):
                #expect(body.contains("is_hidden = 'NO'"))
                return rows(names.flatMap { [[$0, "id", "NO", "INT64"], [$0, "person", "YES", "STRUCT<navn STRING>"]] })
            case body.contains("COLUMN_FIELD_PATHS"): return rows([["t_007", "person.navn", "Fullt navn"]])
            case body.contains("TABLE_OPTIONS"): return rows([["t_007", "description", #"\"Tabell sju\""#], ["t_007", "labels", #"[STRUCT(\"sone\", \"ut\")]"#]])
            default: return rows([])  // VIEWS, MATERIALIZED_VIEWS: none
            }
        }
        let warehouse = BigQueryWarehouse(project: try ProjectID("prosjekt-1"), http: client(transport))
        let details = try await warehouse.tableDetails(in: DatasetRef(project: try ProjectID("prosjekt-1"), dataset: try DatasetID("stor")))
        #expect(details.count == 301 && transport.count == 9, "\(transport.count) calls")
        #expect(details.first { $0.ref.table.rawValue == "ny" }?.schema == [SchemaField("a", "STRING")])
        let seven = try #require(details.first { $0.ref.table.rawValue == "t_007" })
        #expect(seven.description == "Tabell sju" && seven.labels == ["sone": "ut"] && seven.location == "europe-north1" && seven.numRows == 10)
        #expect(seven.schema == [SchemaField("id", "INTEGER", .required), SchemaField("person", "RECORD", fields: [SchemaField("navn", "STRING", description: "Fullt navn")])])
    }

    @Test func tokensNeverShowInDescriptions() {
        let token = AccessToken(value: "ya29.secret-token", expires: nil)
        #expect(!"\(token)".contains("ya29"))
        #expect(!String(reflecting: StaticTokenProvider("ya29.secret-token").summary).contains("ya29"))
    }
}

/// Answers by what is asked (concurrent calls arrive in any order), counting the calls.
final class RoutedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0
    private let answer: @Sendable (HTTPRequest) -> String

    init(_ answer: @escaping @Sendable (HTTPRequest) -> String) {
        self.answer = answer
    }

    var count: Int { lock.withLock { calls } }

    func send(_ request: HTTPRequest, timeout: TimeInterval) async throws -> HTTPResponse {
        lock.withLock { calls += 1 }
        return HTTPResponse(status: 200, headers: [:], body: Data(answer(request).utf8))
    }
}
