import Foundation
import KatalogCore

/// The BigQuery REST API v2 methods katalog uses, every list paged to the end.
struct BigQueryClient: Sendable {
    let http: GoogleAPIClient
    /// Page size for lists; small in tests to exercise paging.
    let pageSize: Int

    func datasets(_ project: ProjectID) async throws -> [DatasetList.Item] {
        try await paged { token in
            let page: DatasetList = try await http.get("projects/\(project)/datasets", query: query(token), what: "the datasets of \(project)")
            return (page.datasets ?? [], page.nextPageToken)
        }
    }

    func dataset(_ ref: DatasetRef) async throws -> DatasetResource {
        try await http.get("projects/\(ref.project)/datasets/\(ref.dataset)", what: "the dataset \(ref)")
    }

    func tables(_ ref: DatasetRef) async throws -> [TableList.Item] {
        try await paged { token in
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
        while !complete || !(pageToken ?? "").isEmpty {
            var query = parameters
            if let pageToken, !pageToken.isEmpty { query["pageToken"] = pageToken }
            let page: QueryResponse = try await http.get("projects/\(project)/queries/\(jobID)", query: query, what: "the results of a query")
            try Self.check(page)
            complete = page.jobComplete ?? true
            if complete { rows += page.rows ?? [] }
            pageToken = complete ? page.pageToken : nil
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
    private func paged<Item>(_ fetch: (String?) async throws -> ([Item], String?)) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        var seen = Set<String>()
        repeat {
            let (page, next) = try await fetch(token)
            items += page
            token = next
            if let next, !next.isEmpty, !seen.insert(next).inserted { break }  // a server repeating itself
        } while !(token ?? "").isEmpty
        return items
    }
}
