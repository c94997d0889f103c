import Foundation

extension UUID {
    /// Lower case, as the marketplace writes ids and users copy them.
    public var text: String { uuidString.lowercased() }
}
