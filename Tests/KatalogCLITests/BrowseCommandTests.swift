import Foundation
import Testing
import KatalogTestSupport

/// `katalog ls`, `show` and `products` against a demo workspace, through the real binary.
@Suite("Browsing from the command line", .offThePool)
struct BrowseCommandTests {
    /// Piped, nothing is cut: another program reads every value whole.
    @Test func lsListsDatasets() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let result = try katalog.run(["ls", "--workspace", katalog.workspace])
        #expect(result.status == 0)
        #expect(result.stdout == """
            Project dagpenger-prod-4e2b
            DATASET        NAME           TABLES  LOCATION       DESCRIPTION
            behandling     Behandling          5  europe-north1  Views og planlagte spørringer som renser, slår sammen og beriker råsonen.
            dataprodukter  Dataprodukter       3  europe-north1  Stabile tabeller og views på utsiden, registrert som dataprodukter på Datamarkedsplassen.
            rasone         Råsone              5  europe-north1  Rådata landet fra fagsystemene, uendret. Kun for teamet – ikke del tabellene herfra direkte.

            """)
    }

    @Test func lsJSONListsTheRåsoneAndDataproduktDatasets() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let result = try katalog.run(["ls", "--json", "--workspace", katalog.workspace])
        #expect(result.status == 0)
        let datasets = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(datasets.compactMap { $0["ref"] as? String } == [
            "dagpenger-prod-4e2b.behandling", "dagpenger-prod-4e2b.dataprodukter", "dagpenger-prod-4e2b.rasone",
        ])
        let rasone = try #require(datasets.last)
        #expect(rasone["friendlyName"] as? String == "Råsone")
        #expect(rasone["tableCount"] as? Int == 5)
        #expect((rasone["labels"] as? [String: String])?["sone"] == "rasone")
    }

    /// `ls -r`: every table of every dataset in one list, each named with its dataset.
    @Test func lsRecursiveListsEveryTableOfTheProject() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let all = try katalog.run(["ls", "-r", "--json", "--workspace", katalog.workspace])
        #expect(all.status == 0, "\(all.stderr)")
        let tables = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]]).compactMap { $0["ref"] as? String }
        var oneByOne: [String] = []
        for dataset in ["behandling", "dataprodukter", "rasone"] {
            let listed = try katalog.run(["ls", dataset, "--json", "--workspace", katalog.workspace])
            oneByOne += try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]).compactMap { $0["ref"] as? String }
        }
        #expect(tables == oneByOne && tables.count == 13)
        let text = try katalog.run(["ls", "--recursive", "--workspace", katalog.workspace])
        #expect(text.stdout.contains("rasone.tabell_1 ") && text.stdout.contains("dataprodukter.vedtak_statistikk "))
        let both = try katalog.run(["ls", "-r", "rasone", "--workspace", katalog.workspace])
        #expect(both.status == 1 && both.stderr.contains("leave out DATASET"))
    }

    /// `demo --synthetic N [--seed S]`: a workspace of N tables to measure with, the same for the
    /// same seed.
    @Test func demoSyntheticMakesAProjectOfTheSizeAsked() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let made = try katalog.run(["demo", "--synthetic", "120", "--seed", "5", "--workspace", katalog.workspace])
        #expect(made.status == 0 && made.stdout.contains("synthetic project of 120 tables (seed 5)"), "\(made.stderr)")
        let first = try katalog.run(["ls", "-r", "--workspace", katalog.workspace])
        #expect(first.stdout.split(separator: "\n").count == 121, "a header and 120 tables")
        try katalog.run(["demo", "--synthetic", "120", "--seed", "5", "--workspace", katalog.workspace])
        #expect(try katalog.run(["ls", "-r", "--workspace", katalog.workspace]).stdout == first.stdout)
        let refused = try katalog.run(["demo", "--synthetic", "0", "--workspace", katalog.workspace])
        #expect(refused.status == 1 && refused.stderr.contains("1 to 1000000 tables"))
    }

    @Test func lsOfADatasetInBokmål() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let result = try katalog.run(["ls", "rasone", "--workspace", katalog.workspace, "--lang", "nb"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            TABELL            TYPE           RADER  STØRRELSE  SIST ENDRET
            rapid_hendelser   T tabell  58 120 441    41,2 GB  2026-11-25 11:57
            stønadshistorikk  T tabell   4 019 220   402,1 MB  2026-11-22 12:00
            tabell_1          T tabell   1 284 331   812,4 MB  2026-11-25 11:48
            tabell_2          T tabell     903 112    96,3 MB  2026-11-25 03:00
            tabell_n          T tabell  22 404 998     3,8 GB  2026-11-25 07:00

            """)
    }

    @Test func globalOptionsWorkBeforeAndAfterTheSubcommand() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let after = try katalog.run(["ls", "behandling", "--lang", "nb", "--workspace", katalog.workspace])
        let before = try katalog.run(["--lang", "nb", "--workspace=\(katalog.workspace)", "ls", "behandling"])
        let mixed = try katalog.run(["--workspace", katalog.workspace, "ls", "--lang=nb", "behandling"])
        #expect(after.status == 0)
        #expect(after.stdout.contains("materialisert view"))
        #expect(before.stdout == after.stdout)
        #expect(mixed.stdout == after.stdout)
    }

    @Test func showPrintsNestedSchemasWithÆØÅ() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let result = try katalog.run(["show", "`dagpenger-prod-4e2b`.rasone.`stønadshistorikk`", "--workspace", katalog.workspace])
        #expect(result.status == 0)
        #expect(result.stdout == """
            dagpenger-prod-4e2b.rasone.stønadshistorikk
            Historiske stønadsperioder fra DB2 på stormaskinen, eksportert ukentlig av Naisjob dp-db2-eksport.

            Kind:           table
            Name:           Stønadshistorikk (DB2)
            Rows:           4,019,220
            Size:           402.1 MB
            Partitioning:   integer range on år: 1990–2040 step 1
            Labels:         kilde=db2, naisjob=dp-db2-eksport, overforing=naisjob
            Location:       europe-north1
            Created:        2022-10-17 12:00
            Last modified:  2026-11-22 12:00
            Dataprodukt:    not published

            Schema
              COLUMN           TYPE     MODE      PII  DESCRIPTION
              fødselsnummer    STRING   REQUIRED
              år               INTEGER  REQUIRED
              stønadsperioder  RECORD   REPEATED
              ├─ fom           DATE     NULLABLE
              ├─ tom           DATE     NULLABLE
              ├─ stønadstype   STRING   NULLABLE
              └─ beløp         NUMERIC  NULLABLE

            """)
    }

    @Test func showAViewWithItsSQLAndDataprodukt() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let result = try katalog.run(["show", "dataprodukter.søknader_per_måned", "--workspace", katalog.workspace, "--lang", "nb"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Dataprodukt:  Søknader per måned (soknader-per-maned) → Søknader per måned, ingen personopplysninger"))
        #expect(result.stdout.contains("  FROM `dagpenger-prod-4e2b.behandling.søknader_beriket`"))
        let json = try katalog.run(["show", "dagpenger-prod-4e2b.dataprodukter.vedtak_statistikk", "--json", "--workspace", katalog.workspace])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let registrations = try #require(object["registrations"] as? [[String: Any]])
        #expect(registrations.first?["slug"] as? String == "dagpengevedtak")
        #expect(registrations.first?["pii"] as? String == "sensitive")
        #expect((object["table"] as? [String: Any])?["kind"] as? String == "TABLE")
    }

    @Test func productsListAndShow() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let list = try katalog.run(["products", "--workspace", katalog.workspace])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == 4)
        #expect(list.stdout.contains("meldekort-anonymisert  Meldekort anonymisert  teamdagpenger@nav.no"))
        let show = try katalog.run(["products", "show", "dagpengevedtak", "--workspace", katalog.workspace, "--lang", "nb"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("Datasett «Vedtaksstatistikk»"))
        #expect(show.stdout.contains("fødselsnummer: direkte identifiserende"))
        // The default class is shown as itself, never as "not classified".
        #expect(show.stdout.contains("dagsats: kan være indirekte identifiserende") && !show.stdout.contains("ikke klassifisert"))
        #expect(show.stdout.contains("3 aktive, 2 søknader venter"))
        let json = try katalog.run(["products", "show", "meldekort-anonymisert", "--json", "--workspace", katalog.workspace])
        let product = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((product["owner"] as? [String: Any])?["group"] as? String == "teamdagpenger@nav.no")
        #expect(((product["datasett"] as? [[String: Any]])?.first?["pii"]) as? String == "anonymised")
    }

    @Test func lineageAroundATable() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        try katalog.seed()
        let result = try katalog.run(["lineage", "--focus", "rasone.tabell_1", "--up", "2", "--down", "1", "--workspace", katalog.workspace])
        #expect(result.status == 0, "\(result.stderr)")
        let graph = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let ids = Set((graph["nodes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(ids == ["source:postgres:dp-soknad-postgres/public.tabell_1", "transfer:datastream:dp-soknad til råsone",
                        "dagpenger-prod-4e2b.rasone.tabell_1", "dagpenger-prod-4e2b.behandling.søknader_beriket",
                        "transfer:scheduled_query:Vedtaksstatistikk til dataprodukt"])
        let mermaid = try katalog.run(["lineage", "--format", "mermaid", "--lang", "nb", "--workspace", katalog.workspace])
        #expect(mermaid.stdout.hasPrefix("flowchart LR") && mermaid.stdout.contains("subgraph raw[\"Råsone\"]"))
        let bad = try katalog.run(["lineage", "--format", "svg", "--workspace", katalog.workspace])
        #expect(bad.status == 1 && bad.stderr.contains("json, mermaid, dot or text"))
        let text = try katalog.run(["lineage", "--format", "text", "--focus", "rasone.tabell_1", "--up", "1", "--down", "0", "--workspace", katalog.workspace])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(text.stdout.contains("│⇢ Datastream: dp-soknad til råsone│───") && text.stdout.contains("▶│T rasone.tabell_1│"))
        let upward = try katalog.run(["lineage", "--format", "text", "--direction", "bottom-to-top", "--focus", "rasone.tabell_1", "--up", "1", "--down", "0",
                                      "--workspace", katalog.workspace])
        #expect(upward.status == 0 && upward.stdout.contains("▲") && upward.stdout.split(separator: "\n").count > 3)
        let sideways = try katalog.run(["lineage", "--format", "text", "--direction", "up", "--workspace", katalog.workspace])
        #expect(sideways.status == 1 && sideways.stderr.contains("left-to-right or bottom-to-top"))
        let missing = try katalog.run(["lineage", "--focus", "rasone.finnes_ikke", "--workspace", katalog.workspace])
        #expect(missing.status == 1 && missing.stderr.contains("is not in the lineage graph"))
    }

    @Test func versionAndHelp() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let version = try katalog.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("0."))
        let help = try katalog.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("SUBCOMMANDS") && help.stdout.contains("--read-only"))
        let completion = try katalog.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0 && completion.stdout.contains("_katalog"))
    }

    @Test func noArgumentsWithoutATerminalCreatesTheDemoAndExplains() throws {
        let katalog = try KatalogBinary()
        defer { katalog.remove() }
        let result = try katalog.run([])
        #expect(result.status == 1)
        #expect(result.stderr.contains("created the demo workspace"))
        #expect(result.stderr.contains("The terminal UI needs a terminal") && result.stderr.contains("katalog ls"))
        #expect(FileManager.default.fileExists(atPath: katalog.home.appendingPathComponent("data/katalog/demo.sqlite").path))
        // The second run finds it.
        #expect(try katalog.run(["ls"]).stderr.isEmpty)
    }
}
