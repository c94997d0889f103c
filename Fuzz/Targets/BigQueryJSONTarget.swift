import Foundation
import KatalogCore
@testable import KatalogCloud

/// Any body as every BigQuery answer katalog reads — lists, a table, a dataset, a query's rows,
/// an IAM policy — mapped on to the product's types as the warehouse does, and as an error
/// body at every status the mapping tells apart. What is decoded may be rejected, never crash;
/// the message an error body makes is safe to print.
enum BigQueryJSONTarget {
    static let decoder = JSONDecoder()

    static func run(_ data: Data) {
        if let list = try? decoder.decode(DatasetList.self, from: data) { _ = list.datasets?.count }
        if let list = try? decoder.decode(TableList.self, from: data) {
            for item in list.tables ?? [] { _ = try? ResourceMapping.listed(item) }
        }
        if let table = try? decoder.decode(TableResource.self, from: data) {
            if let info = try? ResourceMapping.table(table, query: nil) { Invariant.safe(info.ref.description, "a table id", newlines: false) }
        }
        if let dataset = try? decoder.decode(DatasetResource.self, from: data) { _ = try? ResourceMapping.dataset(dataset) }
        if let policy = try? decoder.decode(PolicyResource.self, from: data) { _ = ResourceMapping.resource(ResourceMapping.policy(policy)) }
        _ = try? decoder.decode(QueryResponse.self, from: data)
        for status in [400, 401, 403, 404, 409, 429, 500, 503] {
            let error = CloudError.from(HTTPResponse(status: status, headers: [:], body: data), api: "BigQuery", what: "the table")
            Invariant.safe(error, "a BigQuery error body")
        }
    }
}
