import Foundation
import GRDB
import KatalogServices
import KatalogCore

struct DataproduktRow: WorkspaceRecord {
    static let databaseTableName = "dataprodukt"
    var id: UUID
    var name: String
    var description: String?
    var slug: String
    var ownerGroup: String
    var teamkatalogenURL: String?
    var teamContact: String?
    var teamID: String?
    var productAreaID: String?
    var teamName: String?
    var created: Date
    var lastModified: Date

    func domain(datasett: [Datasett]) -> Dataprodukt {
        Dataprodukt(id: id, name: name, description: description, slug: slug,
                    owner: Owner(group: ownerGroup, teamkatalogenURL: teamkatalogenURL, teamContact: teamContact, teamID: teamID, productAreaID: productAreaID),
                    created: created, lastModified: lastModified, teamName: teamName, datasett: datasett)
    }
}

struct DatasettRow: WorkspaceRecord {
    static let databaseTableName = "datasett"
    var id: UUID
    var dataproduktID: UUID
    var name: String
    var description: String?
    var slug: String
    var repo: String?
    var pii: String
    var keywords: [String]
    var anonymisationDescription: String?
    var targetUser: String
    var tableRef: String
    var tableKind: String
    var piiTags: [String: PIITag]
    var pseudoColumns: [String]
    var created: Date
    var lastModified: Date

    func domain() throws -> Datasett {
        guard let pii = PIILevel(rawValue: pii), let kind = TableKind(rawValue: tableKind) else {
            throw WorkspaceError.corrupt("datasett \(id)")
        }
        return Datasett(id: id, dataproduktID: dataproduktID, name: name, description: description, slug: slug, repo: repo, pii: pii,
                        keywords: keywords, anonymisationDescription: anonymisationDescription, targetUser: targetUser,
                        source: BigQuerySource(table: try TableRef(parsing: tableRef), tableKind: kind, piiTags: piiTags, pseudoColumns: pseudoColumns),
                        created: created, lastModified: lastModified)
    }
}

struct GrantRow: WorkspaceRecord {
    static let databaseTableName = "accessGrant"
    var id: UUID
    var datasettID: UUID
    var subject: String
    var owner: String
    var granter: String
    var expires: Date?
    var created: Date
    var revoked: Date?
    var accessRequestID: UUID?
    var platform: String

    func domain() throws -> Grant {
        Grant(id: id, datasettID: datasettID, subject: try Subject(iamMember: subject), owner: owner, granter: granter, expires: expires,
              created: created, revoked: revoked, accessRequestID: accessRequestID, platform: AccessPlatform(rawValue: platform) ?? .bigquery)
    }
}

struct AccessRequestRow: WorkspaceRecord {
    static let databaseTableName = "accessRequest"
    var id: UUID
    var datasettID: UUID
    var subject: String
    var owner: String
    var created: Date
    var status: String
    var closed: Date?
    var expires: Date?
    var granter: String?
    var polly: PollyDocumentation?
    var reason: String?
    var platform: String

    func domain() throws -> AccessRequest {
        guard let status = AccessRequest.Status(rawValue: status) else { throw WorkspaceError.corrupt("accessRequest \(id)") }
        return AccessRequest(id: id, datasettID: datasettID, subject: try Subject(iamMember: subject), owner: owner, created: created,
                             status: status, closed: closed, expires: expires, granter: granter, polly: polly, reason: reason,
                             platform: AccessPlatform(rawValue: platform) ?? .bigquery)
    }
}

struct TablePolicyRow: WorkspaceRecord {
    static let databaseTableName = "tableIamPolicy"
    var tableRef: String
    var etag: String
    var bindings: [IAMPolicy.Binding]
}

struct DatasetAccessRow: WorkspaceRecord {
    static let databaseTableName = "datasetAccess"
    var datasetRef: String
    var etag: String
    var entries: [DatasetAccessEntry]
}

struct DraftRow: WorkspaceRecord {
    static let databaseTableName = "draft"
    var id: UUID
    var kind: String
    var title: String
    var payload: Data
    var updated: Date
}

struct AuditRow: WorkspaceRecord {
    static let databaseTableName = "auditEvent"
    var id: Int64?
    var time: Date
    var actor: String
    var action: String
    var target: String
    var detail: String
    var status: String
    /// For an outcome: the intent it settles.
    var intent: Int64?
    var backend: String

    init(_ event: AuditEvent, intent: Int64? = nil) {
        (time, actor, action, target, detail, status) = (event.time, event.actor, event.action, event.target, event.detail, event.status.rawValue)
        self.intent = intent
        backend = event.backend
    }

    var event: AuditEvent {
        AuditEvent(time: time, actor: actor, action: action, target: target, detail: detail, status: AuditEvent.Status(rawValue: status) ?? .done,
                   backend: backend)
    }
}

/// Workspace-wide settings: which project it holds and who the user is.
struct SettingRow: WorkspaceRecord {
    static let databaseTableName = "setting"
    var key: String
    var value: String
}
