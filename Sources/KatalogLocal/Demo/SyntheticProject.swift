import Foundation
import KatalogCore

/// A team project of any size, for measuring katalog at scale (`katalog demo --synthetic N`):
/// N tables in about N/50 datasets, shaped like the demo — råsone tables with where they come
/// from in labels, views with real SQL reading the zone before them, scheduled queries writing
/// dataprodukt tables, dataprodukter with grants and requests. The same N and seed give the
/// same project, name for name.
struct SyntheticProject: WorkspaceContents {
    let now: Date
    let datasets: [DatasetInfo]
    let tables: [TableInfo]
    let scheduledQueries: [ScheduledQuery]
    let products: [DemoProject.Product]
    var connections: [Connection] { [] }
    var streams: [DatastreamStream] { [] }

    static let tablesPerDataset = 50
    /// One dataprodukt per this many tables (at least one), each with this many grants.
    static let tablesPerProduct = 1_000
    static let grantsPerProduct = 30

    init(tables count: Int, seed: UInt64, now: Date) {
        self.now = now
        var random = SplitMix64(seed: seed)
        let project = DemoProject.project
        let datasetCount = max(1, (count + Self.tablesPerDataset - 1) / Self.tablesPerDataset)
        var datasets: [DatasetInfo] = []
        var tables: [TableInfo] = []
        var scheduled: [ScheduledQuery] = []
        var previousZone: [TableInfo] = []
        for index in 0..<datasetCount {
            // The zones follow one another: råsone, behandling, dataprodukter, råsone, …
            let zone = Zone.allCases[index % Zone.allCases.count]
            let ref = DatasetRef(project: project, dataset: try! DatasetID(String(format: "%@_%04d", zone.rawValue, index)))
            let size = min(Self.tablesPerDataset, count - tables.count)
            datasets.append(DatasetInfo(ref: ref, friendlyName: "\(zone.friendlyName) \(index)", description: zone.description,
                                        labels: ["sone": zone.rawValue, "team": "dagpenger"], location: DemoProject.location,
                                        created: now.addingTimeInterval(-Double(random.next(below: 1000) + 30) * 86_400),
                                        modified: now.addingTimeInterval(-Double(random.next(below: 30)) * 86_400)))
            var made: [TableInfo] = []
            for position in 0..<size {
                let name = String(format: "%@_%@_%05d", Self.subjects[random.next(below: Self.subjects.count)],
                                  Self.subjects[random.next(below: Self.subjects.count)], tables.count + position)
                let tableRef = TableRef(ref, try! TableID(name))
                let schema = Self.schema(&random)
                let reads = zone == .rasone || previousZone.isEmpty ? [] : (0..<(1 + random.next(below: 3))).map { _ in
                    previousZone[random.next(below: previousZone.count)]
                }
                let rows = Int64(random.next(below: 50_000_000))
                let modified = now.addingTimeInterval(-Double(random.next(below: 72 * 3600)))
                if zone == .produkt, position % 10 == 0, let source = reads.first {
                    // A table a scheduled query writes every night.
                    made.append(TableInfo(ref: tableRef, kind: .table, description: "Skrevet hver natt fra \(source.ref.table.rawValue).",
                                          schema: schema, numRows: rows, numBytes: rows * 120, modified: modified, location: DemoProject.location))
                    scheduled.append(ScheduledQuery(
                        id: "projects/\(project.rawValue)/locations/\(DemoProject.location)/transferConfigs/synthetic-\(tables.count + position)",
                        displayName: "Oppdater \(name)", query: Self.select(from: reads, project: project),
                        destination: ref, destinationTableTemplate: name, writeDisposition: "WRITE_TRUNCATE",
                        schedule: "every day 0\(random.next(below: 6)):00", lastRunState: random.next(below: 20) == 0 ? .failed : .succeeded,
                        lastRun: now.addingTimeInterval(-Double(random.next(below: 24 * 3600)))))
                } else if zone == .rasone || reads.isEmpty {
                    let source = Self.sources[random.next(below: Self.sources.count)]
                    made.append(TableInfo(ref: tableRef, kind: .table, description: "Rådata fra \(source.kilde) via \(source.overforing).",
                                          labels: ["kilde": source.kilde, "overforing": source.overforing], schema: schema,
                                          numRows: rows, numBytes: rows * 200, modified: modified, location: DemoProject.location))
                } else {
                    made.append(TableInfo(ref: tableRef, kind: .view, description: "Renser og slår sammen \(reads.count) tabeller.",
                                          schema: schema, modified: modified, location: DemoProject.location,
                                          query: Self.select(from: reads, project: project)))
                }
            }
            tables += made
            previousZone = made
        }
        self.datasets = datasets
        self.tables = tables
        self.scheduledQueries = scheduled
        self.products = Self.products(publishing: tables.filter { $0.ref.dataset.rawValue.hasPrefix(Zone.produkt.rawValue) },
                                      count: max(1, count / Self.tablesPerProduct), random: &random)
    }

    enum Zone: String, CaseIterable {
        case rasone, behandling, produkt

        var friendlyName: String {
            switch self {
            case .rasone: "Råsone"
            case .behandling: "Behandling"
            case .produkt: "Dataprodukter"
            }
        }

        var description: String {
            switch self {
            case .rasone: "Rådata landet fra fagsystemene, uendret."
            case .behandling: "Views som renser og slår sammen råsonen."
            case .produkt: "Stabile tabeller og views på utsiden."
            }
        }
    }

    private static let subjects = ["søknad", "vedtak", "meldekort", "utbetaling", "person", "sak", "klage", "anke", "dokument",
                                   "journalpost", "oppgave", "periode", "inntekt", "arbeidsforhold", "tiltak", "ytelse", "hendelse",
                                   "behandling", "beregning", "stønad"]
    private static let columns = ["id", "fødselsnummer", "aktør_id", "dato", "mottatt", "status", "utfall", "beløp", "dagsats",
                                  "periode_fom", "periode_tom", "kilde", "opprettet", "endret", "saksnummer", "enhet", "kommune",
                                  "fylke", "alder", "kjønn", "antall", "type", "årsak", "kanal", "språk"]
    private static let types = ["STRING", "STRING", "STRING", "INTEGER", "DATE", "TIMESTAMP", "NUMERIC", "BOOLEAN", "FLOAT"]
    private static let sources: [(kilde: String, overforing: String)] = [
        ("postgres", "datastream"), ("postgres", "federated-query"), ("oracle", "naisjob"), ("kafka", "nais-app"), ("db2", "naisjob"),
    ]

    /// About twenty columns, one in five tables with a nested record.
    private static func schema(_ random: inout SplitMix64) -> [SchemaField] {
        let count = 16 + random.next(below: 9)
        var fields = (0..<count).map { position in
            SchemaField(position < columns.count ? columns[position] : "felt_\(position)", types[random.next(below: types.count)],
                        description: position % 3 == 0 ? "Beskrivelse av \(position < columns.count ? columns[position] : "felt")" : nil)
        }
        if random.next(below: 5) == 0 {
            fields.append(SchemaField("adresse", "RECORD", description: "Bostedsadresse", fields: [
                SchemaField("adresselinje", "STRING"), SchemaField("postnummer", "STRING"), SchemaField("poststed", "STRING"),
            ]))
        }
        return fields
    }

    /// BigQuery SQL reading `tables`: one, or a join of several.
    private static func select(from tables: [TableInfo], project: ProjectID) -> String {
        func path(_ table: TableInfo) -> String { "`\(project.rawValue).\(table.ref.dataset.rawValue).\(table.ref.table.rawValue)`" }
        var sql = "SELECT t0.id, t0.dato, t0.status\nFROM \(path(tables[0])) AS t0"
        for (index, table) in tables.enumerated().dropFirst() {
            sql += "\nLEFT JOIN \(path(table)) AS t\(index) USING (id)"
        }
        return sql + "\nWHERE t0.dato IS NOT NULL"
    }

    private static func products(publishing candidates: [TableInfo], count: Int, random: inout SplitMix64) -> [DemoProject.Product] {
        guard !candidates.isEmpty else { return [] }
        let team = DemoProject.teams[0]
        return (0..<min(count, candidates.count)).map { index in
            let table = candidates[index * candidates.count / count]
            let name = "Dataprodukt \(index + 1): \(table.ref.table.rawValue)"
            let grants = (0..<grantsPerProduct).map { grant in
                DemoProject.DemoGrant(subject: try! Subject(grant % 5 == 0 ? .group : .user,
                                                            grant % 5 == 0 ? "team-\(grant)-\(index)@nav.no" : "bruker.\(grant).\(index)@nav.no"),
                                      expiresInDays: grant % 4 == 0 ? Double(random.next(below: 400)) - 30 : nil)
            }
            let requests = (0..<2).map { request in
                DemoProject.DemoRequest(subject: try! Subject(.user, "soker.\(request).\(index)@nav.no"), expiresInDays: 180, polly: nil)
            }
            return DemoProject.Product(
                new: NewDataprodukt(name: name, description: "Syntetisk dataprodukt \(index + 1).", group: DemoProject.teamGroup,
                                    teamkatalogenURL: team.url, teamContact: "team-dagpenger", teamID: team.teamID),
                datasett: DemoProject.NewDatasettDraft(name: table.ref.table.rawValue, description: table.description ?? "",
                                                       table: table.ref, pii: index % 3 == 0 ? .sensitive : .none,
                                                       keywords: ["syntetisk"],
                                                       piiTags: index % 3 == 0 ? ["fødselsnummer": .direkteIdentifiserende] : [:]),
                grants: grants, requests: requests)
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a small, fast generator, the same numbers for the
/// same seed on every machine — which Swift's own generator does not promise.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0 ..< bound.
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
