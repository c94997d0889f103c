/// A Google Cloud project id: 6–30 characters of lower-case ASCII letters, digits and hyphens,
/// starting with a letter and not ending with a hyphen (Resource Manager's documented rule).
public struct ProjectID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ text: String) throws(InvalidInput) {
        try InvalidInput.check(Self.problems(text))
        rawValue = text
    }

    public static func problems(_ text: String, field: String = "project") -> [Problem] {
        let valid = (6...30).contains(text.count)
            && text.first.map { $0.isASCII && $0.isLowercase } == true
            && text.last != "-"
            && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        if valid { return [] }
        return [Problem(field: field, code: "project_id", message: LocalizedText(
            nb: "«\(TerminalText.line(text))» er ikke en gyldig prosjekt-id: 6–30 tegn, små bokstaver a–z, sifre og bindestrek, første tegn en bokstav, ikke bindestrek til slutt.",
            en: "“\(TerminalText.line(text))” is not a valid project id: 6–30 characters of lower-case letters a–z, digits and hyphens, starting with a letter and not ending with a hyphen."))]
    }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

extension ProjectID: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
