import Foundation

/// The owner of a dataprodukt: a Google group, and the team behind it.
public struct Owner: Hashable, Sendable, Codable {
    public let group: String
    public let teamkatalogenURL: String?
    public let teamContact: String?
    public let teamID: String?
    public let productAreaID: String?

    public init(group: String, teamkatalogenURL: String? = nil, teamContact: String? = nil, teamID: String? = nil, productAreaID: String? = nil) {
        self.group = group
        self.teamkatalogenURL = teamkatalogenURL
        self.teamContact = teamContact
        self.teamID = teamID
        self.productAreaID = productAreaID
    }
}

/// A dataprodukt on the marketplace: a named collection of datasett with one owner group.
public struct Dataprodukt: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    public let name: String
    public let description: String?
    public let slug: String
    public let owner: Owner
    public let created: Date
    public let lastModified: Date
    public let teamName: String?
    /// Its datasett (empty in minimal listings).
    public let datasett: [Datasett]

    public init(id: UUID, name: String, description: String?, slug: String, owner: Owner, created: Date, lastModified: Date,
                teamName: String? = nil, datasett: [Datasett] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.slug = slug
        self.owner = owner
        self.created = created
        self.lastModified = lastModified
        self.teamName = teamName
        self.datasett = datasett
    }

    /// The union of its datasett's keywords, as the marketplace reports it.
    public var keywords: [String] {
        var seen = Set<String>()
        return datasett.flatMap(\.keywords).filter { seen.insert($0).inserted }
    }
}

/// What a user fills in to create a dataprodukt (`NewDataproduct`).
public struct NewDataprodukt: Hashable, Sendable, Codable {
    public var name: String
    public var description: String?
    public var group: String
    public var teamkatalogenURL: String?
    public var teamContact: String?
    public var productAreaID: String?
    public var teamID: String?
    public var slug: String?

    public init(name: String, description: String? = nil, group: String, teamkatalogenURL: String? = nil, teamContact: String? = nil,
                productAreaID: String? = nil, teamID: String? = nil, slug: String? = nil) {
        self.name = name
        self.description = description
        self.group = group
        self.teamkatalogenURL = teamkatalogenURL
        self.teamContact = teamContact
        self.productAreaID = productAreaID
        self.teamID = teamID
        self.slug = slug
    }
}

/// A full replacement of a dataprodukt's editable fields (`UpdateDataproductDto`); the owner
/// group cannot change.
public struct DataproduktUpdate: Hashable, Sendable, Codable {
    public var name: String
    public var description: String?
    public var slug: String?
    public var teamkatalogenURL: String?
    public var teamContact: String?
    public var productAreaID: String?
    public var teamID: String?

    public init(name: String, description: String? = nil, slug: String? = nil, teamkatalogenURL: String? = nil,
                teamContact: String? = nil, productAreaID: String? = nil, teamID: String? = nil) {
        self.name = name
        self.description = description
        self.slug = slug
        self.teamkatalogenURL = teamkatalogenURL
        self.teamContact = teamContact
        self.productAreaID = productAreaID
        self.teamID = teamID
    }
}

/// Makes a URL-friendly slug from a name, the way the marketplace does: lower case, æøå
/// spelt out, anything else non-alphanumeric collapsed into single dashes.
public enum Slug {
    public static func make(_ name: String) -> String {
        var out = ""
        for character in name.lowercased() {
            switch character {
            case "æ": out += "ae"
            case "ø": out += "o"
            case "å": out += "a"
            case _ where character.isASCII && (character.isLetter || character.isNumber): out.append(character)
            default: if !out.isEmpty && !out.hasSuffix("-") { out += "-" }
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
