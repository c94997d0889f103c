import Foundation
import KatalogCore
import KatalogServices

/// What katalog has loaded, in one place every screen reads: the project's datasets, tables
/// and their details, the transfer machinery, the dataprodukter. Only load results change it
/// (`apply`); screens never write it.
struct Catalog: Sendable {
    // Every change makes a new version, so what is built from the catalog (the Explorer's rows)
    // can be kept until it changes.
    var datasets: [DatasetInfo]? { didSet { version = UUID() } }
    var tables: [DatasetRef: [TableInfo]] = [:] { didSet { version = UUID() } }
    var details: [TableRef: TableInfo] = [:] { didSet { version = UUID() } }
    /// Tables whose details are being loaded.
    var loadingDetails: Set<TableRef> = [] { didSet { version = UUID() } }
    var products: [Dataprodukt] = [] { didSet { version = UUID() } }
    var connections: [Connection]? { didSet { version = UUID() } }
    var scheduledQueries: [ScheduledQuery]? { didSet { version = UUID() } }
    var streams: [DatastreamStream]? { didSet { version = UUID() } }
    /// Parts that could not be loaded, with why (shown in place of the part).
    var failures: [Part: String] = [:] { didSet { version = UUID() } }
    /// Showing what was fetched at this time, until fresh answers arrive.
    var lastKnownFrom: Date?
    /// The backend failed and the cache answered.
    var offline: OfflineNotice?
    /// The backend failed and there was no cache to answer: nothing shown is the project.
    var unreachable = false
    private(set) var version = UUID()

    enum Part: Hashable, Sendable {
        case dataset(DatasetRef), table(TableRef), connections, scheduledQueries, streams
    }

    /// The datasett registered on a table, with their dataprodukt.
    func registrations(of table: TableRef) -> [(product: Dataprodukt, datasett: Datasett)] {
        products.flatMap { product in product.datasett.filter { $0.source.table == table }.map { (product, $0) } }
    }

    /// Notes effects the runtime starts that the catalog tracks (a table's details loading).
    mutating func started(_ effect: Effect) {
        if case let .loadTable(ref) = effect { loadingDetails.insert(ref) }
    }

    /// Takes in a load result. Returns a notice for the user when the result is one.
    mutating func apply(_ event: Event, language: Language) -> (LocalizedText, isError: Bool)? {
        switch event {
        case let .datasetsLoaded(.success(loaded)):
            datasets = loaded
            lastKnownFrom = nil
            unreachable = false
        case let .datasetsLoaded(.failure(failure)):
            if datasets == nil {
                datasets = []
                unreachable = true
            }
            return (failure.message, true)
        case let .tablesLoaded(ref, .success(loaded)):
            tables[ref] = loaded
        case let .sizesLoaded(sizes) where !sizes.isEmpty:
            for (dataset, list) in tables where list.contains(where: { sizes[$0.ref] != nil }) {
                tables[dataset] = list.map { $0.with(sizes[$0.ref]) }
            }
        case let .tablesLoaded(ref, .failure(failure)):
            failures[.dataset(ref)] = failure.message.text(language)
        case let .tableDetailsLoaded(ref, .success(loaded)):
            tables[ref] = loaded
            for table in loaded {
                details[table.ref] = table
                failures[.table(table.ref)] = nil
            }
            failures[.dataset(ref)] = nil
            return (UIText.datasetRefreshed(ref.dataset.rawValue, tables: loaded.count), false)
        case let .tableDetailsLoaded(ref, .failure(failure)):
            failures[.dataset(ref)] = failure.message.text(language)
        case let .tableLoaded(ref, result):
            loadingDetails.remove(ref)
            switch result {
            case let .success(table):
                details[ref] = table
                failures[.table(ref)] = nil
            case let .failure(failure):
                failures[.table(ref)] = failure.message.text(language)
            }
        case let .productsLoaded(.success(loaded)):
            products = loaded
        case let .productsLoaded(.failure(failure)):
            return (failure.message, true)
        case let .connectionsLoaded(result):
            settle(result, into: \.connections, part: .connections, language)
        case let .scheduledQueriesLoaded(result):
            settle(result, into: \.scheduledQueries, part: .scheduledQueries, language)
        case let .streamsLoaded(result):
            settle(result, into: \.streams, part: .streams, language)
        case let .lastKnownLoaded(known, knownTables):
            // Only until the backend answers: fresh data always wins.
            guard datasets == nil else { return nil }
            datasets = known.value
            for (ref, cached) in knownTables where tables[ref] == nil { tables[ref] = cached.value }
            lastKnownFrom = known.fetched
        case let .offlineChanged(notice):
            defer { offline = notice }
            if let notice, offline == nil { return (UIText.offline(notice.reason), true) }
        default:
            break
        }
        return nil
    }

    private mutating func settle<T>(_ result: Result<[T], LoadFailure>, into path: WritableKeyPath<Catalog, [T]?>, part: Part, _ language: Language) {
        switch result {
        case let .success(items): self[keyPath: path] = items
        case let .failure(failure):
            self[keyPath: path] = nil
            failures[part] = failure.message.text(language)
        }
    }
}
