/// Who a grant or access request is for.
public enum SubjectType: String, CaseIterable, Sendable, Codable {
    case user
    case group
    case serviceAccount
}

/// A grant subject: a type and a normalised e-mail. Its IAM form is `type:email`, e.g.
/// `user:ola.nordmann@nav.no`.
public struct Subject: Hashable, Sendable, Codable, CustomStringConvertible {
    public let type: SubjectType
    public let email: String

    /// Normalises the e-mail (trimmed, lower-cased); throws when it is not an address.
    public init(_ type: SubjectType, _ email: String) throws(InvalidInput) {
        switch EmailAddress.check(email) {
        case let .success(normalized):
            self.type = type
            self.email = normalized
        case let .failure(flaw):
            throw InvalidInput([Self.badEmail(email, flaw)])
        }
    }

    /// "All of NAV" on the marketplace.
    public static let allUsers = try! Subject(.group, "all-users@nav.no")

    public var isAllUsers: Bool { self == Self.allUsers }

    /// Parses the IAM member form `user:…`, `group:…`, `serviceAccount:…`.
    public init(iamMember text: String) throws(InvalidInput) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let type = SubjectType(rawValue: parts[0]) else {
            throw InvalidInput([Problem(field: "subject", code: "subject_format", message: LocalizedText(
                nb: "«\(TerminalText.line(text))» er ikke et gyldig subjekt. Skriv user:e-post, group:e-post eller serviceAccount:e-post.",
                en: "“\(TerminalText.line(text))” is not a valid subject. Write user:email, group:email or serviceAccount:email."))])
        }
        try self.init(type, parts[1])
    }

    public var iamMember: String { "\(type.rawValue):\(email)" }
    public var description: String { iamMember }

    static func badEmail(_ text: String, _ flaw: EmailAddress.Flaw) -> Problem {
        let shown = TerminalText.visible(String(text.prefix(100))) + (text.count > 100 ? "…" : "")
        let why = EmailAddress.explain(flaw)
        return Problem(field: "subject", code: "subject_format", message: LocalizedText(
            nb: "«\(shown)» er ikke en e-postadresse: \(why.nb). Oppgi for eksempel ola.nordmann@nav.no.",
            en: "“\(shown)” is not an e-mail address: \(why.en). Give one like ola.nordmann@nav.no."))
    }
}
