import Foundation
import GRDB
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal

@Suite("Access: grants, requests and BigQuery IAM")
struct LocalAccessTests {
    let vedtakTable = TestWorkspace.ref("dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk")

    func vedtak(_ ws: TestWorkspace) async throws -> Datasett {
        try #require(try await ws.product("dagpengevedtak").datasett.first { $0.name == "Vedtaksstatistikk" })
    }

    @Test func demoGrantsCoverEveryCase() async throws {
        let ws = try await TestWorkspace()
        let grants = try await ws.services.access.grants(datasett: try await vedtak(ws).id)
        #expect(Set(grants.map(\.subject.type)) == [.user, .group, .serviceAccount])
        #expect(grants.contains { $0.status(at: TestWorkspace.now) == .expired })
        #expect(grants.contains { $0.expires.map { $0.timeIntervalSince(TestWorkspace.now) == 5 * 86_400 } ?? false })
        #expect(grants.first { $0.subject.type == .serviceAccount }?.owner == "team-dvh@nav.no")
        let open = try await ws.product("soknader-per-maned").datasett[0]
        #expect(try await ws.services.access.grants(datasett: open.id).map(\.subject) == [Subject.allUsers])
        let pending = try await ws.services.access.requestsToHandle()
        #expect(pending.count == 3)
        #expect(pending.contains { $0.polly?.name.hasPrefix("B412") == true })
    }

    @Test func grantingChangesTableIAMAndDatasetAccess() async throws {
        let ws = try await TestWorkspace()
        let datasett = try await vedtak(ws)
        let before = try await ws.services.iam.tablePolicy(vedtakTable)
        let subject = try Subject(.user, "Nils.Nilsen@nav.no")
        let grant = try await ws.services.access.grant(GrantRequest(datasettID: datasett.id, subject: subject, expires: nil))
        #expect(grant.subject.email == "nils.nilsen@nav.no" && grant.granter == "ola.nordmann@nav.no")

        let policy = try await ws.services.iam.tablePolicy(vedtakTable)
        #expect(policy.members(of: "roles/bigquery.dataViewer").contains("user:nils.nilsen@nav.no"))
        #expect(policy.etag != before.etag)
        let access = try await ws.services.iam.datasetAccess(vedtakTable.datasetRef)
        #expect(access.entries.contains(DatasetAccessEntry(role: "roles/bigquery.metadataViewer", grantee: .userByEmail("nils.nilsen@nav.no"))))

        try await ws.services.access.revoke(grant: grant.id)
        let after = try await ws.services.iam.tablePolicy(vedtakTable)
        #expect(!after.members(of: "roles/bigquery.dataViewer").contains("user:nils.nilsen@nav.no"))
        #expect(after.etag != policy.etag)
        let accessAfter = try await ws.services.iam.datasetAccess(vedtakTable.datasetRef)
        #expect(!accessAfter.entries.contains(DatasetAccessEntry(role: "roles/bigquery.metadataViewer", grantee: .userByEmail("nils.nilsen@nav.no"))))
        await #expect(throws: ServiceError.self) { try await ws.services.access.revoke(grant: grant.id) }
    }

    @Test func grantingAgainRenews() async throws {
        let ws = try await TestWorkspace()
        let datasett = try await vedtak(ws)
        let subject = try Subject(.user, "kari.nordmann@nav.no")
        let renewed = try await ws.services.access.grant(GrantRequest(datasettID: datasett.id, subject: subject, expires: TestWorkspace.now.addingTimeInterval(30 * 86_400)))
        let karis = try await ws.services.access.grants(datasett: datasett.id).filter { $0.subject == subject }
        #expect(karis.count == 2)
        #expect(karis.filter { $0.revoked == nil }.map(\.id) == [renewed.id])
        // Still in IAM: the renewed grant needs the binding.
        #expect(try await ws.services.iam.tablePolicy(vedtakTable).members(of: "roles/bigquery.dataViewer").contains("user:kari.nordmann@nav.no"))
    }

    @Test func revokeKeepsBindingsAnotherGrantNeeds() async throws {
        let ws = try await TestWorkspace()
        let market = ws.services.marketplace
        let product = try await ws.product("dagpengevedtak")
        // A second datasett on the same table: the same subject granted on both.
        let second = try await market.createDatasett(NewDatasett(dataproduktID: product.id, name: "Kopi", pii: .sensitive, table: vedtakTable))
        let first = try await vedtak(ws)
        let subject = try Subject(.group, "team-x@nav.no")
        let a = try await ws.services.access.grant(GrantRequest(datasettID: first.id, subject: subject, expires: nil))
        _ = try await ws.services.access.grant(GrantRequest(datasettID: second.id, subject: subject, expires: nil))
        try await ws.services.access.revoke(grant: a.id)
        #expect(try await ws.services.iam.tablePolicy(vedtakTable).members(of: "roles/bigquery.dataViewer").contains("group:team-x@nav.no"))
        #expect(try await ws.services.iam.datasetAccess(vedtakTable.datasetRef).entries
            .contains(DatasetAccessEntry(role: "roles/bigquery.metadataViewer", grantee: .groupByEmail("team-x@nav.no"))))
    }

    @Test func approveCreatesAGrantAndDenyKeepsTheReason() async throws {
        let ws = try await TestWorkspace()
        let pending = try await ws.services.access.requestsToHandle()
        let nora = try #require(pending.first { $0.subject.email == "nora.berg@nav.no" })
        let grant = try await ws.services.access.approve(request: nora.id)
        #expect(grant.accessRequestID == nora.id && grant.expires == nora.expires && grant.granter == "ola.nordmann@nav.no")
        let team = try #require(pending.first { $0.subject.email == "team-analyse@nav.no" })
        try await ws.services.access.deny(request: team.id, reason: "  Mangler behandlingsgrunnlag i Polly.  ")
        let denied = try await ws.services.access.accessRequest(team.id)
        #expect(denied.status == .denied && denied.reason == "Mangler behandlingsgrunnlag i Polly." && denied.closed == TestWorkspace.now)
        #expect(try await ws.services.access.requestsToHandle().count == 1)
        // A request is handled once.
        await #expect(throws: ServiceError.self) { try await ws.services.access.approve(request: team.id) }
        await #expect(throws: ServiceError.self) { try await ws.services.access.deny(request: nora.id, reason: nil) }
    }

    @Test func requestsAreListedAsTheAPIListsThem() async throws {
        let ws = try await TestWorkspace()
        let toHandle = try await ws.services.access.requestsToHandle()
        let nora = try #require(toHandle.first { $0.subject.email == "nora.berg@nav.no" })
        #expect(try await ws.services.access.pendingRequests(datasett: nora.datasettID).contains(nora))
        #expect(toHandle.map(\.created) == toHandle.map(\.created).sorted(by: >), "newest first")

        // Someone in no owner group has nothing to handle, but sees their own requests, every status.
        try await ws.services.access.deny(request: nora.id, reason: "Mangler behandlingsgrunnlag.")
        try await ws.signIn(UserContext(name: "Nora", email: "Nora.Berg@nav.no", groups: ["team-annet@nav.no"], teamProjects: []))
        #expect(try await ws.services.access.requestsToHandle().isEmpty)
        let mine = try await ws.services.access.myRequests()
        #expect(mine.map(\.id) == [nora.id] && mine.first?.status == .denied)
        #expect(try await ws.services.access.accessRequest(nora.id).reason == "Mangler behandlingsgrunnlag.")
        await #expect(throws: ServiceError.self) { try await ws.services.access.accessRequest(UUID()) }
        await #expect(throws: ServiceError.self) { try await ws.services.access.pendingRequests(datasett: UUID()) }
    }

    @Test func sensitiveDatasettIsNeverOpenedToAllOfNAV() async throws {
        let ws = try await TestWorkspace()
        let datasett = try await vedtak(ws)
        let before = try await ws.services.iam.tablePolicy(vedtakTable)
        do {
            _ = try await ws.services.access.grant(GrantRequest(datasettID: datasett.id, subject: .allUsers, expires: nil))
            Issue.record("expected invalid")
        } catch let ServiceError.invalid(problems) {
            #expect(problems.map(\.code) == ["opening_dataset_with_pii_tags"])
        }
        #expect(try await ws.services.iam.tablePolicy(vedtakTable) == before)
    }

    @Test func requestingAccessValidatesExpiry() async throws {
        let ws = try await TestWorkspace()
        let datasett = try await vedtak(ws)
        let subject = try Subject(.user, "ny@nav.no")
        await #expect(throws: ServiceError.self) {
            try await ws.services.access.requestAccess(NewAccessRequest(datasettID: datasett.id, subject: subject, expires: TestWorkspace.now, polly: nil))
        }
        let request = try await ws.services.access.requestAccess(NewAccessRequest(datasettID: datasett.id, subject: subject, expires: nil, polly: nil))
        #expect(request.status == .pending && request.owner == "ny@nav.no")
    }

    @Test func deletingADataproduktRevokesItsGrantsInIAM() async throws {
        let ws = try await TestWorkspace()
        let product = try await ws.product("dagpengevedtak")
        try await ws.services.marketplace.deleteDataprodukt(product.id)
        let policy = try await ws.services.iam.tablePolicy(vedtakTable)
        #expect(!policy.members(of: "roles/bigquery.dataViewer").contains("user:kari.nordmann@nav.no"))
    }
}

@Suite("IAM etags")
struct IAMEtagTests {
    let table = TestWorkspace.ref("dagpenger-prod-4e2b.rasone.tabell_1")

    @Test func tablePolicyWritesNeedTheCurrentEtag() async throws {
        let ws = try await TestWorkspace()
        let iam = ws.services.iam
        let empty = try await iam.tablePolicy(table)
        #expect(empty.bindings.isEmpty && empty.etag == "ACAB")
        let first = try await iam.setTablePolicy(table, empty.adding("user:a@nav.no", to: "roles/bigquery.dataViewer"))
        #expect(first.etag != empty.etag)
        let second = try await iam.setTablePolicy(table, first.adding("user:b@nav.no", to: "roles/bigquery.dataViewer"))
        #expect(second.etag != first.etag)
        // A writer holding the old etag is refused, and nothing changes.
        await #expect(throws: ServiceError.self) {
            try await iam.setTablePolicy(table, first.removing("user:a@nav.no", from: "roles/bigquery.dataViewer"))
        }
        #expect(try await iam.tablePolicy(table) == second)
        #expect(second.members(of: "roles/bigquery.dataViewer") == ["user:a@nav.no", "user:b@nav.no"])
    }

    @Test func datasetAccessWritesNeedTheCurrentEtag() async throws {
        let ws = try await TestWorkspace()
        let iam = ws.services.iam
        let current = try await iam.datasetAccess(table.datasetRef)
        #expect(current.entries.contains(DatasetAccessEntry(role: "OWNER", grantee: .specialGroup("projectOwners"))))
        let entry = DatasetAccessEntry(role: "READER", grantee: .groupByEmail("team-x@nav.no"))
        let written = try await iam.setDatasetAccess(table.datasetRef, DatasetAccess(entries: current.entries + [entry], etag: current.etag))
        #expect(written.etag != current.etag && written.entries.last == entry)
        do {
            _ = try await iam.setDatasetAccess(table.datasetRef, DatasetAccess(entries: [], etag: current.etag))
            Issue.record("expected conflict")
        } catch let error as ServiceError {
            guard case .conflict = error else { Issue.record("expected conflict, got \(error)"); return }
        }
        #expect(try await iam.datasetAccess(table.datasetRef) == written)
    }

    @Test func policiesOfMissingTablesAreNotFound() async throws {
        let ws = try await TestWorkspace()
        await #expect(throws: ServiceError.self) { try await ws.services.iam.tablePolicy(TestWorkspace.ref("dagpenger-prod-4e2b.rasone.nei")) }
    }
}

@Suite("Drafts and the audit log")
struct DraftsAndAuditTests {
    @Test func draftsRoundTrip() async throws {
        let ws = try await TestWorkspace()
        let drafts = ws.services.drafts
        let draft = Draft(kind: "dataprodukt", title: "Nytt produkt", payload: Data(#"{"side":2,"navn":"Utbetalinger"}"#.utf8))
        let saved = try await drafts.save(draft)
        #expect(saved.updated == TestWorkspace.now)
        #expect(try await drafts.load(draft.id) == saved)
        _ = try await drafts.save(Draft(id: draft.id, kind: "dataprodukt", title: "Omdøpt", payload: Data("{}".utf8)))
        #expect(try await drafts.list().map(\.title) == ["Omdøpt"])
        try await drafts.delete(draft.id)
        #expect(try await drafts.load(draft.id) == nil)
    }

    @Test func auditIsAppendOnly() async throws {
        let ws = try await TestWorkspace()
        let events = try await ws.services.audit.events(limit: 100)
        #expect(events.first?.action == "demo.reset")
        #expect(events.contains { $0.action == "grant.create" && $0.detail.contains("kari.nordmann@nav.no") })
        #expect(throws: DatabaseError.self) { try ws.workspace.pool.write { db in try db.execute(sql: "DELETE FROM auditEvent") } }
        #expect(throws: DatabaseError.self) { try ws.workspace.pool.write { db in try db.execute(sql: "UPDATE auditEvent SET actor = 'x'") } }
        #expect(try await ws.services.audit.events(limit: 100) == events)
    }

    @Test func resetKeepsTheAuditLog() async throws {
        let ws = try await TestWorkspace()
        let before = try await ws.services.audit.events(limit: 1000).count
        try await DemoWorkspace.reset(ws.workspace, now: TestWorkspace.now)
        #expect(try await ws.services.audit.events(limit: 1000).count > before)
        #expect(try await ws.services.marketplace.myDataprodukter().count == 3)
    }
}
