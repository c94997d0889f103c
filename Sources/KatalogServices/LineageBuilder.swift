import Foundation
import KatalogCore

/// Derives the lineage graph from the project itself (DESIGN.md, "Lineage: where edges come
/// from"): view SQL, scheduled queries, EXTERNAL_QUERY connections, Datastream streams, table
/// labels for what GCP cannot see (Naisjobs, Nais apps), and the marketplace for the outside.
public struct LineageBuilder: Sendable {
    let services: ServiceLayer

    public init(services: ServiceLayer) {
        self.services = services
    }

    /// The graph, and notices about sources of evidence that could not be read (a disabled API).
    public func build() async throws -> (graph: LineageGraph, notices: [LocalizedText]) {
        let warehouse = services.warehouse
        var nodes: [LineageNode] = []
        var edges: [LineageEdge] = []
        var notices: [LocalizedText] = []

        let datasets = try await warehouse.datasets()
        var tables: [TableInfo] = []
        var definitions: [TableRef: String] = [:]
        for dataset in datasets {
            tables += try await warehouse.tables(in: dataset.ref)
            definitions.merge(try await warehouse.viewDefinitions(in: dataset.ref)) { $1 }
        }
        let zoneOf = Dictionary(uniqueKeysWithValues: datasets.map { ($0.ref, Self.zone(of: $0)) })
        let known = Set(tables.map(\.ref))
        for table in tables {
            nodes.append(LineageNode(id: table.ref.description, kind: Self.kind(table.kind), zone: zoneOf[table.ref.datasetRef] ?? .processing,
                                     label: "\(table.ref.dataset).\(table.ref.table)"))
        }

        // View and materialized-view SQL: what each reads.
        for (view, sql) in definitions {
            for read in SQLReferences.extract(from: sql, defaultProject: view.project).reads {
                guard let source = read.resolved, known.contains(source) else { continue }
                edges.append(LineageEdge(from: source.description, to: view.description, via: "view SQL"))
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
                let federated = !references.externalQueries.isEmpty
                let transfer = "transfer:\(federated ? "federated_query" : "scheduled_query"):\(query.displayName)"
                nodes.append(LineageNode(id: transfer, kind: .transfer, zone: .transfer,
                                         label: (federated ? "Federated Query: " : "Scheduled query: ") + query.displayName))
                let via = "scheduled query «\(query.displayName)»"
                edges.append(LineageEdge(from: transfer, to: target, via: via))
                for read in references.reads {
                    guard let source = read.resolved, known.contains(source) else { continue }
                    edges.append(LineageEdge(from: source.description, to: transfer, via: via))
                }
                for external in references.externalQueries {
                    let connection = connections.first { $0.id == external.connection }
                    let system = Self.system(connection?.databaseType ?? "database")
                    let database = connection?.database ?? external.connection
                    for table in external.tables {
                        let id = "source:\(system):\(database)/\(table)"
                        nodes.append(LineageNode(id: id, kind: .sourceTable, zone: .source, label: "\(system) \(database): \(table)"))
                        edges.append(LineageEdge(from: id, to: transfer, via: "EXTERNAL_QUERY \(external.connection)"))
                    }
                }
            }
        } catch {
            notices.append(Self.notice(error))
        }

        // Datastream: source tables → stream → the tables it lands in the destination dataset.
        do {
            for stream in try await warehouse.streams() {
                let transfer = "transfer:datastream:\(stream.displayName)"
                nodes.append(LineageNode(id: transfer, kind: .transfer, zone: .transfer, label: "Datastream: \(stream.displayName)"))
                for object in stream.sourceObjects {
                    let system = Self.system(stream.sourceType)
                    let source = "source:\(system):\(stream.sourceProfile)/\(object)"
                    nodes.append(LineageNode(id: source, kind: .sourceTable, zone: .source, label: "\(system) \(stream.sourceProfile): \(object)"))
                    edges.append(LineageEdge(from: source, to: transfer, via: "Datastream «\(stream.displayName)»"))
                    // Datastream names the table after the object, with or without its schema.
                    let parts = object.split(separator: ".").map(String.init)
                    let candidates = [stream.tablePrefix + (parts.last ?? object), stream.tablePrefix + parts.joined(separator: "_")]
                    if let landed = candidates.compactMap({ try? TableID($0) }).map({ TableRef(stream.destination, $0) }).first(where: known.contains) {
                        edges.append(LineageEdge(from: transfer, to: landed.description, via: "Datastream «\(stream.displayName)»"))
                    }
                }
            }
        } catch {
            notices.append(Self.notice(error))
        }

        // Labels for what GCP cannot see: `kilde` (source system), `overforing` (naisjob, nais-app),
        // `naisjob` / `app` (its name), `topic` (a Kafka topic).
        for table in tables {
            guard let system = table.labels["kilde"], let kind = table.labels["overforing"], ["naisjob", "nais-app"].contains(kind) else { continue }
            let name = table.labels["naisjob"] ?? table.labels["app"] ?? kind
            let object = table.labels["topic"] ?? table.ref.table.rawValue
            let transfer = "transfer:\(kind):\(name)"
            let source = "source:\(system):\(object)"
            nodes.append(LineageNode(id: transfer, kind: .transfer, zone: .transfer, label: (kind == "naisjob" ? "Naisjob: " : "Nais app: ") + name))
            nodes.append(LineageNode(id: source, kind: .sourceTable, zone: .source, label: "\(system): \(object)"))
            edges.append(LineageEdge(from: source, to: transfer, via: "label"))
            edges.append(LineageEdge(from: transfer, to: table.ref.description, via: "label"))
        }

        // The outside: tables registered as datasett.
        for product in try await services.marketplace.dataprodukter() {
            for datasett in product.datasett where known.contains(datasett.source.table) {
                let id = "dataprodukt:\(product.slug)/\(datasett.slug)"
                nodes.append(LineageNode(id: id, kind: .datasett, zone: .dataprodukt, label: "\(product.name) › \(datasett.name)"))
                edges.append(LineageEdge(from: datasett.source.table.description, to: id, via: "marketplace"))
            }
        }
        return (LineageGraph(nodes: nodes, edges: edges), notices)
    }

    /// The dataset's `sone` label decides; without one, names that say råsone do.
    static func zone(of dataset: DatasetInfo) -> LineageZone {
        switch dataset.labels["sone"]?.lowercased() {
        case "rasone", "raw": return .raw
        case "dataprodukt", "dataprodukter": return .dataprodukt
        case "behandling", "processing": return .processing
        default:
            let name = dataset.ref.dataset.rawValue.lowercased()
            return name.contains("rasone") || name.hasPrefix("raw") ? .raw : .processing
        }
    }

    /// One name per database system, whichever API spelt it (POSTGRES, POSTGRESQL, …).
    static func system(_ name: String) -> String {
        let lower = name.lowercased()
        return lower == "postgresql" ? "postgres" : lower
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
