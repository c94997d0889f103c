import Foundation
import Testing
import KatalogTestSupport
import KatalogCore
import KatalogServices
@testable import KatalogLocal

/// `access risks`, `access drift [--fix]` and `access extend` through the binary on the demo,
/// with a binding someone made in "the console".
@Suite("Risks and drift from the command line", .offThePool)
struct AccessReviewCommandTests {
    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func risksDriftAndTheirFixes() async throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let table = try TableRef(parsing: "dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk")
        let workspace = try LocalWorkspace(path: katalog.workspace)
        let iam = try workspace.services().iam
        _ = try await iam.setTablePolicy(table, try await iam.tablePolicy(table).adding("user:terraform@nav.no", to: IAMDrift.tableRole))
        try workspace.close()

        let risks = try json(try katalog.run(["access", "risks", "--json"] + ws).stdout)
        #expect(Set(risks.compactMap { $0["kind"] as? String }) == ["personal_data_without_purpose", "expiring_soon", "expired_still_in_iam"])
        let soon = try #require(risks.first { $0["kind"] as? String == "expiring_soon" }?["action"] as? String)
        #expect(soon.hasPrefix("katalog access extend "))

        let drift = try json(try katalog.run(["access", "drift", "--json"] + ws).stdout)
        #expect(Set(drift.map { "\($0["kind"]!) \($0["member"]!)" }) == [
            "strayTableBinding user:terraform@nav.no", "strayTableBinding user:per.hansen@nav.no", "strayDatasetEntry user:per.hansen@nav.no",
        ])
        let unconfirmed = try katalog.run(["access", "drift", "--fix"] + ws)
        #expect(unconfirmed.status == 1 && unconfirmed.stderr.contains("add --yes"))
        #expect(try katalog.run(["access", "drift", "--fix", "--yes", "--read-only"] + ws).status == 1)
        let fixed = try katalog.run(["access", "drift", "--fix", "--yes"] + ws)
        #expect(fixed.status == 0 && fixed.stdout.contains("✓ reconciled: strayTableBinding user:terraform@nav.no"), "\(fixed.stdout)\(fixed.stderr)")
        #expect(try katalog.run(["access", "drift"] + ws).stdout.contains("No drift"))
        // Nobody else's binding went: the owner group and the other grantees still read the table.
        let after = try LocalWorkspace(path: katalog.workspace)
        let readers = try await after.services().iam.tablePolicy(table).bindings.filter { $0.role == IAMDrift.tableRole }.flatMap(\.members)
        #expect(Set(readers).isSuperset(of: ["group:team-statistikk@nav.no", "user:kari.nordmann@nav.no"]) && !readers.contains("user:terraform@nav.no"))
        let audit = try await after.services().audit.events(limit: 10).filter { $0.action == "iam.reconcile" }
        #expect(audit.count == 3, "each reconcile in the audit log")
        try after.close()

        // The risk says what to do; doing it makes it go.
        let extend = try katalog.run(soon.split(separator: " ").dropFirst().map(String.init).map { $0 == "DATE" ? "2027-06-30" : $0 } + ws)
        #expect(extend.status == 0 && extend.stdout.contains("has access until 2027-06-30"), "\(extend.stderr)")
        let later = try json(try katalog.run(["access", "risks", "--json"] + ws).stdout)
        #expect(!later.contains { $0["kind"] as? String == "expiring_soon" })
    }

    /// Dropping the råsone table behind a dataprodukt: that dataprodukt and every grantee, exit 3;
    /// a table nothing reads: exit 0.
    @Test func impactListsWhatIsDownstreamAndWhoLosesData() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let impact = try katalog.run(["impact", "rasone.tabell_2", "--json"] + ws)
        #expect(impact.status == 3 && impact.stderr.contains("2 registered datasett are affected"), "\(impact.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(impact.stdout.utf8)) as? [String: Any])
        let affected = try #require(output["affected"] as? [[String: Any]])
        #expect(Set(affected.compactMap { $0["slug"] as? String }) == ["dagpengevedtak", "soknader-per-maned"])
        let vedtak = try #require(affected.first { $0["slug"] as? String == "dagpengevedtak" }?["grantees"] as? [[String: Any]])
        #expect(Set(vedtak.compactMap { $0["subject"] as? String }) == ["user:kari.nordmann@nav.no", "group:team-statistikk@nav.no",
                                                                       "serviceAccount:dvh-lastejobb@dvh-prod-9c1d.iam.gserviceaccount.com"])
        #expect((output["downstream"] as? [[String: Any]])?.contains { $0["id"] as? String == "dagpenger-prod-4e2b.behandling.vedtak_daglig" } == true)
        // Read by a scheduled query into a processing table, and no further: no datasett, exit 0.
        let inside = try katalog.run(["impact", "rasone.stønadshistorikk"] + ws)
        #expect(inside.status == 0 && inside.stdout.contains("behandling.vedtak_daglig"), "\(inside.stdout)")
        let quiet = try katalog.run(["impact", "behandling.hendelser_per_time"] + ws)
        #expect(quiet.status == 0 && quiet.stdout.contains("Nothing reads from the table."), "\(quiet.stdout)")
        #expect(try katalog.run(["impact", "rasone.finnes_ikke"] + ws).status == 1)
    }

    @Test func theAuditLogListsChangesNewestFirstFilteredByDayAndAction() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let grant = try katalog.run(["access", "grant", "--datasett", "meldekort-anonymisert", "--subject", "user:ny@nav.no", "--json"] + ws)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(grant.stdout.utf8)) as? [String: Any])?["id"] as? String)
        #expect(try katalog.run(["access", "revoke", id] + ws).status == 0)
        let today = try json(try katalog.run(["audit", "--since", "2026-11-25", "--action", "grant", "--json"] + ws).stdout)
        #expect(today.map { $0["action"] as? String } == ["grant.revoke", "grant.create"])
        #expect(today.allSatisfy { $0["actor"] as? String == "ola.nordmann@nav.no" && $0["status"] as? String == "done" })
        #expect(today.first?["target"] as? String == id)
        let bad = try katalog.run(["audit", "--since", "2026-13-01"] + ws)
        #expect(bad.status == 1 && bad.stderr.contains("is not a date"))
    }
}
