import Foundation
import KatalogCore

/// Makes the marketplace what a `DataproduktSpec` says — for the wizard and for manifests alike:
/// reads what is there, plans (`PublishPlan`, pure), applies the plan a step at a time through
/// the checked, audited service layer. A run that stopped half-way is resumed by running again:
/// the next plan starts from what the last one made, so nothing is made twice.
public struct Publisher: Sendable {
    let services: ServiceLayer

    public init(services: ServiceLayer) {
        self.services = services
    }

    /// What exists for this spec: its dataprodukt (by slug, else by name within the group), the
    /// group's other dataprodukter, the all-of-NAV grants, the kind of each table.
    public func state(for spec: DataproduktSpec) async throws -> PublishedState {
        let mine = try await services.marketplace.myDataprodukter().filter { $0.owner.group.lowercased() == spec.group.lowercased() }
        let match = mine.first { product in
            if let slug = spec.slug { return product.slug == slug }
            return product.name.trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(spec.name.trimmingCharacters(in: .whitespaces)) == .orderedSame
        }
        let others = mine.filter { $0.id != match?.id }
        let wanted = Set(spec.datasett.map(\.table))
        var allOfNAV: [UUID: Grant] = [:]
        for datasett in ([match].compactMap { $0 } + others).flatMap(\.datasett) where wanted.contains(datasett.source.table) {
            let open = try await services.access.grants(datasett: datasett.id).first { $0.subject.isAllUsers && $0.status(at: services.now()) == .active }
            if let open { allOfNAV[datasett.id] = open }
        }
        var kinds: [TableRef: TableKind] = [:]
        for table in wanted { kinds[table] = try await services.warehouse.tableIfExists(table)?.kind }
        return PublishedState(dataprodukt: match, others: others, allOfNAV: allOfNAV, tableKinds: kinds)
    }

    public func plan(_ spec: DataproduktSpec) async throws -> PublishPlan {
        PublishPlan.make(spec, against: try await state(for: spec))
    }

    /// How one step went, as it goes.
    public enum Outcome: Sendable {
        case started
        case done
        case failed(LocalizedText)
    }

    /// Applies the steps in order, telling `progress` about each; the first failure stops the
    /// run and is thrown (what was done before it stays done). Returns the dataprodukt as it is
    /// afterwards.
    @discardableResult
    public func apply(_ plan: PublishPlan, of spec: DataproduktSpec,
                      progress: @Sendable (Int, PublishPlan.Line, Outcome) -> Void = { _, _, _ in }) async throws -> Dataprodukt {
        let market = services.marketplace
        var productID = try await state(for: spec).dataprodukt?.id
        for (index, (step, line)) in zip(plan.steps, plan.lines).enumerated() {
            progress(index, line, .started)
            do {
                switch step {
                case let .createDataprodukt(new):
                    productID = try await market.createDataprodukt(new).id
                case let .updateDataprodukt(id, update, _):
                    productID = try await market.updateDataprodukt(id, update).id
                case let .createDatasett(wanted, _):
                    _ = try await market.createDatasett(wanted.newDatasett(in: try required(productID)))
                case let .updateDatasett(id, wanted, _, _):
                    let current = try await market.datasett(id)
                    _ = try await market.updateDatasett(id, wanted.update(of: current, in: try required(productID)))
                case let .openToAllOfNAV(datasett, _, _):
                    _ = try await services.access.grant(GrantRequest(datasettID: datasett, subject: .allUsers, owner: spec.group, expires: nil))
                case let .closeToAllOfNAV(grant, _):
                    try await services.access.revoke(grant: grant)
                }
            } catch {
                let reason = (error as? UserFacingError)?.message ?? LocalizedText(nb: "\(error)", en: "\(error)")
                progress(index, line, .failed(reason))
                throw PublishFailure(step: index + 1, of: plan.steps.count, line: line, reason: reason, isBadInput: (error as? UserFacingError)?.isBadInput ?? false)
            }
            progress(index, line, .done)
        }
        return try await market.dataprodukt(try required(productID))
    }

    private func required(_ id: UUID?) throws -> UUID {
        guard let id else { throw ServiceError.notFound(LocalizedText(nb: "Dataproduktet finnes ikke ennå.", en: "The dataprodukt does not exist yet.")) }
        return id
    }
}

/// A run that stopped at one step: which, why, and that running again goes on from there.
public struct PublishFailure: UserFacingError, Equatable {
    public let step: Int
    public let of: Int
    public let line: PublishPlan.Line
    public let reason: LocalizedText
    public let isBadInput: Bool

    public var message: LocalizedText {
        LocalizedText(
            nb: "Steg \(step) av \(of) feilet (\(line.text.nb)): \(reason.nb) Det som ble gjort før, står; kjør igjen for å fortsette herfra.",
            en: "Step \(step) of \(of) failed (\(line.text.en)): \(reason.en) What was done before stays; run again to go on from here.")
    }
}
