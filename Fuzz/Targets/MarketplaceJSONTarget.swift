import Foundation
import KatalogCore
@testable import KatalogCloud

/// Any body as every marketplace answer katalog reads — dataprodukter, datasett with their
/// grants, access requests, the user, search results, Teamkatalogen — mapped on to the
/// product's types, and as an error body at every status the dialect tells apart.
enum MarketplaceJSONTarget {
    static let decoder = MarketplaceJSON.decoder
    static let dialect = MarketplaceDialect()

    static func run(_ data: Data) {
        if let product = try? decoder.decode(DataproductDTO.self, from: data) { _ = product.domain(datasett: []) }
        if let datasett = try? decoder.decode(DatasetWithAccessDTO.self, from: data) {
            _ = try? datasett.domain()
            _ = try? datasett.grants()
        }
        if let access = try? decoder.decode(AccessDTO.self, from: data) { _ = try? access.domain() }
        if let request = try? decoder.decode(AccessRequestDTO.self, from: data) { _ = try? request.domain() }
        if let requests = try? decoder.decode(AccessRequestsDTO.self, from: data) { _ = requests }
        if let user = try? decoder.decode(UserInfoDTO.self, from: data) { _ = user.domain }
        _ = try? decoder.decode(SearchResultsDTO.self, from: data)
        _ = try? decoder.decode(KeywordsDTO.self, from: data)
        _ = try? decoder.decode(TeamkatalogenDTO.self, from: data)
        _ = try? decoder.decode(PollyResultDTO.self, from: data)
        for status in [400, 401, 403, 404, 409, 429, 500, 502] {
            Invariant.safe(dialect.failure(HTTPResponse(status: status, headers: [:], body: data), what: "the dataprodukt"), "a marketplace error body")
        }
    }
}
