import Foundation
import KatalogCore

/// The REST client for the chosen marketplace, with its token from where the user keeps it.
public struct MarketplaceConnection: Sendable {
    public let target: MarketplaceTarget
    public let client: RESTClient
    /// Where the token comes from, for `doctor` (never the token).
    public let tokenSource: String?

    public init(target: MarketplaceTarget, environment: [String: String], tokenCommand: [String]?, transport: any HTTPTransport,
                policy: RetryPolicy = RetryPolicy()) {
        self.target = target
        let tokens: (any TokenProvider)?
        if let token = environment["KATALOG_MARKETPLACE_TOKEN"], !token.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            tokens = StaticTokenProvider(token.trimmingCharacters(in: .whitespacesAndNewlines), source: "KATALOG_MARKETPLACE_TOKEN")
        } else if let tokenCommand, !tokenCommand.isEmpty {
            tokens = CommandTokenProvider(command: tokenCommand)
        } else {
            tokens = nil
        }
        tokenSource = tokens?.summary
        client = RESTClient(baseURL: target.baseURL.appendingPathComponent("api"), dialect: MarketplaceDialect(), transport: transport,
                            tokens: tokens, policy: policy)
    }

    /// Who the server says you are (`GET /api/userData`).
    public struct Me: Decodable, Sendable {
        public let name: String
        public let email: String
        public let groups: [String]

        enum Keys: String, CodingKey { case name, email, googleGroups }
        /// A group is `{name, email}`; leniently, a bare e-mail too.
        struct Group: Decodable {
            let email: String
            init(from decoder: Decoder) throws {
                if let text = try? decoder.singleValueContainer().decode(String.self) { email = text; return }
                struct Object: Decodable { let email: String }
                email = try Object(from: decoder).email
            }
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
            email = try container.decode(String.self, forKey: .email)
            // Empty lists come as null.
            groups = (try container.decodeIfPresent([Group].self, forKey: .googleGroups) ?? []).map(\.email)
        }
    }

    public func me() async throws -> Me {
        try await client.get("userData", what: "who you are")
    }
}
