/// An error that can explain itself to the user: what happened and what to do, in their
/// language, and whether it was the user's input (exit 1) or a backend failure (exit 2).
public protocol UserFacingError: Error {
    var message: LocalizedText { get }
    var isBadInput: Bool { get }
    /// The command's exit status: 1 for bad input, 2 for a backend failure, unless the error
    /// says otherwise (3: a check found something).
    var exitCode: Int32 { get }
}

extension UserFacingError {
    public var exitCode: Int32 { isBadInput ? 1 : 2 }
}
