import Foundation

/// A dataprodukt as the marketplace lists it (search results): its datasett by name only — the
/// BigQuery table behind each, its PII level and grants take one more call per datasett.
public struct DataproduktSummary: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    public let name: String
    public let description: String?
    public let slug: String
    public let owner: Owner
    public let created: Date
    public let lastModified: Date
    public let teamName: String?
    /// The union of its datasett's keywords.
    public let keywords: [String]
    public let datasett: [DatasettSummary]

    public init(id: UUID, name: String, description: String?, slug: String, owner: Owner, created: Date, lastModified: Date,
                teamName: String?, keywords: [String], datasett: [DatasettSummary]) {
        self.id = id
        self.name = name
        self.description = description
        self.slug = slug
        self.owner = owner
        self.created = created
        self.lastModified = lastModified
        self.teamName = teamName
        self.keywords = keywords
        self.datasett = datasett
    }

    /// The listing of a dataprodukt known whole.
    public init(_ product: Dataprodukt) {
        self.init(id: product.id, name: product.name, description: product.description, slug: product.slug, owner: product.owner,
                  created: product.created, lastModified: product.lastModified, teamName: product.teamName, keywords: product.keywords,
                  datasett: product.datasett.map(DatasettSummary.init))
    }
}

/// A datasett as a listing names it.
public struct DatasettSummary: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    public let name: String
    public let slug: String
    public let description: String?
    public let keywords: [String]

    public init(id: UUID, name: String, slug: String, description: String?, keywords: [String]) {
        self.id = id
        self.name = name
        self.slug = slug
        self.description = description
        self.keywords = keywords
    }

    public init(_ datasett: Datasett) {
        self.init(id: datasett.id, name: datasett.name, slug: datasett.slug, description: datasett.description, keywords: datasett.keywords)
    }
}
