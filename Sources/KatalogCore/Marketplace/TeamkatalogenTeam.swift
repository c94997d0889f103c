/// A team in Teamkatalogen, NAV's register of teams: a dataprodukt names the team behind it.
public struct TeamkatalogenTeam: Hashable, Sendable, Codable {
    public let teamID: String
    public let url: String
    public let name: String
    public let description: String?
    public let productAreaID: String?

    public init(teamID: String, url: String, name: String, description: String? = nil, productAreaID: String? = nil) {
        self.teamID = teamID
        self.url = url
        self.name = name
        self.description = description
        self.productAreaID = productAreaID
    }
}

/// A table or view as the marketplace's table picker lists it.
public struct RegistrableTable: Hashable, Sendable, Codable {
    public let name: String
    public let description: String?
    /// nil: a kind katalog does not know (shown, never registrable).
    public let kind: TableKind?

    public init(name: String, description: String?, kind: TableKind?) {
        self.name = name
        self.description = description
        self.kind = kind
    }
}
