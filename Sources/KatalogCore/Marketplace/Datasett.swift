import Foundation

/// A datasett on the marketplace: one BigQuery table, view or materialized view registered
/// under a dataprodukt (not a BigQuery dataset!).
public struct Datasett: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    public let dataproduktID: UUID
    public let name: String
    public let description: String?
    public let slug: String
    public let repo: String?
    public let pii: PIILevel
    public let keywords: [String]
    public let anonymisationDescription: String?
    /// `OwnerTeam` for team-internal use, else empty.
    public let targetUser: String
    public let source: BigQuerySource
    public let created: Date
    public let lastModified: Date

    public init(id: UUID, dataproduktID: UUID, name: String, description: String?, slug: String, repo: String?, pii: PIILevel,
                keywords: [String], anonymisationDescription: String?, targetUser: String, source: BigQuerySource,
                created: Date, lastModified: Date) {
        self.id = id
        self.dataproduktID = dataproduktID
        self.name = name
        self.description = description
        self.slug = slug
        self.repo = repo
        self.pii = pii
        self.keywords = keywords
        self.anonymisationDescription = anonymisationDescription
        self.targetUser = targetUser
        self.source = source
        self.created = created
        self.lastModified = lastModified
    }
}

/// The BigQuery object behind a datasett, with its per-column PII classification.
public struct BigQuerySource: Hashable, Sendable, Codable {
    public let table: TableRef
    public let tableKind: TableKind
    public let piiTags: [String: PIITag]
    /// Non-empty: a pseudonymised view is registered instead of the table itself.
    public let pseudoColumns: [String]

    public init(table: TableRef, tableKind: TableKind, piiTags: [String: PIITag] = [:], pseudoColumns: [String] = []) {
        self.table = table
        self.tableKind = tableKind
        self.piiTags = piiTags
        self.pseudoColumns = pseudoColumns
    }
}

/// What a user fills in to register a datasett (`NewDataset`).
public struct NewDatasett: Hashable, Sendable, Codable {
    public var dataproduktID: UUID
    public var name: String
    public var description: String?
    public var slug: String?
    public var repo: String?
    public var pii: PIILevel
    public var keywords: [String]
    public var table: TableRef
    public var piiTags: [String: PIITag]
    public var anonymisationDescription: String?
    public var grantAllUsers: Bool
    public var targetUser: String
    public var pseudoColumns: [String]

    public init(dataproduktID: UUID, name: String, description: String? = nil, slug: String? = nil, repo: String? = nil,
                pii: PIILevel, keywords: [String] = [], table: TableRef, piiTags: [String: PIITag] = [:],
                anonymisationDescription: String? = nil, grantAllUsers: Bool = false, targetUser: String = "", pseudoColumns: [String] = []) {
        self.dataproduktID = dataproduktID
        self.name = name
        self.description = description
        self.slug = slug
        self.repo = repo
        self.pii = pii
        self.keywords = keywords
        self.table = table
        self.piiTags = piiTags
        self.anonymisationDescription = anonymisationDescription
        self.grantAllUsers = grantAllUsers
        self.targetUser = targetUser
        self.pseudoColumns = pseudoColumns
    }
}

/// A full replacement of a datasett's editable fields (`UpdateDatasetDto`). Moving it to
/// another dataprodukt is allowed within the same owner group only.
public struct DatasettUpdate: Hashable, Sendable, Codable {
    public var dataproduktID: UUID
    public var name: String
    public var description: String?
    public var slug: String?
    public var repo: String?
    public var pii: PIILevel
    public var keywords: [String]
    public var anonymisationDescription: String?
    public var piiTags: [String: PIITag]
    public var targetUser: String
    public var pseudoColumns: [String]

    public init(of datasett: Datasett) {
        dataproduktID = datasett.dataproduktID
        name = datasett.name
        description = datasett.description
        slug = datasett.slug
        repo = datasett.repo
        pii = datasett.pii
        keywords = datasett.keywords
        anonymisationDescription = datasett.anonymisationDescription
        piiTags = datasett.source.piiTags
        targetUser = datasett.targetUser
        pseudoColumns = datasett.source.pseudoColumns
    }
}
