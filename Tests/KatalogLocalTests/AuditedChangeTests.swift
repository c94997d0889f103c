import Foundation
import GRDB
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal

@Suite("Every change with its audit record; who may revoke")
struct AuditedChangeTests {
    func vedtak(_ ws: TestWorkspace) async throws -> Datasett {
        try #require(try await ws.product("dagpengevedtak").datasett.first { $0.name == "Vedtaksstatistikk" })
    }

    @Test func aChangeWhoseAuditRecordFailsIsNotMade() async throws {
        let ws = try await TestWorkspace()
        let datasett = try await vedtak(ws)
        try await ws.workspace.pool.write { db in
            try db.execute(sql: "CREATE TRIGGER auditFails BEFORE INSERT ON auditEvent BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")
        }
        let before = try await ws.services.access.grants(datasett: datasett.id)
        let request = GrantRequest(datasettID: datasett.id, subject: try Subject(.user, "per.persen@nav.no"), expires: nil)
        for _ in 0..<2 {  // and a retry adds nothing either
            await #expect(throws: ServiceError.self) { try await ws.services.access.grant(request) }
        }
        #expect(try await ws.services.access.grants(datasett: datasett.id) == before)
        let policy = try await ws.services.iam.tablePolicy(datasett.source.table)
        #expect(!policy.members(of: "roles/bigquery.dataViewer").contains("user:per.persen@nav.no"))
        let pending = try #require(try await ws.services.access.requestsToHandle().first)
        await #expect(throws: ServiceError.self) { try await ws.services.access.deny(request: pending.id, reason: "nei") }
        #expect(try await ws.services.access.requestsToHandle().contains { $0.id == pending.id })
    }

    @Test func eachChangeNamesItsTargetInTheLog() async throws {
        let ws = try await TestWorkspace()
        let datasett = try await vedtak(ws)
        let grant = try await ws.services.access.grant(GrantRequest(datasettID: datasett.id, subject: try Subject(.user, "per.persen@nav.no"), expires: nil))
        try await ws.services.access.revoke(grant: grant.id)
        let events = try await ws.services.audit.events(limit: 2)
        #expect(events.map(\.action) == ["grant.revoke", "grant.create"])
        #expect(events.allSatisfy { $0.target == grant.id.text && $0.status == .done })
        #expect(events[0].detail.contains("user:per.persen@nav.no"))
    }

    @Test func onlyTheOwnerTeamOrTheGrantsOwnerMayRevoke() async throws {
        let ws = try await TestWorkspace()
        let datasett = try await vedtak(ws)
        let grant = try await ws.services.access.grant(GrantRequest(
            datasettID: datasett.id, subject: try Subject(.serviceAccount, "dvh-lesing@dvh-prod.iam.gserviceaccount.com"), owner: "team-dvh@nav.no", expires: nil))
        // Someone in neither group: refused, nothing changed.
        try await ws.signIn(UserContext(name: "Mallory", email: "mallory@nav.no", groups: ["team-annet@nav.no"], teamProjects: []))
        do {
            try await ws.services.access.revoke(grant: grant.id)
            Issue.record("expected wrong_team")
        } catch let error as ServiceError {
            guard case let .invalid(problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.code) == ["wrong_team"])
            #expect(error.message.en.contains("team-dvh@nav.no"))
        }
        #expect(try await ws.services.access.grants(datasett: datasett.id).first { $0.id == grant.id }?.revoked == nil)
        // A member of the grant's owner group may.
        try await ws.signIn(UserContext(name: "Dina", email: "dina@nav.no", groups: ["team-dvh@nav.no"], teamProjects: []))
        try await ws.services.access.revoke(grant: grant.id)
        #expect(try await ws.services.access.grants(datasett: datasett.id).first { $0.id == grant.id }?.revoked != nil)
    }

    @Test func aGrantOwnedByTheUserThemselvesMayBeRevokedByThem() async throws {
        let ws = try await TestWorkspace()
        let datasett = try await vedtak(ws)
        let grant = try await ws.services.access.grant(GrantRequest(datasettID: datasett.id, subject: try Subject(.user, "kari@nav.no"), owner: "kari@nav.no", expires: nil))
        try await ws.signIn(UserContext(name: "Kari", email: "kari@nav.no", groups: [], teamProjects: []))
        try await ws.services.access.revoke(grant: grant.id)
    }
}

@Suite("The audit journal of remote changes")
struct AuditJournalTests {
    struct Dropped: Error {}

    @Test func anAnsweredChangeHasItsIntentAndOutcome() async throws {
        let ws = try await TestWorkspace()
        let journal = AuditJournal(audit: ws.services.audit, now: { TestWorkspace.now })
        let note = AuditNote(actor: "ola.nordmann@nav.no", action: "grant.create", target: nil, detail: "user:a@nav.no")
        let made = try await journal.perform(note, created: { $0 }) { "grant-1" }
        #expect(made == "grant-1")
        let events = try await ws.services.audit.events(limit: 2)
        #expect(events.map(\.status) == [.succeeded, .intended] && events[0].target == "grant-1")
        #expect(try await ws.services.audit.unresolvedIntents().isEmpty)
    }

    @Test func aRefusedChangeIsRecordedAsFailed() async throws {
        let ws = try await TestWorkspace()
        let journal = AuditJournal(audit: ws.services.audit, now: { TestWorkspace.now })
        let note = AuditNote(actor: "ola.nordmann@nav.no", action: "request.approve", target: "r-1", detail: "")
        await #expect(throws: ServiceError.self) {
            _ = try await journal.perform(note) { () async throws -> Int in throw ServiceError.conflict(LocalizedText(nb: "behandlet", en: "handled")) }
        }
        #expect(try await ws.services.audit.events(limit: 1).map(\.status) == [.failed])
        #expect(try await ws.services.audit.unresolvedIntents().isEmpty)
    }

    @Test func aCallWithoutAnAnswerLeavesAnIntentTheNextStartReconciles() async throws {
        let ws = try await TestWorkspace()
        let journal = AuditJournal(audit: ws.services.audit, now: { TestWorkspace.now })
        for target in ["g-1", "g-2", "g-3"] {
            let note = AuditNote(actor: "ola.nordmann@nav.no", action: "grant.revoke", target: target, detail: "")
            await #expect(throws: Dropped.self) { _ = try await journal.perform(note) { () async throws -> Int in throw Dropped() } }
        }
        #expect(try await ws.services.audit.unresolvedIntents().map(\.event.target) == ["g-1", "g-2", "g-3"])
        // The server has revoked g-1, not g-2, and cannot say for g-3 yet.
        let settled = try await journal.reconcile { intent in ["g-1": true, "g-2": false][intent.event.target] }
        #expect(settled.map(\.event.target) == ["g-1", "g-2"])
        #expect(try await ws.services.audit.unresolvedIntents().map(\.event.target) == ["g-3"])
        #expect(try await ws.services.audit.events(limit: 2).map(\.status) == [.failed, .succeeded])
    }
}
