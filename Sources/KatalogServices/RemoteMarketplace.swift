/// A marketplace elsewhere (the REST API): its three faces, replacing the local workspace's.
public struct RemoteMarketplace: Sendable {
    public let marketplace: any MarketplaceBackend
    public let access: any AccessBackend
    public let directory: any MarketplaceDirectory

    public init(marketplace: any MarketplaceBackend, access: any AccessBackend, directory: any MarketplaceDirectory) {
        self.marketplace = marketplace
        self.access = access
        self.directory = directory
    }
}
