import Foundation
import Testing
import KatalogCore
import KatalogServices
@testable import KatalogLocal

/// IAM is read-modify-write with its etag: a writer with a stale etag is refused, and katalog's
/// reconcile then reads again and makes only its own change — nobody else's change is lost.
@Suite("IAM changes never lose anyone else's change")
struct IAMConcurrencyTests {
    static let table = try! TableRef(parsing: "dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk")

    @Test func twoWritersFromTheSameEtagTheSecondIsRefused() async throws {
        let ws = try await TestWorkspace()
        let iam = ws.services.iam
        let read = try await iam.tablePolicy(Self.table)
        _ = try await iam.setTablePolicy(Self.table, read.adding("user:a@nav.no", to: IAMDrift.tableRole))
        await #expect(throws: ServiceError.self) {
            _ = try await iam.setTablePolicy(Self.table, read.adding("user:b@nav.no", to: IAMDrift.tableRole))
        }
        let members = try await iam.tablePolicy(Self.table).bindings.flatMap(\.members)
        #expect(members.contains("user:a@nav.no") && !members.contains("user:b@nav.no"), "the first survives, the second was told")
    }

    /// Someone adds a binding between katalog's read and its write.
    final class Interfering: IAMPolicies, @unchecked Sendable {
        let base: any IAMPolicies
        var interfered = false
        init(_ base: any IAMPolicies) { self.base = base }
        func tablePolicy(_ table: TableRef) async throws -> IAMPolicy { try await base.tablePolicy(table) }
        func setTablePolicy(_ table: TableRef, _ policy: IAMPolicy) async throws -> IAMPolicy {
            if !interfered {
                interfered = true
                let now = try await base.tablePolicy(table)
                _ = try await base.setTablePolicy(table, now.adding("user:samtidig@nav.no", to: IAMDrift.tableRole))
            }
            return try await base.setTablePolicy(table, policy)
        }
        func datasetAccess(_ dataset: DatasetRef) async throws -> DatasetAccess { try await base.datasetAccess(dataset) }
        func setDatasetAccess(_ dataset: DatasetRef, _ access: DatasetAccess) async throws -> DatasetAccess { try await base.setDatasetAccess(dataset, access) }
    }

    @Test func reconcileRereadsOnAConflictAndKeepsTheOtherChange() async throws {
        let ws = try await TestWorkspace()
        let interfering = Interfering(ws.services.iam)
        let services = try ws.workspace.services(now: { TestWorkspace.now }, iam: interfering)
        _ = try await ws.services.iam.setTablePolicy(Self.table, try await ws.services.iam.tablePolicy(Self.table).adding("user:terraform@nav.no", to: IAMDrift.tableRole))
        let review = AccessReview(services: services)
        let stray = try #require(try await review.snapshot().drift.first { $0.member == "user:terraform@nav.no" })
        try await review.fix(stray)
        #expect(interfering.interfered)
        let members = try await ws.services.iam.tablePolicy(Self.table).bindings.flatMap(\.members)
        #expect(!members.contains("user:terraform@nav.no"), "the stray binding is gone")
        #expect(members.contains("user:samtidig@nav.no"), "the change made meanwhile survives")
        #expect(members.contains("group:team-statistikk@nav.no"), "and every grant's binding")
    }

    /// Revoking removes only what no other active grant of the subject needs: the dataset entry
    /// stays while the subject still reads another table in the dataset.
    @Test func revokeKeepsWhatAnotherGrantOfTheSameSubjectNeeds() async throws {
        let ws = try await TestWorkspace()
        let access = ws.services.access
        let subject = try Subject(.user, "to.tabeller@nav.no")
        let meldekort = try #require(try await ws.product("meldekort-anonymisert").datasett.first)
        let soknader = try #require(try await ws.product("soknader-per-maned").datasett.first)
        let first = try await access.grant(GrantRequest(datasettID: meldekort.id, subject: subject, expires: nil))
        _ = try await access.grant(GrantRequest(datasettID: soknader.id, subject: subject, expires: nil))
        try await access.revoke(grant: first.id)
        let iam = ws.services.iam
        #expect(!(try await iam.tablePolicy(meldekort.source.table).bindings.flatMap(\.members).contains(subject.iamMember)), "its own table's binding goes")
        #expect(try await iam.tablePolicy(soknader.source.table).bindings.flatMap(\.members).contains(subject.iamMember))
        let entries = try await iam.datasetAccess(meldekort.source.table.datasetRef).entries
        #expect(entries.contains(DatasetAccessEntry(role: IAMDrift.datasetRole, grantee: .userByEmail(subject.email))), "the dataset entry is still needed")
    }
}
