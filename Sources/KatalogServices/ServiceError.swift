import KatalogCore

/// What a service call can fail with, in terms a front end can act on: bad input and missing
/// things are the user's to fix (exit 1), conflicts ask them to reload, backend failures are
/// not their fault (exit 2).
public enum ServiceError: UserFacingError, Equatable {
    /// Rules refused the input; every problem is listed.
    case invalid([Problem])
    /// The thing asked for does not exist (the text names it).
    case notFound(LocalizedText)
    /// Someone changed it first (a stale etag); reload and try again.
    case conflict(LocalizedText)
    /// The backend failed; the text says what and what to do.
    case backend(LocalizedText)
    /// Allowed, but worth a second thought: a front end asks (default No) and tries again with
    /// `force`; the CLI says to add `--force`.
    case needsConfirmation([Problem])

    public var message: LocalizedText {
        switch self {
        case let .invalid(problems): InvalidInput(problems).message
        case let .notFound(text), let .conflict(text), let .backend(text): text
        case let .needsConfirmation(problems): InvalidInput(problems).message
        }
    }

    public var isBadInput: Bool {
        switch self {
        case .invalid, .notFound, .conflict, .needsConfirmation: true
        case .backend: false
        }
    }

    /// Throws `.invalid` when there is anything to complain about.
    public static func check(_ problems: [Problem]) throws(ServiceError) {
        if !problems.isEmpty { throw .invalid(problems) }
    }
}
