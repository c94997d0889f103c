import Foundation
import KatalogCore

/// What goes when a dataprodukt is deleted: its datasett, and every active grant on them —
/// who loses access, by name — so the user confirms knowing it.
public struct DeletionImpact: Sendable {
    public let dataprodukt: Dataprodukt
    /// Each datasett with the subjects that lose access to it.
    public let losers: [(datasett: Datasett, subjects: [Subject])]

    public static func of(_ dataprodukt: Dataprodukt, services: ServiceLayer) async throws -> DeletionImpact {
        var losers: [(Datasett, [Subject])] = []
        for datasett in dataprodukt.datasett {
            let active = try await services.access.grants(datasett: datasett.id).filter { $0.status(at: services.now()) == .active }
            var seen = Set<Subject>()
            losers.append((datasett, active.map(\.subject).filter { seen.insert($0).inserted }))
        }
        return DeletionImpact(dataprodukt: dataprodukt, losers: losers)
    }

    /// The lines a confirmation shows.
    public var lines: [LocalizedText] {
        var lines = [LocalizedText(nb: "Sletter dataproduktet «\(dataprodukt.name)» (\(dataprodukt.slug)) med \(dataprodukt.datasett.count) datasett:",
                                   en: "Deletes the dataprodukt “\(dataprodukt.name)” (\(dataprodukt.slug)) with \(dataprodukt.datasett.count) datasett:")]
        for (datasett, subjects) in losers {
            let who = subjects.map(\.iamMember).joined(separator: ", ")
            lines.append(subjects.isEmpty
                ? LocalizedText(nb: "  «\(datasett.name)» (\(datasett.source.table)): ingen har tilgang", en: "  “\(datasett.name)” (\(datasett.source.table)): nobody has access")
                : LocalizedText(nb: "  «\(datasett.name)» (\(datasett.source.table)): \(subjects.count) mister tilgangen — \(who)",
                                en: "  “\(datasett.name)” (\(datasett.source.table)): \(subjects.count) lose access — \(who)"))
        }
        return lines
    }
}
