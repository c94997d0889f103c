import KatalogCore
import KatalogServices

/// What only the terminal's own thread may do (ncurses lives there).
protocol TerminalSide: AnyObject {
    func apply(_ theme: Theme)
    func copyToClipboard(_ text: String)
    /// Gives the terminal to the user's editor on `text`, then takes it back.
    func edit(_ text: String) -> Result<String, LoadFailure>
}

/// Runs every effect and says how it ended, as events: the ones that touch the terminal on
/// the terminal's thread, at once; the service calls in the background.
enum EffectRunner {
    /// Effects done by the terminal itself.
    static func touchesTerminal(_ effect: Effect) -> Bool {
        switch effect {
        case .loadTheme, .copyToClipboard, .editText: true
        default: false
        }
    }

    /// Loads a theme or writes the clipboard, on the terminal's thread.
    static func runOnTerminal(_ effect: Effect, themes: ThemeCatalog, terminal: any TerminalSide) -> [Event] {
        switch effect {
        case let .loadTheme(name):
            switch themes.load(name) {
            case let .success(loaded):
                terminal.apply(loaded)
                return [.themeLoaded(name: name, error: nil)]
            case let .failure(error):
                return [.themeLoaded(name: name, error: error.message)]
            }
        case let .copyToClipboard(text):
            terminal.copyToClipboard(text)
            return []
        case let .editText(field, text):
            return [.textEdited(field: field, terminal.edit(text))]
        default:
            return []
        }
    }

    /// Runs one effect; `post` takes events as they happen (a publish run's progress), the
    /// rest come back at the end.
    static func run(_ effect: Effect, services: ServiceLayer, post: @escaping @Sendable ([Event]) -> Void = { _ in }) async -> [Event] {
        if let events = await publishing(effect, services: services, post: post) { return events }
        let events = await load(effect, services: services, post: post)
        // After every load from the warehouse: is it answering, or is this the cache?
        guard !events.isEmpty, effect != .loadLastKnown, effect != .loadProducts, effect != .refreshUser, !effect.isLineage else { return events }
        return events + [.offlineChanged(await services.warehouse.offline())]
    }

    private static func load(_ effect: Effect, services: ServiceLayer, post: @escaping @Sendable ([Event]) -> Void) async -> [Event] {
        let warehouse = services.warehouse
        switch effect {
        case .loadLastKnown:
            guard let datasets = await warehouse.lastKnownDatasets() else { return [] }
            var tables: [DatasetRef: Cached<[TableInfo]>] = [:]
            for dataset in datasets.value {
                if let known = await warehouse.lastKnownTables(in: dataset.ref) { tables[dataset.ref] = known }
            }
            return [.lastKnownLoaded(datasets: datasets, tables: tables)]
        case .loadDatasets:
            return [.datasetsLoaded(await result { try await warehouse.datasets() })]
        case let .loadTables(datasets, locations):
            // The lists first, then the sizes: a slow size query never holds the tree up.
            let lists = await warehouse.tables(in: datasets)
            post(datasets.map { ref in .tablesLoaded(ref, (lists[ref] ?? .success([])).mapError(LoadFailure.init)) })
            return [.sizesLoaded(await warehouse.tableSizes(in: datasets, locations: locations))]
        case let .loadTable(ref):
            return [.tableLoaded(ref, await result { try await warehouse.table(ref) })]
        case let .loadTableDetails(ref):
            return [.tableDetailsLoaded(ref, await result { try await warehouse.tableDetails(in: ref) })]
        case let .loadLineage(file):
            switch await result({ try await LineageBuilder.build(services: services, lineageFile: file) }) {
            case let .success((graph, notices)): return [.lineageLoaded(.success(graph), notices: notices)]
            case let .failure(failure): return [.lineageLoaded(.failure(failure), notices: [])]
            }
        case .loadProducts:
            return [.productsLoaded(await result { try await services.marketplace.myDataprodukter() })]
        case .refreshUser:
            return [.userRefreshed(await result { try await services.marketplace.refreshCurrentUser() })]
        case .loadTransfers:
            async let connections = result { try await warehouse.connections() }
            async let queries = result { try await warehouse.scheduledQueries() }
            async let streams = result { try await warehouse.streams() }
            return [.connectionsLoaded(await connections), .scheduledQueriesLoaded(await queries), .streamsLoaded(await streams)]
        case .cancelLineage, .loadTheme, .copyToClipboard, .editText, .loadUser, .loadDrafts, .saveDraft, .resumeDraft, .deleteDraft, .loadTeams, .checkSlack,
             .loadKeywords, .planPublish, .applyPublish, .loadDeletionImpact, .deleteDataprodukt, .loadAccess, .accessAction, .loadImpact, .loadAudit, .loadDetails:
            return []  // on the terminal (`runOnTerminal`), by the loop (`cancelLineage`), or `publishing`
        }
    }

    private static func result<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, LoadFailure> {
        do {
            return .success(try await body())
        } catch {
            return .failure(LoadFailure(error))
        }
    }

    /// The publish wizard's work: its user, drafts, teams, the plan and the run.
    private static func publishing(_ effect: Effect, services: ServiceLayer, post: @escaping @Sendable ([Event]) -> Void) async -> [Event]? {
        switch effect {
        case .loadUser:
            return [.userLoaded(await result { try await services.marketplace.currentUser() })]
        case .loadDrafts:
            return [.draftsLoaded(await result { try await services.drafts.list() })]
        case let .saveDraft(draft):
            do {
                _ = try await services.drafts.save(draft)
                return []
            } catch {
                return [.notice(LoadFailure(error).message, isError: true)]
            }
        case let .resumeDraft(draft):
            return [.draftResumed(draft)]
        case let .deleteDraft(id):
            try? await services.drafts.delete(id)
            return []
        case let .loadTeams(group):
            return [.teamsLoaded(group: group, await result { try await services.directory.teams(forGroup: group) })]
        case let .loadDeletionImpact(slug):
            return [.deletionImpactLoaded(await result {
                try await DeletionImpact.of(try await services.marketplace.dataprodukt(idOrSlug: slug), services: services)
            })]
        case let .deleteDataprodukt(id, name):
            return [.dataproduktDeleted(name: name, await result { try await services.marketplace.deleteDataprodukt(id) })]
        case let .loadDetails(title, lines, table):
            guard let table, let graph = try? await LineageBuilder.build(services: services, lineageFile: nil).graph else {
                return [.detailsReady(title: title, lines: lines)]
            }
            func labels(_ ids: [String]?) -> String { (ids ?? []).compactMap { graph.node($0)?.label }.sorted().joined(separator: ", ") }
            let up = labels(graph.adjacency(upstream: true)[table.description]), down = labels(graph.adjacency(upstream: false)[table.description])
            return [.detailsReady(title: title, lines: lines + ["", "Lineage ↑ " + (up.isEmpty ? "–" : up), "Lineage ↓ " + (down.isEmpty ? "–" : down)])]
        case .loadAudit:
            return [.auditLoaded(await result { try await services.audit.events(limit: 500) })]
        case let .loadImpact(table):
            return [.impactLoaded(await result { try await Impact.of(table, services: services, lineageFile: nil) })]
        case .loadAccess:
            return [.accessLoaded(await result { try await AccessData.load(services) })]
        case let .accessAction(action):
            let (outcomes, undo) = await action.run(services)
            return [.accessActed(action, outcomes, undo: undo)]
        case .loadKeywords:
            return [.keywordsLoaded(await result { try await services.marketplace.keywords() })]
        case let .checkSlack(channel):
            return [.slackChecked(channel: channel, (try? await services.directory.isSlackChannel(channel)) ?? nil)]
        case let .planPublish(spec):
            return [.publishPlanned(await result { try await Publisher(services: services).plan(spec) })]
        case let .applyPublish(spec):
            let publisher = Publisher(services: services)
            return [.publishFinished(await result {
                let plan = try await publisher.plan(spec)
                return try await publisher.apply(plan, of: spec) { step, _, outcome in post([.publishProgress(step: step, outcome)]) }
            })]
        default:
            return nil
        }
    }
}
