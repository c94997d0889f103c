import Foundation
import KatalogCore

/// Follows page tokens to the end — and stops a server that never ends: a token seen before,
/// too many pages in a row without an item, or more pages than any real project has.
struct Paging {
    let api: String
    let what: String
    var maximumPages = 10_000
    var maximumEmptyPages = 20

    func all<Item>(_ fetch: (String?) async throws -> (items: [Item], next: String?)) async throws -> [Item] {
        var items: [Item] = []
        var token: String?
        var seen = Set<String>()
        var pages = 0
        var emptyInARow = 0
        repeat {
            let page = try await fetch(token)
            items += page.items
            pages += 1
            emptyInARow = page.items.isEmpty ? emptyInARow + 1 : 0
            token = page.next.flatMap { $0.isEmpty ? nil : $0 }
            guard let next = token else { break }
            if !seen.insert(next).inserted { break }  // a server repeating itself: what came is all there is
            if emptyInARow >= maximumEmptyPages || pages >= maximumPages {
                throw CloudError(kind: .malformed, message: LocalizedText(
                    nb: "\(api) sluttet ikke å sende nye sider for \(what) (\(pages) sider, \(emptyInARow) tomme på rad); katalog stoppet. Prøv igjen senere, eller meld fra om feilen.",
                    en: "\(api) did not stop sending new pages for \(what) (\(pages) pages, \(emptyInARow) empty in a row); katalog stopped. Try again later, or report the fault."))
            }
        } while true
        return items
    }
}
