import Foundation
import Testing
import KatalogTestSupport
import KatalogCore
import KatalogServices
@testable import KatalogCLI

/// What a new user hit on the command line (each failed before its fix).
@Suite("Defects a new user hit: the command line", .offThePool)
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

    @Test func idsAreLowerCaseGrantsHaveAStatusAndPrefixesWork() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let list = try katalog.run(["access", "list", "--json"] + ws).stdout
        let ids = list.matches(of: /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/).map { String($0.output) }
        #expect(!ids.isEmpty && ids.allSatisfy { $0 == $0.lowercased() }, "no upper-case ids")
        let grants = try json(list)
        #expect(Set(grants.compactMap { $0["status"] as? String }) == ["active", "expired"])
        // Approve by a unique start of the id.
        let pending = try json(try katalog.run(["access", "list", "--pending", "--json"] + ws).stdout)
        let id = try #require(pending.first?["id"] as? String)
        let approve = try katalog.run(["access", "approve", String(id.prefix(8)), "--json"] + ws)
        #expect(approve.status == 0, "\(approve.stderr)")
        let grant = try #require(try JSONSerialization.jsonObject(with: Data(approve.stdout.utf8)) as? [String: Any])
        #expect(grant["status"] as? String == "active" && (grant["accessRequestID"] as? String) == id)
        // Revoke by prefix, JSON back.
        let revoke = try katalog.run(["access", "revoke", String((grant["id"] as! String).prefix(6)), "--json"] + ws)
        let revoked = try #require(try JSONSerialization.jsonObject(with: Data(revoke.stdout.utf8)) as? [String: Any])
        #expect(revoked["status"] as? String == "revoked")
    }

    @Test func anAmbiguousPrefixListsTheCandidates() throws {
        let ids = ["d85a5830-0000-4000-8000-000000000001", "d85a5830-1111-4000-8000-000000000002", "aa000000-0000-4000-8000-000000000003"]
            .map { UUID(uuidString: $0)! }
        let what = LocalizedText(nb: "tilgang", en: "grant")
        #expect(try IDPrefix.resolve("AA00", among: ids, what: what) == ids[2])
        #expect(try IDPrefix.resolve("d85a5830-1", among: ids, what: what) == ids[1])
        do {
            _ = try IDPrefix.resolve("d85a5830", among: ids, what: what)
            Issue.record("ambiguous")
        } catch let error as InvalidInput {
            #expect(error.message.en.contains("d85a5830 matches 2 ids: d85a5830-0000-4000-8000-000000000001, d85a5830-1111-4000-8000-000000000002"))
            #expect(error.isBadInput)
        }
        #expect(throws: ServiceError.self) { try IDPrefix.resolve("ffff", among: ids, what: what) }
        #expect(throws: InvalidInput.self) { try IDPrefix.resolve("d8", among: ids, what: what) }
    }

    @Test func aDatasettCanBeNamedBySlugNameOrIdPrefix() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let bySlug = try katalog.run(["access", "list", "--datasett", "vedtaksstatistikk", "--json"] + ws)
        let byName = try katalog.run(["access", "list", "--datasett", "Vedtaksstatistikk", "--json"] + ws)
        #expect(bySlug.status == 0 && byName.status == 0 && bySlug.stdout == byName.stdout, "\(byName.stderr)")
        let unknown = try katalog.run(["access", "list", "--datasett", "Finnes ikke"] + ws)
        #expect(unknown.status == 1 && unknown.stderr.contains("No datasett has the id, slug or name"))
    }

    @Test func doctorWithoutAProjectReportsSettingsAndCredentials() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let config = katalog.home.appendingPathComponent("config/katalog")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "theme: nav\nlineage:\n  fan_limit: 1\n".write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let result = try katalog.run(["doctor"], environment: ["KATALOG_ACCESS_TOKEN": "ya29.doctor-test-token-123"])
        #expect(result.stdout.contains("Settings:      ✗ ") && result.stdout.contains("config.yaml:3: lineage.fan_limit must be"), "\(result.stdout)")
        #expect(result.stdout.contains("Credentials:   ✓ access token from KATALOG_ACCESS_TOKEN (not tried without a project)"))
        #expect(!result.stdout.contains("ya29.doctor-test-token-123"))
        #expect(result.status == 2, "a bad setting is a problem worth a non-zero exit")
        let none = try katalog.run(["doctor"], environment: ["PATH": "/nonexistent"])
        #expect(none.stdout.contains("Credentials:   none found — ") && none.stdout.contains("Settings:      no config.yaml") == false)
    }

    @Test(arguments: [["doctor", "--json"], ["keys", "--json"], ["demo", "--json"], ["demo", "--reset", "--json"]])
    func everyCommandThatPrintsHasJSON(_ command: [String]) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let result = try katalog.run(command)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [Any] || (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [String: Any]))
    }

    @Test func transfersOnTheCommandLineWithWhyAJobFailed() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let scheduled = try katalog.run(["scheduled"] + ws)
        #expect(scheduled.status == 0 && scheduled.stdout.contains("every day 05:00 (UTC)") && scheduled.stdout.contains("✗ failed"))
        #expect(scheduled.stdout.contains("Column dagsats in SELECT list has type NUMERIC"))
        let failed = try katalog.run(["scheduled", "--failed", "--json"] + ws)
        #expect(failed.status == 3, "a CI step can fail on it")
        let jobs = try json(failed.stdout)
        #expect(jobs.count == 1 && (jobs[0]["lastError"] as? String)?.contains("INT64") == true && jobs[0]["nextRun"] is String)
        let connections = try json(try katalog.run(["connections", "--json"] + ws).stdout)
        #expect(connections.first?["id"] as? String == "europe-north1.dp-vedtak-pg")
        let streams = try json(try katalog.run(["streams", "--json"] + ws).stdout)
        #expect(streams.first?["displayName"] as? String == "dp-soknad til råsone")
    }

    @Test func approvingPersonalDataWithoutAPurposeAsksForForce() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let pending = try json(try katalog.run(["access", "list", "--pending", "--json"] + ws).stdout)
        let team = try #require(pending.first { ($0["subject"] as? [String: Any])?["email"] as? String == "team-analyse@nav.no" }?["id"] as? String)
        let refused = try katalog.run(["access", "approve", team] + ws)
        #expect(refused.status == 1 && refused.stderr.contains("names no processing in Polly") && refused.stderr.contains("Add --force"), "\(refused.stderr)")
        #expect(try json(try katalog.run(["access", "list", "--pending", "--json"] + ws).stdout).count == pending.count, "nothing approved")
        let forced = try katalog.run(["access", "approve", team, "--force"] + ws)
        #expect(forced.status == 0, "\(forced.stderr)")
    }

    @Test func grantingAgainSaysItReplacesTheEarlierGrant() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let first = try katalog.run(["access", "grant", "--datasett", "meldekort-anonymisert", "--subject", "user:ny@nav.no", "--expires", "2027-01-31"] + ws)
        #expect(first.status == 0 && !first.stderr.contains("already had access"))
        let again = try katalog.run(["access", "grant", "--datasett", "meldekort-anonymisert", "--subject", "user:ny@nav.no"] + ws)
        #expect(again.status == 0 && again.stderr.contains("user:ny@nav.no already had access") && again.stderr.contains("expiring 2027-01-31"), "\(again.stderr)")
    }

    static let commands: [[String]] = [[], ["ls"], ["show"], ["connections"], ["scheduled"], ["streams"], ["products"], ["products", "show"],
                                       ["access"], ["access", "list"], ["access", "grant"], ["access", "revoke"], ["access", "approve"],
                                       ["access", "deny"], ["lineage"], ["keys"], ["doctor"], ["demo"], ["publish"], ["drafts"], ["products", "delete"], ["audit"], ["impact"],
                                       ["access", "risks"], ["access", "drift"], ["access", "extend"], ["access", "requests"]]

    /// `--help` in bokmål: no English sentence of the English help is left, and it fits 80 columns.
    @Test(arguments: commands)
    func helpFollowsLangNb(_ command: [String]) throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let english = try katalog.run(command + ["--help"]).stdout
        let norwegian = try katalog.run(command + ["--help", "--lang", "nb"])
        #expect(norwegian.status == 0 && norwegian.stdout.contains("OVERSIKT:") && norwegian.stdout.contains("BRUK:"))
        #expect(!norwegian.stdout.contains("OPTIONS:") && !norwegian.stdout.contains("Show help information"))
        for line in english.split(separator: "\n") {
            let text = line.count > 26 && line.hasPrefix("  ") ? String(line.dropFirst(26)) : String(line)
            let words = text.split(separator: " ")
            guard words.count >= 4, !text.contains("<"), !text.contains("`"), !text.contains("$XDG"), !text.hasPrefix("USAGE") else { continue }
            #expect(!norwegian.stdout.contains(text), "untranslated: \(text)")
        }
        #expect(norwegian.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func usageErrorsFollowLangNb() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let unknown = try katalog.run(["ls", "--bogus", "--lang", "nb"])
        #expect(unknown.status == 1 && unknown.stderr.contains("Feil: ukjent valg '--bogus'") && unknown.stderr.contains("for mer."))
        let missing = try katalog.run(["access", "deny"], environment: ["LANG": "nb_NO.UTF-8"])
        #expect(missing.stderr.contains("Feil: mangler argumentet '<request-id> ...'"), "\(missing.stderr)")
        #expect(try katalog.run(["ls", "--bogus"]).stderr.contains("Error: Unknown option"), "English stays English")
    }
}
