import Foundation
import KatalogCore
import KatalogServices

/// The Warehouse of a real GCP project, over BigQuery REST v2.
public struct BigQueryWarehouse: Warehouse {
    public let project: ProjectID
    let client: BigQueryClient

    public init(project: ProjectID, http: GoogleAPIClient, pageSize: Int = 1000) {
        self.project = project
        client = BigQueryClient(http: http, pageSize: pageSize)
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

    public func tables(in dataset: DatasetRef) async throws -> [TableInfo] {
        try await translate { try await client.tables(dataset) }.map(ResourceMapping.listed).sorted { $0.ref < $1.ref }
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

    /// A view's SQL from `INFORMATION_SCHEMA.VIEWS`.
    func viewDefinition(_ ref: TableRef) async throws -> String? {
        let name = ref.table.rawValue.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        let rows = try await translate {
            try await client.query("SELECT view_definition FROM `\(ref.project).\(ref.dataset).INFORMATION_SCHEMA.VIEWS` WHERE table_name = '\(name)'",
                                   project: project)
        }
        return rows.first?.first ?? nil
    }

    public func connections() async throws -> [Connection] { throw Self.notYet(LocalizedText(nb: "Tilkoblinger", en: "Connections")) }
    public func scheduledQueries() async throws -> [ScheduledQuery] { throw Self.notYet(LocalizedText(nb: "Planlagte spørringer", en: "Scheduled queries")) }
    public func streams() async throws -> [DatastreamStream] { throw Self.notYet(LocalizedText(nb: "Datastream-strømmer", en: "Datastream streams")) }

    /// The sibling APIs (Connection, Data Transfer, Datastream) are not read yet: say so
    /// instead of showing an empty list that looks like "none".
    static func notYet(_ what: LocalizedText) -> ServiceError {
        .backend(LocalizedText(nb: "\(what.nb) leses ikke fra skyen i denne versjonen.", en: "\(what.en) are not read from the cloud in this version."))
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
