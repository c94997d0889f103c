import Foundation
import KatalogCore
import KatalogServices

/// Something that happened: a key, a resize, a timer tick, or a background load finishing.
public enum Event: Sendable {
    case key(Key)
    /// Text pasted into the terminal (bracketed paste): one event, not a key per character.
    case paste(String)
    case resize(width: Int, height: Int)
    case tick
    case mouse(x: Int, y: Int, button: MouseButton)
    case datasetsLoaded(Result<[DatasetInfo], LoadFailure>)
    case tablesLoaded(DatasetRef, Result<[TableInfo], LoadFailure>)
    /// Sizes of tables already listed (BigQuery adds them after its lists).
    case sizesLoaded([TableRef: TableSize])
    case tableLoaded(TableRef, Result<TableInfo, LoadFailure>)
    case tableDetailsLoaded(DatasetRef, Result<[TableInfo], LoadFailure>)
    case productsLoaded(Result<[Dataprodukt], LoadFailure>)
    /// Who the marketplace says the user is, asked again.
    case userRefreshed(Result<UserContext, LoadFailure>)
    case connectionsLoaded(Result<[Connection], LoadFailure>)
    case scheduledQueriesLoaded(Result<[ScheduledQuery], LoadFailure>)
    case streamsLoaded(Result<[DatastreamStream], LoadFailure>)
    case themeLoaded(name: String, error: LocalizedText?)
    /// What a cloud warehouse fetched before, shown until fresh answers arrive.
    case lastKnownLoaded(datasets: Cached<[DatasetInfo]>, tables: [DatasetRef: Cached<[TableInfo]>])
    /// Whether the last answers came from the cache because the backend failed.
    case offlineChanged(OfflineNotice?)
    case lineageLoaded(Result<LineageGraph, LoadFailure>, notices: [LocalizedText])
    case notice(LocalizedText, isError: Bool)
    /// What the user's editor made of a field's text.
    case textEdited(field: String, Result<String, LoadFailure>)
    /// For the publish wizard: who the user is, their drafts, a plan, a run's progress.
    case userLoaded(Result<UserContext, LoadFailure>)
    case draftsLoaded(Result<[Draft], LoadFailure>)
    case teamsLoaded(group: String, Result<[TeamkatalogenTeam], LoadFailure>)
    case publishPlanned(Result<PublishPlan, LoadFailure>)
    case publishProgress(step: Int, Publisher.Outcome)
    case publishFinished(Result<Dataprodukt, LoadFailure>)
    case draftResumed(Draft)
    /// Whether Slack has the channel; nil: it cannot be told (offline, Slack down).
    case slackChecked(channel: String, Bool?)
    case keywordsLoaded(Result<[KeywordCount], LoadFailure>)
    /// The Access screen's data, and how an action on it went.
    case accessLoaded(Result<AccessData, LoadFailure>)
    case accessActed(AccessAction, [AccessOutcome], undo: AccessAction?)
    case impactLoaded(Result<Impact, LoadFailure>)
    case auditLoaded(Result<[AuditEvent], LoadFailure>)
    case detailsReady(title: String, lines: [String])
    /// What deleting a dataprodukt takes with it, to confirm; then the deletion's outcome.
    case deletionImpactLoaded(Result<DeletionImpact, LoadFailure>)
    case dataproduktDeleted(name: String, Result<Void, LoadFailure>)
}

public enum MouseButton: Sendable { case click, wheelUp, wheelDown }

extension Event {
    /// One of the results an effect ends in (the spinner counts them).
    var isLoadResult: Bool {
        switch self {
        case .datasetsLoaded, .tablesLoaded, .sizesLoaded, .tableLoaded, .tableDetailsLoaded, .productsLoaded, .connectionsLoaded, .scheduledQueriesLoaded,
             .streamsLoaded, .lineageLoaded, .userRefreshed: true
        case .key, .paste, .resize, .tick, .mouse, .themeLoaded, .lastKnownLoaded, .offlineChanged, .notice, .textEdited, .userLoaded, .draftsLoaded,
             .teamsLoaded, .publishPlanned, .publishProgress, .publishFinished, .draftResumed, .slackChecked, .keywordsLoaded, .accessLoaded, .accessActed, .impactLoaded, .auditLoaded, .detailsReady, .deletionImpactLoaded,
             .dataproduktDeleted: false
        }
    }
}

/// Why a load failed, already phrased for the user.
public struct LoadFailure: Error, Sendable {
    public let message: LocalizedText
    /// Stopped on purpose, not failed: nothing to tell.
    public let cancelled: Bool

    public init(_ error: Error) {
        cancelled = error is CancellationError
        if let error = error as? UserFacingError {
            message = error.message
        } else {
            let text = TerminalText.line("\(error)")
            message = LocalizedText(nb: "Uventet feil: \(text)", en: "Unexpected error: \(text)")
        }
    }
}

/// Work the update asks the runtime to do in the background; each ends in an `Event`.
public enum Effect: Equatable, Sendable {
    /// Stops the lineage being built (its result then says it was cancelled).
    case cancelLineage
    case loadLastKnown
    /// With the team's lineage.yaml, when there is one.
    case loadLineage(lineageFile: String?)
    case loadDatasets
    /// The lists of these datasets, in one go where the backend can: a `tablesLoaded` each,
    /// then `sizesLoaded` once the sizes are in (`locations`: where each dataset is).
    case loadTables([DatasetRef], locations: [DatasetRef: String])
    case loadTable(TableRef)
    /// Every table of a dataset with its details (`R` on a dataset).
    case loadTableDetails(DatasetRef)
    case loadProducts
    /// Asks the marketplace again who the user is (`W`, `:whoami`).
    case refreshUser
    case loadTransfers
    case loadTheme(String)
    case copyToClipboard(String)
    /// The user's editor on a field's text, curses suspended meanwhile.
    case editText(field: String, text: String)
    case loadUser
    case loadDrafts
    case saveDraft(Draft)
    /// The draft the user chose to go on with, back to the wizard.
    case resumeDraft(Draft)
    case deleteDraft(UUID)
    case loadTeams(group: String)
    case checkSlack(String)
    case loadKeywords
    case loadAccess
    case loadImpact(TableRef)
    /// The audit log, newest first (`:audit`).
    case loadAudit
    /// A row's details, with the lineage neighbours of its table added.
    case loadDetails(title: String, lines: [String], neighboursOf: TableRef?)
    case accessAction(AccessAction)
    case loadDeletionImpact(slug: String)
    case deleteDataprodukt(id: UUID, name: String)
    case planPublish(DataproduktSpec)
    /// Applies the plan of a spec (planned again first: what exists may have changed).
    case applyPublish(DataproduktSpec)
}

extension Effect {
    var isLineage: Bool {
        if case .loadLineage = self { true } else { false }
    }

    /// How many load events the effect ends in (the spinner waits for them).
    var resultCount: Int {
        switch self {
        case .loadTransfers: 3
        case let .loadTables(datasets, _): datasets.count + 1
        case .loadDatasets, .loadTable, .loadTableDetails, .loadProducts, .loadLineage, .refreshUser: 1
        case .cancelLineage, .loadTheme, .copyToClipboard, .loadLastKnown, .editText, .loadUser, .loadDrafts, .saveDraft, .resumeDraft, .deleteDraft, .loadTeams,
             .checkSlack, .loadKeywords, .planPublish, .applyPublish, .loadDeletionImpact, .deleteDataprodukt, .loadAccess, .accessAction, .loadImpact, .loadAudit, .loadDetails: 0
        }
    }
}
