import Foundation
import KatalogCore

/// Audits changes sent to a remote backend: an intent before the call, the outcome after.
/// A call that fails with an answer is recorded as failed; one that dies without an answer (a
/// crash, a dropped connection) stays an open intent until `reconcile` asks the server.
public struct AuditJournal: Sendable {
    let audit: any Audit
    let now: @Sendable () -> Date
    /// Where the changes go, for the log (`Datamarkedsplassen data.ansatt.nav.no`).
    let backend: String

    public init(audit: any Audit, now: @escaping @Sendable () -> Date, backend: String = "remote") {
        self.audit = audit
        self.now = now
        self.backend = backend
    }

    /// Runs `call` between its intent and its outcome. `created` names what the call made.
    public func perform<T: Sendable>(_ note: AuditNote, created: (T) -> String? = { _ in nil },
                                     _ call: () async throws -> T) async throws -> T {
        let intent = try await audit.recordIntent(note.event(at: now(), status: .intended, backend: backend))
        let result: T
        do {
            result = try await call()
        } catch let error as UserFacingError where error.isBadInput || error is ChangeNotMade {
            // The server answered no, or was seen not to have done it: nothing changed.
            try? await audit.recordOutcome(of: intent, .failed, target: nil, detail: error.message.en, at: now())
            throw error
        }
        // Other failures leave the intent open: the change may or may not have happened.
        try await audit.recordOutcome(of: intent, .succeeded, target: created(result), detail: note.detail, at: now())
        return result
    }

    /// Settles every open intent: `check` asks the server whether the change happened (true,
    /// false, or nil when it cannot tell yet — then the intent stays open). Returns the intents
    /// settled.
    @discardableResult
    public func reconcile(_ check: (AuditIntent) async throws -> Bool?) async throws -> [AuditIntent] {
        var settled: [AuditIntent] = []
        for intent in try await audit.unresolvedIntents() {
            guard let happened = try await check(intent) else { continue }
            try await audit.recordOutcome(of: intent.number, happened ? .succeeded : .failed, target: nil,
                                          detail: happened ? "found on the server after a restart" : "not found on the server after a restart", at: now())
            settled.append(intent)
        }
        return settled
    }
}
