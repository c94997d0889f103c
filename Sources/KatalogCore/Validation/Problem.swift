/// One thing wrong with an input. Validation returns every problem at once so a form can show
/// them all; `field` names the input it belongs to and `code` matches the marketplace's error
/// codes where one exists (`wrong_owner`, `expires_in_past`, …).
public struct Problem: Hashable, Sendable, Codable {
    public let field: String
    public let code: String
    public let message: LocalizedText

    public init(field: String, code: String, message: LocalizedText) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// Bad input, with every problem found.
public struct InvalidInput: UserFacingError, Equatable {
    public let problems: [Problem]

    public init(_ problems: [Problem]) {
        self.problems = problems
    }

    public var message: LocalizedText {
        LocalizedText(
            nb: problems.map(\.message.nb).joined(separator: "\n"),
            en: problems.map(\.message.en).joined(separator: "\n"))
    }

    public var isBadInput: Bool { true }

    /// Throws when there is anything to complain about.
    public static func check(_ problems: [Problem]) throws(InvalidInput) {
        if !problems.isEmpty { throw InvalidInput(problems) }
    }
}
