import Foundation
import KatalogCore
import KatalogServices

extension MarketplaceTestServer.User {
    public init(_ user: UserContext) {
        self.init(name: user.name, email: user.email, groups: user.groups,
                  projects: Dictionary(user.teamProjects.map { ($0.project.rawValue, $0.group) }, uniquingKeysWith: { first, _ in first }))
    }
}

extension MarketplaceTestServer {
    /// Holds what a local marketplace holds — its user (signed in with `token`), dataprodukter,
    /// datasett, grants with their IAM, pending requests, the warehouse's tables, Teamkatalogen
    /// and Polly — with the same ids, so a test can compare the two backends.
    public func seed(from local: ServiceLayer, token: String) async throws {
        let user = try await local.marketplace.currentUser()
        var tables: [String: Table] = [:]
        for dataset in try await local.warehouse.datasets() {
            for table in try await local.warehouse.tables(in: dataset.ref) {
                let schema = try await local.warehouse.table(table.ref).schema
                tables[table.ref.description] = Table(type: table.kind.rawValue, description: table.description ?? "", columns: SchemaField.flatten(schema).map {
                    ["name": $0.path, "type": $0.field.type, "mode": $0.field.mode.rawValue, "description": $0.field.description ?? ""]
                })
            }
        }
        var products: [UUID: Product] = [:], datasets: [UUID: Dataset] = [:], accesses: [Access] = [], requests: [Request] = []
        for product in try await local.marketplace.myDataprodukter() {
            products[product.id] = Product(id: product.id, name: product.name, description: Self.escape(product.description ?? ""), slug: product.slug,
                                           group: product.owner.group, teamkatalogenURL: product.owner.teamkatalogenURL ?? "",
                                           teamContact: product.owner.teamContact ?? "", teamID: product.owner.teamID, created: product.created,
                                           lastModified: product.lastModified)
            for datasett in product.datasett {
                let tags = String(decoding: try JSONEncoder().encode(datasett.source.piiTags.mapValues(\.rawValue)), as: UTF8.self)
                datasets[datasett.id] = Dataset(id: datasett.id, productID: product.id, name: datasett.name, description: Self.escape(datasett.description ?? ""),
                                                slug: datasett.slug, repo: datasett.repo, pii: datasett.pii.rawValue, keywords: datasett.keywords,
                                                anonymisationDescription: datasett.anonymisationDescription, targetUser: datasett.targetUser,
                                                table: datasett.source.table.description, tableType: datasett.source.tableKind.rawValue,
                                                piiTags: try Self.normalisedTags(tags), pseudoColumns: datasett.source.pseudoColumns,
                                                created: datasett.created, lastModified: datasett.lastModified)
                for grant in try await local.access.grants(datasett: datasett.id) {
                    accesses.append(Access(id: grant.id, datasetID: datasett.id, subject: grant.subject.iamMember, owner: grant.owner, granter: grant.granter,
                                           expires: grant.expires, created: grant.created, revoked: grant.revoked, requestID: grant.accessRequestID))
                }
                for request in try await local.access.pendingRequests(datasett: datasett.id) {
                    requests.append(Request(id: request.id, datasetID: datasett.id, subject: request.subject.email, subjectType: request.subject.type.rawValue,
                                            owner: request.owner, created: request.created, expires: request.expires,
                                            polly: request.polly.map { ["externalID": $0.externalID, "name": $0.name, "url": $0.url] }))
                }
            }
        }
        var teams: [[String: String]] = []
        for group in user.groups {
            teams += try await local.directory.teams(forGroup: group).map {
                ["teamID": $0.teamID, "url": $0.url, "name": $0.name, "description": $0.description ?? "", "productAreaID": $0.productAreaID ?? ""]
            }
        }
        let polly = try await local.directory.processingActivities(matching: "").map { ["externalID": $0.externalID, "name": $0.name, "url": $0.url] }
        with { state in
            state.users[token] = User(user)
            state.tables = tables
            state.products = products
            state.datasets = datasets
            state.accesses = accesses
            state.requests = requests
            for access in accesses where access.revoked == nil {
                guard let table = datasets[access.datasetID]?.table else { continue }
                state.tableBindings[table, default: []].insert(access.subject)
                state.datasetEntries[Self.datasetKey(table), default: []].insert(access.subject)
            }
            state.teams = teams
            state.polly = polly
            state.slackChannels = Set(products.values.map(\.teamContact).filter { !$0.isEmpty })
        }
    }
}
