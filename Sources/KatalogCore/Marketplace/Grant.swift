import Foundation

/// Where a grant applies.
public enum AccessPlatform: String, Sendable, Codable, CaseIterable {
    case bigquery
    case metabase
}

/// An access grant on a datasett (`Access` on the marketplace).
public struct Grant: Hashable, Sendable, Codable, Identifiable {
    public enum Status: String, Sendable, Codable {
        case active
        case expired
        case revoked
    }

    public let id: UUID
    public let datasettID: UUID
    public let subject: Subject
    /// Who the grant is for organisationally: the team owning a service account, else the subject.
    public let owner: String
    public let granter: String
    /// nil means forever.
    public let expires: Date?
    public let created: Date
    public let revoked: Date?
    public let accessRequestID: UUID?
    public let platform: AccessPlatform

    public init(id: UUID, datasettID: UUID, subject: Subject, owner: String, granter: String, expires: Date?, created: Date,
                revoked: Date? = nil, accessRequestID: UUID? = nil, platform: AccessPlatform = .bigquery) {
        self.id = id
        self.datasettID = datasettID
        self.subject = subject
        self.owner = owner
        self.granter = granter
        self.expires = expires
        self.created = created
        self.revoked = revoked
        self.accessRequestID = accessRequestID
        self.platform = platform
    }

    public func status(at now: Date) -> Status {
        if revoked != nil { return .revoked }
        if let expires, expires <= now { return .expired }
        return .active
    }
}

/// A grant to create (`GrantAccessData`). `expires` nil = forever.
public struct GrantRequest: Hashable, Sendable, Codable {
    public var datasettID: UUID
    public var subject: Subject
    public var owner: String
    public var expires: Date?

    public init(datasettID: UUID, subject: Subject, owner: String? = nil, expires: Date?) {
        self.datasettID = datasettID
        self.subject = subject
        self.owner = owner ?? subject.email
        self.expires = expires
    }
}
