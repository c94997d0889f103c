import Foundation

/// The marketplace's JSON, field for field as its Go structs spell it (contracts/
/// MARKETPLACE-API.md) — `ID`, `DatasetID`, `URL`, `Type` capitalised where the server writes
/// them so. Lenient on the way in, as the server really answers: unknown keys ignored, `null`
/// lists read as empty, a zero-valued `accessRequest` or `polly` read as none, `piiTags` a JSON
/// string read as a map. Strict on the way out: every field of a full-replace PUT is sent.
enum MarketplaceJSON {
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            // Go writes RFC 3339 with or without fractions of a second.
            if let date = try? Date(text, strategy: .iso8601) { return date }
            if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 time: \(text)"))
        }
        return decoder
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Go's zero time: a zero-valued struct's `created`.
    static let zeroTime = try! Date("0001-01-01T00:00:00Z", strategy: .iso8601)
    static let zeroID = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!
}

extension KeyedDecodingContainer {
    /// A list the server may send as `null`.
    func list<T: Decodable>(_ key: Key) throws -> [T] {
        try decodeIfPresent([T].self, forKey: key) ?? []
    }
}

struct OwnerDTO: Codable, Equatable {
    let group: String
    let teamkatalogenURL: String?
    let teamContact: String?
    let teamID: String?
    let productAreaID: String?
}

/// DataproductWithDataset (GET) and DataproductMinimal (create/update answers, no lists).
struct DataproductDTO: Decodable, Equatable {
    let id: UUID
    let name: String
    let created: Date
    let lastModified: Date
    let description: String?
    let slug: String
    let owner: OwnerDTO
    let keywords: [String]
    let teamName: String?
    let datasets: [DatasetSummaryDTO]

    enum Keys: String, CodingKey { case id, name, created, lastModified, description, slug, owner, keywords, teamName, datasets }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decode(UUID.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        created = try c.decode(Date.self, forKey: .created)
        lastModified = try c.decode(Date.self, forKey: .lastModified)
        // The server answers "" where nothing was given.
        description = try c.decodeIfPresent(String.self, forKey: .description).flatMap { $0.isEmpty ? nil : $0 }
        slug = try c.decode(String.self, forKey: .slug)
        owner = try c.decode(OwnerDTO.self, forKey: .owner)
        keywords = try c.list(.keywords)
        teamName = try c.decodeIfPresent(String.self, forKey: .teamName)
        datasets = try c.list(.datasets)
    }
}

struct DatasetSummaryDTO: Decodable, Equatable {
    let id: UUID
    let name: String
    let slug: String
    let description: String?
    let keywords: [String]

    enum Keys: String, CodingKey { case id, name, slug, description, keywords }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decode(UUID.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        slug = try c.decode(String.self, forKey: .slug)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        keywords = try c.list(.keywords)
    }
}

/// DatasetWithAccess (GET /api/datasets/{id}).
struct DatasetWithAccessDTO: Decodable, Equatable {
    let id: UUID
    let dataproductID: UUID
    let name: String
    let created: Date
    let lastModified: Date
    let description: String?
    let slug: String
    let repo: String?
    let pii: String
    let keywords: [String]
    let anonymisationDescription: String?
    let targetUser: String?
    let access: [SubjectAccessDTO]
    let datasource: DatasourceDTO

    enum Keys: String, CodingKey {
        case id, dataproductID, name, created, lastModified, description, slug, repo, pii, keywords, anonymisationDescription, targetUser, access, datasource
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decode(UUID.self, forKey: .id)
        dataproductID = try c.decode(UUID.self, forKey: .dataproductID)
        name = try c.decode(String.self, forKey: .name)
        created = try c.decodeIfPresent(Date.self, forKey: .created) ?? MarketplaceJSON.zeroTime
        lastModified = try c.decodeIfPresent(Date.self, forKey: .lastModified) ?? created
        description = try c.decodeIfPresent(String.self, forKey: .description)
        slug = try c.decode(String.self, forKey: .slug)
        repo = try c.decodeIfPresent(String.self, forKey: .repo)
        pii = try c.decode(String.self, forKey: .pii)
        keywords = try c.list(.keywords)
        anonymisationDescription = try c.decodeIfPresent(String.self, forKey: .anonymisationDescription)
        targetUser = try c.decodeIfPresent(String.self, forKey: .targetUser)
        access = try c.list(.access)
        datasource = try c.decode(DatasourceDTO.self, forKey: .datasource)
    }
}

struct SubjectAccessDTO: Decodable, Equatable {
    let subject: String
    let active: [AccessDTO]
    let revoked: [AccessDTO]

    enum Keys: String, CodingKey { case subject, active, revoked }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        subject = try c.decode(String.self, forKey: .subject)
        active = try c.list(.active)
        revoked = try c.list(.revoked)
    }
}

/// The BigQuery side of a datasett: `ID` and `DatasetID` capitalised, as the server writes them.
struct DatasourceDTO: Decodable, Equatable {
    let id: UUID
    let datasetID: UUID
    let projectID: String
    let dataset: String
    let table: String
    let tableType: String
    /// Parsed from the JSON string the server keeps them in (`"{}"` when none).
    let piiTags: [String: String]
    let pseudoColumns: [String]

    enum Keys: String, CodingKey {
        case id = "ID", datasetID = "DatasetID", projectID, dataset, table, tableType, piiTags, pseudoColumns
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decode(UUID.self, forKey: .id)
        datasetID = try c.decode(UUID.self, forKey: .datasetID)
        projectID = try c.decode(String.self, forKey: .projectID)
        dataset = try c.decode(String.self, forKey: .dataset)
        table = try c.decode(String.self, forKey: .table)
        tableType = try c.decode(String.self, forKey: .tableType)
        let text = try c.decodeIfPresent(String.self, forKey: .piiTags) ?? "{}"
        piiTags = (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
        pseudoColumns = try c.list(.pseudoColumns)
    }
}

struct AccessDTO: Decodable, Equatable {
    let id: UUID
    let subject: String
    let owner: String
    let granter: String
    let expires: Date?
    let created: Date
    let revoked: Date?
    let datasetID: UUID
    /// nil for a direct grant (the server sends a zero-valued request).
    let accessRequestID: UUID?
    let platform: String

    enum Keys: String, CodingKey { case id, subject, owner, granter, expires, created, revoked, datasetID, accessRequest, platform }
    struct RequestRef: Decodable { let id: UUID? }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decode(UUID.self, forKey: .id)
        subject = try c.decode(String.self, forKey: .subject)
        owner = try c.decode(String.self, forKey: .owner)
        granter = try c.decode(String.self, forKey: .granter)
        expires = try c.decodeIfPresent(Date.self, forKey: .expires)
        created = try c.decode(Date.self, forKey: .created)
        revoked = try c.decodeIfPresent(Date.self, forKey: .revoked)
        datasetID = try c.decode(UUID.self, forKey: .datasetID)
        let request = try c.decodeIfPresent(RequestRef.self, forKey: .accessRequest)?.id
        accessRequestID = request == MarketplaceJSON.zeroID ? nil : request
        platform = try c.decodeIfPresent(String.self, forKey: .platform) ?? "bigquery"
    }
}

struct PollyDTO: Codable, Equatable {
    let id: UUID?
    let externalID: String
    let name: String
    let url: String
}

struct AccessRequestDTO: Decodable, Equatable {
    let id: UUID
    let datasetID: UUID
    let subject: String
    let subjectType: String
    let created: Date
    let status: String
    let closed: Date?
    let expires: Date?
    let granter: String?
    let owner: String
    /// nil when none (the server sends a zero-valued one).
    let polly: PollyDTO?
    let reason: String?
    let platform: String

    enum Keys: String, CodingKey { case id, datasetID, subject, subjectType, created, status, closed, expires, granter, owner, polly, reason, platform }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decode(UUID.self, forKey: .id)
        datasetID = try c.decode(UUID.self, forKey: .datasetID)
        subject = try c.decode(String.self, forKey: .subject)
        subjectType = try c.decode(String.self, forKey: .subjectType)
        created = try c.decode(Date.self, forKey: .created)
        status = try c.decode(String.self, forKey: .status)
        closed = try c.decodeIfPresent(Date.self, forKey: .closed)
        expires = try c.decodeIfPresent(Date.self, forKey: .expires)
        granter = try c.decodeIfPresent(String.self, forKey: .granter).flatMap { $0.isEmpty ? nil : $0 }
        owner = try c.decode(String.self, forKey: .owner)
        let polly = try? c.decodeIfPresent(PollyDTO.self, forKey: .polly)
        self.polly = (polly ?? nil).flatMap { $0.externalID.isEmpty && $0.name.isEmpty ? nil : $0 }
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        platform = try c.decodeIfPresent(String.self, forKey: .platform) ?? "bigquery"
    }
}

// MARK: What katalog sends

/// UpdateDatasetDto: a full replace — every field present, `null` where empty, `piiTags` always
/// a JSON string (`"{}"` when none: without it the server drops the connection), the current
/// `slug` (without it the server makes a new one).
struct UpdateDatasetBody: Encodable, Equatable {
    let name: String
    let description: String?
    let slug: String
    let repo: String?
    let pii: String
    let keywords: [String]
    let dataproductID: UUID
    let anonymisationDescription: String?
    let piiTags: [String: String]
    let targetUser: String
    let pseudoColumns: [String]

    enum Keys: String, CodingKey { case name, description, slug, repo, pii, keywords, dataproductID, anonymisationDescription, piiTags, targetUser, pseudoColumns }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)  // `encode` of an optional writes null
        try c.encode(slug, forKey: .slug)
        try c.encode(repo, forKey: .repo)
        try c.encode(pii, forKey: .pii)
        try c.encode(keywords, forKey: .keywords)
        try c.encode(dataproductID.uuidString.lowercased(), forKey: .dataproductID)
        try c.encode(anonymisationDescription, forKey: .anonymisationDescription)
        try c.encode(PIITagsText.encode(piiTags), forKey: .piiTags)
        try c.encode(targetUser, forKey: .targetUser)
        try c.encode(pseudoColumns, forKey: .pseudoColumns)
    }
}

/// GrantAccessData: the bare, trimmed, lower-cased e-mail and its type apart.
struct GrantAccessBody: Encodable, Equatable {
    let datasetID: UUID
    let expires: Date?
    let subject: String
    let owner: String
    let subjectType: String

    enum Keys: String, CodingKey { case datasetID, expires, subject, owner, subjectType }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(datasetID.uuidString.lowercased(), forKey: .datasetID)
        try c.encode(expires, forKey: .expires)
        try c.encode(subject.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), forKey: .subject)
        try c.encode(owner.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), forKey: .owner)
        try c.encode(subjectType, forKey: .subjectType)
    }
}

/// `piiTags` travels as a JSON string holding the map.
enum PIITagsText {
    static func encode(_ tags: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(tags)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

// MARK: Lists and lookups

/// `GET /api/userData`: who the user is, their groups and projects, the dataprodukter their
/// groups own, their own requests and the ones they must handle. Every list may be `null`.
struct UserInfoDTO: Decodable {
    struct Group: Decodable { let name: String?; let email: String }
    struct Project: Decodable { let id: String; let name: String?; let group: Group? }

    let name: String
    let email: String
    let googleGroups: [Group]
    let gcpProjects: [Project]
    let dataproducts: [DataproductDTO]
    let accessRequests: [AccessRequestDTO]
    let accessRequestsAsGranter: [AccessRequestDTO]

    enum Keys: String, CodingKey { case name, email, googleGroups, gcpProjects, dataproducts, accessRequests, accessRequestsAsGranter }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        email = try c.decode(String.self, forKey: .email)
        googleGroups = try c.list(.googleGroups)
        gcpProjects = try c.list(.gcpProjects)
        dataproducts = try c.list(.dataproducts)
        accessRequests = try c.list(.accessRequests)
        accessRequestsAsGranter = try c.list(.accessRequestsAsGranter)
    }
}

/// `GET /api/search`: `{results: [{excerpt, result, rank}]}`.
struct SearchResultsDTO: Decodable {
    struct Row: Decodable { let result: DataproductDTO }
    let results: [Row]

    enum Keys: String, CodingKey { case results }
    init(from decoder: Decoder) throws {
        results = try decoder.container(keyedBy: Keys.self).list(.results)
    }
}

struct KeywordsDTO: Decodable {
    struct Item: Decodable { let keyword: String; let count: Int }
    let keywordItems: [Item]

    enum Keys: String, CodingKey { case keywordItems }
    init(from decoder: Decoder) throws {
        keywordItems = try decoder.container(keyedBy: Keys.self).list(.keywordItems)
    }
}

/// `GET /api/accessRequests?datasetId=`.
struct AccessRequestsDTO: Decodable {
    let accessRequests: [AccessRequestDTO]

    enum Keys: String, CodingKey { case accessRequests }
    init(from decoder: Decoder) throws {
        accessRequests = try decoder.container(keyedBy: Keys.self).list(.accessRequests)
    }
}

struct TeamkatalogenDTO: Decodable {
    let teamID: String
    let url: String
    let name: String
    let description: String?
    let productAreaID: String?
}

struct PollyResultDTO: Decodable {
    let externalID: String
    let name: String
    let url: String
}

struct BigQueryDatasetsDTO: Decodable {
    let bqDatasets: [String]
    enum Keys: String, CodingKey { case bqDatasets }
    init(from decoder: Decoder) throws { bqDatasets = try decoder.container(keyedBy: Keys.self).list(.bqDatasets) }
}

struct BigQueryTablesDTO: Decodable {
    struct Table: Decodable { let name: String; let description: String?; let lastModified: Date?; let type: String }
    let bqTables: [Table]
    enum Keys: String, CodingKey { case bqTables }
    init(from decoder: Decoder) throws { bqTables = try decoder.container(keyedBy: Keys.self).list(.bqTables) }
}

struct BigQueryColumnsDTO: Decodable {
    struct Column: Decodable { let name: String; let type: String; let mode: String?; let description: String? }
    let bqColumns: [Column]
    enum Keys: String, CodingKey { case bqColumns }
    init(from decoder: Decoder) throws { bqColumns = try decoder.container(keyedBy: Keys.self).list(.bqColumns) }
}

struct SlackValidDTO: Decodable { let isValidSlackChannel: Bool }

/// POST /api/datasets/new answers the Dataset; only its id is read (the whole is read back).
struct CreatedDTO: Decodable { let id: UUID }

// MARK: Bodies

/// NewDataproduct: optionals sent as `null`.
struct NewDataproductBody: Encodable, Equatable {
    let name: String
    let description: String?
    let group: String
    let teamkatalogenURL: String?
    let teamContact: String?
    let productAreaID: String?
    let teamID: String?
    let slug: String?

    enum Keys: String, CodingKey { case name, description, group, teamkatalogenURL, teamContact, productAreaID, teamID, slug }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(group.lowercased(), forKey: .group)
        try c.encode(teamkatalogenURL, forKey: .teamkatalogenURL)
        try c.encode(teamContact, forKey: .teamContact)
        try c.encode(productAreaID, forKey: .productAreaID)
        try c.encode(teamID, forKey: .teamID)
        try c.encode(slug, forKey: .slug)
    }
}

/// UpdateDataproductDto: a full replace with the current slug (without it the server makes a
/// new one from the name).
struct UpdateDataproductBody: Encodable, Equatable {
    let name: String
    let description: String?
    let slug: String
    let teamkatalogenURL: String?
    let teamContact: String?
    let productAreaID: String?
    let teamID: String?

    enum Keys: String, CodingKey { case name, description, slug, teamkatalogenURL, teamContact, productAreaID, teamID }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(slug, forKey: .slug)
        try c.encode(teamkatalogenURL, forKey: .teamkatalogenURL)
        try c.encode(teamContact, forKey: .teamContact)
        try c.encode(productAreaID, forKey: .productAreaID)
        try c.encode(teamID, forKey: .teamID)
    }
}

/// NewDataset, with `bigquery.piiTags` a JSON string and `grantAllUsers` null unless true (as
/// the web form sends it).
struct NewDatasetBody: Encodable, Equatable {
    struct Source: Encodable, Equatable { let projectID: String; let dataset: String; let table: String; let piiTags: String }
    let dataproductID: UUID
    let name: String
    let description: String?
    let slug: String?
    let repo: String?
    let pii: String
    let keywords: [String]
    let bigquery: Source
    let anonymisationDescription: String?
    let grantAllUsers: Bool?
    let targetUser: String
    let pseudoColumns: [String]

    enum Keys: String, CodingKey {
        case dataproductID, name, description, slug, repo, pii, keywords, bigquery, anonymisationDescription, grantAllUsers, targetUser, pseudoColumns
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(dataproductID.uuidString.lowercased(), forKey: .dataproductID)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(slug, forKey: .slug)
        try c.encode(repo, forKey: .repo)
        try c.encode(pii, forKey: .pii)
        try c.encode(keywords, forKey: .keywords)
        try c.encode(bigquery, forKey: .bigquery)
        try c.encode(anonymisationDescription, forKey: .anonymisationDescription)
        try c.encode(grantAllUsers, forKey: .grantAllUsers)
        try c.encode(targetUser, forKey: .targetUser)
        try c.encode(pseudoColumns, forKey: .pseudoColumns)
    }
}

/// NewAccessRequestDTO.
struct NewAccessRequestBody: Encodable, Equatable {
    let datasetID: UUID
    let subject: String
    let subjectType: String
    let owner: String
    let expires: Date?
    let polly: PollyDTO?
    let platform: String

    enum Keys: String, CodingKey { case datasetID, subject, subjectType, owner, expires, polly, platform }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(datasetID.uuidString.lowercased(), forKey: .datasetID)
        try c.encode(subject.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), forKey: .subject)
        try c.encode(subjectType, forKey: .subjectType)
        try c.encode(owner.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), forKey: .owner)
        try c.encode(expires, forKey: .expires)
        try c.encode(polly, forKey: .polly)
        try c.encode(platform, forKey: .platform)
    }
}
