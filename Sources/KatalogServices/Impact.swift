import Foundation
import KatalogCore

/// What changing or dropping a table would touch: everything downstream of it in the lineage —
/// views, scheduled queries, dataprodukter — and who would lose data: every active grantee of
/// every datasett registered on it or on anything downstream, by dataprodukt.
public struct Impact: Sendable {
    public let table: TableRef
    /// Downstream nodes, nearest zone first.
    public let downstream: [LineageNode]
    public let affected: [(dataprodukt: Dataprodukt, datasett: Datasett, grantees: [Grant])]

    public static func of(_ table: TableRef, services: ServiceLayer, lineageFile: String?) async throws -> Impact {
        _ = try await services.warehouse.table(table)  // a table that does not exist says so
        let graph = try await LineageBuilder.build(services: services, lineageFile: lineageFile).graph
        let reached = graph.reachable(from: table.description, upstream: false).subtracting([table.description])
        let zones = LineageZone.allCases
        let downstream = graph.nodes.filter { reached.contains($0.id) }
            .sorted { (zones.firstIndex(of: $0.zone) ?? 0, $0.label) < (zones.firstIndex(of: $1.zone) ?? 0, $1.label) }
        let tables = Set([table.description]).union(reached)
        var affected: [(Dataprodukt, Datasett, [Grant])] = []
        let now = services.now()
        for product in try await services.marketplace.myDataprodukter() {
            for datasett in product.datasett where tables.contains(datasett.source.table.description) {
                let active = try await services.access.grants(datasett: datasett.id).filter { $0.status(at: now) == .active }
                affected.append((product, datasett, active))
            }
        }
        return Impact(table: table, downstream: downstream, affected: affected)
    }
}
