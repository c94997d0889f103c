import KatalogCore
import KatalogServices

/// Runs an effect against the service layer and says how it ended, as events.
enum EffectRunner {
    static func run(_ effect: Effect, services: ServiceLayer) async -> [Event] {
        let warehouse = services.warehouse
        switch effect {
        case .loadDatasets:
            return [.datasetsLoaded(await result { try await warehouse.datasets() })]
        case let .loadTables(ref):
            return [.tablesLoaded(ref, await result { try await warehouse.tables(in: ref) })]
        case let .loadTable(ref):
            return [.tableLoaded(ref, await result { try await warehouse.table(ref) })]
        case .loadProducts:
            return [.productsLoaded(await result { try await services.marketplace.dataprodukter() })]
        case .loadTransfers:
            async let connections = result { try await warehouse.connections() }
            async let queries = result { try await warehouse.scheduledQueries() }
            async let streams = result { try await warehouse.streams() }
            return [.connectionsLoaded(await connections), .scheduledQueriesLoaded(await queries), .streamsLoaded(await streams)]
        case .loadTheme, .copyToClipboard:
            return []  // done by the terminal runtime itself
        }
    }

    private static func result<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, LoadFailure> {
        do {
            return .success(try await body())
        } catch {
            return .failure(LoadFailure(error))
        }
    }
}
