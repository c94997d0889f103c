import Foundation
import KatalogCore

/// Datamarkedsplassen for tests, on 127.0.0.1: the endpoints katalog uses, answering with the
/// shapes, quirks and rules of the real server as contracts/MARKETPLACE-API.md ("What the server
/// really does") records them from its Go code — 401 bodies in plain text, `null` for empty
/// lists, a zero-valued `accessRequest` on direct grants and `polly` on requests without one,
/// descriptions HTML-escaped (a datasett's twice on PUT), a slug made anew by a PUT without
/// one, a dropped connection for a PUT without `piiTags`, 500 for bad `piiTags`, approve without
/// a status check — and the BigQuery side effects it makes: a table binding and a dataset entry
/// per grant, an authorized view per registered view. State lives in memory; tests seed it and
/// read it back. Runs on `FaultServer`'s pipeline, so a test can also make any call drop.
public final class MarketplaceTestServer: @unchecked Sendable {
    public struct User: Sendable {
        public var name: String
        public var email: String
        public var groups: [String]
        /// GCP project id → the group owning it.
        public var projects: [String: String]

        public init(name: String, email: String, groups: [String], projects: [String: String] = [:]) {
            self.name = name
            self.email = email
            self.groups = groups
            self.projects = projects
        }
    }

    public struct Product: Sendable {
        public var id = UUID()
        public var name: String
        /// As stored: HTML-escaped.
        public var description: String
        public var slug: String
        public var group: String
        public var teamkatalogenURL = ""
        public var teamContact = ""
        public var teamID: String?
        public var created: Date
        public var lastModified: Date
    }

    public struct Dataset: Sendable {
        public var id = UUID()
        public var productID: UUID
        public var name: String
        public var description: String
        public var slug: String
        public var repo: String?
        public var pii: String
        public var keywords: [String]
        public var anonymisationDescription: String?
        public var targetUser: String
        public var table: String
        public var tableType: String
        /// As the server keeps it: JSONB-normalised text.
        public var piiTags: String
        public var pseudoColumns: [String]
        public var sourceID = UUID()
        public var created: Date
        public var lastModified: Date
    }

    public struct Access: Sendable {
        public var id = UUID()
        public var datasetID: UUID
        /// `type:email`.
        public var subject: String
        public var owner: String
        public var granter: String
        public var expires: Date?
        public var created: Date
        public var revoked: Date?
        public var requestID: UUID?
        public var platform = "bigquery"
    }

    public struct Request: Sendable {
        public var id = UUID()
        public var datasetID: UUID
        public var subject: String
        public var subjectType: String
        public var owner: String
        public var created: Date
        public var status = "pending"
        public var closed: Date?
        public var expires: Date?
        public var granter: String?
        /// `[externalID, name, url]`, nil when none.
        public var polly: [String: String]?
        public var reason: String?
        public var platform = "bigquery"
    }

    /// A BigQuery table or view the server's project knows.
    public struct Table: Sendable {
        public var type: String
        public var description: String
        /// name, type, mode, description.
        public var columns: [[String: String]]

        public init(type: String, description: String = "", columns: [[String: String]] = []) {
            self.type = type
            self.description = description
            self.columns = columns
        }
    }

    /// Everything the server keeps, guarded by `lock`.
    public struct State: Sendable {
        public var users: [String: User] = [:]
        public var products: [UUID: Product] = [:]
        public var datasets: [UUID: Dataset] = [:]
        public var accesses: [Access] = []
        public var requests: [Request] = []
        /// `project.dataset.table` → table.
        public var tables: [String: Table] = [:]
        /// `project.dataset.table` → members with `roles/bigquery.dataViewer`.
        public var tableBindings: [String: Set<String>] = [:]
        /// `project.dataset` → members with `roles/bigquery.metadataViewer`.
        public var datasetEntries: [String: Set<String>] = [:]
        /// `project.dataset` → views authorized on it.
        public var authorizedViews: [String: Set<String>] = [:]
        public var teams: [[String: String]] = []
        public var polly: [[String: String]] = []
        public var slackChannels: Set<String> = []
        /// Calls to drop, by "METHOD /path-prefix": before doing anything, or after the change.
        public var drops: [(call: String, afterChange: Bool)] = []
        /// Calls to answer so instead, once each, before doing anything.
        public var answers: [(call: String, answer: FaultServer.Answer)] = []
    }

    private let lock = NSLock()
    private var state = State()
    public var now: @Sendable () -> Date
    private var server: FaultServer!

    public var url: URL { server.url }
    public var received: [FaultServer.Received] { server.received }

    public init(now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.now = now
        server = try FaultServer { [unowned self] request in self.answer(request) }
    }

    public func stop() { server.stop() }

    /// Reads or changes the state in one step.
    @discardableResult
    public func with<T>(_ body: (inout State) throws -> T) rethrows -> T {
        try lock.withLock { try body(&state) }
    }

    // MARK: Routing

    private struct Failure: Error {
        let answer: FaultServer.Answer
    }

    private func answer(_ request: FaultServer.Received) -> FaultServer.Answer {
        let components = URLComponents(string: request.uri) ?? URLComponents()
        let path = components.path
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        return lock.withLock {
            let call = "\(request.method) \(path)"
            let drop = state.drops.firstIndex { call.hasPrefix($0.call) }
            let dropAfter = drop.map { state.drops[$0].afterChange } ?? false
            if let drop { state.drops.remove(at: drop) }
            if drop != nil && !dropAfter { return .drop }
            if let scripted = state.answers.firstIndex(where: { call.hasPrefix($0.call) }) { return state.answers.remove(at: scripted).answer }
            do {
                let user = try authenticate(request, path: path)
                let result = try route(request.method, path.split(separator: "/").map(String.init), query, body: request.body, user: user)
                return dropAfter ? .drop : result
            } catch let failure as Failure {
                return dropAfter ? .drop : failure.answer
            } catch {
                return Self.error(500, "internal_error", nil, nil, "\(error)")
            }
        }
    }

    private static let publicPaths = ["/api/search", "/api/teamkatalogen", "/api/polly", "/api/bigquery/"]

    private func authenticate(_ request: FaultServer.Received, path: String) throws -> User? {
        guard let header = request.header("Authorization") else {
            if Self.publicPaths.contains(where: path.hasPrefix) { return nil }
            throw Failure(answer: .respond(status: 401, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data(#"{"error": "Unauthorized."}"#.utf8)))
        }
        // The `Bearer ` prefix is optional for the server.
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : header
        guard let user = state.users[token] else {
            throw Failure(answer: .respond(status: 401, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data("Unauthorized\n".utf8)))
        }
        return user
    }

    private func route(_ method: String, _ parts: [String], _ query: [String: String], body: Data, user: User?) throws -> FaultServer.Answer {
        guard parts.first == "api" else { throw Failure(answer: Self.error(404, "item_not_exist", nil, nil, "no such route")) }
        let p = Array(parts.dropFirst())
        func needUser() throws -> User {
            guard let user else { throw Failure(answer: .respond(status: 401, body: Data(#"{"error": "Unauthorized."}"#.utf8))) }
            return user
        }
        switch (method, p.count, p.first) {
        case ("GET", 1, "userData"): return Self.json(userData(try needUser()))
        case ("GET", 1, "search"): return Self.json(search(query))
        case ("GET", 1, "keywords"): return Self.json(["keywordItems": keywordItems()])
        case ("GET", 1, "teamkatalogen"): return Self.json(teamkatalogen(query["gcpGroups"] ?? ""))
        case ("GET", 1, "polly"): return Self.json(pollySearch(query["query"] ?? ""))
        case ("GET", 2, "bigquery"): return try Self.json(bigquery(p[1], query))
        case ("GET", 2, "slack") where p[1] == "isValid": return Self.json(["isValidSlackChannel": state.slackChannels.contains(query["channel"] ?? "")])
        case ("POST", 2, "dataproducts") where p[1] == "new": return try Self.json(createProduct(try object(body), try needUser()))
        case ("GET", 2, "dataproducts"): return Self.json(productWithDatasets(try product(p[1])))
        case ("PUT", 2, "dataproducts"): return try Self.json(updateProduct(try product(p[1]), try object(body), try needUser()))
        case ("DELETE", 2, "dataproducts"): try deleteProduct(try product(p[1]), try needUser()); return Self.noContent
        case ("POST", 2, "datasets") where p[1] == "new": return try Self.json(createDataset(try object(body), try needUser()))
        case ("GET", 2, "datasets"):
            guard let id = UUID(uuidString: p[1]), let dataset = state.datasets[id] else { return Self.json(NSNull()) }
            return Self.json(datasetWithAccess(dataset, for: try needUser()))
        case ("PUT", 2, "datasets"): return try Self.json(updateDataset(p[1], try object(body), try needUser()))
        case ("DELETE", 2, "datasets"): try deleteDataset(p[1], try needUser()); return Self.noContent
        case ("GET", 1, "accessRequests"):
            let id = UUID(uuidString: query["datasetId"] ?? "")
            let pending = state.requests.filter { $0.datasetID == id && $0.status == "pending" }.map(requestJSON)
            return Self.json(["accessRequests": pending.isEmpty ? NSNull() : pending as Any])
        case ("POST", 2, "accessRequests") where p[1] == "new": try createRequest(try object(body), try needUser()); return Self.noContent
        case ("POST", 3, "accessRequests") where p[1] == "process": try process(p[2], query, try needUser()); return Self.noContent
        case ("DELETE", 2, "accessRequests"): try deleteRequest(p[1], try needUser()); return Self.noContent
        case ("POST", 3, "accesses") where p[1] == "bigquery" && p[2] == "grant": try grant(try object(body), try needUser()); return Self.noContent
        case ("POST", 3, "accesses") where p[1] == "bigquery" && p[2] == "revoke": try revoke(query["accessId"] ?? "", try needUser()); return Self.noContent
        default: throw Failure(answer: Self.error(404, "item_not_exist", nil, nil, "no such route: \(method) /\(parts.joined(separator: "/"))"))
        }
    }

    // MARK: Reads

    private func userData(_ user: User) -> [String: Any] {
        let groups = Set(user.groups)
        let mine = state.products.values.filter { groups.contains($0.group) }.sorted { $0.name < $1.name }
        let own = state.requests.filter { $0.owner == user.email || groups.contains($0.owner) }
        let toHandle = state.requests.filter { request in
            guard request.status == "pending", let dataset = state.datasets[request.datasetID], let product = state.products[dataset.productID] else { return false }
            return groups.contains(product.group)
        }
        return [
            "name": user.name, "email": user.email, "ident": "Z990001", "isKnastUser": false,
            "googleGroups": Self.list(user.groups.map { ["name": String($0.prefix { $0 != "@" }), "email": $0] }),
            "allGoogleGroups": NSNull(), "azureGroups": NSNull(), "loginExpiration": Self.time(now().addingTimeInterval(3600)),
            "gcpProjects": Self.list(user.projects.sorted { $0.key < $1.key }.map { ["id": $0.key, "name": $0.key, "group": ["name": String($0.value.prefix { $0 != "@" }), "email": $0.value]] }),
            "dataproducts": Self.list(mine.map(productWithDatasets)),
            "accessRequests": Self.list(own.map(requestJSON)),
            "accessRequestsAsGranter": Self.list(toHandle.map { request -> [String: Any] in
                var json = requestJSON(request)
                let dataset = state.datasets[request.datasetID]!
                let product = state.products[dataset.productID]!
                json["dataproductID"] = Self.text(product.id)
                json["dataproductSlug"] = product.slug
                json["datasetName"] = dataset.name
                json["dataproductName"] = product.name
                return json
            }),
            "stories": NSNull(), "insightProducts": NSNull(), "publicMetabaseDashboards": NSNull(),
        ]
    }

    private func search(_ query: [String: String]) -> [String: Any] {
        let text = (query["text"] ?? "").lowercased()
        let keywords = Set((query["keywords"] ?? "").split(separator: ",").map(String.init))
        let groups = Set((query["groups"] ?? "").split(separator: ",").map(String.init))
        let limit = Int(query["limit"] ?? "") ?? 24, offset = Int(query["offset"] ?? "") ?? 0
        let hits = state.products.values.filter { product in
            let datasets = datasets(of: product.id)
            let words = datasets.flatMap(\.keywords)
            let haystack = ([product.name, product.description] + words + datasets.flatMap { [$0.name, $0.description] }).joined(separator: "\n").lowercased()
            return (text.isEmpty || haystack.contains(text)) && (keywords.isEmpty || !keywords.isDisjoint(with: words))
                && (groups.isEmpty || groups.contains(product.group))
        }
        // Ordered by the first datasett's name, as the server's query does.
        let ordered = hits.sorted { (datasets(of: $0.id).first?.name ?? "\u{10FFFF}", $0.name) < (datasets(of: $1.id).first?.name ?? "\u{10FFFF}", $1.name) }
        let page = ordered.dropFirst(offset).prefix(limit)
        return ["results": Self.list(page.map { ["excerpt": "", "result": productWithDatasets($0), "rank": 0] })]
    }

    private func keywordItems() -> Any {
        let all = state.datasets.values.flatMap(\.keywords)
        let counted = Dictionary(grouping: all, by: { $0 }).map { ($0.key, $0.value.count) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        return Self.list(counted.map { ["keyword": $0.0, "count": $0.1] })
    }

    private func teamkatalogen(_ group: String) -> Any {
        Self.list(state.teams.filter { !group.isEmpty && ($0["name"] ?? "").lowercased().contains(group.lowercased()) })
    }

    private func pollySearch(_ text: String) -> Any {
        Self.list(state.polly.filter { text.isEmpty || ($0["name"] ?? "").lowercased().contains(text.lowercased()) })
    }

    private func bigquery(_ what: String, _ query: [String: String]) throws -> [String: Any] {
        let project = query["projectId"] ?? "", dataset = query["datasetId"] ?? ""
        switch what {
        case "datasets":
            let names = Set(state.tables.keys.filter { $0.hasPrefix(project + ".") }.map { $0.split(separator: ".")[1] }).sorted()
            return ["bqDatasets": Self.list(names.map(String.init))]
        case "tables":
            let prefix = "\(project).\(dataset)."
            let tables = state.tables.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }
            return ["bqTables": Self.list(tables.map { ["name": String($0.key.dropFirst(prefix.count)), "description": $0.value.description,
                                                       "lastModified": Self.time(now()), "type": $0.value.type] })]
        case "columns":
            let columns = state.tables["\(project).\(dataset).\(query["tableId"] ?? "")"]?.columns ?? []
            return ["bqColumns": Self.list(columns)]
        default:
            throw Failure(answer: Self.error(404, "item_not_exist", nil, nil, "no such route"))
        }
    }

    private func datasets(of product: UUID) -> [Dataset] {
        state.datasets.values.filter { $0.productID == product }.sorted { $0.name < $1.name }
    }

    private func productMinimal(_ product: Product) -> [String: Any] {
        ["id": Self.text(product.id), "name": product.name, "created": Self.time(product.created), "lastModified": Self.time(product.lastModified),
         "description": product.description, "slug": product.slug,
         "owner": ["group": product.group, "teamkatalogenURL": product.teamkatalogenURL, "teamContact": product.teamContact,
                   "teamID": product.teamID as Any? ?? NSNull(), "productAreaID": NSNull()]]
    }

    private func productWithDatasets(_ product: Product) -> [String: Any] {
        var json = productMinimal(product)
        let datasets = datasets(of: product.id)
        var seen = Set<String>()
        json["keywords"] = Self.list(datasets.flatMap(\.keywords).filter { seen.insert($0).inserted })
        json["teamName"] = String(product.group.prefix { $0 != "@" })
        json["productAreaName"] = ""
        json["datasets"] = datasets.map { dataset -> [String: Any] in
            ["id": Self.text(dataset.id), "name": dataset.name, "created": Self.time(dataset.created), "lastModified": Self.time(dataset.lastModified),
             "description": dataset.description, "slug": dataset.slug, "keywords": dataset.keywords, "dataSourceLastModified": Self.time(dataset.lastModified)]
        }
        return json
    }

    private func datasetJSON(_ dataset: Dataset) -> [String: Any] {
        let parts = dataset.table.split(separator: ".").map(String.init)
        return [
            "id": Self.text(dataset.id), "dataproductID": Self.text(dataset.productID), "name": dataset.name,
            "created": Self.time(dataset.created), "lastModified": Self.time(dataset.lastModified), "description": dataset.description,
            "slug": dataset.slug, "repo": dataset.repo as Any? ?? NSNull(), "pii": dataset.pii, "keywords": dataset.keywords,
            "anonymisationDescription": dataset.anonymisationDescription as Any? ?? NSNull(), "targetUser": dataset.targetUser,
            "datasource": [
                "ID": Self.text(dataset.sourceID), "DatasetID": Self.text(dataset.id), "projectID": parts[0], "dataset": parts[1], "table": parts[2],
                "tableType": dataset.tableType, "lastModified": Self.time(dataset.lastModified), "created": Self.time(dataset.created),
                "description": "", "expired": NSNull(), "piiTags": dataset.piiTags, "missingSince": NSNull(),
                "pseudoColumns": Self.list(dataset.pseudoColumns), "schema": Self.list(state.tables[dataset.table]?.columns ?? []),
            ] as [String: Any],
            "metabaseDataset": NSNull(),
        ]
    }

    private func datasetWithAccess(_ dataset: Dataset, for user: User) -> [String: Any] {
        var json = datasetJSON(dataset)
        let owner = isOwner(user, of: dataset)
        // Non-owners see their own (or their group's) unrevoked grants only.
        let visible = state.accesses.filter { access in
            guard access.datasetID == dataset.id else { return false }
            if owner { return true }
            let bare = access.subject.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
            return access.revoked == nil && (bare == user.email || user.groups.contains(bare) || access.owner == user.email)
        }
        let subjects = Array(Set(visible.map(\.subject))).sorted()
        json["access"] = subjects.map { subject -> [String: Any] in
            let mine = visible.filter { $0.subject == subject }
            return ["subject": subject, "active": Self.list(mine.filter { $0.revoked == nil }.map(accessJSON)),
                    "revoked": Self.list(mine.filter { $0.revoked != nil }.map(accessJSON))]
        }
        return json
    }

    private func accessJSON(_ access: Access) -> [String: Any] {
        // A direct grant carries a zero-valued request, never null.
        let request = access.requestID.flatMap { id in state.requests.first { $0.id == id } }
        return ["id": Self.text(access.id), "subject": access.subject, "owner": access.owner, "granter": access.granter,
                "expires": access.expires.map(Self.time) as Any? ?? NSNull(), "created": Self.time(access.created),
                "revoked": access.revoked.map(Self.time) as Any? ?? NSNull(), "datasetID": Self.text(access.datasetID),
                "accessRequest": request.map(requestJSON) ?? Self.zeroRequest, "platform": access.platform]
    }

    private func requestJSON(_ request: Request) -> [String: Any] {
        ["id": Self.text(request.id), "datasetID": Self.text(request.datasetID), "subject": request.subject, "subjectType": request.subjectType,
         "created": Self.time(request.created), "status": request.status, "closed": request.closed.map(Self.time) as Any? ?? NSNull(),
         "expires": request.expires.map(Self.time) as Any? ?? NSNull(), "granter": request.granter as Any? ?? NSNull(), "owner": request.owner,
         // Always an object, zero-valued when there is none.
         "polly": request.polly.map { ["id": UUID().uuidString.lowercased(), "externalID": $0["externalID"] ?? "", "name": $0["name"] ?? "", "url": $0["url"] ?? ""] }
            ?? ["id": NSNull(), "externalID": "", "name": "", "url": ""],
         "reason": request.reason as Any? ?? NSNull(), "platform": request.platform]
    }

    private nonisolated(unsafe) static let zeroRequest: [String: Any] = [
        "id": "00000000-0000-0000-0000-000000000000", "datasetID": "00000000-0000-0000-0000-000000000000", "subject": "", "subjectType": "",
        "created": "0001-01-01T00:00:00Z", "status": "", "closed": NSNull(), "expires": NSNull(), "granter": NSNull(), "owner": "",
        "polly": NSNull(), "reason": NSNull(), "platform": "",
    ]

    // MARK: Dataprodukter

    private func product(_ text: String) throws -> Product {
        guard let id = UUID(uuidString: text), let product = state.products[id] else {
            throw Failure(answer: Self.error(404, "item_not_exist", nil, nil, "dataproduct not found"))
        }
        return product
    }

    private func ensureMember(_ user: User, _ group: String) throws {
        guard user.groups.contains(group) else {
            throw Failure(answer: Self.error(403, "unauthorized_request", "wrong_owner", nil, "user not in group \(group)"))
        }
    }

    private func createProduct(_ body: [String: Any], _ user: User) throws -> [String: Any] {
        let group = body["group"] as? String ?? ""
        try ensureMember(user, group)
        let name = body["name"] as? String ?? ""
        let product = Product(name: name, description: Self.escape(body["description"] as? String ?? ""),
                              slug: uniqueSlug((body["slug"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? Slug.make(name)), group: group,
                              teamkatalogenURL: body["teamkatalogenURL"] as? String ?? "", teamContact: body["teamContact"] as? String ?? "",
                              teamID: body["teamID"] as? String, created: now(), lastModified: now())
        state.products[product.id] = product
        return productMinimal(product)
    }

    private func updateProduct(_ product: Product, _ body: [String: Any], _ user: User) throws -> [String: Any] {
        try ensureMember(user, product.group)
        var updated = product
        updated.name = body["name"] as? String ?? ""
        updated.description = Self.escape(body["description"] as? String ?? "")
        // Left out, the slug is made anew from the name.
        updated.slug = (body["slug"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? Slug.make(updated.name)
        updated.teamkatalogenURL = body["teamkatalogenURL"] as? String ?? ""
        updated.teamContact = body["teamContact"] as? String ?? ""
        updated.teamID = body["teamID"] as? String
        updated.lastModified = now()
        state.products[product.id] = updated
        return productMinimal(updated)
    }

    private func deleteProduct(_ product: Product, _ user: User) throws {
        try ensureMember(user, product.group)
        for dataset in datasets(of: product.id) { removeDataset(dataset) }
        state.products[product.id] = nil
    }

    private func uniqueSlug(_ base: String) -> String {
        var candidate = base, n = 2
        while state.products.values.contains(where: { $0.slug == candidate }) { candidate = "\(base)-\(n)"; n += 1 }
        return candidate
    }

    // MARK: Datasett

    private func createDataset(_ body: [String: Any], _ user: User) throws -> [String: Any] {
        let product = try self.product(body["dataproductID"] as? String ?? "")
        try ensureMember(user, product.group)
        let source = body["bigquery"] as? [String: Any] ?? [:]
        let project = source["projectID"] as? String ?? "", datasetName = source["dataset"] as? String ?? "", tableName = source["table"] as? String ?? ""
        let owned = user.projects.filter { $0.value == product.group }.map(\.key)
        if owned.isEmpty { throw Failure(answer: Self.error(404, "item_not_exist", "database", "group_email", "no nais project for \(product.group)")) }
        if !owned.contains(project) { throw Failure(answer: Self.error(403, "unauthorized_request", "wrong_owner", nil, "\(product.group) does not own \(project)")) }
        let key = "\(project).\(datasetName).\(tableName)"
        guard let table = state.tables[key] else {
            throw Failure(answer: Self.error(404, "item_not_exist", "gcp_bigquery", "table", "table \(key) not found"))
        }
        guard ["TABLE", "VIEW", "MATERIALIZED_VIEW"].contains(table.type) else {
            throw Failure(answer: Self.error(400, "invalid_request_error", "gcp_bigquery", "table_type", "unsupported table type \(table.type)"))
        }
        let tags = try Self.normalisedTags(source["piiTags"] as? String)
        let name = body["name"] as? String ?? ""
        let dataset = Dataset(productID: product.id, name: name, description: Self.escape(body["description"] as? String ?? ""),
                              slug: (body["slug"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? Slug.make(name), repo: body["repo"] as? String,
                              pii: body["pii"] as? String ?? "none", keywords: body["keywords"] as? [String] ?? [],
                              anonymisationDescription: body["anonymisationDescription"] as? String, targetUser: body["targetUser"] as? String ?? "",
                              table: key, tableType: table.type, piiTags: tags, pseudoColumns: body["pseudoColumns"] as? [String] ?? [],
                              created: now(), lastModified: now())
        state.datasets[dataset.id] = dataset
        if table.type != "TABLE" { state.authorizedViews["\(project).\(datasetName)", default: []].insert(key) }
        // Not checked against `pii` at creation: the real server opens a sensitive one too.
        if body["grantAllUsers"] as? Bool == true {
            addAccess(Access(datasetID: dataset.id, subject: "group:all-users@nav.no", owner: product.group, granter: user.email, created: now()), on: dataset)
        }
        return datasetJSON(dataset)
    }

    private func updateDataset(_ idText: String, _ body: [String: Any], _ user: User) throws -> Any {
        guard let id = UUID(uuidString: idText), var dataset = state.datasets[id] else { throw Failure(answer: .drop) }
        let product = state.products[dataset.productID]!
        try ensureMember(user, product.group)
        let target = (body["dataproductID"] as? String).flatMap(UUID.init(uuidString:)) ?? dataset.productID
        if target != dataset.productID {
            let other = try self.product(target.uuidString)
            try ensureMember(user, other.group)
            if other.group != product.group {
                throw Failure(answer: Self.error(400, "invalid_request_error", "wrong_owner", nil, "cannot move dataset between dataproducts owned by different groups"))
            }
        }
        dataset.name = body["name"] as? String ?? ""
        // Escaped once by the service and once more on the way to storage.
        dataset.description = Self.escape(Self.escape(body["description"] as? String ?? ""))
        dataset.slug = (body["slug"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? Slug.make(dataset.name)
        dataset.repo = body["repo"] as? String
        dataset.pii = body["pii"] as? String ?? dataset.pii
        dataset.keywords = body["keywords"] as? [String] ?? []
        dataset.anonymisationDescription = body["anonymisationDescription"] as? String
        dataset.targetUser = body["targetUser"] as? String ?? ""
        dataset.pseudoColumns = body["pseudoColumns"] as? [String] ?? []
        dataset.productID = target
        dataset.lastModified = now()
        state.datasets[id] = dataset
        // The row is saved before piiTags is looked at: none drops the connection, bad ones are a 500.
        guard let text = body["piiTags"] as? String else { throw Failure(answer: .drop) }
        dataset.piiTags = try Self.normalisedTags(text)
        state.datasets[id] = dataset
        return Self.text(id)
    }

    private func deleteDataset(_ idText: String, _ user: User) throws {
        guard let id = UUID(uuidString: idText), let dataset = state.datasets[id] else { throw Failure(answer: .drop) }
        try ensureMember(user, state.products[dataset.productID]!.group)
        removeDataset(dataset)
    }

    private func removeDataset(_ dataset: Dataset) {
        for access in state.accesses where access.datasetID == dataset.id && access.revoked == nil { revokeAccess(access.id) }
        state.datasets[dataset.id] = nil
    }

    // MARK: Access

    private func isOwner(_ user: User, of dataset: Dataset) -> Bool {
        state.products[dataset.productID].map { user.groups.contains($0.group) } ?? false
    }

    private func grant(_ body: [String: Any], _ user: User) throws {
        guard let id = UUID(uuidString: body["datasetID"] as? String ?? ""), let dataset = state.datasets[id] else {
            throw Failure(answer: Self.error(500, "database_error", nil, nil, "sql: no rows in result set"))
        }
        try ensureMember(user, state.products[dataset.productID]!.group)
        let expires = try (body["expires"] as? String).map(Self.parseTime)
        if let expires, expires < now() { throw Failure(answer: Self.error(400, "invalid_request_error", "expires_in_past", "expires", "expires is in the past")) }
        let subject = body["subject"] as? String ?? ""
        // Compared exactly, whatever the type.
        if dataset.pii == "sensitive" && subject == "all-users@nav.no" {
            throw Failure(answer: Self.error(400, "invalid_request_error", "opening_dataset_with_pii_tags", nil, "cannot open a dataset with PII to all users"))
        }
        let member = "\(body["subjectType"] as? String ?? ""):\(subject)"
        // Granting again renews: the old row revoked (the lookup is not lower-cased).
        for old in state.accesses where old.datasetID == id && old.subject == member && old.revoked == nil { revokeAccess(old.id) }
        addAccess(Access(datasetID: id, subject: member, owner: body["owner"] as? String ?? subject, granter: user.email, expires: expires, created: now()), on: dataset)
    }

    private func addAccess(_ access: Access, on dataset: Dataset) {
        state.accesses.append(access)
        state.tableBindings[dataset.table, default: []].insert(access.subject)
        state.datasetEntries[Self.datasetKey(dataset.table), default: []].insert(access.subject)
    }

    private func revoke(_ idText: String, _ user: User) throws {
        guard let id = UUID(uuidString: idText), let access = state.accesses.first(where: { $0.id == id }) else {
            throw Failure(answer: Self.error(404, "item_not_exist", nil, nil, "access not found"))
        }
        let dataset = state.datasets[access.datasetID]
        let bare = access.subject.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
        let allowed = dataset.map { isOwner(user, of: $0) } ?? false || bare == user.email || user.groups.contains(bare) || access.owner == user.email
            || user.groups.contains(access.owner)
        guard allowed else { throw Failure(answer: Self.error(403, "unauthorized_request", "wrong_team", nil, "user not allowed to revoke")) }
        revokeAccess(id)
    }

    /// Revokes, and removes the IAM another active grant of the same subject does not need.
    private func revokeAccess(_ id: UUID) {
        guard let index = state.accesses.firstIndex(where: { $0.id == id }), state.accesses[index].revoked == nil else { return }
        state.accesses[index].revoked = now()
        let access = state.accesses[index]
        guard let table = state.datasets[access.datasetID]?.table else { return }
        let others = state.accesses.filter { $0.revoked == nil && $0.subject == access.subject }.compactMap { state.datasets[$0.datasetID]?.table }
        if !others.contains(table) { state.tableBindings[table]?.remove(access.subject) }
        if !others.contains(where: { Self.datasetKey($0) == Self.datasetKey(table) }) { state.datasetEntries[Self.datasetKey(table)]?.remove(access.subject) }
    }

    private func createRequest(_ body: [String: Any], _ user: User) throws {
        guard let id = UUID(uuidString: body["datasetID"] as? String ?? ""), state.datasets[id] != nil else {
            throw Failure(answer: Self.error(500, "database_error", nil, nil, "sql: no rows in result set"))
        }
        let polly = (body["polly"] as? [String: Any]).map { polly in
            ["externalID": polly["externalID"] as? String ?? "", "name": polly["name"] as? String ?? "", "url": polly["url"] as? String ?? ""]
        }
        // A past expiry is accepted here (it is checked on grant only).
        state.requests.append(Request(datasetID: id, subject: body["subject"] as? String ?? "", subjectType: body["subjectType"] as? String ?? "",
                                      owner: body["owner"] as? String ?? user.email, created: now(), expires: try (body["expires"] as? String).map(Self.parseTime),
                                      polly: polly, platform: body["platform"] as? String ?? "bigquery"))
    }

    private func process(_ idText: String, _ query: [String: String], _ user: User) throws {
        // A non-owner gets 403 with no code, even for an unknown id.
        guard let id = UUID(uuidString: idText), let index = state.requests.firstIndex(where: { $0.id == id }),
              let dataset = state.datasets[state.requests[index].datasetID], isOwner(user, of: dataset) else {
            throw Failure(answer: Self.error(403, "unauthorized_request", nil, nil, "not allowed"))
        }
        var request = state.requests[index]
        switch query["action"] {
        case "approve":
            // No status check and no renew: approving twice leaves two active grants.
            addAccess(Access(datasetID: dataset.id, subject: "\(request.subjectType):\(request.subject)", owner: request.owner, granter: user.email,
                             expires: request.expires, created: now(), requestID: request.id), on: dataset)
            request.status = "approved"
        case "deny":
            request.status = "denied"
            request.reason = query["reason"] ?? ""
        default:
            throw Failure(answer: Self.error(400, "invalid_request_error", nil, "action", "unknown action"))
        }
        request.closed = now()
        request.granter = user.email
        state.requests[index] = request
    }

    private func deleteRequest(_ idText: String, _ user: User) throws {
        guard let id = UUID(uuidString: idText), let request = state.requests.first(where: { $0.id == id }) else {
            throw Failure(answer: Self.error(404, "item_not_exist", nil, nil, "access request not found"))
        }
        guard request.owner == user.email || user.groups.contains(request.owner) else {
            throw Failure(answer: Self.error(403, "unauthorized_request", nil, nil, "not the request's owner"))
        }
        state.requests.removeAll { $0.id == id }
    }

    // MARK: JSON and text

    private func object(_ body: Data) throws -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw Failure(answer: Self.error(400, "invalid_request_error", nil, nil, "invalid JSON body"))
        }
        return object
    }

    static let noContent = FaultServer.Answer.respond(status: 204)

    static func json(_ value: Any) -> FaultServer.Answer {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .withoutEscapingSlashes])) ?? Data("null".utf8)
        return .respond(status: 200, headers: [("Content-Type", "application/json")], body: data)
    }

    /// `{"error":{…}}` with every member omitempty.
    static func error(_ status: Int, _ kind: String, _ code: String?, _ param: String?, _ message: String) -> FaultServer.Answer {
        var detail: [String: Any] = ["kind": kind, "statusCode": status, "message": message, "requestId": UUID().uuidString.lowercased()]
        if let code { detail["code"] = code }
        if let param { detail["param"] = param }
        let data = (try? JSONSerialization.data(withJSONObject: ["error": detail])) ?? Data()
        return .respond(status: status, headers: [("Content-Type", "application/json")], body: data)
    }

    /// An empty list is `null`, as Go writes a nil slice.
    static func list(_ items: [Any]) -> Any { items.isEmpty ? NSNull() : items }

    static func text(_ id: UUID) -> String { id.uuidString.lowercased() }

    static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func parseTime(_ text: String) throws -> Date {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        throw Failure(answer: error(400, "invalid_request_error", nil, "expires", "invalid time \(text)"))
    }

    static func datasetKey(_ table: String) -> String { table.split(separator: ".").prefix(2).joined(separator: ".") }

    /// Go's `html.EscapeString`.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&#34;")
    }

    /// JSONB's normal form: keys sorted, `", "` and `": "` between; invalid JSON is a 500.
    static func normalisedTags(_ text: String?) throws -> String {
        guard let text, !text.isEmpty else { return "{}" }
        guard let map = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: String] else {
            throw Failure(answer: error(500, "other_error", nil, nil, "invalid character in piiTags"))
        }
        if map.isEmpty { return "{}" }
        func quoted(_ s: String) -> String {
            String(decoding: (try? JSONSerialization.data(withJSONObject: s, options: .fragmentsAllowed)) ?? Data(), as: UTF8.self)
        }
        return "{" + map.sorted { ($0.key.count, $0.key) < ($1.key.count, $1.key) }.map { "\(quoted($0.key)): \(quoted($0.value))" }.joined(separator: ", ") + "}"
    }
}
