import Foundation
import KatalogCore

/// The BigQuery REST API v2 methods katalog uses, every list paged to the end.
struct BigQueryClient: Sendable {
    let http: GoogleAPIClient
    /// Page size for lists; small in tests to exercise paging.
    let pageSize: Int
    var polling = JobPolling()

    func datasets(_ project: ProjectID) async throws -> [DatasetList.Item] {
        try await paged("the datasets of \(project)") { token in
            let page: DatasetList = try await http.get("projects/\(project)/datasets", query: query(token), what: "the datasets of \(project)")
            return (page.datasets ?? [], page.nextPageToken)
        }
    }

    func dataset(_ ref: DatasetRef) async throws -> DatasetResource {
        try await http.get("projects/\(ref.project)/datasets/\(ref.dataset)", what: "the dataset \(ref)")
    }

    func tables(_ ref: DatasetRef) async throws -> [TableList.Item] {
        try await paged("the tables of \(ref)") { token in
            let page: TableList = try await http.get("projects/\(ref.project)/datasets/\(ref.dataset)/tables", query: query(token), what: "the tables of \(ref)")
            return (page.tables ?? [], page.nextPageToken)
        }
    }

    func table(_ ref: TableRef) async throws -> TableResource {
        try await http.get("projects/\(ref.project)/datasets/\(ref.dataset)/tables/\(ref.table)", what: "the table \(ref)")
    }

    /// Runs GoogleSQL (jobs.query), polls while the job is not complete and pages the rows.
    func query(_ sql: String, project: ProjectID) async throws -> [[String?]] {
        try await queryValues(sql, project: project).map { $0.map(\.text) }
    }

    /// The rows with their values as typed as the API sends them (arrays, records).
    func queryValues(_ sql: String, project: ProjectID) async throws -> [[QueryValue]] {
        let first: QueryResponse = try await http.send(.post, "projects/\(project)/queries",
                                                       body: QueryRequest(query: sql, maxResults: pageSize, timeoutMs: 10_000),
                                                       idempotent: false, what: "a query")
        try Self.check(first)
        var rows = first.rows ?? []
        var complete = first.jobComplete ?? true
        var pageToken = first.pageToken
        guard let jobID = first.jobReference?.jobId else { return rows.map { $0.f.map(\.v) } }
        var parameters = ["formatOptions.useInt64Timestamp": "true", "maxResults": String(pageSize), "timeoutMs": "10000"]
        if let location = first.jobReference?.location { parameters["location"] = location }
        // A job the server keeps calling incomplete is polled with growing waits, until the
        // poll's deadline; pages are bounded like every list.
        var polls = 0
        let deadline = Date().addingTimeInterval(polling.deadline)
        var seenTokens = Set<String>()
        var pages = 0
        var emptyInARow = 0
        while !complete || !(pageToken ?? "").isEmpty {
            var query = parameters
            if let pageToken, !pageToken.isEmpty { query["pageToken"] = pageToken }
            let page: QueryResponse = try await http.get("projects/\(project)/queries/\(jobID)", query: query, what: "the results of a query")
            try Self.check(page)
            complete = page.jobComplete ?? true
            if complete {
                rows += page.rows ?? []
                pages += 1
                emptyInARow = (page.rows ?? []).isEmpty ? emptyInARow + 1 : 0
                pageToken = page.pageToken
                guard let next = pageToken, !next.isEmpty else { break }
                if !seenTokens.insert(next).inserted { break }  // a server repeating itself
                if emptyInARow >= 20 || pages >= 10_000 {
                    throw CloudError(kind: .malformed, message: LocalizedText(
                        nb: "BigQuery sluttet ikke å sende nye sider med resultater (\(pages) sider, \(emptyInARow) tomme på rad); katalog stoppet.",
                        en: "BigQuery did not stop sending new pages of results (\(pages) pages, \(emptyInARow) empty in a row); katalog stopped."))
                }
            } else {
                polls += 1
                let wait = polling.delay(poll: polls)
                guard Date().addingTimeInterval(wait) < deadline else {
                    throw CloudError(kind: .timeout, message: LocalizedText(
                        nb: "Spørringen i BigQuery ble ikke ferdig innen \(Int(polling.deadline)) sekunder (jobb \(TerminalText.line(jobID))). Prøv igjen, eller se på jobben i Cloud Console.",
                        en: "The BigQuery query did not finish within \(Int(polling.deadline)) seconds (job \(TerminalText.line(jobID))). Try again, or look at the job in the Cloud Console."))
                }
                try await polling.sleep(wait)
            }
        }
        return rows.map { $0.f.map(\.v) }
    }

    /// Some servers answer a failed query with HTTP 200 and `errors[]` (real BigQuery sends a
    /// 400): the same failure either way, never an empty result. `errors[]` may also hold
    /// warnings of a query that ran, so only the reasons BigQuery documents for failures count.
    private static func check(_ response: QueryResponse) throws {
        let failures: Set<String> = ["invalidQuery", "invalid", "notFound", "accessDenied", "backendError", "internalError", "resourcesExceeded",
                                     "responseTooLarge", "stopped", "timeout", "billingNotEnabled", "blocked", "quotaExceeded", "rateLimitExceeded"]
        guard response.rows == nil, let error = response.errors?.first(where: { failures.contains($0.reason ?? "") }) else { return }
        let detail = TerminalText.line(error.message ?? error.reason ?? "")
        throw CloudError(kind: .invalid, message: LocalizedText(nb: "BigQuery avviste spørringen: \(detail)", en: "BigQuery refused the query: \(detail)"),
                         reason: error.reason)
    }

    func tablePolicy(_ ref: TableRef) async throws -> PolicyResource {
        struct Request: Encodable {
            struct Options: Encodable { let requestedPolicyVersion = 3 }
            let options = Options()
        }
        return try await http.send(.post, "projects/\(ref.project)/datasets/\(ref.dataset)/tables/\(ref.table):getIamPolicy",
                                   body: Request(), idempotent: true, what: "the IAM policy of \(ref)")
    }

    func setTablePolicy(_ ref: TableRef, _ policy: PolicyResource) async throws -> PolicyResource {
        struct Request: Encodable { let policy: PolicyResource; let updateMask = "bindings,etag" }
        // Guarded by the etag: a retry after a lost answer is refused, never applied twice.
        return try await http.send(.post, "projects/\(ref.project)/datasets/\(ref.dataset)/tables/\(ref.table):setIamPolicy",
                                   body: Request(policy: policy), idempotent: true, what: "the IAM policy of \(ref)")
    }

    func patchAccess(_ ref: DatasetRef, access: [AccessEntryResource], etag: String) async throws -> DatasetResource {
        struct Body: Encodable { let access: [AccessEntryResource] }
        return try await http.send(.patch, "projects/\(ref.project)/datasets/\(ref.dataset)", query: ["updateMode": "UPDATE_ACL"],
                                   body: Body(access: access), headers: ["If-Match": etag], idempotent: true, what: "the access of \(ref)")
    }

    private func query(_ token: String?) -> [String: String] {
        var query = ["maxResults": String(pageSize)]
        if let token, !token.isEmpty { query["pageToken"] = token }
        return query
    }

    /// Follows `nextPageToken` until it is absent or empty (local-bigquery answers null).
    private func paged<Item>(_ what: String, _ fetch: (String?) async throws -> ([Item], String?)) async throws -> [Item] {
        try await Paging(api: http.api, what: what).all { token in
            let (items, next) = try await fetch(token)
            return (items, next)
        }
    }
}

/// How a query job that is not complete yet is waited for: 0.2 s, 0.4 s, … up to 5 s between
/// polls (each poll also waits on the server, `timeoutMs`), and no longer than `deadline`.
struct JobPolling: Sendable {
    var deadline: TimeInterval = 600
    var initialDelay: TimeInterval = 0.2
    var maximumDelay: TimeInterval = 5
    var sleep: @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }

    func delay(poll: Int) -> TimeInterval {
        min(maximumDelay, initialDelay * pow(2, Double(min(poll - 1, 20))))
    }
}
