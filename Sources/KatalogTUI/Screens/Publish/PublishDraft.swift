import Foundation
import KatalogCore
import KatalogServices

/// Everything the publish wizard holds, as plain values: what a draft saves and restores, and
/// what becomes the `DataproduktSpec` submitted. The form on screen is made from it and read
/// back into it.
struct PublishDraft: Codable, Equatable, Sendable {
    var page = 0
    /// An existing dataprodukt of the user's groups to add to or edit; nil: a new one.
    var existing: UUID?
    var existingSlug: String?
    var name = ""
    var description = ""
    var group: String?
    var teamID: String?
    var teamURL: String?
    var teamName: String?
    var contact = ""
    var table: String?
    var datasettName = ""
    var datasettDescription = ""
    var repo = ""
    var keywords = ""
    var teamInternal = false
    var pii: PIILevel = .none
    var anonymisation = ""
    var columns: [String: PIITag] = [:]
    var pseudonymised: [String] = []
    var allOfNAV = false
    /// Editing a registered datasett: its columns are as they were classified.
    var editingDatasett = false
    /// The PII level it was registered with, which cannot change (as on the web).
    var registeredPII: PIILevel?
    /// What the marketplace said of the Slack channel in `contact`: nil not asked or cannot tell.
    var slackChannelExists: Bool?

    static let kind = "dataprodukt"

    var title: String {
        let product = name.isEmpty ? "…" : name
        return datasettName.isEmpty ? product : "\(product) › \(datasettName)"
    }

    var tableRef: TableRef? { table.flatMap { try? TableRef(parsing: $0) } }

    /// The keywords as a list, in the order written.
    var keywordList: [String] {
        keywords.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Adds a keyword that is not there, or takes away one that is.
    mutating func toggleKeyword(_ keyword: String) {
        var list = keywordList
        if let index = list.firstIndex(of: keyword) { list.remove(at: index) } else { list.append(keyword) }
        keywords = list.joined(separator: ", ")
    }

    func draft(id: UUID, now: Date) -> Draft {
        Draft(id: id, kind: Self.kind, title: title, payload: (try? JSONEncoder().encode(self)) ?? Data(), updated: now)
    }

    static func restore(_ draft: Draft) -> PublishDraft? {
        try? JSONDecoder().decode(PublishDraft.self, from: draft.payload)
    }

    /// The spec to plan and apply: one dataprodukt with this datasett.
    var spec: DataproduktSpec? {
        guard let table = tableRef, let group else { return nil }
        func some(_ text: String) -> String? {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        let datasett = DatasettSpec(table: table, name: datasettName.trimmingCharacters(in: .whitespaces), description: some(datasettDescription),
                                    repo: some(repo), keywords: keywordList, teamInternal: teamInternal, pii: pii,
                                    anonymisationDescription: pii == .anonymised ? some(anonymisation) : nil,
                                    piiTags: pii == .sensitive ? columns : [:], pseudoColumns: pii == .sensitive ? pseudonymised : [], allOfNAV: allOfNAV)
        return DataproduktSpec(name: name.trimmingCharacters(in: .whitespaces), description: some(description), group: group, teamkatalogenURL: teamURL,
                               teamID: teamID, teamContact: some(contact), slug: existingSlug, datasett: [datasett])
    }

    /// Filled from an existing dataprodukt of the user's groups.
    mutating func take(_ product: Dataprodukt) {
        existing = product.id
        existingSlug = product.slug
        name = product.name
        description = product.description ?? ""
        group = product.owner.group
        teamID = product.owner.teamID
        teamURL = product.owner.teamkatalogenURL
        teamName = product.teamName
        contact = product.owner.teamContact ?? ""
    }

    /// Filled from a datasett that is registered already: editing it.
    mutating func take(_ datasett: Datasett) {
        table = datasett.source.table.description
        datasettName = datasett.name
        datasettDescription = datasett.description ?? ""
        repo = datasett.repo ?? ""
        keywords = datasett.keywords.joined(separator: ", ")
        teamInternal = datasett.targetUser == "OwnerTeam"
        pii = datasett.pii
        anonymisation = datasett.anonymisationDescription ?? ""
        columns = datasett.source.piiTags
        pseudonymised = datasett.source.pseudoColumns
        editingDatasett = true
        registeredPII = datasett.pii
    }

    /// Filled from a table: its name and description, and its columns at the default class.
    mutating func take(_ table: TableInfo) {
        self.table = table.ref.description
        if datasettName.isEmpty { datasettName = table.friendlyName ?? table.ref.table.rawValue }
        if datasettDescription.isEmpty { datasettDescription = table.description ?? "" }
        // A new datasett lists every column at the default class, as the web form does.
        guard !editingDatasett else { return }
        let paths = SchemaField.flatten(table.schema).filter { !$0.field.isRecord }.map(\.path)
        if !paths.isEmpty { columns = Dictionary(uniqueKeysWithValues: paths.map { ($0, columns[$0] ?? .kanVaereIndirekteIdentifiserende) }) }
        pseudonymised = pseudonymised.filter(paths.contains)
    }
}
