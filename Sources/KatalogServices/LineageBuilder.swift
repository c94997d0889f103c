import Foundation
import KatalogCore

/// Derives the lineage graph from the project itself (DESIGN.md, "Lineage: where edges come
/// from"): view SQL, scheduled queries, EXTERNAL_QUERY connections, Datastream streams, the Data
/// Lineage API, table labels and the team's lineage.yaml for what GCP cannot see (Naisjobs, Nais
/// apps), and the marketplace for the outside.
public struct LineageBuilder: Sendable {
    let services: ServiceLayer
    let declared: DeclaredLineage?
    /// When lineage.yaml names what the project does not have: fail (the CLI, for CI), or draw
    /// the graph without the file and say why (the terminal UI).
    let strict: Bool

    public init(services: ServiceLayer, declared: DeclaredLineage? = nil, strict: Bool = true) {
        self.services = services
        self.declared = declared
        self.strict = strict
    }

    /// The graph, and notices about sources of evidence that could not be read (a disabled API).
    /// Strict, it throws `LineageFileError` when lineage.yaml names what the project does not have.
    public func build() async throws -> (graph: LineageGraph, notices: [LocalizedText]) {
        let warehouse = services.warehouse
        let zones = declared?.zones ?? ZoneRules()
        var nodes: [LineageNode] = []
        var edges: [LineageEdge] = []
        var notices: [LocalizedText] = []

        let datasets = try await warehouse.datasets()
        // Every dataset's tables and view SQL, several datasets at a time.
        let refs = datasets.map(\.ref)
        async let lists = warehouse.tables(in: refs)
        async let sql = eachDataset(refs) { try await warehouse.viewDefinitions(in: $0) }
        let (tablesByDataset, definitionsByDataset) = await (lists, sql)
        var tables: [TableInfo] = []
        var definitions: [TableRef: String] = [:]
        for ref in refs {
            tables += try tablesByDataset[ref]?.get() ?? []
            definitions.merge(try definitionsByDataset[ref]?.get() ?? [:]) { $1 }
        }
        // A view the bulk answer left out (materialized views where the backend has no
        // MATERIALIZED_VIEWS, as the emulators): its own SQL.
        for table in tables where table.kind.isView && definitions[table.ref] == nil {
            definitions[table.ref] = try? await warehouse.table(table.ref).query
        }
        // A long build ends when its task is cancelled (the user left, or a stop): between phases.
        try Task.checkCancellation()
        let datasetOf = Dictionary(uniqueKeysWithValues: datasets.map { ($0.ref, $0) })
        let known = Set(tables.map(\.ref))
        for table in tables {
            let zone = datasetOf[table.ref.datasetRef].map { zones.zone(of: $0, table: table) } ?? .processing
            nodes.append(LineageNode(id: table.ref.description, kind: Self.kind(table.kind), zone: zone, label: "\(table.ref.dataset).\(table.ref.table)"))
        }

        // What a reference reads: a known table; every known table a wildcard (`events_*`)
        // matches; or a table of another project, kept as a node outside the project.
        func sources(of read: SQLTableReference, within project: ProjectID) -> [(id: String, wildcard: Bool)] {
            guard let source = read.resolved, !read.isInformationSchema else { return [] }
            if read.isWildcard {
                let prefix = String(source.table.rawValue.dropLast())
                return tables.map(\.ref).filter { $0.datasetRef == source.datasetRef && $0.table.rawValue.hasPrefix(prefix) }
                    .sorted { $0.description < $1.description }.map { ($0.description, true) }
            }
            if known.contains(source) { return [(source.description, false)] }
            guard source.project != project else { return [] }
            nodes.append(LineageNode(id: source.description, kind: .externalTable, zone: .source, label: source.description))
            return [(source.description, false)]
        }

        // View and materialized-view SQL: what each reads.
        for (index, (view, sql)) in definitions.enumerated() {
            if index % 256 == 0 { try Task.checkCancellation() }
            for read in SQLReferences.extract(from: sql, defaultProject: view.project).reads {
                for source in sources(of: read, within: view.project) {
                    edges.append(LineageEdge(from: source.id, to: view.description, via: source.wildcard ? "view SQL (wildcard)" : "view SQL"))
                }
            }
        }

        // Scheduled queries: query → destination, through the transfer; EXTERNAL_QUERY names a source database.
        let connections = (try? await warehouse.connections()) ?? []
        do {
            for query in try await warehouse.scheduledQueries() {
                guard let dataset = query.destination, let template = query.destinationTableTemplate,
                      let id = try? TableID(template), known.contains(TableRef(dataset, id)) else { continue }
                let target = TableRef(dataset, id).description
                let references = SQLReferences.extract(from: query.query, defaultProject: dataset.project)
                let transfer = (references.externalQueries.isEmpty ? TransferKind.scheduledQuery : .federatedQuery).node(query.displayName)
                nodes.append(transfer)
                let via = "scheduled query «\(query.displayName)»"
                edges.append(LineageEdge(from: transfer.id, to: target, via: via))
                for read in references.reads {
                    for source in sources(of: read, within: dataset.project) {
                        edges.append(LineageEdge(from: source.id, to: transfer.id, via: source.wildcard ? via + " (wildcard)" : via))
                    }
                }
                for external in references.externalQueries {
                    let connection = connections.first { $0.id == external.connection }
                    let database = connection?.database ?? external.connection
                    for table in external.tables {
                        let source = SourceSystem.node(system: connection?.databaseType ?? "database", object: "\(database)/\(table)")
                        nodes.append(source)
                        edges.append(LineageEdge(from: source.id, to: transfer.id, via: "EXTERNAL_QUERY \(external.connection)"))
                    }
                }
            }
        } catch {
            notices.append(Self.notice(error))
        }

        // Datastream: source tables → stream → the tables it lands in the destination dataset.
        do {
            for stream in try await warehouse.streams() {
                let transfer = TransferKind.datastream.node(stream.displayName)
                let via = "Datastream «\(stream.displayName)»"
                nodes.append(transfer)
                for object in stream.sourceObjects {
                    let source = SourceSystem.node(system: stream.sourceType, object: "\(stream.sourceProfile)/\(object)")
                    nodes.append(source)
                    edges.append(LineageEdge(from: source.id, to: transfer.id, via: via))
                    // Datastream names the table after the object, with or without its schema.
                    let parts = object.split(separator: ".").map(String.init)
                    let candidates = [stream.tablePrefix + (parts.last ?? object), stream.tablePrefix + parts.joined(separator: "_")]
                    if let landed = candidates.compactMap({ try? TableID($0) }).map({ TableRef(stream.destination, $0) }).first(where: known.contains) {
                        edges.append(LineageEdge(from: transfer.id, to: landed.description, via: via))
                    }
                }
            }
        } catch {
            notices.append(Self.notice(error))
        }

        // Labels for what GCP cannot see: `kilde` (source system), `overforing` (naisjob, nais-app),
        // `naisjob` / `app` (its name), `topic` (a Kafka topic).
        for table in tables {
            guard let system = table.labels["kilde"], let kind = table.labels["overforing"].flatMap(TransferKind.init(rawValue:)),
                  [.naisjob, .naisApp].contains(kind) else { continue }
            let transfer = kind.node(table.labels["naisjob"] ?? table.labels["app"] ?? kind.rawValue)
            let source = SourceSystem.node(system: system, object: table.labels["topic"] ?? table.ref.table.rawValue)
            nodes += [transfer, source]
            edges.append(LineageEdge(from: source.id, to: transfer.id, via: "label"))
            edges.append(LineageEdge(from: transfer.id, to: table.ref.description, via: "label"))
        }

        // lineage.yaml: what the team declares.
        if let declared {
            do {
                let (added, addedEdges) = try Self.declaredParts(declared, project: warehouse.project, known: known, zones: zones, datasets: datasetOf)
                nodes += added
                edges += addedEdges
            } catch {
                if strict { throw error }
                notices.append(error.message)
            }
        }

        // The Data Lineage API, where the project has it: links the evidence above did not show.
        do {
            edges += try await lineageAPIEdges(tables: tables.map(\.ref), known: known, derived: LineageGraph(nodes: nodes, edges: edges))
        } catch {
            notices.append(Self.notice(error))
        }

        try Task.checkCancellation()
        // The outside: tables registered as datasett.
        for product in try await services.marketplace.myDataprodukter() {
            for datasett in product.datasett where known.contains(datasett.source.table) {
                let id = "dataprodukt:\(product.slug)/\(datasett.slug)"
                nodes.append(LineageNode(id: id, kind: .datasett, zone: .dataprodukt, label: "\(product.name) › \(datasett.name)"))
                edges.append(LineageEdge(from: datasett.source.table.description, to: id, via: "marketplace"))
            }
        }
        return (LineageGraph(nodes: nodes, edges: edges), notices)
    }

    /// The nodes and edges lineage.yaml declares, or every problem with its line: a table in
    /// this project that does not exist is a typo; one in another project is a node of its own.
    static func declaredParts(_ declared: DeclaredLineage, project: ProjectID, known: Set<TableRef>, zones: ZoneRules,
                              datasets: [DatasetRef: DatasetInfo]) throws(LineageFileError) -> ([LineageNode], [LineageEdge]) {
        var nodes: [LineageNode] = [], edges: [LineageEdge] = [], problems: [YAMLFileError] = []
        let via = "lineage.yaml"
        func node(_ endpoint: DeclaredLineage.Endpoint, line: Int) -> String? {
            switch endpoint {
            case let .source(system, object):
                let source = SourceSystem.node(system: system, object: object)
                nodes.append(source)
                return source.id
            case let .table(text):
                guard let ref = try? TableRef(parsing: text, defaultProject: project) else {
                    problems.append(YAMLFileError(file: declared.file, line: line, problem: "'\(text)' is not a table name (dataset.table or project.dataset.table)"))
                    return nil
                }
                if ref.project == project {
                    guard known.contains(ref) else {
                        problems.append(YAMLFileError(file: declared.file, line: line, problem: "\(ref.dataset).\(ref.table) is not a table in project \(project)"))
                        return nil
                    }
                } else {
                    let zone = zones.zone(of: datasets[ref.datasetRef] ?? DatasetInfo(ref: ref.datasetRef, location: ""))
                    nodes.append(LineageNode(id: ref.description, kind: .table, zone: zone, label: ref.description))
                }
                return ref.description
            }
        }
        for flow in declared.flows {
            let from = flow.from.compactMap { node($0, line: flow.line) }
            let to = flow.to.compactMap { node($0, line: flow.line) }
            if let through = flow.through {
                let transfer = through.kind.node(through.name)
                nodes.append(transfer)
                edges += from.map { LineageEdge(from: $0, to: transfer.id, via: via) } + to.map { LineageEdge(from: transfer.id, to: $0, via: via) }
            } else {
                edges += from.flatMap { source in to.map { LineageEdge(from: source, to: $0, via: via) } }
            }
        }
        guard problems.isEmpty else { throw LineageFileError(problems) }
        return (nodes, edges)
    }

    /// Table-to-table links from the Data Lineage API that the derived graph does not already
    /// connect (it knows the transfer in between; the API only the ends). Asks for one table
    /// first, so a disabled API costs one call and one notice.
    func lineageAPIEdges(tables: [TableRef], known: Set<TableRef>, derived: LineageGraph) async throws -> [LineageEdge] {
        guard let first = tables.first else { return [] }
        var links = try await services.warehouse.lineageLinks(of: first)
        let warehouse = services.warehouse
        links += await withTaskGroup(of: [LineageLink].self) { group in
            for table in tables.dropFirst() { group.addTask { (try? await warehouse.lineageLinks(of: table)) ?? [] } }
            return await group.reduce(into: []) { $0 += $1 }
        }
        var downstream: [String: Set<String>] = [:]  // per source, computed once
        func reaches(_ from: String, _ to: String) -> Bool {
            if downstream[from] == nil { downstream[from] = derived.reachable(from: from, upstream: false) }
            return downstream[from]!.contains(to)
        }
        return Set(links).sorted { ($0.source, $0.target) < ($1.source, $1.target) }.compactMap { link in
            guard let source = LineageLink.table(named: link.source), let target = LineageLink.table(named: link.target),
                  known.contains(source), known.contains(target), !reaches(source.description, target.description) else { return nil }
            return LineageEdge(from: source.description, to: target.description, via: "Data Lineage API")
        }
    }

    static func kind(_ kind: TableKind) -> LineageNodeKind {
        switch kind {
        case .view: .view
        case .materializedView: .materializedView
        default: .table
        }
    }

    static func notice(_ error: Error) -> LocalizedText {
        (error as? UserFacingError)?.message ?? LocalizedText(nb: "\(error)", en: "\(error)")
    }
}

extension LineageBuilder {
    /// The graph with the team's lineage.yaml when one is named; for the terminal UI, which
    /// draws what it can: a bad file becomes a notice (every `file:line`), not an empty screen.
    public static func build(services: ServiceLayer, lineageFile: String?) async throws -> (graph: LineageGraph, notices: [LocalizedText]) {
        var declared: DeclaredLineage?
        var unreadable: [LocalizedText] = []
        if let lineageFile {
            do { declared = try LineageFile.load(path: lineageFile) } catch let error as UserFacingError { unreadable = [error.message] }
        }
        let (graph, notices) = try await LineageBuilder(services: services, declared: declared, strict: false).build()
        return (graph, unreadable + notices)
    }
}
