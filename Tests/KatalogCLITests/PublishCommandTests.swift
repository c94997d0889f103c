import Foundation
import Testing
@testable import KatalogTestSupport
@testable import KatalogLocal
import KatalogServices

/// `katalog publish`: a manifest planned, applied and planned again, on the demo workspace and
/// against the test marketplace server; bad manifests with every problem at its place.
@Suite("Publishing from a manifest", .offThePool)
struct PublishCommandTests {
    static let manifest = """
        dataprodukt:
          name: Vedtak daglig
          slug: vedtak-daglig
          description: "Vedtak per dag <b>&amp;</b> utfall"
          owner: teamdagpenger@nav.no
          team: https://teamkatalog.nav.no/team/6a1f3c2e-8d2b-4b7a-9c1e-5f3d2a1b0c9d
          contact: team-dagpenger
        datasett:
          - table: dagpenger-prod-4e2b.behandling.vedtak_daglig
            name: Daglig
            keywords: [vedtak, daglig]
            pii: sensitive
            columns:
              dato: kan-være-indirekte-identifiserende
              utfall: kan-være-indirekte-identifiserende
              søknadstype: særlig-kategori
              antall: kan-være-indirekte-identifiserende
              med_tidligere_stønad: kan-være-indirekte-identifiserende
            pseudonymised: [søknadstype]
          - table: dagpenger-prod-4e2b.behandling.søknader_beriket
            name: Søknader beriket
            pii: none
            access: all-of-nav

        """

    func write(_ text: String, in katalog: KatalogBinary, name: String = "dataprodukt.yaml") throws -> String {
        let path = katalog.home.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func planApplyPlanOnTheDemo() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let file = try write(Self.manifest, in: katalog)
        let plan = try katalog.run(["publish", "-f", file, "--detailed-exitcode"] + ws)
        #expect(plan.status == 2, "changes pending: \(plan.stderr)")
        #expect(plan.stdout.contains("+ new dataprodukt “Vedtak daglig” owned by teamdagpenger@nav.no    POST /api/dataproducts/new"))
        #expect(plan.stdout.contains("BigQuery: a pseudonymised view (søknadstype) is registered instead of the table"))
        #expect(plan.stdout.contains("BigQuery: the view becomes an authorized view on the dataset dagpenger-prod-4e2b.behandling"))
        #expect(plan.stdout.contains("Plan: 3 to add, 0 to change, 0 to remove."))

        let refused = try katalog.run(["publish", "-f", file, "--apply"] + ws)
        #expect(refused.status == 1 && refused.stderr.contains("Add --yes to confirm"), "no terminal to ask in")
        let readOnly = try katalog.run(["publish", "-f", file, "--apply", "--yes", "--read-only"] + ws)
        #expect(readOnly.status == 1 && readOnly.stderr.contains("--read-only"))
        #expect(try katalog.run(["products", "show", "vedtak-daglig"] + ws).status == 1, "nothing written yet")

        let apply = try katalog.run(["publish", "-f", file, "--apply", "--yes"] + ws)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("[3/3] ✓ register the datasett “Søknader beriket”"))
        let again = try katalog.run(["publish", "-f", file, "--detailed-exitcode"] + ws)
        #expect(again.status == 0 && again.stdout.contains("No changes: the marketplace is as described."), "\(again.stdout)\(again.stderr)")
        let show = try katalog.run(["products", "show", "vedtak-daglig", "--json"] + ws)
        let product = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(product["description"] as? String == "Vedtak per dag <b>&amp;</b> utfall")
    }

    @Test func aBadManifestNamesEveryProblemAtItsPlaceAndWritesNothing() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        var bad = Self.manifest.replacingOccurrences(of: "  contact: team-dagpenger", with: "  contact: team-dagpenger\n  colour: blue")
        bad = bad.replacingOccurrences(of: "keywords: [vedtak, daglig]", with: "keywords: vedtak")
        bad = bad.replacingOccurrences(of: "søknadstype: særlig-kategori", with: "søknadstype: hemmelig")
        bad = bad.replacingOccurrences(of: "antall: kan-være-indirekte-identifiserende", with: "antal: kan-være-indirekte-identifiserende")
        let parse = try katalog.run(["publish", "-f", try write(bad, in: katalog), "--apply", "--yes"] + ws)
        #expect(parse.status == 1)
        let lines = parse.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("dataprodukt.yaml:8:3: dataprodukt.colour: unknown field “colour” (known: name, slug, description, owner, team, contact)") }, "\(parse.stderr)")
        #expect(lines.contains { $0.hasSuffix("dataprodukt.yaml:12:15: datasett[0].keywords: must be a list, such as [a, b]") })
        #expect(lines.contains { $0.hasSuffix("dataprodukt.yaml:17:20: datasett[0].columns.søknadstype: “hemmelig” is not one of direkte-identifiserende, særlig-kategori, kan-være-indirekte-identifiserende") })

        // Read correctly, wrong against the live table: a column that does not exist, one left unclassified.
        let live = Self.manifest.replacingOccurrences(of: "antall: kan-være-indirekte-identifiserende", with: "antal: kan-være-indirekte-identifiserende")
        let checked = try katalog.run(["publish", "-f", try write(live, in: katalog), "--lang", "nb"] + ws)
        #expect(checked.status == 1)
        #expect(checked.stderr.contains("dataprodukt.yaml:17:7: datasett[0].columns.antal: dagpenger-prod-4e2b.behandling.vedtak_daglig har ingen kolonne «antal»"), "\(checked.stderr)")
        #expect(checked.stderr.contains("dataprodukt.yaml:13:5: datasett[0].columns: et datasett med personopplysninger må klassifisere hver kolonne; mangler: antall"))

        // Sensitive and open to all of NAV cannot be applied.
        let open = Self.manifest.replacingOccurrences(of: "    pseudonymised: [søknadstype]", with: "    pseudonymised: [søknadstype]\n    access: all-of-nav")
        let refused = try katalog.run(["publish", "-f", try write(open, in: katalog), "--apply", "--yes"] + ws)
        #expect(refused.status == 1 && refused.stderr.contains("datasett[0].access: A datasett with personal data cannot be opened to all of NAV"), "\(refused.stderr)")
        #expect(try katalog.run(["products", "show", "vedtak-daglig"] + ws).status == 1, "nothing was written")
        let missing = try katalog.run(["publish", "-f", katalog.home.appendingPathComponent("finnes-ikke.yaml").path] + ws)
        #expect(missing.status == 1 && missing.stderr.contains("katalog publish --init TABLE"))
    }

    @Test func theTemplateFromInitAppliesAsItIs() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let template = try katalog.run(["publish", "--init", "rasone.tabell_1"] + ws)
        #expect(template.status == 0, "\(template.stderr)")
        #expect(template.stdout.contains("      person.fødselsnummer: direkte-identifiserende    # suggested: the name contains “fødselsnummer”"))
        #expect(template.stdout.contains("  team: https://teamkatalog.nav.no/team/6a1f3c2e-8d2b-4b7a-9c1e-5f3d2a1b0c9d"))
        let file = try write(template.stdout, in: katalog)
        let apply = try katalog.run(["publish", "-f", file, "--apply", "--yes"] + ws)
        #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
        #expect(try katalog.run(["publish", "-f", file, "--detailed-exitcode"] + ws).status == 0)
    }

    @Test func planApplyPlanAgainstTheMarketplaceServer() async throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let now = try Date("2026-11-25T12:00:00Z", strategy: .iso8601)
        let token = "katalog-test-marketplace-token-" + UUID().uuidString
        let server = try await MarketplaceTestServer.seeded(like: katalog, token: token, now: now)
        defer { server.stop() }
        let options = ["--workspace", katalog.workspace, "--marketplace", server.url.absoluteString]
        let environment = ["KATALOG_MARKETPLACE_TOKEN": token]
        let file = try write(Self.manifest, in: katalog)
        #expect(try katalog.run(["publish", "-f", file, "--detailed-exitcode"] + options, environment: environment).status == 2)
        let apply = try katalog.run(["publish", "-f", file, "--apply", "--yes"] + options, environment: environment)
        #expect(apply.status == 0, "\(apply.stderr)")
        let again = try katalog.run(["publish", "-f", file, "--detailed-exitcode"] + options, environment: environment)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        server.with { state in
            let product = state.products.values.first { $0.slug == "vedtak-daglig" }
            #expect(product?.description == "Vedtak per dag &lt;b&gt;&amp;amp;&lt;/b&gt; utfall", "escaped by the server, once, as sent")
            let datasets = state.datasets.values.filter { $0.productID == product?.id }
            #expect(datasets.count == 2)
            #expect(datasets.first { $0.name == "Daglig" }?.pseudoColumns == ["søknadstype"])
            #expect(state.authorizedViews["dagpenger-prod-4e2b.behandling"]?.contains("dagpenger-prod-4e2b.behandling.søknader_beriket") == true)
            #expect(state.tableBindings["dagpenger-prod-4e2b.behandling.søknader_beriket"]?.contains("group:all-users@nav.no") == true)
        }
    }

    @Test func deleteSaysWhoLosesAccessAndAsksFirst() async throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let asked = try katalog.run(["products", "delete", "dagpengevedtak"] + ws)
        #expect(asked.status == 1 && asked.stderr.contains("Add --yes to confirm"))
        #expect(asked.stdout.contains("“Vedtaksstatistikk” (dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk): 3 lose access — user:kari.nordmann@nav.no, group:team-statistikk@nav.no, serviceAccount:dvh-lastejobb@dvh-prod-9c1d.iam.gserviceaccount.com"), "\(asked.stdout)")
        #expect(try katalog.run(["products", "show", "dagpengevedtak"] + ws).status == 0, "nothing deleted without --yes")
        let deleted = try katalog.run(["products", "delete", "dagpengevedtak", "--yes"] + ws)
        #expect(deleted.status == 0 && deleted.stdout.contains("Deleted “Dagpengevedtak”."))
        #expect(try katalog.run(["products", "show", "dagpengevedtak"] + ws).status == 1)

        // The wizard's drafts, listed.
        let workspace = try LocalWorkspace(path: katalog.workspace)
        _ = try await workspace.services().drafts.save(Draft(kind: "dataprodukt", title: "Vedtak daglig", payload: Data("{}".utf8)))
        try workspace.close()
        let drafts = try katalog.run(["drafts"] + ws)
        #expect(drafts.status == 0 && drafts.stdout.contains("Vedtak daglig") && drafts.stdout.contains("dataprodukt"), "\(drafts.stdout)")
    }

    /// docs/manifest.md stays true: its example applies on the demo and plans as it shows.
    @Test func theDocumentedExampleWorksOnTheDemoAsShown() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let doc = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/manifest.md"), encoding: .utf8)
        func block(_ language: String) throws -> String {
            let start = try #require(doc.range(of: "```\(language)\n"))
            let end = try #require(doc.range(of: "\n```", range: start.upperBound..<doc.endIndex))
            return String(doc[start.upperBound..<end.lowerBound])
        }
        let file = try write(try block("yaml") + "\n", in: katalog)
        let plan = try katalog.run(["publish", "-f", file] + ws)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix(try block("text") + "\n"), "docs/manifest.md shows another plan:\n\(plan.stdout)")
        #expect(try katalog.run(["publish", "-f", file, "--apply", "--yes"] + ws).status == 0)
        #expect(try katalog.run(["publish", "-f", file, "--detailed-exitcode"] + ws).status == 0)
    }
}

/// A file far larger than such a file ever is — refused at once, with its size, never parsed.
@Suite("Files too large to be what they say", .offThePool)
struct TooLargeFileTests {
    @Test func aHugeManifestLineageFileAndConfigAreRefusedAtOnce() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let ws = ["--workspace", katalog.workspace]
        let huge = String(repeating: "# a log written into the wrong file\n", count: 160_000)  // 5.8 MB
        let manifest = katalog.home.appendingPathComponent("dataprodukt.yaml")
        try huge.write(to: manifest, atomically: true, encoding: .utf8)
        let publish = try katalog.run(["publish", "-f", manifest.path] + ws)
        #expect(publish.status == 1 && publish.stderr.contains("is 5.8 MB, more than the 4.0 MB such a file can be"), "\(publish.stderr)")
        let lineage = katalog.home.appendingPathComponent("lineage.yaml")
        try huge.write(to: lineage, atomically: true, encoding: .utf8)
        let drawn = try katalog.run(["lineage", "--lineage-file", lineage.path] + ws)
        #expect(drawn.status == 1 && drawn.stderr.contains("The lineage file") && drawn.stderr.contains("did not read it"), "\(drawn.stderr)")
        let config = katalog.home.appendingPathComponent("config/katalog")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try huge.write(to: config.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        #expect(try katalog.run(["ls"] + ws).status == 0, "a config too large is ignored, the defaults used")
    }
}
