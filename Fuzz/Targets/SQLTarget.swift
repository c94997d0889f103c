import Foundation
import KatalogCore

/// The SQL reference extractor over any text: no crash, no hang, the same answer twice.
enum SQLTarget {
    static let project = try! ProjectID("dagpenger-prod-4e2b")
    static let dataset = try! DatasetID("rasone")

    static func run(_ data: Data) {
        let sql = String(decoding: data, as: UTF8.self)
        let first = SQLReferences.extract(from: sql, defaultProject: project, defaultDataset: dataset)
        let again = SQLReferences.extract(from: sql, defaultProject: project, defaultDataset: dataset)
        if first != again { Invariant.fail("two extractions of the same SQL differ") }
        _ = SQLReferences.extract(from: sql)
    }
}
