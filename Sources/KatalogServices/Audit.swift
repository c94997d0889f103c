import Foundation

/// Append-only record of every change katalog makes, whichever backend it went to.
public protocol Audit: Sendable {
    func record(_ event: AuditEvent) async throws
    /// Newest first.
    func events(limit: Int) async throws -> [AuditEvent]
}

public struct AuditEvent: Hashable, Sendable, Codable {
    public let time: Date
    /// Who did it (e-mail).
    public let actor: String
    /// What was done: `dataprodukt.create`, `grant.revoke`, …
    public let action: String
    /// What it was done to (an id or a table reference).
    public let target: String
    /// A short human summary.
    public let detail: String

    public init(time: Date, actor: String, action: String, target: String, detail: String) {
        self.time = time
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}
