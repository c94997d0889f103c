import Foundation

/// The processing activity (behandling) in Polly that documents the legal basis for access.
public struct PollyDocumentation: Hashable, Sendable, Codable {
    public let id: String?
    public let externalID: String
    /// E.g. `B123 - Behandlingsnavn`.
    public let name: String
    public let url: String

    public init(id: String? = nil, externalID: String, name: String, url: String) {
        self.id = id
        self.externalID = externalID
        self.name = name
        self.url = url
    }
}

/// A request for access to a datasett (tilgangssøknad).
public struct AccessRequest: Hashable, Sendable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending
        case approved
        case denied
    }

    public let id: UUID
    public let datasettID: UUID
    public let subject: Subject
    public let owner: String
    public let created: Date
    public let status: Status
    public let closed: Date?
    /// Requested expiry; nil = forever.
    public let expires: Date?
    public let granter: String?
    public let polly: PollyDocumentation?
    /// Why it was denied.
    public let reason: String?
    public let platform: AccessPlatform

    public init(id: UUID, datasettID: UUID, subject: Subject, owner: String, created: Date, status: Status, closed: Date? = nil,
                expires: Date?, granter: String? = nil, polly: PollyDocumentation?, reason: String? = nil, platform: AccessPlatform = .bigquery) {
        self.id = id
        self.datasettID = datasettID
        self.subject = subject
        self.owner = owner
        self.created = created
        self.status = status
        self.closed = closed
        self.expires = expires
        self.granter = granter
        self.polly = polly
        self.reason = reason
        self.platform = platform
    }
}

/// A request to create (`NewAccessRequestDTO`).
public struct NewAccessRequest: Hashable, Sendable, Codable {
    public var datasettID: UUID
    public var subject: Subject
    public var owner: String
    public var expires: Date?
    public var polly: PollyDocumentation?
    public var platform: AccessPlatform

    public init(datasettID: UUID, subject: Subject, owner: String? = nil, expires: Date?, polly: PollyDocumentation?, platform: AccessPlatform = .bigquery) {
        self.datasettID = datasettID
        self.subject = subject
        self.owner = owner ?? subject.email
        self.expires = expires
        self.polly = polly
        self.platform = platform
    }
}
