import Foundation
import GRDB
import Testing
import KatalogTestSupport

@Suite("Reviewing access from the command line", .offThePool)
struct AccessCommandTests {
    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func listGrantsAndPendingRequests() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let grants = try katalog.run(["access", "list", "--workspace", katalog.workspace, "--lang", "nb"])
        #expect(grants.status == 0)
        let lines = grants.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.contains { $0.contains("user:per.hansen@nav.no") && $0.contains("utløpt") && $0.contains("for 3 dager siden") })
        #expect(lines.contains { $0.contains("group:team-statistikk@nav.no") && $0.contains("aktiv") && $0.contains("om 5 dager") })
        #expect(lines.contains { $0.contains("Søknader per måned") && $0.contains("group:all-users@nav.no") && $0.contains("aldri") })

        let pending = try katalog.run(["access", "--pending", "--json", "--workspace", katalog.workspace])
        let requests = try json(pending.stdout)
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0["status"] as? String == "pending" })
        #expect(requests.contains { ($0["polly"] as? [String: Any])?["name"] as? String == "B412 - Analyse av ytelser ved arbeidsledighet" })
    }

    @Test func approveDenyGrantRevokeRoundTrip() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let requests = try json(try katalog.run(["access", "list", "--pending", "--json"] + ws).stdout)
        let nora = try #require(requests.first { ($0["subject"] as? [String: Any])?["email"] as? String == "nora.berg@nav.no" }?["id"] as? String)
        let team = try #require(requests.first { ($0["subject"] as? [String: Any])?["email"] as? String == "team-analyse@nav.no" }?["id"] as? String)

        let approve = try katalog.run(["access", "approve", nora] + ws)
        #expect(approve.status == 0 && approve.stdout.contains("user:nora.berg@nav.no now has access"))
        let deny = try katalog.run(["access", "deny", team, "--reason", "Mangler behandlingsgrunnlag"] + ws)
        #expect(deny.status == 0)
        let again = try katalog.run(["access", "deny", team] + ws)
        #expect(again.status == 1 && again.stderr.contains("already been handled"))
        let byStart = try katalog.run(["access", "deny", String(team.prefix(8))] + ws)
        #expect(byStart.status == 1 && byStart.stderr.contains("a handled request needs its whole id"), "\(byStart.stderr)")
        #expect(try json(try katalog.run(["access", "list", "--pending", "--json"] + ws).stdout).count == 1)

        let grant = try katalog.run(["access", "grant", "--datasett", "meldekort-anonymisert", "--subject", "user: Ny.Bruker@NAV.no", "--expires", "2027-01-31", "--json"] + ws)
        #expect(grant.status == 0, "\(grant.stderr)")
        let granted = try #require(try JSONSerialization.jsonObject(with: Data(grant.stdout.utf8)) as? [String: Any])
        #expect((granted["subject"] as? [String: Any])?["email"] as? String == "ny.bruker@nav.no")
        #expect(granted["expires"] as? String == "2027-01-31T22:59:59Z")  // end of the day in Oslo
        let id = try #require(granted["id"] as? String)
        let revoke = try katalog.run(["access", "revoke", id] + ws)
        #expect(revoke.status == 0)
        let revoked = try json(try katalog.run(["access", "list", "--datasett", "meldekort-anonymisert", "--json"] + ws).stdout)
        #expect(revoked.first { $0["id"] as? String == id }?["revoked"] != nil)
    }

    @Test func rulesAndReadOnlyRefuseChanges() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let sensitive = try katalog.run(["access", "grant", "--datasett", "Vedtaksstatistikk".lowercased(), "--subject", "group:all-users@nav.no"] + ws)
        #expect(sensitive.status == 1 && sensitive.stderr.contains("cannot be opened to all of NAV"))
        let past = try katalog.run(["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:a@nav.no", "--expires", "2026-11-25"] + ws)
        #expect(past.status == 1 && past.stderr.contains("tomorrow or later"))
        let badDate = try katalog.run(["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:a@nav.no", "--expires", "2026-02-30"] + ws)
        #expect(badDate.status == 1 && badDate.stderr.contains("YYYY-MM-DD"))
        let badSubject = try katalog.run(["access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "ola"] + ws)
        #expect(badSubject.status == 1 && badSubject.stderr.contains("user:email"))
        let badID = try katalog.run(["access", "revoke", "ikke-en-id"] + ws)
        #expect(badID.status == 1 && badID.stderr.contains("is not an id"))
        let readOnly = try katalog.run(["--read-only", "access", "grant", "--datasett", "vedtaksstatistikk", "--subject", "user:a@nav.no"] + ws)
        #expect(readOnly.status == 1 && readOnly.stderr.contains("--read-only"))
        #expect(try katalog.run(["--read-only", "access", "list"] + ws).status == 0)
        let grants = try json(try katalog.run(["access", "list", "--json"] + ws).stdout)
        #expect(grants.count == 6)
    }

    @Test func twoProcessesWritingAtOnceDoNotCorruptTheFile() async throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let perProcess = 12
        // Two writers in parallel, each granting to its own subjects.
        try await withThrowingTaskGroup(of: [Int32].self) { group in
            for writer in ["a", "b"] {
                group.addTask {
                    try (0..<perProcess).map { n in
                        try katalog.run(["access", "grant", "--datasett", "meldekort-anonymisert", "--subject", "user:\(writer)\(n)@nav.no",
                                         "--workspace", katalog.workspace]).status
                    }
                }
            }
            for try await statuses in group { #expect(statuses.allSatisfy { $0 == 0 }) }
        }
        let queue = try DatabaseQueue(path: katalog.workspace)
        let (check, grants, members) = try await queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accessGrant WHERE subject LIKE 'user:a%' OR subject LIKE 'user:b%'"),
             try String.fetchOne(db, sql: "SELECT bindings FROM tableIamPolicy WHERE tableRef LIKE '%meldekort_anonymisert'"))
        }
        #expect(check == "ok")
        #expect(grants == 2 * perProcess)
        // Every grant also reached the table's IAM policy: no lost update between the writers.
        for writer in ["a", "b"] { for n in 0..<perProcess { #expect(members?.contains("user:\(writer)\(n)@nav.no") == true) } }
    }

    /// Several ids act in turn, one line each; one that fails stops nothing and makes the exit 1.
    @Test func severalRequestsAtOnceWithALineEach() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let ids = try json(try katalog.run(["access", "list", "--pending", "--json"] + ws).stdout).compactMap { $0["id"] as? String }
        #expect(ids.count == 3)
        let denied = try katalog.run(["access", "deny", ids[0], "ffffffff-0000-4000-8000-000000000000", ids[1], "--reason", "Mangler formål"] + ws)
        #expect(denied.status == 1, "one of three failed")
        let lines = denied.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[0].hasPrefix("✓ Denied the request") && lines[1].hasPrefix("✗ ffffffff-") && lines[2].hasPrefix("✓ Denied"), "\(denied.stdout)")
        #expect(try json(try katalog.run(["access", "list", "--pending", "--json"] + ws).stdout).map { $0["id"] as? String } == [ids[2]])
    }

    /// The twins' spelling: the datasett as the argument, the subject by its kind; `access requests`.
    @Test func grantByKindAndRequestsAsTheirOwnCommand() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let grant = try katalog.run(["access", "grant", "meldekort-anonymisert", "--service-account", "Jobb@P.iam.gserviceaccount.com",
                                     "--owner", "team-analyse@nav.no", "--expires", "2027-01-31", "--json"] + ws)
        #expect(grant.status == 0, "\(grant.stderr)")
        let made = try #require(try JSONSerialization.jsonObject(with: Data(grant.stdout.utf8)) as? [String: Any])
        #expect((made["subject"] as? [String: Any])?["type"] as? String == "serviceAccount" && made["owner"] as? String == "team-analyse@nav.no")
        let two = try katalog.run(["access", "grant", "meldekort-anonymisert", "--user", "a@nav.no", "--group", "b@nav.no"] + ws)
        #expect(two.status == 1 && two.stderr.contains("Name one to grant"))
        let requests = try json(try katalog.run(["access", "requests", "--json"] + ws).stdout)
        #expect(requests.count == 3)
    }
}
