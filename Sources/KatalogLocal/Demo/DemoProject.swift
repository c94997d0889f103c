import Foundation
import KatalogCore

/// The demo team project, in one readable definition: team Dagpenger's GCP project as the
/// architecture figure in the team docs draws it.
///
///     Postgres-db: Tabell 1 ──Datastream──────────▶ råsone.tabell_1 ─┐
///     Postgres-db: Tabell 2 ──Federated Query─────▶ råsone.tabell_2 ─┼─▶ behandling (views,
///     Oracle on-prem: Tabell n ──Naisjob──────────▶ råsone.tabell_n ─┤   scheduled queries)
///     Kafka topic ──Nais app──────────────────────▶ råsone.rapid_hendelser    │
///     DB2 ──Naisjob───────────────────────────────▶ råsone.stønadshistorikk   ▼
///                                                          dataprodukter (1 table, 2 views)
///
/// Naisjobs and Nais apps are invisible to GCP's APIs, so their tables declare where they come
/// from in labels (`kilde`, `overforing`, `naisjob`/`app`).
struct DemoProject: WorkspaceContents {
    let now: Date

    static let project = try! ProjectID("dagpenger-prod-4e2b")
    static let teamGroup = "teamdagpenger@nav.no"
    static let location = "europe-north1"

    static let user = UserContext(
        name: "Ola Nordmann", email: "ola.nordmann@nav.no",
        groups: [teamGroup, "all-users@nav.no"],
        teamProjects: [.init(project: project, group: teamGroup)])

    static let rasone = DatasetRef(project: project, dataset: try! DatasetID("rasone"))
    static let behandling = DatasetRef(project: project, dataset: try! DatasetID("behandling"))
    static let dataprodukter = DatasetRef(project: project, dataset: try! DatasetID("dataprodukter"))

    static func ref(_ dataset: DatasetRef, _ table: String) -> TableRef {
        TableRef(dataset, try! TableID(table))
    }

    private func ago(hours: Double) -> Date { now.addingTimeInterval(-hours * 3600) }
    private func ago(days: Double) -> Date { ago(hours: days * 24) }

    // MARK: BigQuery

    var datasets: [DatasetInfo] {
        [
            DatasetInfo(ref: Self.rasone, friendlyName: "Råsone",
                        description: "Rådata landet fra fagsystemene, uendret. Kun for teamet – ikke del tabellene herfra direkte.",
                        labels: ["sone": "rasone", "team": "dagpenger"], location: Self.location, created: ago(days: 900), modified: ago(days: 30)),
            DatasetInfo(ref: Self.behandling, friendlyName: "Behandling",
                        description: "Views og planlagte spørringer som renser, slår sammen og beriker råsonen.",
                        labels: ["sone": "behandling", "team": "dagpenger"], location: Self.location, created: ago(days: 880), modified: ago(days: 12)),
            DatasetInfo(ref: Self.dataprodukter, friendlyName: "Dataprodukter",
                        description: "Stabile tabeller og views på utsiden, registrert som dataprodukter på Datamarkedsplassen.",
                        labels: ["sone": "dataprodukt", "team": "dagpenger"], location: Self.location, created: ago(days: 700), modified: ago(days: 5)),
        ]
    }

    var tables: [TableInfo] {
        [
            TableInfo(ref: Self.ref(Self.rasone, "tabell_1"), kind: .table, friendlyName: "Søknader (Tabell 1)",
                      description: "Søknader om dagpenger fra Postgres-databasen til dp-soknad (Tabell 1), speilet fortløpende med Datastream.",
                      labels: ["kilde": "postgres", "overforing": "datastream"],
                      schema: [
                        SchemaField("søknad_id", "STRING", .required, description: "Søknadens id i dp-soknad"),
                        SchemaField("person", "RECORD", description: "Søkeren", fields: [
                            SchemaField("fødselsnummer", "STRING", .required, description: "11 siffer"),
                            SchemaField("navn", "RECORD", fields: [
                                SchemaField("fornavn", "STRING"), SchemaField("etternavn", "STRING"),
                            ]),
                            SchemaField("bostedsadresse", "RECORD", fields: [
                                SchemaField("adresselinje", "STRING"), SchemaField("postnummer", "STRING"), SchemaField("poststed", "STRING"),
                            ]),
                        ]),
                        SchemaField("søknadstype", "STRING", description: "NY, GJENOPPTAK eller ENDRING"),
                        SchemaField("mottatt", "TIMESTAMP", .required, description: "Når NAV mottok søknaden"),
                        SchemaField("vedlegg", "RECORD", .repeated, description: "Dokumentasjon sendt med søknaden", fields: [
                            SchemaField("vedleggstype", "STRING"), SchemaField("innsendt", "BOOLEAN"), SchemaField("journalpost_id", "STRING"),
                        ]),
                        SchemaField("datastream_metadata", "RECORD", description: "Lagt til av Datastream", fields: [
                            SchemaField("uuid", "STRING"), SchemaField("source_timestamp", "INTEGER"),
                        ]),
                      ],
                      numRows: 1_284_331, numBytes: 812_400_113, partitioning: .time(unit: "DAY", field: "mottatt", expirationMs: nil),
                      clustering: ["søknadstype"], created: ago(days: 900), modified: ago(hours: 0.2), location: Self.location),
            TableInfo(ref: Self.ref(Self.rasone, "tabell_2"), kind: .table, friendlyName: "Vedtak (Tabell 2)",
                      description: "Vedtak fra Postgres-databasen til dp-vedtak (Tabell 2), hentet hver natt med Federated Query (EXTERNAL_QUERY).",
                      labels: ["kilde": "postgres", "overforing": "federated-query"],
                      schema: [
                        SchemaField("vedtak_id", "STRING", .required), SchemaField("søknad_id", "STRING"),
                        SchemaField("utfall", "STRING", description: "INNVILGET eller AVSLÅTT"),
                        SchemaField("vedtaksdato", "DATE", .required), SchemaField("dagsats", "NUMERIC", description: "Kroner per dag"),
                        SchemaField("hjemler", "STRING", .repeated, description: "Lovhjemler vedtaket bygger på"),
                      ],
                      numRows: 903_112, numBytes: 96_330_120, partitioning: .time(unit: "DAY", field: "vedtaksdato", expirationMs: nil),
                      created: ago(days: 850), modified: ago(hours: 9), location: Self.location),
            TableInfo(ref: Self.ref(Self.rasone, "tabell_n"), kind: .table, friendlyName: "Meldekort (Tabell n)",
                      description: "Meldekort fra Arena (Oracle on-prem, Tabell n), lastet hver natt av Naisjob dp-arena-sync.",
                      labels: ["kilde": "oracle", "overforing": "naisjob", "naisjob": "dp-arena-sync"],
                      schema: [
                        SchemaField("meldekort_id", "INTEGER", .required), SchemaField("fødselsnummer", "STRING", .required),
                        SchemaField("periode", "RECORD", fields: [SchemaField("fom", "DATE"), SchemaField("tom", "DATE")]),
                        SchemaField("dager", "RECORD", .repeated, fields: [
                            SchemaField("dato", "DATE"), SchemaField("arbeidstimer", "FLOAT"), SchemaField("syk", "BOOLEAN"), SchemaField("ferie", "BOOLEAN"),
                        ]),
                        SchemaField("status", "STRING"),
                        SchemaField("lastet", "TIMESTAMP", description: "Når dp-arena-sync skrev raden"),
                      ],
                      numRows: 22_404_998, numBytes: 3_771_002_331, partitioning: .time(unit: "DAY", field: nil, expirationMs: nil),
                      created: ago(days: 1200), modified: ago(hours: 5), location: Self.location),
            TableInfo(ref: Self.ref(Self.rasone, "rapid_hendelser"), kind: .table, friendlyName: "Hendelser fra rapiden",
                      description: "Hendelser fra Kafka-topicen teamdagpenger.rapid.v1, skrevet av Nais-appen dp-rapid-sink.",
                      labels: ["kilde": "kafka", "overforing": "nais-app", "app": "dp-rapid-sink", "topic": "teamdagpenger-rapid-v1"],
                      schema: [
                        SchemaField("hendelse_id", "STRING", .required), SchemaField("event_name", "STRING", .required),
                        SchemaField("tidspunkt", "TIMESTAMP", .required), SchemaField("ident", "STRING"),
                        SchemaField("payload", "JSON", description: "Hele meldingen slik den kom fra Kafka"),
                        SchemaField("system_participating_services", "RECORD", .repeated, fields: [
                            SchemaField("service", "STRING"), SchemaField("instance", "STRING"), SchemaField("time", "TIMESTAMP"),
                        ]),
                      ],
                      numRows: 58_120_441, numBytes: 41_209_884_010, partitioning: .time(unit: "HOUR", field: "tidspunkt", expirationMs: 31_536_000_000),
                      clustering: ["event_name"], created: ago(days: 600), modified: ago(hours: 0.05), location: Self.location),
            TableInfo(ref: Self.ref(Self.rasone, "stønadshistorikk"), kind: .table, friendlyName: "Stønadshistorikk (DB2)",
                      description: "Historiske stønadsperioder fra DB2 på stormaskinen, eksportert ukentlig av Naisjob dp-db2-eksport.",
                      labels: ["kilde": "db2", "overforing": "naisjob", "naisjob": "dp-db2-eksport"],
                      schema: [
                        SchemaField("fødselsnummer", "STRING", .required), SchemaField("år", "INTEGER", .required),
                        SchemaField("stønadsperioder", "RECORD", .repeated, fields: [
                            SchemaField("fom", "DATE"), SchemaField("tom", "DATE"), SchemaField("stønadstype", "STRING"), SchemaField("beløp", "NUMERIC"),
                        ]),
                      ],
                      numRows: 4_019_220, numBytes: 402_118_004, partitioning: .range(field: "år", start: 1990, end: 2040, interval: 1),
                      created: ago(days: 1500), modified: ago(days: 3), location: Self.location),

            TableInfo(ref: Self.ref(Self.behandling, "søknader_beriket"), kind: .view,
                      description: "Søknader med vedtaksutfall og antall vedlegg. Én rad per søknad.",
                      labels: ["sone": "behandling"],
                      schema: [
                        SchemaField("søknad_id", "STRING"), SchemaField("fødselsnummer", "STRING"), SchemaField("søknadstype", "STRING"),
                        SchemaField("mottatt", "TIMESTAMP"), SchemaField("utfall", "STRING"), SchemaField("vedtaksdato", "DATE"),
                        SchemaField("antall_vedlegg", "INTEGER"),
                      ],
                      created: ago(days: 400), modified: ago(days: 12), location: Self.location,
                      query: """
                        -- Søknader med vedtaksutfall. Tabell 1 og 2 kommer fra hver sin Postgres-tabell.
                        SELECT
                          s.søknad_id,
                          s.person.fødselsnummer AS fødselsnummer,
                          s.søknadstype,
                          s.mottatt,
                          v.utfall,
                          v.vedtaksdato,
                          ARRAY_LENGTH(s.vedlegg) AS antall_vedlegg
                        FROM `dagpenger-prod-4e2b.rasone.tabell_1` AS s
                        LEFT JOIN `dagpenger-prod-4e2b.rasone.tabell_2` AS v
                          ON v.søknad_id = s.søknad_id
                        """),
            TableInfo(ref: Self.ref(Self.behandling, "meldekort_renset"), kind: .view,
                      description: "Siste versjon av hvert meldekort, med sum arbeidstimer.",
                      schema: [
                        SchemaField("meldekort_id", "INTEGER"), SchemaField("fødselsnummer", "STRING"), SchemaField("fom", "DATE"),
                        SchemaField("tom", "DATE"), SchemaField("arbeidstimer", "FLOAT"),
                      ],
                      created: ago(days: 380), modified: ago(days: 40), location: Self.location,
                      query: """
                        SELECT
                          meldekort_id,
                          fødselsnummer,
                          periode.fom,
                          periode.tom,
                          (SELECT SUM(d.arbeidstimer) FROM UNNEST(dager) AS d) AS arbeidstimer
                        FROM `dagpenger-prod-4e2b`.`rasone`.`tabell_n`
                        WHERE status != 'FEILET'
                        QUALIFY ROW_NUMBER() OVER (PARTITION BY meldekort_id ORDER BY lastet DESC) = 1
                        """),
            TableInfo(ref: Self.ref(Self.behandling, "hendelser_per_time"), kind: .materializedView,
                      description: "Antall hendelser per time og type fra rapiden.",
                      schema: [SchemaField("time", "TIMESTAMP"), SchemaField("event_name", "STRING"), SchemaField("antall", "INTEGER")],
                      numRows: 412_880, numBytes: 18_220_441, created: ago(days: 200), modified: ago(hours: 0.5), location: Self.location,
                      query: """
                        SELECT TIMESTAMP_TRUNC(tidspunkt, HOUR) AS time, event_name, COUNT(*) AS antall
                        FROM `dagpenger-prod-4e2b.rasone.rapid_hendelser`
                        GROUP BY time, event_name
                        """),
            TableInfo(ref: Self.ref(Self.behandling, "vedtak_daglig"), kind: .table,
                      description: "Daglig oppsummering av vedtak, skrevet av den planlagte spørringen «Daglig vedtaksoppsummering».",
                      schema: [
                        SchemaField("dato", "DATE", .required), SchemaField("utfall", "STRING"), SchemaField("søknadstype", "STRING"),
                        SchemaField("antall", "INTEGER"), SchemaField("med_tidligere_stønad", "INTEGER"),
                      ],
                      numRows: 9_840, numBytes: 512_330, partitioning: .time(unit: "MONTH", field: "dato", expirationMs: nil),
                      created: ago(days: 300), modified: ago(hours: 4), location: Self.location),

            TableInfo(ref: Self.ref(Self.dataprodukter, "vedtak_statistikk"), kind: .table,
                      description: "Vedtak om dagpenger per dag, utfall og søknadstype, med fødselsnummer for kobling hos godkjente mottakere.",
                      labels: ["dataprodukt": "dagpengevedtak"],
                      schema: [
                        SchemaField("dato", "DATE", .required), SchemaField("fødselsnummer", "STRING", description: "Søkerens fødselsnummer"),
                        SchemaField("utfall", "STRING"), SchemaField("søknadstype", "STRING"), SchemaField("dagsats", "NUMERIC"),
                      ],
                      numRows: 903_112, numBytes: 61_044_870, partitioning: .time(unit: "DAY", field: "dato", expirationMs: nil),
                      clustering: ["utfall"], created: ago(days: 250), modified: ago(hours: 3), location: Self.location),
            TableInfo(ref: Self.ref(Self.dataprodukter, "søknader_per_måned"), kind: .view,
                      description: "Antall søknader om dagpenger per måned og søknadstype. Ingen personopplysninger.",
                      labels: ["dataprodukt": "soknader-per-maned"],
                      schema: [SchemaField("måned", "DATE"), SchemaField("søknadstype", "STRING"), SchemaField("antall", "INTEGER")],
                      created: ago(days: 240), modified: ago(days: 20), location: Self.location,
                      query: """
                        SELECT DATE_TRUNC(DATE(mottatt, 'Europe/Oslo'), MONTH) AS måned, søknadstype, COUNT(*) AS antall
                        FROM `dagpenger-prod-4e2b.behandling.søknader_beriket`
                        GROUP BY måned, søknadstype
                        HAVING antall >= 5  -- små celler vises ikke
                        """),
            TableInfo(ref: Self.ref(Self.dataprodukter, "meldekort_anonymisert"), kind: .view,
                      description: "Meldekort med fødselsnummer erstattet av en nøkkel som roteres hvert år.",
                      labels: ["dataprodukt": "meldekort-anonymisert"],
                      schema: [
                        SchemaField("person_nøkkel", "STRING", description: "SHA-256 av fødselsnummer og årlig salt"),
                        SchemaField("fom", "DATE"), SchemaField("tom", "DATE"), SchemaField("arbeidstimer", "FLOAT"),
                      ],
                      created: ago(days: 120), modified: ago(days: 8), location: Self.location,
                      query: """
                        SELECT
                          TO_HEX(SHA256(CONCAT(fødselsnummer, (SELECT salt FROM `dagpenger-prod-4e2b.behandling.salt` WHERE år = EXTRACT(YEAR FROM fom))))) AS person_nøkkel,
                          fom, tom, arbeidstimer
                        FROM `dagpenger-prod-4e2b.behandling.meldekort_renset`
                        """),
            TableInfo(ref: Self.ref(Self.behandling, "salt"), kind: .table,
                      description: "Årlig salt for anonymiseringsnøkler. Tilgang kun for teamet.",
                      schema: [SchemaField("år", "INTEGER", .required), SchemaField("salt", "STRING", .required)],
                      numRows: 8, numBytes: 420, created: ago(days: 120), modified: ago(days: 120), location: Self.location),
        ]
    }

    var connections: [Connection] {
        [Connection(id: "europe-north1.dp-vedtak-pg", friendlyName: "dp-vedtak (Postgres)",
                    description: "Cloud SQL-databasen til dp-vedtak, brukt av Federated Query.",
                    databaseType: "POSTGRES", instance: "dagpenger-prod-4e2b:europe-north1:dp-vedtak", database: "vedtak")]
    }

    var scheduledQueries: [ScheduledQuery] {
        [
            ScheduledQuery(id: "projects/dagpenger-prod-4e2b/locations/europe-north1/transferConfigs/6a1f3c2e-0000-2b4d-9e5f-001a11c0ffee",
                           displayName: "Hent vedtak fra dp-vedtak", query: """
                            SELECT * FROM EXTERNAL_QUERY(
                              "europe-north1.dp-vedtak-pg",
                              \"\"\"SELECT vedtak_id, soknad_id AS "søknad_id", utfall, vedtaksdato, dagsats, hjemler
                                 FROM public.tabell_2\"\"\")
                            """,
                           destination: Self.rasone, destinationTableTemplate: "tabell_2", writeDisposition: "WRITE_TRUNCATE",
                           schedule: "every day 02:00", lastRunState: .succeeded, lastRun: ago(hours: 9)),
            ScheduledQuery(id: "projects/dagpenger-prod-4e2b/locations/europe-north1/transferConfigs/6a1f3c2e-0000-2b4d-9e5f-002b22c0ffee",
                           displayName: "Daglig vedtaksoppsummering", query: """
                            SELECT
                              b.vedtaksdato AS dato, b.utfall, b.søknadstype, COUNT(*) AS antall,
                              COUNTIF(h.fødselsnummer IS NOT NULL) AS med_tidligere_stønad
                            FROM `dagpenger-prod-4e2b.behandling.søknader_beriket` AS b
                            LEFT JOIN (SELECT DISTINCT fødselsnummer FROM `dagpenger-prod-4e2b.rasone.stønadshistorikk`) AS h
                              USING (fødselsnummer)
                            WHERE b.vedtaksdato IS NOT NULL
                            GROUP BY dato, utfall, søknadstype
                            """,
                           destination: Self.behandling, destinationTableTemplate: "vedtak_daglig", writeDisposition: "WRITE_TRUNCATE",
                           schedule: "every day 04:00", lastRunState: .succeeded, lastRun: ago(hours: 4)),
            ScheduledQuery(id: "projects/dagpenger-prod-4e2b/locations/europe-north1/transferConfigs/6a1f3c2e-0000-2b4d-9e5f-003c33c0ffee",
                           displayName: "Vedtaksstatistikk til dataprodukt", query: """
                            SELECT v.vedtaksdato AS dato, s.person.fødselsnummer AS fødselsnummer, v.utfall, s.søknadstype, v.dagsats
                            FROM `dagpenger-prod-4e2b.rasone.tabell_2` AS v
                            JOIN `dagpenger-prod-4e2b.rasone.tabell_1` AS s USING (søknad_id)
                            """,
                           destination: Self.dataprodukter, destinationTableTemplate: "vedtak_statistikk", writeDisposition: "WRITE_TRUNCATE",
                           schedule: "every day 05:00", lastRunState: .failed, lastRun: ago(hours: 3),
                           lastError: "Query error: Column dagsats in SELECT list has type NUMERIC, which does not match the destination column type INT64 at [1:80]",
                           nextRun: ago(hours: -21)),
        ]
    }

    var streams: [DatastreamStream] {
        [DatastreamStream(id: "projects/dagpenger-prod-4e2b/locations/europe-north1/streams/dp-soknad-til-rasone",
                          displayName: "dp-soknad til råsone", state: "RUNNING", sourceType: "POSTGRESQL",
                          sourceProfile: "dp-soknad-postgres", sourceObjects: ["public.tabell_1"], destination: Self.rasone)]
    }

    // MARK: Marketplace

    struct Product {
        let new: NewDataprodukt
        let datasett: NewDatasettDraft
        let grants: [DemoGrant]
        let requests: [DemoRequest]
    }

    /// A datasett before its dataprodukt has an id.
    struct NewDatasettDraft {
        let name: String
        let description: String
        let table: TableRef
        let pii: PIILevel
        let keywords: [String]
        var piiTags: [String: PIITag] = [:]
        var anonymisationDescription: String? = nil
        var grantAllUsers = false
    }

    struct DemoGrant {
        let subject: Subject
        var owner: String? = nil
        /// Days from now; negative = already expired; nil = forever.
        var expiresInDays: Double? = nil
    }

    struct DemoRequest {
        let subject: Subject
        var owner: String? = nil
        var expiresInDays: Double? = nil
        let polly: PollyDocumentation?
    }

    /// Teamkatalogen as the demo knows it: the team behind the project, and one more.
    static let teams = [
        TeamkatalogenTeam(teamID: "6a1f3c2e-8d2b-4b7a-9c1e-5f3d2a1b0c9d", url: "https://teamkatalog.nav.no/team/6a1f3c2e-8d2b-4b7a-9c1e-5f3d2a1b0c9d",
                          name: "teamdagpenger", description: "Team Dagpenger: vedtak, meldekort og statistikk om dagpenger."),
        TeamkatalogenTeam(teamID: "0d4c1e2f-3a5b-4c6d-8e7f-9a0b1c2d3e4f", url: "https://teamkatalog.nav.no/team/0d4c1e2f-3a5b-4c6d-8e7f-9a0b1c2d3e4f",
                          name: "team-analyse", description: "Analyse på tvers av ytelser."),
    ]

    /// Polly's processing activities in the demo (the purposes its requests cite).
    static let processingActivities = [
        PollyDocumentation(externalID: "7d1e8f22-4a3b-4c5d-8e9f-0a1b2c3d4e5f", name: "B412 - Analyse av ytelser ved arbeidsledighet",
                           url: "https://behandlingskatalog.nav.no/process/purpose/DAGPENGER/7d1e8f22-4a3b-4c5d-8e9f-0a1b2c3d4e5f"),
        PollyDocumentation(externalID: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f", name: "B305 - Kunnskapsgrunnlag for arbeidsmarkedstiltak",
                           url: "https://behandlingskatalog.nav.no/process/purpose/ARBEIDSMARKED/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"),
    ]

    var products: [Product] {
        let team = Self.teams[0].url
        return [
            Product(
                new: NewDataprodukt(name: "Dagpengevedtak", description: "Alle vedtak om dagpenger, per dag, med utfall og dagsats. Oppdateres hver natt.",
                                    group: Self.teamGroup, teamkatalogenURL: team, teamContact: "team-dagpenger", teamID: "6a1f3c2e-8d2b-4b7a-9c1e-5f3d2a1b0c9d"),
                datasett: NewDatasettDraft(name: "Vedtaksstatistikk", description: "Vedtak per dag med fødselsnummer, utfall og dagsats.",
                                           table: Self.ref(Self.dataprodukter, "vedtak_statistikk"), pii: .sensitive,
                                           keywords: ["dagpenger", "vedtak", "statistikk"],
                                           piiTags: ["fødselsnummer": .direkteIdentifiserende, "dagsats": .kanVaereIndirekteIdentifiserende]),
                grants: [
                    DemoGrant(subject: try! Subject(.user, "kari.nordmann@nav.no")),
                    DemoGrant(subject: try! Subject(.group, "team-statistikk@nav.no"), expiresInDays: 5),
                    DemoGrant(subject: try! Subject(.serviceAccount, "dvh-lastejobb@dvh-prod-9c1d.iam.gserviceaccount.com"), owner: "team-dvh@nav.no"),
                    DemoGrant(subject: try! Subject(.user, "per.hansen@nav.no"), expiresInDays: -3),
                ],
                requests: [
                    DemoRequest(subject: try! Subject(.user, "nora.berg@nav.no"), expiresInDays: 180,
                                polly: PollyDocumentation(id: "1b2c", externalID: "7d1e8f22-4a3b-4c5d-8e9f-0a1b2c3d4e5f",
                                                          name: "B412 - Analyse av ytelser ved arbeidsledighet", url: "https://behandlingskatalog.nav.no/process/purpose/DAGPENGER/7d1e8f22-4a3b-4c5d-8e9f-0a1b2c3d4e5f")),
                    DemoRequest(subject: try! Subject(.group, "team-analyse@nav.no"), polly: nil),
                ]),
            Product(
                new: NewDataprodukt(name: "Søknader per måned", description: "Antall søknader om dagpenger per måned og søknadstype. Åpent for hele NAV.",
                                    group: Self.teamGroup, teamkatalogenURL: team, teamContact: "team-dagpenger", teamID: "6a1f3c2e-8d2b-4b7a-9c1e-5f3d2a1b0c9d"),
                datasett: NewDatasettDraft(name: "Søknader per måned", description: "Aggregert; celler under 5 er fjernet.",
                                           table: Self.ref(Self.dataprodukter, "søknader_per_måned"), pii: .none,
                                           keywords: ["dagpenger", "søknad", "statistikk"], grantAllUsers: true),
                grants: [],
                requests: []),
            Product(
                new: NewDataprodukt(name: "Meldekort anonymisert", description: "Meldekort for dagpengemottakere med anonymisert personnøkkel, for forskning og analyse.",
                                    group: Self.teamGroup, teamkatalogenURL: team, teamContact: "team-dagpenger", teamID: "6a1f3c2e-8d2b-4b7a-9c1e-5f3d2a1b0c9d"),
                datasett: NewDatasettDraft(name: "Meldekort anonymisert", description: "Ett meldekort per rad.",
                                           table: Self.ref(Self.dataprodukter, "meldekort_anonymisert"), pii: .anonymised,
                                           keywords: ["dagpenger", "meldekort"],
                                           anonymisationDescription: "Fødselsnummer er erstattet med SHA-256 av fødselsnummer og et salt som byttes hvert år; salttabellen er kun tilgjengelig for teamet."),
                grants: [DemoGrant(subject: try! Subject(.group, "team-forskning@nav.no"), expiresInDays: 365)],
                requests: [
                    DemoRequest(subject: try! Subject(.serviceAccount, "analyse-jobb@analyse-prod-77aa.iam.gserviceaccount.com"), owner: "team-analyse@nav.no",
                                expiresInDays: 90,
                                polly: PollyDocumentation(id: "9f8e", externalID: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
                                                          name: "B305 - Kunnskapsgrunnlag for arbeidsmarkedstiltak", url: "https://behandlingskatalog.nav.no/process/purpose/ARBEIDSMARKED/2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f")),
                ]),
        ]
    }
}
