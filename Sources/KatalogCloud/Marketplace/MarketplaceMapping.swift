import Foundation
import KatalogCore

/// The marketplace's DTOs as katalog's domain types: descriptions un-escaped, `""` read as
/// none, subjects with their type, unknown values refused with what the server sent.
extension DataproductDTO {
    var summary: DataproduktSummary {
        DataproduktSummary(id: id, name: name, description: description.map(HTMLEscaping.unescape), slug: slug, owner: owner.domain,
                           created: created, lastModified: lastModified, teamName: teamName.flatMap { $0.isEmpty ? nil : $0 },
                           keywords: keywords, datasett: datasets.map(\.summary))
    }

    func domain(datasett: [Datasett]) -> Dataprodukt {
        Dataprodukt(id: id, name: name, description: description.map(HTMLEscaping.unescape), slug: slug, owner: owner.domain,
                    created: created, lastModified: lastModified, teamName: teamName.flatMap { $0.isEmpty ? nil : $0 }, datasett: datasett)
    }
}

extension OwnerDTO {
    var domain: Owner {
        func some(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        return Owner(group: group.lowercased(), teamkatalogenURL: some(teamkatalogenURL), teamContact: some(teamContact), teamID: some(teamID),
                     productAreaID: some(productAreaID))
    }
}

extension DatasetSummaryDTO {
    var summary: DatasettSummary {
        DatasettSummary(id: id, name: name, slug: slug, description: description.flatMap { $0.isEmpty ? nil : HTMLEscaping.unescapeDatasett($0) },
                        keywords: keywords)
    }
}

extension DatasetWithAccessDTO {
    func domain() throws -> Datasett {
        guard let level = PIILevel(rawValue: pii) else { throw MarketplaceMapping.unknown("pii", pii) }
        guard let kind = TableKind(rawValue: datasource.tableType) else { throw MarketplaceMapping.unknown("tableType", datasource.tableType) }
        let table = try TableRef(project: ProjectID(datasource.projectID), dataset: DatasetID(datasource.dataset), table: TableID(datasource.table))
        // An unknown class is kept as the default rather than losing the column.
        let tags = datasource.piiTags.mapValues { PIITag(rawValue: $0) ?? .kanVaereIndirekteIdentifiserende }
        func some(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        return Datasett(id: id, dataproduktID: dataproductID, name: name, description: some(description).map(HTMLEscaping.unescapeDatasett),
                        slug: slug, repo: some(repo), pii: level, keywords: keywords, anonymisationDescription: some(anonymisationDescription),
                        targetUser: targetUser ?? "", source: BigQuerySource(table: table, tableKind: kind, piiTags: tags, pseudoColumns: datasource.pseudoColumns),
                        created: created, lastModified: lastModified)
    }

    /// Every grant the server shows, active (expired ones not yet revoked included) and revoked.
    func grants() throws -> [Grant] {
        try access.flatMap { $0.active + $0.revoked }.map { try $0.domain() }
    }
}

extension AccessDTO {
    func domain() throws -> Grant {
        Grant(id: id, datasettID: datasetID, subject: try Subject(iamMember: subject), owner: owner, granter: granter, expires: expires,
              created: created, revoked: revoked, accessRequestID: accessRequestID, platform: AccessPlatform(rawValue: platform) ?? .bigquery)
    }
}

extension AccessRequestDTO {
    func domain() throws -> AccessRequest {
        guard let type = SubjectType(rawValue: subjectType) else { throw MarketplaceMapping.unknown("subjectType", subjectType) }
        guard let status = AccessRequest.Status(rawValue: status) else { throw MarketplaceMapping.unknown("status", self.status) }
        // The subject comes without its type prefix; tolerate one.
        let bare = subject.hasPrefix(type.rawValue + ":") ? String(subject.dropFirst(type.rawValue.count + 1)) : subject
        return AccessRequest(id: id, datasettID: datasetID, subject: try Subject(type, bare), owner: owner, created: created, status: status,
                             closed: closed, expires: expires, granter: granter,
                             polly: polly.map { PollyDocumentation(id: $0.id?.uuidString.lowercased(), externalID: $0.externalID, name: $0.name, url: $0.url) },
                             reason: reason, platform: AccessPlatform(rawValue: platform) ?? .bigquery)
    }
}

extension UserInfoDTO {
    var domain: UserContext {
        UserContext(name: name, email: email.lowercased(), groups: googleGroups.map(\.email),
                    teamProjects: gcpProjects.compactMap { project in
                        guard let group = project.group?.email, let id = try? ProjectID(project.id) else { return nil }
                        return UserContext.TeamProject(project: id, group: group)
                    })
    }
}

enum MarketplaceMapping {
    static func unknown(_ field: String, _ value: String) -> CloudError {
        CloudError(kind: .malformed, message: LocalizedText(
            nb: "Markedsplassen svarte med en ukjent verdi for \(field): «\(TerminalText.line(String(value.prefix(80))))». katalog er kanskje for gammel; se `katalog doctor`.",
            en: "The marketplace answered an unknown value for \(field): “\(TerminalText.line(String(value.prefix(80))))”. katalog may be too old; see `katalog doctor`."))
    }
}
