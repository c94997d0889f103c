import Foundation
import KatalogCore

/// Which marketplace katalog talks to, and where that came from: `--marketplace URL` (or `prod`,
/// `dev`), else `KATALOG_MARKETPLACE_URL`, else `marketplace.url` in config.yaml; none of them:
/// the local workspace's own marketplace.
public struct MarketplaceTarget: Sendable, Equatable {
    public let baseURL: URL
    /// `--marketplace`, `KATALOG_MARKETPLACE_URL` or `config.yaml`, for `doctor` and messages.
    public let source: String

    public static let production = URL(string: "https://data.ansatt.nav.no")!
    public static let development = URL(string: "https://data.ansatt.dev.nav.no")!

    public static func resolve(flag: String?, environment: [String: String], configured: String?) throws(InvalidInput) -> MarketplaceTarget? {
        let candidates: [(String?, String)] = [(flag, "--marketplace"), (environment["KATALOG_MARKETPLACE_URL"], "KATALOG_MARKETPLACE_URL"),
                                               (configured, "marketplace.url in config.yaml")]
        guard let (value, source) = candidates.first(where: { !($0.0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty }), let value else { return nil }
        let text = value.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "prod", "production": return MarketplaceTarget(baseURL: production, source: source)
        case "dev", "development": return MarketplaceTarget(baseURL: development, source: source)
        default:
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw InvalidInput([Problem(field: "marketplace", code: "marketplace_url", message: LocalizedText(
                    nb: "«\(TerminalText.line(text))» (fra \(source)) er ikke en adresse til markedsplassen. Skriv https://…, prod eller dev.",
                    en: "“\(TerminalText.line(text))” (from \(source)) is not a marketplace address. Write https://…, prod or dev."))])
            }
            return MarketplaceTarget(baseURL: url, source: source)
        }
    }
}
