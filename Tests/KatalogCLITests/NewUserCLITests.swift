import Foundation
import Testing

/// What a new user hit on the command line (each failed before its fix).
@Suite("Defects a new user hit: the command line")
struct NewUserCLITests {
    func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func aDenialWithoutAReasonIsRefused() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let pending = try json(try katalog.run(["access", "list", "--pending", "--json"] + ws).stdout)
        let id = try #require(pending.first?["id"] as? String)
        for reason in [[], ["--reason", "   "]] {
            let deny = try katalog.run(["access", "deny", id] + reason + ws)
            #expect(deny.status == 1 && deny.stderr.contains("A denial needs a reason"), "\(deny.stderr)")
        }
        #expect(try json(try katalog.run(["access", "list", "--pending", "--json"] + ws).stdout).count == pending.count, "nothing was denied")
        let nb = try katalog.run(["access", "deny", id, "--lang", "nb"] + ws)
        #expect(nb.stderr.contains("Et avslag må ha en begrunnelse"))
    }

    @Test(arguments: ["never", "forever", "aldri", "NEVER"])
    func everySpellingOfForeverIsAccepted(_ spelling: String) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let grant = try katalog.run(["access", "grant", "--datasett", "meldekort-anonymisert", "--subject", "user:ny@nav.no", "--expires", spelling,
                                     "--json", "--workspace", katalog.workspace])
        #expect(grant.status == 0, "\(grant.stderr)")
        let granted = try #require(try JSONSerialization.jsonObject(with: Data(grant.stdout.utf8)) as? [String: Any])
        #expect(granted["expires"] == nil || granted["expires"] is NSNull)
    }

    @Test func theExpiryMessageSaysNever() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let past = try katalog.run(["access", "grant", "--datasett", "meldekort-anonymisert", "--subject", "user:ny@nav.no", "--expires", "2026-11-25",
                                    "--workspace", katalog.workspace])
        #expect(past.status == 1 && past.stderr.contains("or “never”") && !past.stderr.contains("forever"))
    }
}
