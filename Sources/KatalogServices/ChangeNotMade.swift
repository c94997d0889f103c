import KatalogCore

/// A change a remote backend could not make, known for certain not to have happened — the
/// connection broke before an answer, and reading the state back showed nothing changed. A
/// backend failure for the user (exit 2, run it again), a failed outcome for the audit log.
public struct ChangeNotMade: UserFacingError, Equatable {
    public let message: LocalizedText
    public var isBadInput: Bool { false }

    public init(_ message: LocalizedText) {
        self.message = message
    }
}
