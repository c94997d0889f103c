import Foundation
import KatalogCloud
import KatalogCore

/// The cloud side of the service layer for one project: BigQuery and its sibling APIs, sharing
/// one transport and one set of credentials.
struct CloudBackend {
    let target: CloudTarget
    let tokens: (any TokenProvider)?
    let warehouse: BigQueryWarehouse
    let iam: BigQueryIAM

    init(target: CloudTarget, environment: [String: String], transport: any HTTPTransport, policy: RetryPolicy = RetryPolicy()) throws {
        self.target = target
        // An emulator takes no credentials; everything else goes through the ADC chain.
        let tokens: (any TokenProvider)? = target.isEmulator ? nil : try CredentialChain.find(environment: environment, transport: transport)
        func client(_ api: String, _ base: URL?) -> GoogleAPIClient? {
            base.map { GoogleAPIClient(api: api, baseURL: $0, transport: transport, tokens: tokens, quotaProject: tokens?.quotaProject, policy: policy) }
        }
        let bigQuery = client("BigQuery", target.bigQueryBase)!
        self.tokens = tokens
        warehouse = BigQueryWarehouse(project: target.project, http: bigQuery, siblings: .init(
            connection: client("Connection API", target.connectionBase), dataTransfer: client("Data Transfer API", target.dataTransferBase),
            datastream: client("Datastream API", target.datastreamBase), lineage: client("Data Lineage API", target.lineageBase)))
        iam = BigQueryIAM(http: bigQuery)
    }
}
