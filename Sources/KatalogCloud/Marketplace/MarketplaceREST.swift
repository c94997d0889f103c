import Foundation
import KatalogCore
import KatalogServices

/// Datamarkedsplassen over its REST API: dataprodukter, datasett, grants and requests as the
/// server keeps them. Reads ask what the API answers cheaply (`userData` for the user's own,
/// one call per datasett only for those); changes go through `AuditJournal`, and a change
/// whose connection drops without an answer is never sent again — the state is read back
/// and the user told what happened (`MarketplaceREST+Changes.swift`).
public struct MarketplaceREST: MarketplaceBackend, AccessBackend, Sendable {
    let client: RESTClient
    let journal: AuditJournal

    public init(client: RESTClient, journal: AuditJournal) {
        self.client = client
        self.journal = journal
    }

    /// Its three faces, for the service layer.
    public var remote: RemoteMarketplace {
        RemoteMarketplace(marketplace: self, access: self, directory: MarketplaceRESTDirectory(client: client))
    }

    // MARK: The user and their dataprodukter

    func userInfo() async throws -> UserInfoDTO {
        try await client.get("userData", what: "who you are (userData)")
    }

    public func currentUser() async throws -> UserContext {
        try await userInfo().domain
    }

    public func myDataprodukter() async throws -> [Dataprodukt] {
        let products = try await userInfo().dataproducts
        return try await whole(products).sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }

    public func dataprodukt(_ id: UUID) async throws -> Dataprodukt {
        try await whole([productDTO(id)])[0]
    }

    func productDTO(_ id: UUID) async throws -> DataproductDTO {
        do {
            return try await client.get("dataproducts/\(id.text)", what: "the dataprodukt \(id.text)")
        } catch let error as CloudError where error.kind == .notFound {
            throw Self.noDataprodukt(id)
        }
    }

    /// Dataprodukter with every datasett read whole, the datasett of all of them at once.
    private func whole(_ products: [DataproductDTO]) async throws -> [Dataprodukt] {
        let ids = products.flatMap { $0.datasets.map(\.id) }
        let read = try await withThrowingTaskGroup(of: (UUID, Datasett).self) { group in
            for id in ids { group.addTask { (id, try await datasett(id)) } }
            return try await group.reduce(into: [UUID: Datasett]()) { $0[$1.0] = $1.1 }
        }
        return products.map { product in product.domain(datasett: product.datasets.compactMap { read[$0.id] }) }
    }

    // MARK: Datasett and search

    public func datasett(_ id: UUID) async throws -> Datasett {
        try await datasetDTO(id).domain()
    }

    /// GET of an unknown datasett answers 200 `null`.
    func datasetDTO(_ id: UUID) async throws -> DatasetWithAccessDTO {
        let found: DatasetWithAccessDTO?
        do {
            found = try await client.get("datasets/\(id.text)", what: "the datasett \(id.text)")
        } catch let error as CloudError where error.kind == .notFound {
            found = nil
        }
        guard let found else { throw Self.noDatasett(id) }
        return found
    }

    public func search(_ query: SearchQuery) async throws -> [DataproduktSummary] {
        var parameters = ["text": query.text, "types": "dataproduct", "limit": String(query.limit), "offset": String(query.offset)]
        if !query.keywords.isEmpty { parameters["keywords"] = query.keywords.joined(separator: ",") }
        if !query.groups.isEmpty { parameters["groups"] = query.groups.joined(separator: ",") }
        let answer: SearchResultsDTO = try await client.get("search", query: parameters, what: "the search")
        return answer.results.map(\.result.summary)
    }

    public func keywords() async throws -> [KeywordCount] {
        let answer: KeywordsDTO = try await client.get("keywords", what: "the keywords")
        return answer.keywordItems.map { KeywordCount(keyword: $0.keyword, count: $0.count) }
    }

    // MARK: Grants and requests

    public func datasettWithGrants(_ id: UUID) async throws -> DatasettWithGrants {
        let dto = try await datasetDTO(id)
        return DatasettWithGrants(datasett: try dto.domain(), grants: try dto.grants())
    }

    /// There is no call for one grant: it is looked for on the datasett of the user's groups.
    public func grant(_ id: UUID) async throws -> Grant {
        let datasett = try await userInfo().dataproducts.flatMap { $0.datasets.map(\.id) }
        let found = try await withThrowingTaskGroup(of: Grant?.self) { group in
            for datasettID in datasett { group.addTask { try await grants(datasett: datasettID).first { $0.id == id } } }
            return try await group.reduce(into: [Grant]()) { if let grant = $1 { $0.append(grant) } }.first
        }
        guard let found else {
            throw ServiceError.notFound(LocalizedText(
                nb: "Fant ingen tilgang med id \(id.text) på datasettene til gruppene dine. `katalog access list` viser dem.",
                en: "No grant has the id \(id.text) on your groups' datasett. `katalog access list` lists them."))
        }
        return found
    }

    public func pendingRequests(datasett: UUID) async throws -> [AccessRequest] {
        let answer: AccessRequestsDTO = try await client.get("accessRequests", query: ["datasetId": datasett.text],
                                                            what: "the access requests of the datasett \(datasett.text)")
        return try answer.accessRequests.map { try $0.domain() }.filter { $0.status == .pending }
    }

    public func requestsToHandle() async throws -> [AccessRequest] {
        try await userInfo().accessRequestsAsGranter.map { try $0.domain() }.filter { $0.status == .pending }
    }

    public func myRequests() async throws -> [AccessRequest] {
        try await userInfo().accessRequests.map { try $0.domain() }
    }

    /// There is no call for one request: it is one the user must handle, or one of their own.
    public func accessRequest(_ id: UUID) async throws -> AccessRequest {
        let info = try await userInfo()
        guard let found = (info.accessRequestsAsGranter + info.accessRequests).first(where: { $0.id == id }) else {
            throw ServiceError.notFound(LocalizedText(
                nb: "Fant ingen tilgangssøknad med id \(id.text) blant dem du skal behandle eller har sendt.",
                en: "No access request with the id \(id.text) is among those you must handle or have sent."))
        }
        return try found.domain()
    }

    // MARK: Messages

    static func noDataprodukt(_ id: UUID) -> ServiceError {
        .notFound(LocalizedText(nb: "Fant ingen dataprodukt med id \(id.text) på markedsplassen.", en: "No dataprodukt has the id \(id.text) on the marketplace."))
    }

    static func noDatasett(_ id: UUID) -> ServiceError {
        .notFound(LocalizedText(nb: "Fant ingen datasett med id \(id.text) på markedsplassen. `katalog products show SLUG` viser datasettene.",
                                en: "No datasett has the id \(id.text) on the marketplace. `katalog products show SLUG` lists the datasett."))
    }
}
