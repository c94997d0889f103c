import Foundation
import GRDB
import KatalogCore
import KatalogServices

/// The local marketplace: dataprodukter and datasett in the workspace, behaving like
/// Datamarkedsplassen (slugs, keywords, authorized views, all-users grants at registration).
struct LocalMarketplace: MarketplaceBackend {
    let store: LocalStore
    let now: @Sendable () -> Date

    init(pool: any DatabaseWriter, now: @escaping @Sendable () -> Date) {
        store = LocalStore(pool: pool)
        self.now = now
    }

    func currentUser() async throws -> UserContext {
        try await store.read { db in try Self.user(db) }
    }

    static func user(_ db: Database) throws -> UserContext {
        guard let json = try SettingRow.fetchOne(db, key: "user")?.value else { throw WorkspaceError.corrupt("no user") }
        return try JSONDecoder().decode(UserContext.self, from: Data(json.utf8))
    }

    func myDataprodukter() async throws -> [Dataprodukt] {
        let user = try await currentUser()
        return try await all().filter { user.isMember(of: $0.owner.group) }
    }

    /// Every dataprodukt of the workspace, by name.
    private func all() async throws -> [Dataprodukt] {
        try await store.read { db in
            let datasett = try DatasettRow.order(Column("name")).fetchAll(db).map { try $0.domain() }
            let byProduct = Dictionary(grouping: datasett, by: \.dataproduktID)
            return try DataproduktRow.order(Column("name")).fetchAll(db).map { $0.domain(datasett: byProduct[$0.id] ?? []) }
        }
    }

    func dataprodukt(_ id: UUID) async throws -> Dataprodukt {
        try await store.read { db in try Self.dataprodukt(db, id) }
    }

    static func dataprodukt(_ db: Database, _ id: UUID) throws -> Dataprodukt {
        guard let row = try DataproduktRow.fetchOne(db, key: id) else { throw noDataprodukt(id) }
        let datasett = try DatasettRow.filter(Column("dataproduktID") == id).order(Column("name")).fetchAll(db).map { try $0.domain() }
        return row.domain(datasett: datasett)
    }

    func createDataprodukt(_ new: NewDataprodukt, audit: AuditNote) async throws -> Dataprodukt {
        let now = now()
        return try await store.write(audit: audit, at: now, created: { $0.id.text }) { db in
            let row = DataproduktRow(
                id: UUID(), name: new.name.trimmingCharacters(in: .whitespacesAndNewlines), description: new.description,
                slug: try Self.uniqueSlug(db, new.slug ?? Slug.make(new.name), table: "dataprodukt"),
                ownerGroup: new.group.lowercased(), teamkatalogenURL: new.teamkatalogenURL, teamContact: new.teamContact,
                teamID: new.teamID, productAreaID: new.productAreaID, teamName: Self.teamName(new.group), created: now, lastModified: now)
            try row.insert(db)
            return row.domain(datasett: [])
        }
    }

    func updateDataprodukt(_ id: UUID, _ update: DataproduktUpdate, audit: AuditNote) async throws -> Dataprodukt {
        let now = now()
        return try await store.write(audit: audit, at: now) { db in
            guard var row = try DataproduktRow.fetchOne(db, key: id) else { throw Self.noDataprodukt(id) }
            row.name = update.name.trimmingCharacters(in: .whitespacesAndNewlines)
            row.description = update.description
            if let slug = update.slug, slug != row.slug { row.slug = try Self.uniqueSlug(db, slug, table: "dataprodukt") }
            row.teamkatalogenURL = update.teamkatalogenURL
            row.teamContact = update.teamContact
            row.productAreaID = update.productAreaID
            row.teamID = update.teamID
            row.lastModified = now
            try row.update(db)
            return try Self.dataprodukt(db, id)
        }
    }

    func deleteDataprodukt(_ id: UUID, audit: AuditNote) async throws {
        let now = now()
        try await store.write(audit: audit, at: now) { db in
            let product = try Self.dataprodukt(db, id)
            for datasett in product.datasett { try Self.revokeAll(db, datasett, at: now) }
            try DataproduktRow.deleteOne(db, key: id)
        }
    }

    func datasett(_ id: UUID) async throws -> Datasett {
        try await store.read { db in try Self.datasett(db, id) }
    }

    static func datasett(_ db: Database, _ id: UUID) throws -> Datasett {
        guard let row = try DatasettRow.fetchOne(db, key: id) else { throw noDatasett(id) }
        return try row.domain()
    }

    func createDatasett(_ new: NewDatasett, audit: AuditNote) async throws -> Datasett {
        let now = now()
        return try await store.write(audit: audit, at: now, created: { $0.id.text }) { db in
            let product = try Self.dataprodukt(db, new.dataproduktID)
            let key = ["project": new.table.project.rawValue, "dataset": new.table.dataset.rawValue, "tableId": new.table.table.rawValue]
            guard let table = try TableRow.fetchOne(db, key: key), let kind = TableKind(rawValue: table.kind) else {
                throw ServiceError.invalid([Problem(field: "table", code: "gcp_bigquery", message: LocalizedText(
                    nb: "Tabellen \(new.table) finnes ikke i BigQuery.", en: "The table \(new.table) does not exist in BigQuery."))])
            }
            let row = DatasettRow(
                id: UUID(), dataproduktID: product.id, name: new.name.trimmingCharacters(in: .whitespacesAndNewlines), description: new.description,
                slug: new.slug ?? Slug.make(new.name), repo: new.repo, pii: new.pii.rawValue, keywords: new.keywords,
                anonymisationDescription: new.anonymisationDescription, targetUser: new.targetUser, tableRef: new.table.description,
                tableKind: kind.rawValue, piiTags: new.piiTags, pseudoColumns: new.pseudoColumns, created: now, lastModified: now)
            try row.insert(db)
            if kind.isView { try IAMState.authorizeView(db, new.table) }
            if new.grantAllUsers {
                let user = try Self.user(db)
                try GrantRow(id: UUID(), datasettID: row.id, subject: Subject.allUsers.iamMember, owner: Subject.allUsers.email,
                             granter: user.email, expires: nil, created: now, revoked: nil, accessRequestID: nil,
                             platform: AccessPlatform.bigquery.rawValue).insert(db)
                try IAMState.applyGrant(db, Subject.allUsers, on: new.table)
            }
            try DataproduktRow.filter(key: product.id).updateAll(db, Column("lastModified").set(to: now))
            return try row.domain()
        }
    }

    func updateDatasett(_ id: UUID, _ update: DatasettUpdate, audit: AuditNote) async throws -> Datasett {
        let now = now()
        return try await store.write(audit: audit, at: now) { db in
            guard var row = try DatasettRow.fetchOne(db, key: id) else { throw Self.noDatasett(id) }
            _ = try Self.dataprodukt(db, update.dataproduktID)
            row.dataproduktID = update.dataproduktID
            row.name = update.name.trimmingCharacters(in: .whitespacesAndNewlines)
            row.description = update.description
            row.slug = update.slug ?? row.slug
            row.repo = update.repo
            row.pii = update.pii.rawValue
            row.keywords = update.keywords
            row.anonymisationDescription = update.anonymisationDescription
            row.piiTags = update.piiTags
            row.targetUser = update.targetUser
            row.pseudoColumns = update.pseudoColumns
            row.lastModified = now
            try row.update(db)
            return try row.domain()
        }
    }

    func deleteDatasett(_ id: UUID, audit: AuditNote) async throws {
        let now = now()
        try await store.write(audit: audit, at: now) { db in
            let datasett = try Self.datasett(db, id)
            try Self.revokeAll(db, datasett, at: now)
            try DatasettRow.deleteOne(db, key: id)
        }
    }

    func search(_ query: SearchQuery) async throws -> [DataproduktSummary] {
        let text = query.text.lowercased().trimmingCharacters(in: .whitespaces)
        let keywords = Set(query.keywords.map { $0.lowercased() })
        let groups = Set(query.groups.map { $0.lowercased() })
        let matches = try await all().filter { product in
            let haystack = ([product.name, product.description ?? "", product.slug] + product.keywords
                + product.datasett.flatMap { [$0.name, $0.description ?? ""] }).joined(separator: "\n").lowercased()
            return (text.isEmpty || haystack.contains(text))
                && (keywords.isEmpty || !keywords.isDisjoint(with: product.keywords.map { $0.lowercased() }))
                && (groups.isEmpty || groups.contains(product.owner.group.lowercased()))
        }
        return matches.dropFirst(query.offset).prefix(query.limit).map(DataproduktSummary.init)
    }

    func keywords() async throws -> [KeywordCount] {
        let all = try await store.read { db in try DatasettRow.fetchAll(db).flatMap(\.keywords) }
        return Dictionary(grouping: all, by: { $0 }).map { KeywordCount(keyword: $0.key, count: $0.value.count) }
            .sorted { ($0.count, $1.keyword) > ($1.count, $0.keyword) }
    }

    // MARK: Helpers

    static func noDataprodukt(_ id: UUID) -> ServiceError {
        .notFound(LocalizedText(nb: "Fant ingen dataprodukt med id \(id.text).", en: "No dataprodukt has the id \(id.text)."))
    }

    static func noDatasett(_ id: UUID) -> ServiceError {
        .notFound(LocalizedText(nb: "Fant ingen datasett med id \(id.text). `katalog products` viser datasettene.", en: "No datasett has the id \(id.text). `katalog products` lists the datasett."))
    }

    /// Revokes every active grant of a datasett, with the IAM changes, before it disappears.
    private static func revokeAll(_ db: Database, _ datasett: Datasett, at now: Date) throws {
        let active = try GrantRow.filter(Column("datasettID") == datasett.id && Column("revoked") == nil).fetchAll(db)
        for var grant in active {
            grant.revoked = now
            try grant.update(db)
            try IAMState.removeGrant(db, try Subject(iamMember: grant.subject), on: datasett.source.table)
        }
    }

    private static func uniqueSlug(_ db: Database, _ base: String, table: String) throws -> String {
        var candidate = base.isEmpty ? "dataprodukt" : base
        var n = 2
        while try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE slug = ?)", arguments: [candidate]) == true {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return candidate
    }

    /// `team-dagpenger@nav.no` → `team-dagpenger`: the team's name as Teamkatalogen would show it.
    private static func teamName(_ group: String) -> String {
        String(group.prefix { $0 != "@" })
    }
}
