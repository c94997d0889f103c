/// One datasett with every grant the user may see on it — what the API answers in one call.
public struct DatasettWithGrants: Hashable, Sendable, Codable {
    public let datasett: Datasett
    public let grants: [Grant]

    public init(datasett: Datasett, grants: [Grant]) {
        self.datasett = datasett
        self.grants = grants
    }
}
