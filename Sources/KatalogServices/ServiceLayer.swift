import Foundation
import KatalogCore

/// Everything a front end may call, built once in `main` from the chosen backends and handed
/// down. Marketplace and access changes pass the domain rules on the way and reach the backend
/// with their audit record.
public struct ServiceLayer: Sendable {
    public let warehouse: any Warehouse
    public let marketplace: any Marketplace
    public let access: any Access
    /// The publish forms' lookups (Teamkatalogen, Polly, BigQuery tables, Slack).
    public let directory: any MarketplaceDirectory
    public let iam: any IAMPolicies
    public let drafts: any Drafts
    public let audit: any Audit
    public let now: @Sendable () -> Date

    public init(warehouse: any Warehouse, marketplace: any MarketplaceBackend, access: any AccessBackend, directory: any MarketplaceDirectory,
                iam: any IAMPolicies, drafts: any Drafts, audit: any Audit, now: @escaping @Sendable () -> Date = { Date() }) {
        let checkedMarketplace = CheckedMarketplace(base: marketplace, warehouse: warehouse)
        self.warehouse = warehouse
        self.marketplace = checkedMarketplace
        self.access = CheckedAccess(base: access, marketplace: checkedMarketplace, now: now)
        self.directory = directory
        self.iam = iam
        self.drafts = drafts
        self.audit = audit
        self.now = now
    }
}
