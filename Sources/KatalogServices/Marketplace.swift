import Foundation
import KatalogCore

/// The marketplace (Datamarkedsplassen): dataprodukter and their datasett. Implemented by the
/// local workspace and by the marketplace REST backend.
public protocol Marketplace: Sendable {
    /// The signed-in user: name, e-mail, groups and the GCP projects their teams own — asked
    /// for once per session.
    func currentUser() async throws -> UserContext
    /// Asks the backend again who the user is (their groups may have changed).
    func refreshCurrentUser() async throws -> UserContext

    /// The dataprodukter of the user's groups, each datasett whole (the API's `userData`, then
    /// one call per datasett): what the Explorer, lineage and access review work on.
    func myDataprodukter() async throws -> [Dataprodukt]
    /// One dataprodukt, each datasett whole.
    func dataprodukt(_ id: UUID) async throws -> Dataprodukt
    func createDataprodukt(_ new: NewDataprodukt) async throws -> Dataprodukt
    func updateDataprodukt(_ id: UUID, _ update: DataproduktUpdate) async throws -> Dataprodukt
    /// Deletes it with its datasett and revokes all their grants.
    func deleteDataprodukt(_ id: UUID) async throws

    func datasett(_ id: UUID) async throws -> Datasett
    func createDatasett(_ new: NewDatasett) async throws -> Datasett
    func updateDatasett(_ id: UUID, _ update: DatasettUpdate) async throws -> Datasett
    func deleteDatasett(_ id: UUID) async throws

    /// One page of a free-text search over names, descriptions and keywords; empty text lists
    /// all. `searchAll` follows the pages.
    func search(_ query: SearchQuery) async throws -> [DataproduktSummary]
    /// Keywords in use, most used first.
    func keywords() async throws -> [KeywordCount]
}

/// What a backend implements: the same reads, and changes that carry their audit record (see
/// `AccessBackend`).
public protocol MarketplaceBackend: Sendable {
    func currentUser() async throws -> UserContext
    func myDataprodukter() async throws -> [Dataprodukt]
    func dataprodukt(_ id: UUID) async throws -> Dataprodukt
    func datasett(_ id: UUID) async throws -> Datasett
    func search(_ query: SearchQuery) async throws -> [DataproduktSummary]
    func keywords() async throws -> [KeywordCount]

    func createDataprodukt(_ new: NewDataprodukt, audit: AuditNote) async throws -> Dataprodukt
    func updateDataprodukt(_ id: UUID, _ update: DataproduktUpdate, audit: AuditNote) async throws -> Dataprodukt
    func deleteDataprodukt(_ id: UUID, audit: AuditNote) async throws
    func createDatasett(_ new: NewDatasett, audit: AuditNote) async throws -> Datasett
    func updateDatasett(_ id: UUID, _ update: DatasettUpdate, audit: AuditNote) async throws -> Datasett
    func deleteDatasett(_ id: UUID, audit: AuditNote) async throws
}

/// A search as the API takes it: a page of `limit` results from `offset` (the API says nothing
/// of the total, so a short page is the last).
public struct SearchQuery: Hashable, Sendable {
    /// The web app's page size.
    public static let pageSize = 24

    public var text: String
    public var keywords: [String]
    public var groups: [String]
    public var limit: Int
    public var offset: Int

    public init(text: String = "", keywords: [String] = [], groups: [String] = [], limit: Int = SearchQuery.pageSize, offset: Int = 0) {
        self.text = text
        self.keywords = keywords
        self.groups = groups
        self.limit = max(1, limit)
        self.offset = max(0, offset)
    }

    /// The page after this one.
    public var next: SearchQuery {
        var next = self
        next.offset += limit
        return next
    }
}

public struct KeywordCount: Hashable, Sendable, Codable {
    public let keyword: String
    public let count: Int

    public init(keyword: String, count: Int) {
        self.keyword = keyword
        self.count = count
    }
}

extension Marketplace {
    /// Every result of a search, page after page until a short one. A server that never gives a
    /// short page is stopped after `maximumPages`, with what it gave.
    public func searchAll(_ query: SearchQuery, maximumPages: Int = 1_000) async throws -> [DataproduktSummary] {
        var results: [DataproduktSummary] = []
        var seen = Set<UUID>()
        var page = query
        for _ in 0..<maximumPages {
            let found = try await search(page)
            let new = found.filter { seen.insert($0.id).inserted }
            results += new
            // A short page is the last; a page of nothing new means the server ignores the offset.
            if found.count < page.limit || new.isEmpty { break }
            page = page.next
        }
        return results
    }

    /// A dataprodukt by id or slug, as the user typed it: the user's own first, then the whole
    /// marketplace page by page (the API finds nothing by slug).
    public func dataprodukt(idOrSlug text: String) async throws -> Dataprodukt {
        if let id = UUID(uuidString: text) { return try await dataprodukt(id) }
        if let match = try await myDataprodukter().first(where: { $0.slug == text }) { return match }
        if let match = try await searchAll(SearchQuery()).first(where: { $0.slug == text }) { return try await dataprodukt(match.id) }
        throw ServiceError.notFound(LocalizedText(
            nb: "Fant ingen dataprodukt med id eller slug «\(TerminalText.line(text))». `katalog products` viser alle.",
            en: "No dataprodukt has the id or slug “\(TerminalText.line(text))”. `katalog products` lists them all."))
    }

    /// The datasett the user's groups registered on a BigQuery table or view, with their
    /// dataprodukt.
    public func registrations(of table: TableRef) async throws -> [(dataprodukt: Dataprodukt, datasett: Datasett)] {
        try await myDataprodukter().flatMap { product in
            product.datasett.filter { $0.source.table == table }.map { (product, $0) }
        }
    }
}
