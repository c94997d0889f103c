import Foundation
import Testing
@testable import KatalogCore

/// Each risk rule on crafted grants and IAM, and what it says and offers; and the drift
/// between grants and IAM, both ways.
@Suite("Access risks and IAM drift")
struct AccessRiskTests {
    let now = try! Date("2026-11-25T12:00:00Z", strategy: .iso8601)
    let table = try! TableRef(parsing: "dagpenger-prod-4e2b.dataprodukter.vedtak")
    let owner = "teamdagpenger@nav.no"

    func datasett(_ pii: PIILevel) -> Datasett {
        Datasett(id: UUID(), dataproduktID: UUID(), name: "Vedtak", description: nil, slug: "vedtak", repo: nil, pii: pii, keywords: [],
                 anonymisationDescription: nil, targetUser: "", source: BigQuerySource(table: table, tableKind: .table), created: now, lastModified: now)
    }

    func grant(_ member: String, expiresInDays days: Double? = nil, owner: String? = nil, request: UUID? = nil, revoked: Bool = false) throws -> Grant {
        Grant(id: UUID(), datasettID: UUID(), subject: try Subject(iamMember: member), owner: owner ?? String(member.split(separator: ":")[1]),
              granter: "ola@nav.no", expires: days.map { now.addingTimeInterval($0 * 86_400) }, created: now.addingTimeInterval(-86_400 * 30),
              revoked: revoked ? now : nil, accessRequestID: request)
    }

    func policy(_ members: [String]) -> IAMPolicy {
        IAMPolicy(bindings: [.init(role: IAMDrift.tableRole, members: members), .init(role: "roles/bigquery.dataOwner", members: ["group:\(owner)"])], etag: "e1")
    }

    func kinds(_ risks: [AccessRisk]) -> [AccessRisk.Kind] { risks.map(\.kind) }

    @Test func personalDataOpenToAllOfNAVIsARiskOnlyWithPersonalData() throws {
        let open = try grant("group:all-users@nav.no")
        for (pii, expected) in [(PIILevel.sensitive, [AccessRisk.Kind.personalDataOpenToAll]), (.anonymised, [.personalDataOpenToAll]), (.none, [])] {
            let risks = AccessRisks.find([.init(datasett: datasett(pii), grants: [open], tablePolicy: nil, ownerGroup: owner)], now: now)
            #expect(kinds(risks) == expected, "\(pii)")
        }
        let risk = try #require(AccessRisks.find([.init(datasett: datasett(.sensitive), grants: [open], tablePolicy: nil, ownerGroup: owner)], now: now).first)
        #expect(risk.action == .revoke(grant: open.id) && risk.message.en.contains("Revoke the all-of-NAV grant"))
    }

    @Test func anExpiredGrantStillInIAMAndOneExpiringSoon() throws {
        let expired = try grant("user:per@nav.no", expiresInDays: -3)
        let soon = try grant("user:kari@nav.no", expiresInDays: 5)
        let later = try grant("user:nils@nav.no", expiresInDays: 30)
        let gone = try grant("user:eva@nav.no", expiresInDays: -3)
        let risks = AccessRisks.find([.init(datasett: datasett(.none), grants: [expired, soon, later, gone],
                                           tablePolicy: policy(["user:per@nav.no", "user:kari@nav.no", "user:nils@nav.no"]), ownerGroup: owner)], now: now)
        #expect(kinds(risks) == [.expiredStillInIAM, .expiringSoon], "an expired grant out of IAM is no risk; one in 30 days neither")
        #expect(risks[0].action == .revoke(grant: expired.id) && risks[1].action == .extend(grant: soon.id))
        #expect(risks[1].message.en == "The grant to user:kari@nav.no on “Vedtak” expires in 5 days. Extend it if it is still needed.")
    }

    @Test func personalDataWithoutADocumentedPurpose() throws {
        let direct = try grant("user:per@nav.no")
        let documented = UUID(), undocumented = UUID()
        let viaPolly = try grant("user:kari@nav.no", request: documented)
        let viaNothing = try grant("user:nils@nav.no", request: undocumented)
        let team = try grant("group:\(owner)")
        let input = AccessRisks.Input(datasett: datasett(.sensitive), grants: [direct, viaPolly, viaNothing, team], tablePolicy: nil,
                                      documentedPurpose: [documented: true, undocumented: false], ownerGroup: owner)
        #expect(AccessRisks.find([input], now: now).map(\.member) == ["user:per@nav.no", "user:nils@nav.no"])
        let plain = AccessRisks.Input(datasett: datasett(.none), grants: [direct], tablePolicy: nil, ownerGroup: owner)
        #expect(AccessRisks.find([plain], now: now).isEmpty, "no personal data, no purpose needed")
    }

    @Test func serviceAccountsNeedAnOwnerTeam() throws {
        let orphan = try grant("serviceAccount:jobb@p.iam.gserviceaccount.com")
        let owned = try grant("serviceAccount:last@p.iam.gserviceaccount.com", owner: "team-dvh@nav.no")
        let risks = AccessRisks.find([.init(datasett: datasett(.none), grants: [orphan, owned], tablePolicy: nil, ownerGroup: owner)], now: now)
        #expect(kinds(risks) == [.serviceAccountWithoutOwnerTeam] && risks[0].member == "serviceAccount:jobb@p.iam.gserviceaccount.com")
    }

    @Test func deletedMembersInIAMAndGrantsToThem() throws {
        let left = try grant("user:sluttet@nav.no")
        let iam = policy(["deleted:user:sluttet@nav.no?uid=1234567890", "deleted:group:nedlagt@nav.no?uid=42"])
        let risks = AccessRisks.find([.init(datasett: datasett(.none), grants: [left], tablePolicy: iam, ownerGroup: owner)], now: now)
        #expect(kinds(risks) == [.grantToDeletedSubject, .deletedMemberInIAM, .deletedMemberInIAM])
        #expect(risks[0].action == .revoke(grant: left.id))
        #expect(risks[2].action == .removeTableBinding(member: "deleted:user:sluttet@nav.no?uid=1234567890", table: table))
    }

    // MARK: Drift

    @Test func driftBothWays() throws {
        let shared = datasett(.none)
        let kept = try grant("user:per@nav.no"), missing = try grant("group:team-analyse@nav.no"), old = try grant("user:gammel@nav.no", revoked: true)
        let tablePolicy = policy(["user:per@nav.no", "user:terraform@nav.no", "deleted:user:x@nav.no?uid=1"])
        let access = DatasetAccess(entries: [
            .init(role: IAMDrift.datasetRole, grantee: .userByEmail("per@nav.no")),
            .init(role: IAMDrift.datasetRole, grantee: .groupByEmail("team-analyse@nav.no")),
            .init(role: IAMDrift.datasetRole, grantee: .userByEmail("konsoll@nav.no")),
            .init(role: "OWNER", grantee: .groupByEmail(owner)),
            .init(role: nil, grantee: .view(table)),
        ], etag: "d1")
        let findings = IAMDrift.compare([(shared, [kept, missing, old])], tablePolicies: [table: tablePolicy], datasetAccess: [table.datasetRef: access], now: now)
        #expect(findings.map { "\($0.kind.rawValue) \($0.member)" } == [
            "strayTableBinding user:terraform@nav.no", "missingTableBinding group:team-analyse@nav.no", "strayDatasetEntry user:konsoll@nav.no",
        ])
        #expect(findings[1].grant == missing.id)
        #expect(IAMDrift.compare([(shared, [kept])], tablePolicies: [table: policy(["user:per@nav.no"])],
                                 datasetAccess: [table.datasetRef: DatasetAccess(entries: [.init(role: IAMDrift.datasetRole, grantee: .userByEmail("per@nav.no"))], etag: "d")],
                                 now: now).isEmpty, "grants and IAM agree: no drift")
    }
}
