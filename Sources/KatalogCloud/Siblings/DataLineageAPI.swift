import Foundation
import KatalogCore

/// The Data Lineage API's `searchLinks`: which links end at a table (upstream) and which start
/// there (downstream). Paging is in the POST body.
struct DataLineageAPI: Sendable {
    let client: GoogleAPIClient
    let project: ProjectID

    private struct Request: Encodable {
        struct Entity: Encodable { let fullyQualifiedName: String }
        let source: Entity?
        let target: Entity?
        let pageSize = 100
        let pageToken: String?
    }

    private struct Response: Decodable {
        struct Link: Decodable {
            struct Entity: Decodable { let fullyQualifiedName: String }
            let source: Entity
            let target: Entity
        }
        let links: [Link]?
        let nextPageToken: String?
    }

    func links(of table: TableRef, locations: [String]) async throws -> [LineageLink] {
        let name = LineageLink.name(of: table)
        var found: [LineageLink] = []
        for location in locations {
            for direction in [(source: nil as String?, target: name as String?), (source: name, target: nil)] {
                found += try await Paging(api: client.api, what: "the lineage of \(table)").all { token in
                    // A search changes nothing on the server: safe to retry.
                    let page: Response = try await client.send(
                        .post, "projects/\(project)/locations/\(location):searchLinks",
                        body: Request(source: direction.source.map(Request.Entity.init), target: direction.target.map(Request.Entity.init), pageToken: token),
                        idempotent: true, what: "the lineage of \(table)")
                    return ((page.links ?? []).map { LineageLink(source: $0.source.fullyQualifiedName, target: $0.target.fullyQualifiedName) }, page.nextPageToken)
                }
            }
        }
        var seen = Set<LineageLink>()
        return found.filter { seen.insert($0).inserted }
    }
}
