import Foundation
import KatalogCore

/// The marketplace as front ends see it: every change is checked against `MarketplaceRules`
/// before it is sent (all problems at once, in the user's language) and goes to the backend
/// with its audit record.
struct CheckedMarketplace: Marketplace {
    let base: any MarketplaceBackend
    let warehouse: any Warehouse
    let sessionUser: SessionUser

    init(base: any MarketplaceBackend, warehouse: any Warehouse) {
        self.base = base
        self.warehouse = warehouse
        sessionUser = SessionUser { try await base.currentUser() }
    }

    func currentUser() async throws -> UserContext { try await sessionUser.get() }
    func refreshCurrentUser() async throws -> UserContext { try await sessionUser.refresh() }
    func myDataprodukter() async throws -> [Dataprodukt] { try await base.myDataprodukter() }
    func dataprodukt(_ id: UUID) async throws -> Dataprodukt { try await base.dataprodukt(id) }
    func datasett(_ id: UUID) async throws -> Datasett { try await base.datasett(id) }
    func search(_ query: SearchQuery) async throws -> [DataproduktSummary] { try await base.search(query) }
    func keywords() async throws -> [KeywordCount] { try await base.keywords() }

    func createDataprodukt(_ new: NewDataprodukt) async throws -> Dataprodukt {
        let user = try await currentUser()
        try ServiceError.check(MarketplaceRules.check(new, by: user))
        return try await base.createDataprodukt(new, audit: note(user, "dataprodukt.create", nil, "«\(new.name)» eid av \(new.group)"))
    }

    func updateDataprodukt(_ id: UUID, _ update: DataproduktUpdate) async throws -> Dataprodukt {
        let user = try await currentUser()
        let existing = try await base.dataprodukt(id)
        try ServiceError.check(MarketplaceRules.check(update, of: existing, by: user))
        return try await base.updateDataprodukt(id, update, audit: note(user, "dataprodukt.update", id, "«\(update.name)»"))
    }

    func deleteDataprodukt(_ id: UUID) async throws {
        let user = try await currentUser()
        let existing = try await base.dataprodukt(id)
        try ServiceError.check(MarketplaceRules.checkDelete(existing, by: user))
        try await base.deleteDataprodukt(id, audit: note(user, "dataprodukt.delete", id, "«\(existing.name)» med \(existing.datasett.count) datasett"))
    }

    func createDatasett(_ new: NewDatasett) async throws -> Datasett {
        let user = try await currentUser()
        let product = try await base.dataprodukt(new.dataproduktID)
        let table = try await warehouse.tableIfExists(new.table)
        try ServiceError.check(MarketplaceRules.check(new, in: product, table: table, by: user))
        return try await base.createDatasett(new, audit: note(user, "datasett.create", nil, "«\(new.name)» → \(new.table)"))
    }

    func updateDatasett(_ id: UUID, _ update: DatasettUpdate) async throws -> Datasett {
        let user = try await currentUser()
        let existing = try await base.datasett(id)
        let current = try await base.dataprodukt(existing.dataproduktID)
        let target = update.dataproduktID == current.id ? current : try await base.dataprodukt(update.dataproduktID)
        let table = try await warehouse.tableIfExists(existing.source.table)
        try ServiceError.check(MarketplaceRules.check(update, of: existing, from: current, to: target, table: table, by: user))
        return try await base.updateDatasett(id, update, audit: note(user, "datasett.update", id, "«\(update.name)»"))
    }

    func deleteDatasett(_ id: UUID) async throws {
        let user = try await currentUser()
        let existing = try await base.datasett(id)
        let product = try await base.dataprodukt(existing.dataproduktID)
        try ServiceError.check(MarketplaceRules.checkDelete(existing, in: product, by: user))
        try await base.deleteDatasett(id, audit: note(user, "datasett.delete", id, "«\(existing.name)» (\(existing.source.table))"))
    }

    private func note(_ user: UserContext, _ action: String, _ target: UUID?, _ detail: String) -> AuditNote {
        AuditNote(actor: user.email, action: action, target: target?.text, detail: detail)
    }
}

extension Warehouse {
    /// The table, or nil when the warehouse says it does not exist; other failures propagate.
    func tableIfExists(_ ref: TableRef) async throws -> TableInfo? {
        do {
            return try await table(ref)
        } catch ServiceError.notFound {
            return nil
        }
    }
}
