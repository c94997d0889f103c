import Foundation

/// What a team wants on the marketplace: one dataprodukt with its datasett, as a manifest or
/// the publish wizard says it. Compared with what is there, it becomes a `PublishPlan`.
public struct DataproduktSpec: Hashable, Sendable, Codable {
    public var name: String
    public var description: String?
    /// The owner group; it cannot change once the dataprodukt exists.
    public var group: String
    public var teamkatalogenURL: String?
    public var teamID: String?
    /// A Slack channel without `#`, or an e-mail.
    public var teamContact: String?
    /// Matches the dataprodukt that exists; without it, the name within the group does.
    public var slug: String?
    public var datasett: [DatasettSpec]

    public init(name: String, description: String? = nil, group: String, teamkatalogenURL: String? = nil, teamID: String? = nil,
                teamContact: String? = nil, slug: String? = nil, datasett: [DatasettSpec] = []) {
        self.name = name
        self.description = description
        self.group = group
        self.teamkatalogenURL = teamkatalogenURL
        self.teamID = teamID
        self.teamContact = teamContact
        self.slug = slug
        self.datasett = datasett
    }

    public var newDataprodukt: NewDataprodukt {
        NewDataprodukt(name: name, description: description, group: group, teamkatalogenURL: teamkatalogenURL, teamContact: teamContact,
                       teamID: teamID, slug: slug)
    }

    /// The full replacement a PUT sends, keeping what the spec does not say (the slug).
    public func update(of existing: Dataprodukt) -> DataproduktUpdate {
        DataproduktUpdate(name: name, description: description, slug: slug ?? existing.slug, teamkatalogenURL: teamkatalogenURL,
                          teamContact: teamContact, productAreaID: existing.owner.productAreaID, teamID: teamID)
    }
}

/// One datasett of a spec: the BigQuery table it registers is what identifies it.
public struct DatasettSpec: Hashable, Sendable, Codable {
    public var table: TableRef
    public var name: String
    public var description: String?
    public var repo: String?
    public var keywords: [String]
    /// "For use inside the team" (`targetUser: OwnerTeam`).
    public var teamInternal: Bool
    public var pii: PIILevel
    public var anonymisationDescription: String?
    public var piiTags: [String: PIITag]
    public var pseudoColumns: [String]
    /// Open to all of NAV (`group:all-users@nav.no`), else users must apply.
    public var allOfNAV: Bool

    public init(table: TableRef, name: String, description: String? = nil, repo: String? = nil, keywords: [String] = [], teamInternal: Bool = false,
                pii: PIILevel = .none, anonymisationDescription: String? = nil, piiTags: [String: PIITag] = [:], pseudoColumns: [String] = [],
                allOfNAV: Bool = false) {
        self.table = table
        self.name = name
        self.description = description
        self.repo = repo
        self.keywords = keywords
        self.teamInternal = teamInternal
        self.pii = pii
        self.anonymisationDescription = anonymisationDescription
        self.piiTags = piiTags
        self.pseudoColumns = pseudoColumns
        self.allOfNAV = allOfNAV
    }

    public var targetUser: String { teamInternal ? "OwnerTeam" : "" }

    public func newDatasett(in dataprodukt: UUID) -> NewDatasett {
        NewDatasett(dataproduktID: dataprodukt, name: name, description: description, repo: repo, pii: pii, keywords: keywords, table: table,
                    piiTags: piiTags, anonymisationDescription: anonymisationDescription, grantAllUsers: allOfNAV, targetUser: targetUser,
                    pseudoColumns: pseudoColumns)
    }

    /// Every field as the spec says, in `dataprodukt`; the slug stays.
    public func update(of existing: Datasett, in dataprodukt: UUID) -> DatasettUpdate {
        var update = DatasettUpdate(of: existing)
        update.dataproduktID = dataprodukt
        update.name = name
        update.description = description
        update.repo = repo
        update.pii = pii
        update.keywords = keywords
        update.anonymisationDescription = anonymisationDescription
        update.piiTags = piiTags
        update.targetUser = targetUser
        update.pseudoColumns = pseudoColumns
        return update
    }
}
