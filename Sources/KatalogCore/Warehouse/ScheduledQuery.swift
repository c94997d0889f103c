import Foundation

/// A scheduled query (a Data Transfer config with `dataSourceId = scheduled_query`).
public struct ScheduledQuery: Hashable, Sendable, Codable {
    public enum RunState: String, Sendable, Codable {
        case succeeded = "SUCCEEDED"
        case failed = "FAILED"
        case running = "RUNNING"
        case pending = "PENDING"
        case cancelled = "CANCELLED"

        /// As a word with a glyph, so colour never carries the meaning alone.
        public var label: LocalizedText {
            switch self {
            case .succeeded: LocalizedText(nb: "✓ ok", en: "✓ ok")
            case .failed: LocalizedText(nb: "✗ feilet", en: "✗ failed")
            case .running: LocalizedText(nb: "… kjører", en: "… running")
            case .pending: LocalizedText(nb: "… venter", en: "… pending")
            case .cancelled: LocalizedText(nb: "– avbrutt", en: "– cancelled")
            }
        }
    }

    public let id: String
    public let displayName: String
    public let query: String
    public let destination: DatasetRef?
    /// `destination_table_name_template`, e.g. `vedtak_{run_date}`; nil for DML/DDL queries.
    public let destinationTableTemplate: String?
    /// `WRITE_TRUNCATE` or `WRITE_APPEND`.
    public let writeDisposition: String?
    /// In the Data Transfer syntax: `every day 03:00`, `every 24 hours` — always in UTC.
    public let schedule: String
    public let disabled: Bool
    public let lastRunState: RunState?
    public let lastRun: Date?
    /// Why the last run failed, as the Data Transfer API says (`error.message`).
    public let lastError: String?
    public let nextRun: Date?

    public init(id: String, displayName: String, query: String, destination: DatasetRef?, destinationTableTemplate: String?,
                writeDisposition: String? = nil, schedule: String, disabled: Bool = false, lastRunState: RunState? = nil, lastRun: Date? = nil,
                lastError: String? = nil, nextRun: Date? = nil) {
        self.id = id
        self.displayName = displayName
        self.query = query
        self.destination = destination
        self.destinationTableTemplate = destinationTableTemplate
        self.writeDisposition = writeDisposition
        self.schedule = schedule
        self.disabled = disabled
        self.lastRunState = lastRunState
        self.lastRun = lastRun
        self.lastError = lastError
        self.nextRun = nextRun
    }

    /// The schedule with its time zone, which the API leaves implicit.
    public var scheduleWithZone: String { schedule.isEmpty ? schedule : schedule + " (UTC)" }
}
