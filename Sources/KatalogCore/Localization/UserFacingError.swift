/// An error that can explain itself to the user: what happened and what to do, in their
/// language, and whether it was the user's input (exit 1) or a backend failure (exit 2).
public protocol UserFacingError: Error {
    var message: LocalizedText { get }
    var isBadInput: Bool { get }
}
