import Foundation
import KatalogCore
import KatalogServices

/// The Warehouse of a real GCP project, over BigQuery REST v2.
public struct BigQueryWarehouse: Warehouse {
    public let project: ProjectID
    let client: BigQueryClient
    let siblings: Siblings
    private let datasetList = SharedDatasetList()

    /// The sibling APIs' clients; nil where the project has none to talk to.
    public struct Siblings: Sendable {
        public let connection: GoogleAPIClient?
        public let dataTransfer: GoogleAPIClient?
        public let datastream: GoogleAPIClient?
        public let lineage: GoogleAPIClient?

        public init(connection: GoogleAPIClient?, dataTransfer: GoogleAPIClient?, datastream: GoogleAPIClient?, lineage: GoogleAPIClient? = nil) {
            self.connection = connection
            self.dataTransfer = dataTransfer
            self.datastream = datastream
            self.lineage = lineage
        }

        public static let none = Siblings(connection: nil, dataTransfer: nil, datastream: nil)
    }

    public init(project: ProjectID, http: GoogleAPIClient, pageSize: Int = 1000, siblings: Siblings = .none) {
        self.project = project
        client = BigQueryClient(http: http, pageSize: pageSize)
        self.siblings = siblings
    }

    public func datasets() async throws -> [DatasetInfo] {
        let listed = try await listDatasets()
        // The list has no description or times: datasets.get fills them in, concurrently.
        return try await withThrowingTaskGroup(of: DatasetInfo.self) { group in
            for item in listed {
                group.addTask {
                    let ref = DatasetRef(project: try ProjectID(item.datasetReference.projectId), dataset: try DatasetID(item.datasetReference.datasetId))
                    return try ResourceMapping.dataset(try await translate { try await client.dataset(ref) })
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }.sorted { $0.ref < $1.ref }
        }
    }

    /// tables.list as it is: no sizes (`tableSizes` adds them after).
    public func tables(in dataset: DatasetRef) async throws -> [TableInfo] {
        try await translate { try await client.tables(dataset) }.map(ResourceMapping.listed).sorted { $0.ref < $1.ref }
    }

    /// One `INFORMATION_SCHEMA.TABLE_STORAGE` query per region for the datasets whose region is
    /// known (two or more there), else one query on each dataset's `__TABLES__` — never a
    /// tables.get per table. Without permission for either, no sizes.
    public func tableSizes(in datasets: [DatasetRef], locations: [DatasetRef: String]) async -> [TableRef: TableSize] {
        let byRegion = Dictionary(grouping: datasets.filter { locations[$0] != nil }) { locations[$0]!.lowercased() }
        var sizes: [TableRef: TableSize] = [:]
        var eachOnItsOwn = datasets.filter { locations[$0] == nil }
        for (region, members) in byRegion {
            if members.count >= 2, let found = await regionSizes(region, of: Set(members)) {
                sizes.merge(found) { $1 }
            } else {
                eachOnItsOwn += members
            }
        }
        let perDataset = await eachDataset(eachOnItsOwn) { dataset in
            try await client.query(
                "SELECT table_id, row_count, size_bytes, last_modified_time FROM `\(dataset.project).\(dataset.dataset).__TABLES__`", project: project)
        }
        for (dataset, answer) in perDataset {
            guard let rows = try? answer.get() else { continue }
            for row in rows where row.count == 4 {
                guard let name = row[0], let table = try? TableID(name) else { continue }
                sizes[TableRef(dataset, table)] = TableSize(numRows: row[1].flatMap { Int64($0) }, numBytes: row[2].flatMap { Int64($0) },
                                                            modified: ResourceMapping.date(row[3]))
            }
        }
        return sizes
    }

    /// How long the region's storage view may take before each dataset's `__TABLES__` is asked.
    static let regionSizesWait: TimeInterval = 10

    /// Every table's size in one region of the project, for the datasets asked about; nil when
    /// the view cannot be read (no permission, or a server without it).
    private func regionSizes(_ region: String, of datasets: Set<DatasetRef>) async -> [TableRef: TableSize]? {
        let (client, project) = (client, project)
        // Bounded: a region's view can be slow to answer, and sizes are only decoration.
        guard let rows = try? await TransportError.within(Self.regionSizesWait, {
            try await client.query("""
                SELECT table_schema, table_name, total_rows, total_logical_bytes, UNIX_MILLIS(storage_last_modified_time)
                FROM `\(project).region-\(region).INFORMATION_SCHEMA.TABLE_STORAGE` WHERE NOT deleted
                """, project: project)
        }) else { return nil }
        var sizes: [TableRef: TableSize] = [:]
        for row in rows where row.count == 5 {
            guard let schema = row[0], let name = row[1], let datasetID = try? DatasetID(schema), let table = try? TableID(name) else { continue }
            let dataset = DatasetRef(project: project, dataset: datasetID)
            guard datasets.contains(dataset) else { continue }
            sizes[TableRef(dataset, table)] = TableSize(numRows: row[2].flatMap { Int64($0) }, numBytes: row[3].flatMap { Int64($0) },
                                                        modified: ResourceMapping.date(row[4]))
        }
        return sizes
    }

    public func table(_ ref: TableRef) async throws -> TableInfo {
        let resource = try await translate { try await client.table(ref) }
        var fallback: String?
        // Emulators (and some API views) leave out view.query: INFORMATION_SCHEMA.VIEWS has it.
        if ResourceMapping.kind(resource.type).isView, resource.view?.query == nil, resource.materializedView?.query == nil {
            fallback = try await viewDefinition(ref)
        }
        return try ResourceMapping.table(resource, query: fallback)
    }

    /// Every table's details from INFORMATION_SCHEMA (COLUMNS, COLUMN_FIELD_PATHS,
    /// TABLE_OPTIONS, VIEWS, MATERIALIZED_VIEWS) instead of a tables.get per table: a dataset of
    /// 300 tables is 8 calls, not 300. A server without these views gets the tables.get calls.
    public func tableDetails(in dataset: DatasetRef) async throws -> [TableInfo] {
        let sizes = await tableSizes(in: [dataset], locations: [:])
        let listed = try await tables(in: dataset).map { $0.with(sizes[$0.ref]) }
        let schema = "`\(dataset.project).\(dataset.dataset).INFORMATION_SCHEMA"
        let bulk: (columns: [[String?]], descriptions: [[String?]], options: [[String?]], views: [TableRef: String], location: String?)
        do {
            // Hidden columns (_PARTITIONTIME of ingestion-time partitioned tables) are not in the schema.
            async let columns = client.query(
                "SELECT table_name, column_name, is_nullable, data_type FROM \(schema).COLUMNS` WHERE is_hidden = 'NO' ORDER BY table_name, ordinal_position",
                project: project)
            async let descriptions = client.query("SELECT table_name, field_path, description FROM \(schema).COLUMN_FIELD_PATHS` WHERE description IS NOT NULL",
                                                  project: project)
            async let options = client.query(
                "SELECT table_name, option_name, option_value FROM \(schema).TABLE_OPTIONS` WHERE option_name IN ('description', 'friendly_name', 'labels')",
                project: project)
            async let location = client.dataset(dataset).location  // every table lives where its dataset does
            bulk = (try await columns, try await descriptions, try await options, try await viewDefinitions(in: dataset), try await location)
        } catch {
            var details: [TableInfo] = []
            for table in listed { details.append(try await self.table(table.ref)) }
            return details
        }
        let columns = Dictionary(grouping: bulk.columns.filter { $0.count == 4 }) { $0[0] ?? "" }
        var fieldDescriptions: [String: [String: String]] = [:]
        for row in bulk.descriptions where row.count == 3 {
            if let table = row[0], let path = row[1], let text = row[2] { fieldDescriptions[table, default: [:]][path] = text }
        }
        var options: [String: [String: String]] = [:]
        for row in bulk.options where row.count == 3 {
            if let table = row[0], let name = row[1], let value = row[2] { options[table, default: [:]][name] = value }
        }
        var details: [TableInfo] = []
        for table in listed {
            let name = table.ref.table.rawValue
            let fields = (columns[name] ?? []).map { row in
                ColumnType.field(name: row[1] ?? "", type: row[3] ?? "", required: row[2] == "NO", descriptions: fieldDescriptions[name] ?? [:])
            }
            // A type this reader does not know, a table the columns did not show (created since),
            // or a view whose SQL the views did not show: that table's own tables.get.
            guard columns[name] != nil, !fields.contains(where: { $0 == nil }), !table.kind.isView || bulk.views[table.ref] != nil else {
                details.append(try await self.table(table.ref))
                continue
            }
            // The options say what tables.list may leave out (its labels and names are optional).
            let own = options[name] ?? [:]
            details.append(TableInfo(ref: table.ref, kind: table.kind, friendlyName: own["friendly_name"].map(ResourceMapping.stringLiteral) ?? table.friendlyName,
                                     description: own["description"].map(ResourceMapping.stringLiteral),
                                     labels: own["labels"].map(ResourceMapping.labelsLiteral) ?? table.labels, schema: fields.compactMap { $0 }, numRows: table.numRows, numBytes: table.numBytes,
                                     partitioning: table.partitioning, clustering: table.clustering, created: table.created,
                                     modified: table.modified, expires: table.expires, location: bulk.location, query: bulk.views[table.ref]))
        }
        return details
    }

    /// Every view's SQL in one `INFORMATION_SCHEMA.VIEWS` query, instead of a tables.get per
    /// view; materialized views (not in VIEWS) from `MATERIALIZED_VIEWS` where BigQuery has it.
    public func viewDefinitions(in dataset: DatasetRef) async throws -> [TableRef: String] {
        let rows = try await translate {
            try await client.query("SELECT table_name, view_definition FROM `\(dataset.project).\(dataset.dataset).INFORMATION_SCHEMA.VIEWS`", project: project)
        }
        var definitions: [TableRef: String] = [:]
        for row in rows {
            guard row.count == 2, let name = row[0], let sql = row[1], let id = try? TableID(name) else { continue }
            definitions[TableRef(dataset, id)] = sql
        }
        let materialized = (try? await client.query(
            "SELECT table_name, materialized_view_definition FROM `\(dataset.project).\(dataset.dataset).INFORMATION_SCHEMA.MATERIALIZED_VIEWS`",
            project: project)) ?? []
        for row in materialized {
            guard row.count == 2, let name = row[0], let sql = row[1], let id = try? TableID(name) else { continue }
            definitions[TableRef(dataset, id)] = sql
        }
        return definitions
    }

    /// A view's SQL from `INFORMATION_SCHEMA.VIEWS`.
    func viewDefinition(_ ref: TableRef) async throws -> String? {
        let name = ref.table.rawValue.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        let rows = try await translate {
            try await client.query("SELECT view_definition FROM `\(ref.project).\(ref.dataset).INFORMATION_SCHEMA.VIEWS` WHERE table_name = '\(name)'",
                                   project: project)
        }
        return rows.first?.first ?? nil
    }

    public func connections() async throws -> [Connection] {
        guard let api = siblings.connection else { throw Self.unavailable("Connection API") }
        return try await sibling(api).connections(in: try await locations())
    }

    public func scheduledQueries() async throws -> [ScheduledQuery] {
        guard let api = siblings.dataTransfer else { throw Self.unavailable("Data Transfer API") }
        return try await sibling(api).scheduledQueries(in: try await locations())
    }

    public func streams() async throws -> [DatastreamStream] {
        guard let api = siblings.datastream else { throw Self.unavailable("Datastream API") }
        return try await sibling(api).streams(in: try await locations())
    }

    public func lineageLinks(of table: TableRef) async throws -> [LineageLink] {
        guard let api = siblings.lineage else { throw Self.unavailable("Data Lineage API") }
        return try await DataLineageAPI(client: api, project: project).links(of: table, locations: try await locations())
    }

    private func sibling(_ api: GoogleAPIClient) -> SiblingAPIs {
        SiblingAPIs(project: project, client: api)
    }

    private func listDatasets() async throws -> [DatasetList.Item] {
        let (client, project) = (client, project)
        return try await datasetList.items { try await translate { try await client.datasets(project) } }
    }

    /// Where to look: the locations of the project's datasets, as the v1 APIs spell them.
    private func locations() async throws -> [String] {
        let items = try await listDatasets()
        return Array(Set(items.compactMap { $0.location?.lowercased() })).sorted()
    }

    /// An emulator serves only BigQuery: say so instead of showing an empty list that looks
    /// like "none".
    static func unavailable(_ api: String) -> ServiceError {
        .backend(LocalizedText(nb: "\(api) er ikke tilgjengelig her (emulatoren har det ikke; sett endepunktet i oppsettet).",
                               en: "\(api) is not available here (the emulator does not serve it; set its endpoint in the config)."))
    }
}

/// A missing thing is the user's `notFound`, like the local workspace says it; the rest stays a
/// `CloudError` with its own explanation.
func translate<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as CloudError where error.kind == .notFound {
        throw ServiceError.notFound(error.message)
    } catch let error as CloudError where error.kind == .conflict {
        throw ServiceError.conflict(error.message)
    }
}
