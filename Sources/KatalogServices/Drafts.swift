import Foundation

/// Half-filled wizards, saved on every page change so a crash loses nothing.
public protocol Drafts: Sendable {
    func list() async throws -> [Draft]
    func load(_ id: UUID) async throws -> Draft?
    /// Inserts or replaces; returns the stored draft with its new `updated` time.
    func save(_ draft: Draft) async throws -> Draft
    func delete(_ id: UUID) async throws
}

public struct Draft: Hashable, Sendable, Codable, Identifiable {
    public let id: UUID
    /// What the draft is for, e.g. `dataprodukt` or `datasett`.
    public let kind: String
    public let title: String
    /// The wizard's own state, as JSON.
    public let payload: Data
    public let updated: Date

    public init(id: UUID = UUID(), kind: String, title: String, payload: Data, updated: Date = Date()) {
        self.id = id
        self.kind = kind
        self.title = title
        self.payload = payload
        self.updated = updated
    }
}
