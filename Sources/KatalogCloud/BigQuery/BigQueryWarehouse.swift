import Foundation
import KatalogCore
import KatalogServices

/// The Warehouse of a real GCP project, over BigQuery REST v2.
public struct BigQueryWarehouse: Warehouse {
    public let project: ProjectID
    let client: BigQueryClient
    let siblings: Siblings

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
        let listed = try await translate { try await client.datasets(project) }
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

    /// tables.list has no sizes; one query on the dataset's `__TABLES__` adds rows, bytes and
    /// last change for every table at once, instead of a tables.get per table. Without
    /// permission for that query the list comes without sizes.
    public func tables(in dataset: DatasetRef) async throws -> [TableInfo] {
        let listed = try await translate { try await client.tables(dataset) }.map(ResourceMapping.listed).sorted { $0.ref < $1.ref }
        guard let sizes = try? await client.query(
            "SELECT table_id, row_count, size_bytes, last_modified_time FROM `\(dataset.project).\(dataset.dataset).__TABLES__`", project: project)
        else { return listed }
        let byName = Dictionary(sizes.compactMap { row in row.first.flatMap { $0 }.map { ($0, row) } }, uniquingKeysWith: { first, _ in first })
        return listed.map { table in
            guard let row = byName[table.ref.table.rawValue], row.count == 4, table.kind == .table || table.kind == .materializedView else { return table }
            return TableInfo(ref: table.ref, kind: table.kind, friendlyName: table.friendlyName, labels: table.labels,
                             numRows: row[1].flatMap { Int64($0) }, numBytes: row[2].flatMap { Int64($0) }, partitioning: table.partitioning,
                             clustering: table.clustering, created: table.created, modified: ResourceMapping.date(row[3]), expires: table.expires)
        }
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
        let listed = try await tables(in: dataset)
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

    /// Where to look: the locations of the project's datasets, as the v1 APIs spell them.
    private func locations() async throws -> [String] {
        let items = try await translate { try await client.datasets(project) }
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
