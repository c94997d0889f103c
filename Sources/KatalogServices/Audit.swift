import Foundation

/// Append-only record of every change katalog makes, whichever backend it went to.
///
/// A change and its record never part: the local workspace writes both in one transaction
/// (`AuditNote` travels with the change into the backend). A remote backend cannot share a
/// transaction with the log, so it writes an *intent* before the call and its *outcome* after
/// (`AuditJournal`); a crash in between leaves an unresolved intent, which the next start
/// reconciles against the server.
public protocol Audit: Sendable {
    func record(_ event: AuditEvent) async throws
    /// Newest first.
    func events(limit: Int) async throws -> [AuditEvent]

    /// Writes an intended change; returns its number for the outcome.
    func recordIntent(_ event: AuditEvent) async throws -> Int64
    /// What became of an intent.
    func recordOutcome(of intent: Int64, _ status: AuditEvent.Status, target: String?, detail: String, at time: Date) async throws
    /// Intents without an outcome, oldest first.
    func unresolvedIntents() async throws -> [AuditIntent]
}

public struct AuditEvent: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable {
        /// Done and recorded in one transaction.
        case done
        /// About to be sent to a remote backend.
        case intended
        /// The outcome of an intent.
        case succeeded, failed
    }

    public let time: Date
    /// Who did it (e-mail).
    public let actor: String
    /// What was done: `dataprodukt.create`, `grant.revoke`, …
    public let action: String
    /// What it was done to (an id or a table reference).
    public let target: String
    /// A short human summary.
    public let detail: String
    public let status: Status
    /// Where the change went: the local workspace, or a remote backend (the marketplace's address).
    public let backend: String

    public static let localBackend = "local workspace"

    public init(time: Date, actor: String, action: String, target: String, detail: String, status: Status = .done, backend: String = AuditEvent.localBackend) {
        self.time = time
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
        self.status = status
        self.backend = backend
    }
}

/// An intent still waiting for its outcome.
public struct AuditIntent: Hashable, Sendable {
    public let number: Int64
    public let event: AuditEvent

    public init(number: Int64, event: AuditEvent) {
        self.number = number
        self.event = event
    }
}

/// What the audit log will say about a change, handed to the backend with the change itself so
/// that both are written together.
public struct AuditNote: Hashable, Sendable {
    public let actor: String
    public let action: String
    /// nil: the id of what the change creates, known only once it is made.
    public let target: String?
    public let detail: String

    public init(actor: String, action: String, target: String?, detail: String) {
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }

    public func event(at time: Date, created: String? = nil, status: AuditEvent.Status = .done, backend: String = AuditEvent.localBackend) -> AuditEvent {
        AuditEvent(time: time, actor: actor, action: action, target: target ?? created ?? "", detail: detail, status: status, backend: backend)
    }
}
